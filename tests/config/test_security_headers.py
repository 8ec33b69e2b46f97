"""Security headers on the pages (Content-Security-Policy with its nonce, Referrer-Policy, Permissions-Policy)
and the HTTPS switches, down to `manage.py check --deploy` under the README's production settings."""

import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

from config.security import content_security_policy, tile_origin
from geoportal.services.reports import Upload, report_create
from geoportal.tracking import tracking_code_display
from tests.factories import TOWN_CENTRE, jpeg_bytes

BASE_DIR = Path(__file__).resolve().parents[2]
OSM = "https://tile.openstreetmap.org"

EXPECTED_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-*'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", OSM],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "blob:"],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "frame-src": ["'none'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}


def _policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class _Scripts(HTMLParser):
    """Every <script> element (src, nonce, type) and every inline event handler or javascript: URL."""

    def __init__(self):
        super().__init__()
        self.scripts, self.handlers = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self.scripts.append(attrs)
        self.handlers += [f"{tag} {name}" for name in attrs if name.startswith("on")]
        self.handlers += [f"{tag} {name}" for name, value in attrs.items() if "javascript:" in (value or "").lower()]


def _inline_scripts_and_handlers(html: str):
    parser = _Scripts()
    parser.feed(html)
    inline = [s for s in parser.scripts if "src" not in s and s.get("type") != "application/json"]
    return inline, parser.handlers


@pytest.fixture
def pages(client, staff, settings):
    """A client signed in where needed, and the pages to check: citizen pages, desks, the admin and API docs."""
    settings.MAP_TILES_URL = f"{OSM}/{{z}}/{{x}}/{{y}}.png"
    report = report_create(
        category="jalan-rusak",
        lon=TOWN_CENTRE[0],
        lat=TOWN_CENTRE[1],
        photos=[Upload(jpeg_bytes())],
        description="Lubang",
    )
    get_user_model().objects.create_superuser("t-admin", "admin@example.org", "x-pass-123")
    return {
        "/": None,
        "/lapor/": None,
        f"/lacak/{tracking_code_display(report.tracking_code)}/": None,
        "/masuk/": None,
        "/staf/operator/": "t-operator",
        f"/staf/laporan/{report.pk}/": "t-operator",
        "/staf/pimpinan/": "t-pimpinan",
        "/admin/login/": None,
        "/admin/": "t-admin",
        f"/admin/geoportal/desa/{report.desa_id}/change/": "t-admin",
        "/api/docs/": None,
        "/api/redoc/": None,
    }


def _get(client, path, username):
    client.logout()
    if username:
        # force_login: django-axes wants the request that Client.login() does not pass to authenticate()
        client.force_login(get_user_model().objects.get(username=username))
    response = client.get(path)
    assert response.status_code == 200, path
    return response


def test_every_page_sends_the_policy_and_its_inline_scripts_carry_the_nonce(client, pages):
    nonced = set()
    for path, username in pages.items():
        response = _get(client, path, username)
        policy = _policy(response)
        nonce = next((s[len("'nonce-") : -1] for s in policy["script-src"] if s.startswith("'nonce-")), None)
        expected = {**EXPECTED_POLICY, "script-src": ["'self'", f"'nonce-{nonce}'"] if nonce else ["'self'"]}
        assert policy == expected, path
        assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
        inline, handlers = _inline_scripts_and_handlers(response.content.decode())
        assert handlers == [], path
        assert [s.get("nonce") for s in inline] == [nonce] * len(inline), path
        if inline:
            nonced.add(path)
    # The citizen map: folium's inline code (its head and the map) and the early request for the first reports; the
    # report form carries its small scripts inline (one round trip less on a slow line). Each with the nonce.
    assert nonced == {"/", "/lapor/"}
    home = _get(client, "/", None)
    assert len(_inline_scripts_and_handlers(home.content.decode())[0]) == 3


def test_the_nonce_is_new_for_every_request(client, db):
    first, second = client.get("/"), client.get("/")
    nonces = [re.search(r"'nonce-([^']+)'", r["Content-Security-Policy"]).group(1) for r in (first, second)]
    assert nonces[0] != nonces[1] and len(nonces[0]) >= 22
    assert f'nonce="{nonces[1]}"'.encode() in second.content and nonces[0].encode() not in second.content


def test_referrer_and_permissions_policy_on_every_page(client, pages):
    for path, username in pages.items():
        response = _get(client, path, username)
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", path
        features = dict(item.split("=", 1) for item in response["Permissions-Policy"].split(", "))
        assert features["geolocation"] == features["camera"] == "(self)", path
        for off in ("microphone", "payment", "usb", "serial", "bluetooth", "midi", "display-capture"):
            assert features[off] == "()", (path, off)
        assert response["X-Frame-Options"] == "DENY" and response["X-Content-Type-Options"] == "nosniff"


def test_swagger_ui_fetches_its_start_up_code_instead_of_running_it_inline(client, db):
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in script.content
    assert b'src="/api/docs/?script=' in client.get("/api/docs/").content


def test_redoc_loads_nothing_from_google(client, db):
    assert b"fonts.googleapis.com" not in client.get("/api/redoc/").content


def test_the_admin_map_widget_loads_openlayers_from_this_server(client, pages):
    path = next(p for p in pages if p.startswith("/admin/geoportal/desa/"))
    html = _get(client, path, "t-admin").content.decode()
    assert "cdn.jsdelivr.net" not in html and "/static/vendor/ol/ol.js" in html
    assert "/static/geoportal/admin_map.js" in html and 'id="id_geom_map_options"' in html


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tile.example.org/{z}/{x}/{y}.png", "https://*.tile.example.org"),
        ("https://tiles-{s}.example.org/{z}/{x}/{y}.png", "https://*.example.org"),
        ("http://127.0.0.1:8080/tiles/{z}/{x}/{y}.png", "http://127.0.0.1:8080"),
        ("/tiles/{z}/{x}/{y}.png", None),
        ("", None),
    ],
)
def test_the_basemap_origin_is_the_only_other_host_for_images(url, origin):
    img_src = content_security_policy(tiles_url=url)["DIRECTIVES"]["img-src"]
    assert tile_origin(url) == origin
    assert img_src == ["'self'", "data:", "blob:", *([origin] if origin else [])]


@pytest.mark.parametrize("url", ["https://tiles.{s}.example.org/{z}.png", "ftp://tiles.example.org/{z}.png"])
def test_a_tile_url_the_policy_cannot_express_is_refused_at_start(url):
    with pytest.raises(ImproperlyConfigured):
        tile_origin(url)


def test_without_a_basemap_images_come_from_this_server_only(client, db, settings):
    settings.MAP_TILES_URL = ""
    settings.CONTENT_SECURITY_POLICY = content_security_policy(tiles_url="")
    assert _policy(client.get("/lapor/"))["img-src"] == ["'self'", "data:", "blob:"]


# --- HTTPS switches and the deployment check ----------------------------------------------------------------


def _readme_production_env() -> dict[str, str]:
    """The variables the README's Production section exports, with a real secret key."""
    readme = (BASE_DIR / "README.md").read_text()
    section = readme.split("## Production", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    env = {}
    for line in block.splitlines():
        if line.startswith("export "):
            env.update(token.split("=", 1) for token in shlex.split(line, comments=True)[1:])
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "HTTPS"} <= env.keys(), env
    env["SECRET_KEY"] = get_random_secret_key()
    return env


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k not in ("DJANGO_DEBUG", "HTTPS") and not k.startswith("SECURE_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _deploy_check(env: dict[str, str]) -> subprocess.CompletedProcess:
    return _manage("check", "--deploy", "--fail-level", "WARNING", env=env)


def test_the_deploy_check_is_clean_under_the_readme_production_settings():
    result = _deploy_check(_readme_production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_without_https_the_deploy_check_warns_about_cookies_hsts_and_the_redirect():
    env = {k: v for k, v in _readme_production_env().items() if k != "HTTPS"}
    result = _deploy_check(env)
    assert result.returncode != 0
    warned = set(re.findall(r"security\.W\d+", result.stdout + result.stderr))
    assert warned == {"security.W004", "security.W008", "security.W012", "security.W016"}


def test_each_https_setting_can_be_overridden_alone():
    env = {**_readme_production_env(), "SECURE_SSL_REDIRECT": "0", "SECURE_HSTS_PRELOAD": "false"}
    result = _deploy_check(env)
    warned = set(re.findall(r"security\.W\d+", result.stdout + result.stderr))
    assert warned == {"security.W008", "security.W021"}


SHOW = (
    "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
    "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
    "s.SECURE_PROXY_SSL_HEADER)"
)


@pytest.mark.parametrize(
    ("env", "shown"),
    [
        # `make run`: plain http on 127.0.0.1, nothing of it on.
        ({}, "False False False 0 False False None"),
        ({"HTTPS": "1"}, "True True True 31536000 True True ('HTTP_X_FORWARDED_PROTO', 'https')"),
        ({"HTTPS": "1", "BEHIND_TLS_PROXY": "0", "SECURE_HSTS_SECONDS": "300"}, "True True True 300 True True None"),
    ],
)
def test_the_https_switch_and_its_defaults(env, shown):
    result = _manage("shell", "-v", "0", "-c", SHOW, env=env)
    assert result.stdout.strip() == shown, result.stderr


def test_behind_the_proxy_http_is_redirected_and_https_gets_hsts(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31_536_000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = settings.SECURE_HSTS_PRELOAD = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get("/lapor/")
    assert plain.status_code == 301 and plain["Location"] == "https://testserver/lapor/"
    secure = client.get("/lapor/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"

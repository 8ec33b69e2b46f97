"""Settings for the Trenggalek citizen-reporting server.

Everything that differs between a laptop and production comes from the environment (see README,
"Production"). With nothing set, the project runs on its embedded default: the project-managed PostGIS
cluster that `make run` starts, whose address scripts/pg.sh writes to var/database_url.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.security import content_security_policy

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("VAR_DIR", BASE_DIR / "var"))


def _env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("SECRET_KEY"):
        return key
    # The embedded default keeps a generated key in var/ so sessions survive restarts.
    path = VAR_DIR / "secret_key"
    if not path.exists():
        from django.core.management.utils import get_random_secret_key

        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(get_random_secret_key())
        path.chmod(0o600)
    return path.read_text().strip()


def _database_url(variable: str = "DATABASE_URL", file: str = "database_url") -> str | None:
    if url := os.environ.get(variable):
        return url
    # The embedded default's files, only when DATABASE_URL does not name another server or database.
    local = VAR_DIR / file
    if "DATABASE_URL" not in os.environ and local.exists():
        return local.read_text().strip()
    if variable != "DATABASE_URL":
        return None
    raise ImproperlyConfigured(
        "No database configured. Run `make run` (it starts the project's own PostGIS cluster), "
        "or set DATABASE_URL=postgis://user:password@host:5432/dbname for an existing PostGIS server."
    )


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "config.apps.LaporAdminConfig",  # django.contrib.admin with a site for administrators only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.gis",
    "rest_framework",
    "rest_framework_gis",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_fsm",
    "csp",
    "axes",
    "corsheaders",
    "geoportal",
    "workflow",
    "reports_pdf",
    "open311",
    "ogcapi",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early: a busy worker answers 503 + Retry-After before any work; retryable failures become 503, not 500.
    "config.overload.OverloadGuard",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.cors.PublicReadCorsMiddleware",  # before anything that answers (CommonMiddleware's redirects)
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a login refused for too many failures into the lockout answer.
    "axes.middleware.AxesMiddleware",
]

# --- CORS: other origins may read the public, read-only doors (config/cors.py) -------------------------------
# CORS_ALLOWED_ORIGINS: comma-separated origins (https://peta.example.go.id); empty: any origin.
CORS_ALLOWED_ORIGINS = [o.strip() for o in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",") if o.strip()]
CORS_ALLOW_ALL_ORIGINS = not CORS_ALLOWED_ORIGINS
CORS_URLS_REGEX = (
    r"^/(api/reports/(\d+/)?$|api/kecamatan/$|api/desa/$|api/categories/$|tiles/|"
    r"ogc/($|conformance$|api$|collections$|collections/(reports|kecamatan|desa)(/|$))|"
    r"open311/(v2/)?discovery\.\w+$|open311/v2/(services|services/[\w-]+|requests|requests/\d+|servicerequestupdates)"
    r"\.\w+$)"
)
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = ["Link", "ETag", "Content-Crs"]
CORS_ALLOW_CREDENTIALS = False
CORS_PREFLIGHT_MAX_AGE = 86400

# --- HTTPS and browser security headers (README, "Production") -------------------------------------------
# HTTPS=1 when the site is reached over https (normally nginx terminating TLS in front of gunicorn): secure
# cookies, the redirect from http, HSTS, and trust in the proxy's X-Forwarded-Proto. Each can be overridden
# by its own variable. Off by default: `make run` serves plain http on 127.0.0.1.
HTTPS = _env_bool("HTTPS")
SESSION_COOKIE_SECURE = _env_bool("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = _env_bool("CSRF_COOKIE_SECURE", HTTPS)
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = _env_bool("SECURE_HSTS_PRELOAD", HTTPS)
# Only behind a proxy that sets X-Forwarded-Proto itself (nginx: proxy_set_header X-Forwarded-Proto $scheme).
if _env_bool("BEHIND_TLS_PROXY", HTTPS):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Other hosts (the basemap's tile server) learn this site's origin, never a page's path: a tracking page's
# URL holds the citizen's code. OpenStreetMap's tile policy asks for a Referer, which rules out same-origin.
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
# Browser features: the report form asks for the position (geolocation) and may open the camera; the video
# player may go fullscreen. Everything else a page could ask for is off, for this site and any frame.
_FEATURES_OFF = (
    "accelerometer ambient-light-sensor autoplay bluetooth browsing-topics display-capture encrypted-media gyroscope "
    "hid idle-detection magnetometer microphone midi payment publickey-credentials-get screen-wake-lock serial usb "
    "xr-spatial-tracking"
)
PERMISSIONS_POLICY = {
    "geolocation": "self",
    "camera": "self",
    "fullscreen": "self",
    **{feature: [] for feature in _FEATURES_OFF.split()},
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(_database_url(), conn_max_age=60, conn_health_checks=True)}
if DATABASES["default"]["ENGINE"] != "django.contrib.gis.db.backends.postgis":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL with PostGIS (scheme postgis://).")
# Two roles (README, "Production"): DATABASE_URL's is the runtime role of the web app and the commands, which
# reads and writes rows; MIGRATE_DATABASE_URL's owns the schema, and `migrate` (and the test runner, which
# creates its own database) connect as it. After every migrate the runtime role gets its grants
# (config/database.py). Without MIGRATE_DATABASE_URL everything runs as DATABASE_URL's role, as before.
_migrate_url = _database_url("MIGRATE_DATABASE_URL", "migrate_database_url")
DATABASE_OWNER = dj_database_url.parse(_migrate_url) if _migrate_url else None
if DATABASE_OWNER and DATABASE_OWNER["NAME"] != DATABASES["default"]["NAME"]:
    raise ImproperlyConfigured("MIGRATE_DATABASE_URL must name the same database as DATABASE_URL.")
DATABASE_RUNTIME_ROLE = os.environ.get("DATABASE_RUNTIME_ROLE") or (
    DATABASES["default"]["USER"] if DATABASE_OWNER and DATABASE_OWNER["USER"] != DATABASES["default"]["USER"] else None
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before any password is checked (workflow/logins.py).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Bahasa Indonesia first; English available through the language switcher / Accept-Language.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Files that are never public (monthly PDFs, exports): outside MEDIA_ROOT, with no URL of their own.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Every file leaves through a view that asks the access policy (workflow.files). Behind nginx, set these to
# `internal` locations aliasing MEDIA_ROOT and PRIVATE_MEDIA_ROOT: the view decides, nginx sends the bytes
# (X-Accel-Redirect). Empty: Django streams the file itself.
MEDIA_ACCEL_REDIRECT_PREFIX = os.environ.get("MEDIA_ACCEL_REDIRECT_PREFIX", "")
PRIVATE_MEDIA_ACCEL_REDIRECT_PREFIX = os.environ.get("PRIVATE_MEDIA_ACCEL_REDIRECT_PREFIX", "")
# How long the link the citizen's tracking page gives to a file of a report that is not public stays valid.
MEDIA_SIGNATURE_MAX_AGE = int(os.environ.get("MEDIA_SIGNATURE_MAX_AGE", 3600))
# Uploads above this size go to a temporary file instead of memory (videos).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# GeoDjango 5.2 supports GDAL 3.1-3.11 but warns (gis.W001) that GDAL < 3.7 is deprecated. Debian 12
# ships 3.6, which is what production on Debian 12 runs; we use none of the 3.7+ features. Silenced on
# purpose and only this one: `make test` runs `manage.py check --fail-level WARNING` so any other
# warning still fails the build.
SILENCED_SYSTEM_CHECKS = ["gis.W001"]

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "geoportal.api.schema.ApiAutoSchema",
    # One error shape for every refusal: {detail, errors}, application/json, in the user's language.
    "EXCEPTION_HANDLER": "apicommon.errors.api_exception_handler",
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "apicommon.renderers.FormatNegotiation",
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "workflow.api.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_PARSER_CLASSES": [
        "apicommon.parsers.BoundedJSONParser",
        "apicommon.parsers.WordedFormParser",
        "apicommon.parsers.WordedMultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lapor Trenggalek API",
    "DESCRIPTION": (
        "Citizen reports of Kabupaten Trenggalek as GeoJSON (RFC 7946, EPSG:4326). Public endpoints never "
        "return reporter contact details or confidential (Pasukan Bayangan) reports."
    ),
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI and Redoc are served from this server (drf-spectacular-sidecar): no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"ReportStatusEnum": "geoportal.states.ReportStatus"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "geoportal.api.schema.document_plain_doors",
        "geoportal.api.schema.link_operations",
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint narrates every layout step at INFO; only its warnings matter.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Mail: the embedded default writes each message to var/mail/; production sets EMAIL_BACKEND=smtp and EMAIL_*.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Lapor Trenggalek <lapor@localhost>")

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "desk-home"
LOGOUT_REDIRECT_URL = "login"

# --- product settings -------------------------------------------------------------------------------
# The citizen map's basemap (any XYZ tile URL). Empty: no basemap, the map still shows boundaries and reports.
MAP_TILES_URL = os.environ.get("MAP_TILES_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_TILES_ATTRIBUTION = os.environ.get("MAP_TILES_ATTRIBUTION", "© OpenStreetMap contributors")
# django-csp: script nonces, no other host but the basemap's (config/security.py).
CONTENT_SECURITY_POLICY = content_security_policy(tiles_url=MAP_TILES_URL)
# Where the client's address is (flood limit, tracking-code limit, sign-in lockouts): REMOTE_ADDR, or e.g.
# HTTP_X_REAL_IP behind nginx (a header only the proxy sets; a client could forge it without the proxy).
CLIENT_ADDRESS_HEADER = os.environ.get("CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")
# A point outside every desa polygon (a beach, a boat just offshore, the ~15 m boundary uncertainty of
# the simplified polygons) takes the nearest desa within this distance; farther out it is refused.
BOUNDARY_TOLERANCE_M = float(os.environ.get("BOUNDARY_TOLERANCE_M", 1500))
# Where `make run` and the tests find the regency's boundaries.
BOUNDARIES_DIR = Path(os.environ.get("BOUNDARIES_DIR", BASE_DIR.parent / "shared" / "data" / "trenggalek"))

PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", 15 * 1024 * 1024))
# Anything above this many pixels is treated as a decompression bomb (a 40 MP phone photo is ~7,700 px wide).
PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", 60_000_000))
PHOTO_STORED_MAX_SIDE = 2560
PHOTO_THUMBNAIL_SIDE = 400
PHOTOS_PER_REPORT = 5
VIDEO_MAX_BYTES = int(os.environ.get("VIDEO_MAX_BYTES", 50 * 1024 * 1024))
VIDEO_MAX_SECONDS = int(os.environ.get("VIDEO_MAX_SECONDS", 60))

# Public feature list: page size and its ceiling.
REPORTS_PAGE_SIZE = 1000
REPORTS_PAGE_SIZE_MAX = 5000
# The citizen map shows up to this many reports as markers; above it, vector tiles with counts per area.
MAP_FEATURE_LIMIT = int(os.environ.get("MAP_FEATURE_LIMIT", 2000))
# Exports (CSV streams any size; a GeoPackage is written whole first, so it has a ceiling): geoportal/exports.py.
EXPORT_GEOPACKAGE_MAX_REPORTS = int(os.environ.get("EXPORT_GEOPACKAGE_MAX_REPORTS", 1_000_000))
OGR2OGR = os.environ.get("OGR2OGR", "ogr2ogr")

APP_NAME = _("Lapor Trenggalek")

# --- abuse resistance ---------------------------------------------------------------------------------
# Failed sign-ins (web, admin and POST /api/auth/token/) counted by django-axes in PostgreSQL. A username is
# locked only together with the address it is tried from, so nobody elsewhere can lock an officer out; an
# address that fails with many usernames (password spraying) is locked for every username. workflow/logins.py.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
LOGIN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("LOGIN_ADDRESS_FAILURE_LIMIT", 30))
LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 15))
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "workflow.logins.LoginFailureHandler"
AXES_COOLOFF_TIME = timedelta(minutes=LOGIN_LOCKOUT_MINUTES)
AXES_RESET_ON_SUCCESS = True  # the pair's failures only (LoginFailureHandler.reset_user_attempts)
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the time shown on the lockout page stays true
AXES_USERNAME_CALLABLE = "workflow.logins.login_username"
AXES_CLIENT_IP_CALLABLE = "geoportal.addresses.client_address"  # the same address as every other limit
AXES_LOCKOUT_CALLABLE = "workflow.logins.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# Tracking-code lookups and answers per client address (all doors: /lacak/, ?kode=, /api/track/), counted in
# PostgreSQL so every worker sees the same count; a code that opens nothing counts TRACKING_MISS_COST times.
TRACKING_LOOKUPS_PER_MINUTE = int(os.environ.get("TRACKING_LOOKUPS_PER_MINUTE", 20))
TRACKING_LOOKUPS_PER_HOUR = int(os.environ.get("TRACKING_LOOKUPS_PER_HOUR", 100))
TRACKING_MISS_COST = int(os.environ.get("TRACKING_MISS_COST", 3))
# API tokens (workflow.models.ApiToken) end after this many days unused, and in any case this many days after
# sign-in; signing out of the web, or changing the password, ends them too.
API_TOKEN_IDLE_DAYS = float(os.environ.get("API_TOKEN_IDLE_DAYS", 14))
API_TOKEN_MAX_DAYS = float(os.environ.get("API_TOKEN_MAX_DAYS", 90))

# Open311 GeoReport v2 (open311/): what discovery names, and each application's hourly limit of new requests.
OPEN311_CONTACT = os.environ.get("OPEN311_CONTACT", "Diskominfo Kabupaten Trenggalek, kominfo@trenggalekkab.go.id")
OPEN311_KEY_SERVICE = os.environ.get(
    "OPEN311_KEY_SERVICE", "Ask Diskominfo Kabupaten Trenggalek (kominfo@trenggalekkab.go.id) for an api_key."
)
OPEN311_REQUESTS_PER_HOUR = int(os.environ.get("OPEN311_REQUESTS_PER_HOUR", 300))
# Photos by media_url are never fetched from private, loopback or link-local addresses (tests switch this on).
OPEN311_MEDIA_ALLOW_PRIVATE = False

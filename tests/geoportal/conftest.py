"""Fixtures of the citizen-side browser tests."""

from urllib.parse import urlparse

import pytest

from tests.factories import TOWN_CENTRE


@pytest.fixture
def phone(browser, live_server, settings):
    settings.MAP_TILES_URL = ""  # no basemap: nothing may be fetched from another host
    context = browser.new_context(
        viewport={"width": 360, "height": 760},
        locale="id-ID",
        geolocation={"latitude": TOWN_CENTRE[1], "longitude": TOWN_CENTRE[0], "accuracy": 12},
        permissions=["geolocation"],
    )
    page = context.new_page()
    page.foreign = []
    page.errors = []
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    host = urlparse(live_server.url).netloc
    page.on("request", lambda r: page.foreign.append(r.url) if urlparse(r.url).netloc not in ("", host) else None)
    yield page
    context.close()

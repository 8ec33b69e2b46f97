"""The citizen map, built with folium and served entirely by this server (no CDN: folium's default_js and
default_css point at static/vendor/). Reports are not baked into the page: a small script loads the visible
area's public reports from /api/reports/ as the map moves, into a marker cluster; where the view holds more
than MAP_FEATURE_LIMIT reports it draws the vector tiles of /tiles/reports/ instead (counts per area)."""

import json
import re

import folium
from branca.element import MacroElement
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import urlencode
from jinja2 import Template

from geoportal.progress import (
    PROGRESS_COLOURS,
    STATUS_COLOURS,
    STATUS_PROGRESS,
    citizen_status_names,
    open_statuses,
)
from geoportal.selectors.areas import served_area_bounds

DEFAULT_BOUNDS = (111.39, -8.41, 111.85, -7.88)  # Kabupaten Trenggalek, before any boundary is loaded


class LiveReports(MacroElement):
    """Loads public reports for the visible area (GeoJSON from the API) into a marker cluster, and lists them."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.laporMap = {{ this._parent.get_name() }};
        window.laporConfig = {{ this.config }};
        {% endmacro %}
        """
    )

    def __init__(self, config: str):
        super().__init__()
        self._name = "LiveReports"
        self.config = config


def citizen_map() -> folium.Map:
    bounds = served_area_bounds() or DEFAULT_BOUNDS
    tiles = settings.MAP_TILES_URL or None
    m = folium.Map(
        location=[(bounds[1] + bounds[3]) / 2, (bounds[0] + bounds[2]) / 2],
        zoom_start=11,
        tiles=tiles,
        attr=settings.MAP_TILES_ATTRIBUTION if tiles else None,
        control_scale=False,  # map.js adds a metric-only scale
        prefer_canvas=True,
        min_zoom=8,
        max_zoom=19,
    )
    # What this map uses, nothing more: folium's defaults add jQuery, Bootstrap and Font Awesome for plugins this
    # map has none of (~95 KiB on a phone's first visit).
    m.default_js = [
        ("leaflet", static("vendor/leaflet/leaflet.js")),
        ("markercluster", static("vendor/markercluster/leaflet.markercluster.js")),
        ("vectorgrid", static("vendor/vectorgrid/Leaflet.VectorGrid.bundled.min.js")),
    ]
    m.default_css = [
        ("leaflet_css", static("vendor/leaflet/leaflet.css")),
        ("markercluster_css", static("vendor/markercluster/MarkerCluster.css")),
        ("markercluster_default_css", static("vendor/markercluster/MarkerCluster.Default.css")),
    ]
    m.fit_bounds([[bounds[1], bounds[0]], [bounds[3], bounds[2]]])
    config = {
        "colours": STATUS_COLOURS,
        "statusNames": citizen_status_names(),  # what citizens read for each state (not the office's words)
        "progress": PROGRESS_COLOURS,  # a cell's or cluster's colour: red while any report in it waits, and so on
        "statusProgress": STATUS_PROGRESS,  # each state's group (waiting, handling, done)
        # Above this many reports in view, the map draws vector tiles (counts per area) instead of markers.
        "featureLimit": settings.MAP_FEATURE_LIMIT,
        "tiles": "/tiles/reports/{z}/{x}/{y}.pbf",
        # The kecamatan outlines: fetched by map.js once the list shows (not in the page: ~18 KiB gzipped before
        # anything showed on a phone's first visit); the same answer as the form's map, so fetched once.
        "outlines": reverse("kecamatan-outlines"),
        # Every public report lies within the served area: a view holding it all lists the same reports as the
        # first request the page starts before the map library has loaded (first_reports_url).
        "area": [[bounds[1], bounds[0]], [bounds[3], bounds[2]]],
        "firstLimit": first_limit(),
    }
    m.add_child(LiveReports(json.dumps(config)))
    return m


def first_limit() -> int:
    """How many of the newest reports the map asks for first (map.js: the list shows, then the rest)."""
    return min(50, settings.MAP_FEATURE_LIMIT)


def first_reports_url() -> str:
    """The map's first question to the API (the whole served area's newest reports and their count), which the page
    asks as soon as its HTML arrives: on a phone's slow line it no longer waits for the map library (~1 s)."""
    west, south, east, north = served_area_bounds() or DEFAULT_BOUNDS
    query = {
        "status": open_statuses(),  # the status filter's first choice (home.html): what is still open
        "in_bbox": f"{west:.5f},{south:.5f},{east:.5f},{north:.5f}",
        "limit": first_limit(),
        "count": "true",
    }
    return f"{reverse('api-report-list')}?{urlencode(query)}"


def map_parts(m: folium.Map, *, nonce: str) -> dict[str, str]:
    """The pieces of folium's page to place into our own template: head, map div and script. Folium writes
    inline <script> blocks: each gets the request's Content-Security-Policy nonce, or the browser refuses to
    run it (the template puts the same nonce on the <script> around `script`)."""
    root = m.get_root()
    root.render()
    # Folium's own viewport tag forbids zooming (WCAG 1.4.4): the page's template has the right one.
    head = re.sub(r"<meta name=.viewport.[^>]*>", "", root.header.render())
    return {
        "head": _script_tags_nonced(head, nonce),
        "body": _script_tags_nonced(root.html.render(), nonce),
        "script": root.script.render(),
        "name": m.get_name(),
    }


def _script_tags_nonced(html: str, nonce: str) -> str:
    return re.sub(r"<script(?=[\s>])", f'<script nonce="{nonce}"', html, flags=re.IGNORECASE)

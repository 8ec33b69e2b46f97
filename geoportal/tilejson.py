"""TileJSON 3.0 for the report tiles, and a MapLibre / Mapbox GL style (version 8) that QGIS's vector tile layer
and web maps load: cells sized by their count at low zoom, each report in its status colour (geoportal.maps's
colours: red waiting, yellow being handled, green resolved) from CELL_MAX_ZOOM + 1 on."""

from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from config.http import public_read
from geoportal.models.tiles import CELL_MAX_ZOOM
from geoportal.progress import PROGRESS_GROUPS, STATUS_COLOURS
from geoportal.selectors.tiles import LAYER, MAX_ZOOM

_BOUNDS = [111.4, -8.45, 111.95, -7.9]  # Kabupaten Trenggalek with a margin
_CENTRE = [111.7086, -8.0506, 11]  # the town centre (Kel. Ngantru)


def _tiles_url(request: HttpRequest) -> str:
    template = reverse("report-tile", kwargs={"z": 0, "x": 0, "y": 0}).replace("/0/0/0.pbf", "/{z}/{x}/{y}.pbf")
    return request.build_absolute_uri(template).replace("%7B", "{").replace("%7D", "}")


@public_read(max_age=300)  # a changed style reaches QGIS (which keeps HTTP answers) within minutes
def report_tilejson(request: HttpRequest) -> JsonResponse:
    fields = {
        "kind": "cell|report",
        "count": "reports in a cell",
        **dict.fromkeys(PROGRESS_GROUPS, ""),  # a cell's count per progress group (geoportal.progress)
        "id": "report id",
        "status": "report status",
        "colour": "squad colour",
    }
    return JsonResponse(
        {
            "tilejson": "3.0.0",
            "name": _("Lapor Trenggalek public reports"),
            "attribution": "Pemerintah Kabupaten Trenggalek",
            "scheme": "xyz",
            "tiles": [_tiles_url(request)],
            "minzoom": 0,
            "maxzoom": MAX_ZOOM,
            "bounds": _BOUNDS,
            "center": _CENTRE,
            "vector_layers": [{"id": LAYER, "fields": fields, "minzoom": 0, "maxzoom": MAX_ZOOM}],
        }
    )


@public_read(max_age=300)  # a changed style reaches QGIS (which keeps HTTP answers) within minutes
def report_style(request: HttpRequest) -> JsonResponse:
    # One layer per colour with a plain filter, not a `match` expression: QGIS 3.22's style converter reads
    # filters but gives a `match` colour its fallback only (every report grey).
    by_colour: dict[str, list[str]] = {}
    for status, colour in STATUS_COLOURS.items():
        by_colour.setdefault(colour, []).append(status)
    report_layers = [
        {
            "id": f"reports-{statuses[0]}",
            "type": "circle",
            "source": LAYER,
            "source-layer": LAYER,
            "filter": ["all", ["==", "kind", "report"], ["in", "status", *statuses]],
            "paint": {
                "circle-color": colour,
                "circle-radius": 6,
                "circle-stroke-color": "#ffffff",
                "circle-stroke-width": 1.5,
            },
        }
        for colour, statuses in by_colour.items()
    ]
    return JsonResponse(
        {
            "version": 8,
            "name": _("Lapor Trenggalek reports by status"),
            "sources": {
                LAYER: {
                    "type": "vector",
                    "tiles": [_tiles_url(request)],
                    "minzoom": 0,
                    "maxzoom": MAX_ZOOM,
                    "bounds": _BOUNDS,
                }
            },
            "layers": [
                {
                    "id": "report-cells",
                    "type": "circle",
                    "source": LAYER,
                    "source-layer": LAYER,
                    "maxzoom": CELL_MAX_ZOOM + 1,
                    "filter": ["==", "kind", "cell"],
                    "paint": {
                        "circle-color": "#37474f",
                        "circle-opacity": 0.75,
                        "circle-stroke-color": "#ffffff",
                        "circle-stroke-width": 1.5,
                        "circle-radius": ["interpolate", ["linear"], ["get", "count"], 1, 5, 100, 14, 1000, 22],
                    },
                },
                *report_layers,
            ],
        }
    )

"""How far a report has come, as the public sees it (like Qlue: red waiting, yellow being handled, green done):
the progress groups of the states, their colours and their names, written once. The citizen map's markers and cells
(geoportal.maps hands these to static/geoportal/map.js in its configuration), its status filter and legend
(progress_legend), the vector tiles' counts (geoportal.selectors.tiles) and the monthly PDF's point map
(reports_pdf.charts) all read them here."""

from django.utils.translation import gettext_lazy as _

from geoportal.states import PUBLIC_STATUSES
from geoportal.states import ReportStatus as S

PROGRESS_COLOURS = {"waiting": "#c62828", "handling": "#f9a825", "done": "#2e7d32"}
PROGRESS_GROUPS = {
    "waiting": (S.RECEIVED, S.VERIFIED, S.DISPATCHED, S.RETURNED),
    "handling": (S.IN_PROGRESS, S.REOPENED),
    "done": (S.RESOLVED, S.CLOSED),
}
PROGRESS_LABELS = {"waiting": _("Waiting"), "handling": _("Being handled"), "done": _("Done")}
STATUS_PROGRESS = {str(status): group for group, statuses in PROGRESS_GROUPS.items() for status in statuses}
# The public's statuses and their colours (what the map colours a marker by).
STATUS_COLOURS = {
    str(status): PROGRESS_COLOURS[group]
    for group, statuses in PROGRESS_GROUPS.items()
    for status in statuses
    if status in PUBLIC_STATUSES
}


def progress_legend() -> list[dict]:
    """Each group as the citizen map's status filter and legend show it: its name, its colour and its public
    statuses (comma-separated, as the filter sends them)."""
    return [
        {
            "label": PROGRESS_LABELS[group],
            "colour": PROGRESS_COLOURS[group],
            "statuses": ",".join(str(status) for status in statuses if status in PUBLIC_STATUSES),
        }
        for group, statuses in PROGRESS_GROUPS.items()
    ]

"""How far a report has come, as the public sees it (like Qlue: red waiting, yellow being handled, green done):
the progress groups of the states, their colours and their names, written once. The citizen map's markers and cells
(geoportal.maps hands these to static/geoportal/map.js in its configuration), its status filter and legend
(progress_legend), the vector tiles' counts (geoportal.selectors.tiles) and the monthly PDF's point map
(reports_pdf.charts) all read them here.

Also the words citizens read for each state, written once: the office's labels (ReportStatus: "Diteruskan ke OPD")
stay on the staff pages; everything a citizen reads (the map, its list, legend and popups, the tracking and public
report pages, "Laporan saya", the citizen's e-mails and Open311's status notes) says it in everyday words."""

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

# The state as a citizen of Trenggalek would say it (Indonesian in locale/translate_id.py).
CITIZEN_STATUS_NAMES = {
    S.RECEIVED: _("Waiting to be checked"),
    S.VERIFIED: _("Checked"),
    S.DISPATCHED: _("Passed on to the agency"),
    S.RETURNED: _("Finding the right agency"),
    S.IN_PROGRESS: _("Being worked on"),
    S.REOPENED: _("Not fixed yet, being worked on again"),
    S.RESOLVED: _("Work done"),
    S.CLOSED: _("Finished"),
    S.REJECTED: _("Rejected"),
    S.DUPLICATE: _("Merged with another report"),
}


def citizen_status_name(status: str) -> str:
    """The citizen's words for a state, in the active language."""
    return str(CITIZEN_STATUS_NAMES[S(status)])


def citizen_status_names() -> dict[str, str]:
    """The public states in the citizen's words, for the map's script (geoportal.maps hands it over)."""
    return {str(status): str(name) for status, name in CITIZEN_STATUS_NAMES.items() if status in PUBLIC_STATUSES}


def progress_legend() -> list[dict]:
    """The map's legend and status filter: each progress group's colour, name, and its public states (the filter's
    value) with their citizen names."""
    return [
        {
            "group": group,
            "colour": PROGRESS_COLOURS[group],
            "name": str(PROGRESS_LABELS[group]),
            "statuses": ",".join(str(s) for s in statuses if s in PUBLIC_STATUSES),
            "names": [citizen_status_name(s) for s in statuses if s in PUBLIC_STATUSES],
        }
        for group, statuses in PROGRESS_GROUPS.items()
    ]


def open_statuses() -> str:
    """The public states still open (waiting or being handled), as the map's status filter sends them: the map's
    default view answers "what is still open here"."""
    return ",".join(str(s) for g in ("waiting", "handling") for s in PROGRESS_GROUPS[g] if s in PUBLIC_STATUSES)

"""How the workflow's states read in Open311: `open`/`closed` (GeoReport v2) and the extended statuses mySociety's
FixMyStreet and open311-adapter use in service request updates."""

from geoportal.states import ReportStatus

# state -> (GeoReport v2 status, extended status)
STATUS = {
    ReportStatus.RECEIVED: ("open", "open"),
    ReportStatus.VERIFIED: ("open", "open"),
    ReportStatus.DISPATCHED: ("open", "investigating"),
    ReportStatus.IN_PROGRESS: ("open", "in_progress"),
    ReportStatus.RETURNED: ("open", "internal_referral"),
    ReportStatus.REOPENED: ("open", "open"),
    ReportStatus.RESOLVED: ("closed", "fixed"),
    ReportStatus.CLOSED: ("closed", "closed"),
    ReportStatus.REJECTED: ("closed", "no_further_action"),
    ReportStatus.DUPLICATE: ("closed", "duplicate"),
}

OPEN = frozenset(state for state, (status, _extended) in STATUS.items() if status == "open")
CLOSED = frozenset(state for state, (status, _extended) in STATUS.items() if status == "closed")


def status_of(state: str) -> str:
    return STATUS[ReportStatus(state)][0]


def extended_status_of(state: str) -> str:
    return STATUS[ReportStatus(state)][1]

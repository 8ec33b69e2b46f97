"""Which reports a reader may see, written once: one object yields the Django filter, the SQL condition and the
answer for one report in hand.

The roles' choice of a Visibility is the workflow's policy (workflow.policies.report_visibility); the public's is
Visibility.public(), and what anyone may see is that and a public state (public_q, report_is_public). Querysets use
.q(), the SQL selectors (GeoJSON, tiles) .sql(), a report already in hand .admits(): the same fields, so they
cannot drift apart. The SQL is built with psycopg2.sql (identifiers and literals quoted by psycopg2), never by
pasting text.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q
from psycopg2 import sql

from geoportal.states import PUBLIC_STATUSES, ReportStatus


@dataclass(frozen=True)
class Visibility:
    """Everything (`everything`), or: the non-confidential reports (only those held by the OPD `opd_id` when
    `held_only`; none when that OPD is missing), plus every confidential one when `confidential`. `nothing` sees
    none."""

    everything: bool = False
    nothing: bool = False
    held_only: bool = False
    opd_id: int | None = None
    confidential: bool = False

    @classmethod
    def public(cls) -> "Visibility":
        """The public (and the verification desk): every report whose label is not confidential."""
        return cls()

    def q(self, *, prefix: str = "") -> Q:
        """The condition on geoportal.Report, for querysets (on another model: through `prefix`, such as
        "public_reports__" from a place)."""
        if self.everything:
            return Q()
        if self.nothing:
            return Q(**{f"{prefix}pk__in": []})
        confidential = Q(**{f"{prefix}category__confidential": True})
        open_ = ~confidential
        if self.held_only:
            open_ &= Q(**{f"{prefix}opd_id": self.opd_id}) if self.opd_id is not None else Q(**{f"{prefix}pk__in": []})
        return open_ | confidential if self.confidential else open_

    def admits(self, *, confidential: bool, opd_id: int | None = None) -> bool:
        """The same condition on one report in hand: its label's `confidential`, the OPD holding it (`opd_id`)."""
        if self.everything:
            return True
        if self.nothing:
            return False
        if confidential:
            return self.confidential
        return not self.held_only or (self.opd_id is not None and opd_id == self.opd_id)

    @lru_cache(maxsize=1024)  # noqa: B019 (frozen and small: a handful of roles and OPDs)
    def sql(self, *, report: str = "r", category: str = "c") -> sql.Composable:
        """The same condition in SQL, on a report row aliased `report` joined to its label aliased `category`."""
        if self.everything:
            return sql.SQL("TRUE")
        if self.nothing:
            return sql.SQL("FALSE")
        confidential = sql.Identifier(category, "confidential")
        open_ = sql.SQL("NOT {}").format(confidential)
        if self.held_only:
            held = sql.Identifier(report, "opd_id")
            open_ = sql.SQL("({} = {} AND {})").format(held, sql.Literal(self.opd_id), open_)
        if self.confidential:
            return sql.SQL("({} OR {})").format(open_, confidential)
        return open_


def public_q(*, prefix: str = "") -> Q:
    """What anyone may see, as a condition on geoportal.Report (through `prefix` from another model): a report past
    screening (states.PUBLIC_STATUSES) whose label is not confidential (Visibility.public()). The public map, its
    counts per area, the public report page, Open311 and the public files all ask here; the SQL selectors apply the
    same two halves (their default status filter and Audience.visibility)."""
    return Q(**{f"{prefix}status__in": PUBLIC_STATUSES}) & Visibility.public().q(prefix=prefix)


def report_is_public(*, status: str, confidential: bool) -> bool:
    """public_q for one report in hand (its status, its label's `confidential`)."""
    return status in PUBLIC_STATUSES and Visibility.public().admits(confidential=confidential)


def visible_statuses(*, staff: bool) -> list[str]:
    """The states a reader sees and may filter on: every one for staff (whose Visibility then chooses the reports),
    the public's (states.PUBLIC_STATUSES) for anyone else."""
    return ReportStatus.values if staff else sorted(PUBLIC_STATUSES)

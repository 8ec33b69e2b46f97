"""Which reports a reader may see, written once: one object yields both the Django filter and the SQL condition.

The roles' choice of a Visibility is the workflow's policy (workflow.policies.report_visibility); the public's is
Visibility.public(). Querysets use .q(), the SQL selectors (GeoJSON, tiles) .sql(): the same fields, so the two
cannot drift apart. The SQL is built with psycopg2.sql (identifiers and literals quoted by psycopg2), never by
pasting text.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Q
from psycopg2 import sql


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

    def q(self) -> Q:
        """The condition on geoportal.Report, for querysets."""
        if self.everything:
            return Q()
        if self.nothing:
            return Q(pk__in=[])
        open_ = ~Q(category__confidential=True)
        if self.held_only:
            open_ &= Q(opd_id=self.opd_id) if self.opd_id is not None else Q(pk__in=[])
        return open_ | Q(category__confidential=True) if self.confidential else open_

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

"""Performance figures for leadership, computed in PostgreSQL from the audit trail (workflow_reportevent).

An OPD is judged on its own episodes: an episode starts when a report is dispatched to it and lasts until
the report is dispatched again (after the OPD returned it) or for good. Within an episode:
  first response = dispatch → the OPD's first acknowledge or resolve;
  resolution     = dispatch → its last resolve, provided no reopen came after it (a reopened report keeps
                   the OPD's clock running until it is resolved again).
Durations are working days (lapor_working_days: Monday–Friday in Asia/Jakarta, holidays excluded).
Share within target = episodes whose clock stopped within the label's target / episodes whose outcome is
known (stopped, or still running and already past the target); a report the OPD returned does not count
for its shares. OPDs with fewer episodes than `min_count` are listed but not ranked.
"""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import connection

from workflow.calendar import WIB

MIN_COUNT_FOR_RANKING = 5

_EPISODES = """
WITH disp AS (
  SELECT e.report_id, e.opd_id, e.created_at AS t0,
         lead(e.created_at) OVER (PARTITION BY e.report_id ORDER BY e.created_at, e.id) AS t_next
  FROM workflow_reportevent e
  WHERE e.transition IN ('dispatch', 'redispatch')
), ep AS (
  SELECT d.report_id, d.opd_id, d.t0,
         min(x.created_at) FILTER (WHERE x.transition IN ('acknowledge', 'resolve')) AS t_resp,
         max(x.created_at) FILTER (WHERE x.transition = 'resolve') AS t_res,
         max(x.created_at) FILTER (WHERE x.transition = 'reopen') AS t_reopen,
         coalesce(bool_or(x.transition = 'return_to_operator'), false) AS returned,
         coalesce(bool_or(x.transition = 'reopen'), false) AS reopened
  FROM disp d
  LEFT JOIN workflow_reportevent x
    ON x.report_id = d.report_id AND x.created_at >= d.t0 AND x.created_at <= %(as_of)s
   AND (d.t_next IS NULL OR x.created_at < d.t_next)
   AND x.transition IN ('acknowledge', 'resolve', 'reopen', 'return_to_operator')
  WHERE d.t0 >= %(start)s AND d.t0 < %(end)s AND d.t0 <= %(as_of)s
  GROUP BY d.report_id, d.opd_id, d.t0
), m AS (
  SELECT ep.*, c.response_target_days AS rt, c.resolution_target_days AS st,
         lapor_working_days(ep.t0, ep.t_resp) AS resp_days,
         CASE WHEN ep.t_res IS NOT NULL AND (ep.t_reopen IS NULL OR ep.t_res > ep.t_reopen)
              THEN lapor_working_days(ep.t0, ep.t_res) END AS res_days,
         CASE WHEN ep.t_resp IS NULL OR ep.t_res IS NULL OR ep.t_reopen > ep.t_res
              THEN lapor_working_days(ep.t0, %(as_of)s) END AS open_days
  FROM ep JOIN geoportal_report r ON r.id = ep.report_id JOIN geoportal_category c ON c.id = r.category_id
)
"""

_OPD_SQL = (
    _EPISODES
    + """
SELECT o.code, o.name,
       count(m.report_id) AS episodes,
       count(m.t_resp) AS responded,
       count(m.res_days) AS resolved,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY m.resp_days) AS resp_median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY m.resp_days) AS resp_p90,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY m.res_days) AS res_median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY m.res_days) AS res_p90,
       count(*) FILTER (WHERE m.resp_days <= m.rt) AS resp_within,
       count(*) FILTER (WHERE m.t_resp IS NOT NULL OR (NOT m.returned AND m.open_days > m.rt)) AS resp_decided,
       count(*) FILTER (WHERE m.res_days <= m.st) AS res_within,
       count(*) FILTER (WHERE m.res_days IS NOT NULL OR (NOT m.returned AND m.open_days > m.st)) AS res_decided,
       count(*) FILTER (WHERE m.returned) AS returned,
       count(*) FILTER (WHERE m.reopened) AS reopened
FROM geoportal_opd o LEFT JOIN m ON m.opd_id = o.id
WHERE o.active OR m.report_id IS NOT NULL
GROUP BY o.id, o.code, o.name
ORDER BY o.code
"""
)

# Per report received in the period, from its audit trail, grouped by kecamatan or label.
_AREA_SQL = """
WITH rep AS (
  SELECT r.id, r.kecamatan_id, r.category_id, c.squad_id, r.created_at,
         coalesce(bool_or(e.transition = 'reject'), false) AS rejected,
         coalesce(bool_or(e.transition = 'mark_duplicate'), false) AS duplicate,
         min(e.created_at) FILTER (WHERE e.transition IN ('verify', 'reject', 'mark_duplicate')) AS screened_at,
         max(e.created_at) FILTER (WHERE e.transition IN ('dispatch', 'redispatch')) AS last_dispatch,
         max(e.created_at) FILTER (WHERE e.transition = 'resolve') AS last_resolve,
         max(e.created_at) FILTER (WHERE e.transition = 'reopen') AS last_reopen
  FROM geoportal_report r
  JOIN geoportal_category c ON c.id = r.category_id
  LEFT JOIN workflow_reportevent e ON e.report_id = r.id AND e.created_at <= %(as_of)s
  WHERE r.created_at >= %(start)s AND r.created_at < %(end)s AND r.created_at <= %(as_of)s
  GROUP BY r.id, c.squad_id
), x AS (
  SELECT rep.*,
         last_resolve IS NOT NULL AND (last_reopen IS NULL OR last_resolve > last_reopen) AS resolved,
         lapor_working_days(created_at, screened_at) AS verif_days,
         CASE WHEN last_resolve IS NOT NULL AND (last_reopen IS NULL OR last_resolve > last_reopen)
              THEN lapor_working_days(last_dispatch, last_resolve) END AS res_days
  FROM rep
)
SELECT g.{key}, g.{label},
       count(x.id) AS received,
       count(*) FILTER (WHERE x.rejected) AS rejected,
       count(*) FILTER (WHERE x.duplicate) AS duplicates,
       count(*) FILTER (WHERE x.last_dispatch IS NOT NULL) AS dispatched,
       count(*) FILTER (WHERE x.resolved) AS resolved,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY x.verif_days) AS verif_median,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY x.res_days) AS res_median,
       percentile_cont(0.9) WITHIN GROUP (ORDER BY x.res_days) AS res_p90
FROM {table} g LEFT JOIN x ON x.{fk} = g.id
GROUP BY g.id, g.{key}, g.{label}
ORDER BY g.{order}
"""


@dataclass(frozen=True)
class Period:
    start: date  # first day, Asia/Jakarta
    end: date  # first day after the period

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return datetime.combine(self.start, time.min, tzinfo=WIB), datetime.combine(self.end, time.min, tzinfo=WIB)

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(date(year, month, 1), date(year + month // 12, month % 12 + 1, 1))


@dataclass
class OpdFigures:
    code: str
    name: str
    episodes: int
    responded: int
    resolved: int
    response_median: float | None
    response_p90: float | None
    resolution_median: float | None
    resolution_p90: float | None
    response_within: int
    response_decided: int
    resolution_within: int
    resolution_decided: int
    returned: int
    reopened: int
    overdue_now: int = 0
    rank: int | None = None

    @property
    def response_share(self) -> float | None:
        return self.response_within / self.response_decided if self.response_decided else None

    @property
    def resolution_share(self) -> float | None:
        return self.resolution_within / self.resolution_decided if self.resolution_decided else None


@dataclass
class AreaFigures:
    key: str
    name: str
    received: int
    rejected: int
    duplicates: int
    dispatched: int
    resolved: int
    verification_median: float | None
    resolution_median: float | None
    resolution_p90: float | None

    @property
    def follow_up_rate(self) -> float | None:
        relevant = self.received - self.rejected - self.duplicates
        return self.resolved / relevant if relevant else None


def opd_performance(
    *, period: Period, as_of: datetime | None = None, min_count: int = MIN_COUNT_FOR_RANKING
) -> list[OpdFigures]:
    """Per OPD, its episodes dispatched within the period; ranked by median first response, then resolution share."""
    start, end = period.bounds
    as_of = as_of or datetime.now(tz=WIB)
    with connection.cursor() as cursor:
        cursor.execute(_OPD_SQL, {"start": start, "end": end, "as_of": as_of})
        rows = [OpdFigures(*row) for row in cursor.fetchall()]
        # Overdue now: the OPD's current reports past a deadline (mirrors workflow.services.clocks).
        cursor.execute(
            """
            SELECT o.code, count(*) FROM geoportal_report r JOIN geoportal_opd o ON o.id = r.opd_id
            WHERE (r.status = 'dispatched' AND r.response_due < %(as_of)s)
               OR (r.status IN ('dispatched', 'in_progress', 'reopened') AND r.resolution_due < %(as_of)s)
            GROUP BY o.code
            """,
            {"as_of": as_of},
        )
        overdue = dict(cursor.fetchall())
    for row in rows:
        row.overdue_now = overdue.get(row.code, 0)
    ranked = sorted(
        (r for r in rows if r.episodes >= min_count and r.response_median is not None),
        key=lambda r: (r.response_median, -(r.resolution_share or 0)),
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, r.code))


def kecamatan_performance(*, period: Period, as_of: datetime | None = None) -> list[AreaFigures]:
    return _area(period, as_of, table="geoportal_kecamatan", fk="kecamatan_id", key="kode", label="nama", order="kode")


def category_performance(*, period: Period, as_of: datetime | None = None) -> list[AreaFigures]:
    return _area(period, as_of, table="geoportal_category", fk="category_id", key="code", label="name", order="code")


def squad_performance(*, period: Period, as_of: datetime | None = None) -> list[AreaFigures]:
    return _area(period, as_of, table="geoportal_squad", fk="squad_id", key="code", label="name", order="order")


def _area(period: Period, as_of, **names) -> list[AreaFigures]:
    start, end = period.bounds
    with connection.cursor() as cursor:
        cursor.execute(_AREA_SQL.format(**names), {"start": start, "end": end, "as_of": as_of or datetime.now(tz=WIB)})
        return [AreaFigures(*row) for row in cursor.fetchall()]


# --- the desks' queues ---------------------------------------------------------------------------------


def queue_screening(*, actor):
    """Received reports to screen, oldest first (the operator's desk; the covert squad's for its labels)."""
    from geoportal.models import Report
    from workflow.policies import reports_visible_to
    from workflow.states import ReportStatus

    qs = reports_visible_to(actor, Report.objects.filter(status__in=[ReportStatus.RECEIVED, ReportStatus.VERIFIED]))
    if actor.role == "opd_officer":  # the covert squad screens only its confidential labels
        qs = qs.filter(category__confidential=True)
    return _with_display(qs).order_by("created_at", "id")


def queue_returned(*, actor):
    from geoportal.models import Report
    from workflow.policies import reports_visible_to
    from workflow.states import ReportStatus

    return _with_display(reports_visible_to(actor, Report.objects.filter(status=ReportStatus.RETURNED))).order_by(
        "updated_at"
    )


def queue_opd(*, actor):
    """The OPD's open reports: overdue ones first, then by the nearest deadline."""
    from django.db.models import Case, IntegerField, Value, When
    from django.utils import timezone

    from geoportal.models import Report
    from workflow.services.clocks import overdue_filter
    from workflow.states import ReportStatus

    open_states = [ReportStatus.DISPATCHED, ReportStatus.IN_PROGRESS, ReportStatus.REOPENED]
    qs = Report.objects.filter(opd_id=actor.opd_id, status__in=open_states)
    if not actor.covert:
        qs = qs.exclude(category__confidential=True)
    late = Case(When(overdue_filter(now=timezone.now()), then=Value(0)), default=Value(1), output_field=IntegerField())
    return _with_display(qs).annotate(on_time=late).order_by("on_time", "resolution_due", "id")


def report_similar_nearby(*, report, metres: int = 250, days: int = 30):
    """Reports with the same label within `metres` and `days` of this one: candidates for 'duplicate'."""
    from datetime import timedelta

    from django.contrib.gis.measure import D

    from geoportal.models import Report
    from workflow.states import ReportStatus

    return (
        Report.objects.filter(
            category_id=report.category_id,
            # index-friendly box in degrees first, then the true distance in metres
            location__dwithin=(report.location, metres / 111_320 * 1.5),
            location__distance_lte=(report.location, D(m=metres)),
            created_at__gte=report.created_at - timedelta(days=days),
            created_at__lte=report.created_at + timedelta(days=days),
        )
        .exclude(pk=report.pk)
        .exclude(status__in=[ReportStatus.REJECTED, ReportStatus.DUPLICATE])
        .select_related("category", "desa")
        .order_by("created_at")[:10]
    )


def _with_display(qs):
    from django.db.models import Prefetch

    from geoportal.models import ReportPhoto

    return qs.select_related("category__squad", "kecamatan", "desa", "opd").prefetch_related(
        Prefetch("photos", queryset=ReportPhoto.objects.filter(kind=ReportPhoto.Kind.REPORT).order_by("position"))
    )


# --- the citizen's view of a report ---------------------------------------------------------------------


@dataclass
class PublicStep:
    event: object  # workflow.models.ReportEvent
    note: str


def report_public_timeline(*, report) -> list[PublicStep]:
    """What a citizen sees of a report's life (its page and the tracking API): the public steps, notes only where
    they are meant for the citizen, never staff names."""
    from django.utils.translation import gettext as _

    from workflow.models import Role
    from workflow.policies import PUBLIC_NOTES, PUBLIC_TRANSITIONS

    events = (
        report.events.filter(transition__in=PUBLIC_TRANSITIONS)
        .select_related("opd", "photo")
        .order_by("created_at", "id")
    )
    steps = []
    for event in events:
        note = event.note if event.transition in PUBLIC_NOTES else ""
        if event.actor_role == Role.SYSTEM and event.transition == "close":
            note = _("Closed automatically: no answer after the fix.")
        steps.append(PublicStep(event=event, note=note))
    return steps

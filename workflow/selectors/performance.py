"""Performance figures for leadership, computed in PostgreSQL from the audit trail (workflow_reportevent).

An OPD is judged on its own episodes: an episode starts when a report is dispatched to it and lasts until
the report is dispatched again (after the OPD returned it) or for good. Within an episode:
  first response = dispatch → the OPD's first acknowledge or resolve;
  resolution     = dispatch → its last resolve, provided no reopen came after it (a reopened report keeps
                   the OPD's clock running until it is resolved again).
Durations are working days (lapor_working_days: Monday–Friday in WIB, holidays excluded).
Share within target = episodes whose clock stopped within the label's target / episodes whose outcome is
known (stopped, or still running and already past the target); a report the OPD returned does not count
for its shares. OPDs with fewer episodes than `min_count` are listed but not ranked.

The SQL functions lapor_episodes and lapor_outcomes (workflow/sql/) are the one definition of the
episodes and of each report's outcome. PostgreSQL keeps what they derive from the whole audit trail in
workflow_episode and workflow_reportoutcome (triggers on every insert into the trail), so the dashboard reads
pre-derived rows; only a clock still running needs its working days counted at query time. As of a past moment
(the monthly report of a past month), the reports whose trail moved since are derived afresh up to then. A report
counts from its first audit row ('receive', written with the report).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connection
from psycopg2 import sql

from geoportal.clocks import WIB, deadline_sql
from geoportal.states import ReportStatus as S
from workflow.policies import TRANSITIONS

MIN_COUNT_FOR_RANKING = 5

# The transitions the facts are made of (every one; a 'receive' after as_of adds a report the figures leave out):
# when none came after as_of, the stored facts are the facts as of then.
_FACT_TRANSITIONS = list(TRANSITIONS)


def _in_period(column: str) -> str:
    return f"{column} >= %(start)s AND {column} < %(end)s AND {column} <= %(as_of)s"


# Where the episodes and outcomes come from: the stored rows, or, as of a past moment, the stored rows of the reports
# the trail has not moved since (their facts then are the facts now) and the others' derived afresh up to then
# (the monthly report of last month re-derives the month's reports touched after its end: about one in seven).
_EPISODE_COLUMNS = (
    "report_id, opd_id, category_id, t0, t_next, t_resp, t_res, t_reopen, returned, reopened, resp_days, res_days"
)
_EPISODES_STORED = "workflow_episode"
# (opd_id = ANY (every OPD): the period's rows through the (opd_id, t0) index, one range per OPD.)
_EPISODES_AS_OF = f"""(
  SELECT {_EPISODE_COLUMNS} FROM workflow_episode
  WHERE opd_id = ANY (ARRAY(SELECT id FROM geoportal_opd)) AND {_in_period("t0")} AND last_event_at <= %(as_of)s
  UNION ALL
  SELECT {_EPISODE_COLUMNS} FROM lapor_episodes(ARRAY(
    SELECT DISTINCT report_id FROM workflow_episode
    WHERE opd_id = ANY (ARRAY(SELECT id FROM geoportal_opd)) AND {_in_period("t0")} AND last_event_at > %(as_of)s
  ), %(as_of)s)
)"""
_OUTCOME_COLUMNS = (
    "report_id, kecamatan_id, category_id, created_at, verified, rejected, duplicate, closed, last_dispatch, "
    "resolved, verif_days, res_days"
)
_OUTCOMES_STORED = "workflow_reportoutcome"
_OUTCOMES_AS_OF = f"""(
  SELECT {_OUTCOME_COLUMNS} FROM workflow_reportoutcome
  WHERE kecamatan_id = ANY (ARRAY(SELECT id FROM geoportal_kecamatan)) AND {_in_period("created_at")}
    AND (last_event_at IS NULL OR last_event_at <= %(as_of)s)
  UNION ALL
  SELECT {_OUTCOME_COLUMNS} FROM lapor_outcomes(ARRAY(
    SELECT report_id FROM workflow_reportoutcome
    WHERE kecamatan_id = ANY (ARRAY(SELECT id FROM geoportal_kecamatan)) AND {_in_period("created_at")}
      AND last_event_at > %(as_of)s
  ), %(as_of)s)
)"""

# One branch per OPD (or kecamatan, label, squad) of a UNION ALL: PostgreSQL runs the branches side by side in
# parallel workers (Parallel Append), each an index-only range scan with its own sorts for the percentiles,
# where a single GROUP BY would run in one process (ordered-set aggregates do not run in parallel) after sorting
# everything by group. The stored rows are read through the CTE inlined into each branch (NOT MATERIALIZED);
# rows derived as of a past moment once (MATERIALIZED).
_OPD_EPISODES = """
WITH m AS {materialized} (
  SELECT ep.opd_id, ep.t_resp, ep.resp_days, ep.res_days, ep.returned, ep.reopened,
         c.response_target_days AS rt, c.resolution_target_days AS st,
         -- A clock still running at as_of counts for the share once past the target (not if returned). Its
         -- working days are lapor_working_days(t0, as_of), with as_of's working seconds looked up beforehand
         -- (a sub-select would keep the branches out of parallel workers).
         CASE WHEN NOT ep.returned AND (ep.t_resp IS NULL OR ep.t_res IS NULL OR ep.t_reopen > ep.t_res)
              THEN lapor_working_days(ep.t0, %(as_of)s, lapor_working_seconds(ep.t0), %(as_of_seconds)s) END
              AS open_days
  FROM {episodes} ep JOIN geoportal_category c ON c.id = ep.category_id
  WHERE {in_period}
)
"""
_OPD_BRANCH = """
SELECT {position} AS position,
       count(*) AS episodes,
       count(m.t_resp) AS responded,
       count(m.res_days) AS resolved,
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY m.resp_days) AS resp_quantiles,
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY m.res_days) AS res_quantiles,
       count(*) FILTER (WHERE m.resp_days <= m.rt) AS resp_within,
       count(*) FILTER (WHERE m.t_resp IS NOT NULL OR m.open_days > m.rt) AS resp_decided,
       count(*) FILTER (WHERE m.res_days <= m.st) AS res_within,
       count(*) FILTER (WHERE m.res_days IS NOT NULL OR m.open_days > m.st) AS res_decided,
       count(*) FILTER (WHERE m.returned) AS returned,
       count(*) FILTER (WHERE m.reopened) AS reopened
FROM m WHERE m.opd_id = {opd_id}
"""

# Per report received in the period.
_AREA_OUTCOMES = """
WITH x AS {materialized} (
  SELECT oc.kecamatan_id, oc.category_id, oc.verified, oc.rejected, oc.duplicate, oc.last_dispatch, oc.resolved,
         oc.verif_days, oc.res_days
  FROM {outcomes} oc
  WHERE {in_period}
)
"""
_AREA_BRANCH = """
SELECT {position} AS position,
       count(*) AS received,
       count(*) FILTER (WHERE x.rejected) AS rejected,
       count(*) FILTER (WHERE x.duplicate) AS duplicates,
       count(*) FILTER (WHERE x.last_dispatch IS NOT NULL) AS dispatched,
       count(*) FILTER (WHERE x.resolved) AS resolved,
       count(*) FILTER (WHERE NOT (x.verified OR x.rejected OR x.duplicate)) AS awaiting,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY x.verif_days) AS verif_median,
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY x.res_days) AS res_quantiles
FROM x WHERE {condition}
"""


# The period's reports together (the monthly report's summary); reject reasons from the trail, for the rejected only.
# (kecamatan_id = ANY (every kecamatan): the period's rows through outcome_kecamatan_idx, index-only.)
_SUMMARY = """
WITH x AS {materialized} (
  SELECT oc.report_id, oc.verified, oc.rejected, oc.duplicate, oc.closed, oc.last_dispatch, oc.resolved,
         oc.verif_days
  FROM {outcomes} oc
  WHERE oc.kecamatan_id = ANY (ARRAY(SELECT id FROM geoportal_kecamatan)) AND {in_period}
)
SELECT count(*),
       count(*) FILTER (WHERE x.verified),
       count(*) FILTER (WHERE x.rejected),
       count(*) FILTER (WHERE x.duplicate),
       count(*) FILTER (WHERE x.last_dispatch IS NOT NULL),
       count(*) FILTER (WHERE x.resolved),
       count(*) FILTER (WHERE x.closed),
       count(*) FILTER (WHERE NOT (x.verified OR x.rejected OR x.duplicate)),
       percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY x.verif_days),
       (SELECT coalesce(json_object_agg(g.reason, g.n ORDER BY g.n DESC, g.reason), '{{}}')
        FROM (SELECT coalesce(e.reason, '') AS reason, count(*) AS n
              FROM x JOIN workflow_reportevent e
                ON e.report_id = x.report_id AND e.transition = 'reject' AND e.created_at <= %(as_of)s
              WHERE x.rejected GROUP BY 1) g)
FROM x
"""
# Received and resolved per calendar month (WIB) of the period.
_PER_MONTH = """
SELECT date_trunc('month', oc.created_at AT TIME ZONE %(zone)s)::date, count(*),
       count(*) FILTER (WHERE oc.resolved)
FROM {outcomes} oc
WHERE oc.kecamatan_id = ANY (ARRAY(SELECT id FROM geoportal_kecamatan)) AND {in_period}
GROUP BY 1
"""
# The episodes still open at as_of (the report held by the OPD: dispatched, in progress or reopened), from the
# stored episodes of the reports whose trail has not moved since and afresh for the others.
_HELD_EPISODES = """(
  SELECT report_id, opd_id, category_id, t0, t_resp FROM workflow_episode
  WHERE t_next IS NULL AND NOT returned AND (t_res IS NULL OR t_reopen > t_res)
    AND t0 <= %(as_of)s AND last_event_at <= %(as_of)s
  UNION ALL
  SELECT report_id, opd_id, category_id, t0, t_resp FROM lapor_episodes(ARRAY(
    SELECT DISTINCT report_id FROM workflow_reportevent
    WHERE transition = ANY (%(episode_transitions)s) AND created_at > %(as_of)s
  ), %(as_of)s)
  WHERE t_next IS NULL AND NOT returned AND (t_res IS NULL OR t_reopen > t_res)
)"""
# The held reports past a deadline at as_of, with the clock(s) they missed: the first response and the resolution,
# both counted from the dispatch to that OPD, their deadlines and the states they run in from geoportal.clocks. The
# episode tells the status at as_of as far as those clocks tell states apart: dispatched until the OPD's first
# response (acknowledge or resolve), in progress after it (a reopened report runs the same clocks).
_HELD_STATUS = sql.SQL("(CASE WHEN h.t_resp IS NULL THEN {} ELSE {} END)").format(
    sql.Literal(str(S.DISPATCHED)), sql.Literal(str(S.IN_PROGRESS))
)
_OVERDUE = sql.SQL("""
SELECT id, label, kecamatan, opd,
       CASE WHEN resp_due < %(as_of)s THEN lapor_working_days(resp_due, %(as_of)s) END AS resp_late,
       CASE WHEN res_due < %(as_of)s THEN lapor_working_days(res_due, %(as_of)s) END AS res_late
FROM (
  SELECT r.id, c.name AS label, k.nama AS kecamatan, o.code AS opd,
         {response_due} AS resp_due,
         {resolution_due} AS res_due
  FROM {held} h
  JOIN geoportal_report r ON r.id = h.report_id
  JOIN geoportal_category c ON c.id = r.category_id
  JOIN geoportal_kecamatan k ON k.id = r.kecamatan_id
  JOIN geoportal_opd o ON o.id = h.opd_id
) d
WHERE resp_due < %(as_of)s OR res_due < %(as_of)s
ORDER BY least(resp_due, res_due), id
""").format(
    response_due=deadline_sql("response", status=_HELD_STATUS, start=sql.SQL("h.t0")),
    resolution_due=deadline_sql("resolution", status=_HELD_STATUS, start=sql.SQL("h.t0")),
    held=sql.SQL(_HELD_EPISODES),
)
_EPISODE_TRANSITIONS = ["dispatch", "redispatch", "acknowledge", "resolve", "reopen", "return_to_operator"]


@dataclass(frozen=True)
class Period:
    start: date  # first day, in WIB
    end: date  # first day after the period

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return datetime.combine(self.start, time.min, tzinfo=WIB), datetime.combine(self.end, time.min, tzinfo=WIB)

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(date(year, month, 1), date(year + month // 12, month % 12 + 1, 1))

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self == Period.month(self.start.year, self.start.month)

    @property
    def last_day(self) -> date:
        return self.end - timedelta(days=1)

    def previous(self) -> "Period":
        """The period of the same length just before: as many calendar months for whole months (a month, the six-month
        trial), else as many days."""
        if self.start.day == 1 and self.end.day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
            index = self.start.year * 12 + self.start.month - 1 - months
            return Period(date(index // 12, index % 12 + 1, 1), self.start)
        return Period(self.start - (self.end - self.start), self.start)

    def months(self) -> list["Period"]:
        """The calendar months the period touches, each cut to the period."""
        parts, first = [], self.start.replace(day=1)
        while first < self.end:
            month = Period.month(first.year, first.month)
            parts.append(Period(max(month.start, self.start), min(month.end, self.end)))
            first = month.end
        return parts


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
    overdue: int = 0  # reports it held at as_of past a deadline (overdue_at)
    rank: int | None = None

    @property
    def response_share(self) -> float | None:
        return self.response_within / self.response_decided if self.response_decided else None

    @property
    def resolution_share(self) -> float | None:
        return self.resolution_within / self.resolution_decided if self.resolution_decided else None


class _FollowUp:
    """The follow-up of a group of received reports, written once for the area tables and the period's summary
    (their fields received, rejected, duplicates, awaiting and resolved)."""

    @property
    def accepted(self) -> int:
        """The reports the government took on: received, less rejected, duplicates and those still being screened."""
        return self.received - self.rejected - self.duplicates - self.awaiting

    @property
    def follow_up_rate(self) -> float | None:
        """Resolved / accepted (FIGURE_DEFINITIONS["follow_up_rate"])."""
        return self.resolved / self.accepted if self.accepted else None


@dataclass
class AreaFigures(_FollowUp):
    key: str
    name: str
    received: int
    rejected: int
    duplicates: int
    dispatched: int
    resolved: int
    awaiting: int  # not yet screened (verified, rejected or marked duplicate) at as_of
    verification_median: float | None
    resolution_median: float | None
    resolution_p90: float | None


@dataclass
class PeriodSummary(_FollowUp):
    """The reports received in a period, together: what happened to them as of a moment."""

    received: int
    verified: int
    rejected: int
    duplicates: int
    dispatched: int
    resolved: int
    closed: int
    open: int
    rejected_by_reason: dict[str, int]
    verification_median: float | None
    verification_p90: float | None
    awaiting: int = 0  # not yet screened at as_of


def opd_performance(
    *,
    period: Period,
    as_of: datetime | None = None,
    min_count: int = MIN_COUNT_FOR_RANKING,
    overdue: list[dict] | None = None,
) -> list[OpdFigures]:
    """Per OPD, its episodes dispatched within the period; ranked by median first response, then resolution share.
    Its overdue count is the number of overdue_at(as_of) rows it holds (`overdue`: that list, when the caller has it
    already, so that a report's column and its annex are the same computation)."""
    start, end = period.bounds
    as_of = as_of or datetime.now(tz=WIB)
    params = {"start": start, "end": end, "as_of": as_of}
    with connection.cursor() as cursor:
        cursor.execute("SELECT lapor_working_seconds(%s)", [as_of])
        params["as_of_seconds"] = cursor.fetchone()[0]
        cursor.execute("SELECT id, code, name, active FROM geoportal_opd ORDER BY code")
        opds = cursor.fetchall()
        head = _OPD_EPISODES.format(**_facts_as_of(cursor, as_of), in_period=_in_period("ep.t0"))
        branches = [_OPD_BRANCH.format(position=i, opd_id=int(opd[0])) for i, opd in enumerate(opds)]
        figures = _union(cursor, head, branches, params)
        rows = []
        for (_id, code, name, active), (episodes, responded, resolved, resp_q, res_q, *counts) in zip(
            opds, figures, strict=True
        ):
            if active or episodes:
                rows.append(
                    OpdFigures(code, name, episodes, responded, resolved, *_pair(resp_q), *_pair(res_q), *counts)
                )
        # Overdue at as_of: the one as-at list the monthly report's annex prints (a report counts once).
        held_late = Counter(row["opd"] for row in (_overdue_rows(cursor, as_of) if overdue is None else overdue))
    for row in rows:
        row.overdue = held_late.get(row.code, 0)
    ranked = sorted(
        (r for r in rows if r.episodes >= min_count and r.response_median is not None),
        key=lambda r: (r.response_median, -(r.resolution_share or 0)),
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return sorted(rows, key=lambda r: (r.rank is None, r.rank or 0, r.code))


def kecamatan_performance(*, period: Period, as_of: datetime | None = None) -> list[AreaFigures]:
    groups = "SELECT id, kode, nama, ARRAY[id] FROM geoportal_kecamatan ORDER BY kode"
    return _area(period, as_of, groups=groups, column="kecamatan_id")


def category_performance(*, period: Period, as_of: datetime | None = None) -> list[AreaFigures]:
    groups = "SELECT id, code, name, ARRAY[id] FROM geoportal_category ORDER BY code"
    return _area(period, as_of, groups=groups, column="category_id")


def squad_performance(*, period: Period, as_of: datetime | None = None) -> list[AreaFigures]:
    # A squad's reports are its labels' reports: one index range per label.
    groups = """
        SELECT s.id, s.code, s.name, ARRAY(SELECT c.id FROM geoportal_category c WHERE c.squad_id = s.id)
        FROM geoportal_squad s ORDER BY s."order"
    """
    return _area(period, as_of, groups=groups, column="category_id")


def _area(period: Period, as_of: datetime | None, *, groups: str, column: str) -> list[AreaFigures]:
    start, end = period.bounds
    as_of = as_of or datetime.now(tz=WIB)
    params = {"start": start, "end": end, "as_of": as_of}
    with connection.cursor() as cursor:
        cursor.execute(groups)
        rows = cursor.fetchall()
        head = _AREA_OUTCOMES.format(**_facts_as_of(cursor, as_of), in_period=_in_period("oc.created_at"))
        branches = [
            _AREA_BRANCH.format(position=i, condition=_any(column, ids)) for i, (_id, _k, _n, ids) in enumerate(rows)
        ]
        figures = _union(cursor, head, branches, params)
    return [
        AreaFigures(key, name, *counts, verif_median, *_pair(res_q))
        for (_id, key, name, _ids), (*counts, verif_median, res_q) in zip(rows, figures, strict=True)
    ]


def period_summary(*, period: Period, as_of: datetime | None = None) -> PeriodSummary:
    """The reports received in the period: counts by outcome, the reject reasons, the verification clock."""
    [row] = _outcome_query(_SUMMARY, period, as_of)
    received, verified, rejected, duplicates, dispatched, resolved, closed, awaiting, verif_q, reasons = row
    return PeriodSummary(
        received=received,
        verified=verified,
        rejected=rejected,
        duplicates=duplicates,
        dispatched=dispatched,
        resolved=resolved,
        closed=closed,
        open=received - rejected - duplicates - resolved,
        rejected_by_reason=reasons,
        verification_median=_pair(verif_q)[0],
        verification_p90=_pair(verif_q)[1],
        awaiting=awaiting,
    )


def received_per_month(*, period: Period, as_of: datetime | None = None) -> list[tuple[date, int, int]]:
    """(first day of the month, received, resolved as of `as_of`) for every month of the period, none left out."""
    counts = {month: (received, resolved) for month, received, resolved in _outcome_query(_PER_MONTH, period, as_of)}
    months, month = [], period.start.replace(day=1)
    while month < period.end:
        months.append((month, *counts.get(month, (0, 0))))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return months


def overdue_at(moment: datetime) -> list[dict]:
    """The reports an OPD held at `moment` past a deadline, replayed from the audit trail; the longest overdue
    first. Each row names the clocks it missed ("response", "resolution") with the working days past each."""
    with connection.cursor() as cursor:
        return _overdue_rows(cursor, moment)


def _overdue_rows(cursor, moment: datetime) -> list[dict]:
    cursor.execute(_OVERDUE, {"as_of": moment, "episode_transitions": _EPISODE_TRANSITIONS})
    rows = []
    for i, label, kec, opd, resp_late, res_late in cursor.fetchall():
        missed = {"response": resp_late, "resolution": res_late}
        clocks = [{"clock": clock, "days_overdue": late} for clock, late in missed.items() if late is not None]
        rows.append(
            {
                "id": i,
                "label": label,
                "kecamatan": kec,
                "opd": opd,
                "clocks": clocks,
                "days_overdue": max(c["days_overdue"] for c in clocks),
            }
        )
    return rows


# Each report received in the period (by `as_of`) with its status at `as_of`: the to_status of its latest audit row at
# or before then (one index range per report on event_report_idx).
_STATUSES_AT = """
SELECT ST_X(r.location), ST_Y(r.location), last.to_status
FROM geoportal_report r
CROSS JOIN LATERAL (
  SELECT e.to_status FROM workflow_reportevent e
  WHERE e.report_id = r.id AND e.created_at <= %(as_of)s
  ORDER BY e.created_at DESC, e.id DESC LIMIT 1
) last
WHERE r.created_at >= %(start)s AND r.created_at < %(end)s AND r.created_at <= %(as_of)s
ORDER BY r.id
"""


def statuses_at(*, period: Period, as_of: datetime) -> list[tuple[float, float, str]]:
    """(lon, lat, status at `as_of`) of the reports received in the period, replayed from the audit trail, rejected
    and duplicate ones left out (the status map of the monthly report)."""
    start, end = period.bounds
    with connection.cursor() as cursor:
        cursor.execute(_STATUSES_AT, {"start": start, "end": end, "as_of": as_of})
        return [(x, y, status) for x, y, status in cursor.fetchall() if status not in ("rejected", "duplicate")]


def _outcome_query(sql: str, period: Period, as_of: datetime | None) -> list[tuple]:
    """Run a query over the period's outcomes as of `as_of` (the stored rows when they still hold then)."""
    start, end = period.bounds
    as_of = as_of or datetime.now(tz=WIB)
    with connection.cursor() as cursor:
        cursor.execute(
            sql.format(**_facts_as_of(cursor, as_of), in_period=_in_period("oc.created_at")),
            {"start": start, "end": end, "as_of": as_of, "zone": WIB.key},
        )
        return cursor.fetchall()


def _union(cursor, head: str, branches: list[str], params: dict) -> list[tuple]:
    """The branches' rows, in branch order, without their position."""
    if not branches:
        return []
    cursor.execute(head + "\nUNION ALL\n".join(branches) + "\nORDER BY position", params)
    return [row[1:] for row in cursor.fetchall()]


def _facts_as_of(cursor, as_of: datetime) -> dict[str, str]:
    """Where a query's episodes and outcomes come from as of `as_of` (its {episodes}, {outcomes} and
    {materialized}): the stored rows when they still hold then (read through each branch: NOT MATERIALIZED), else
    the rows derived as of then (once: MATERIALIZED)."""
    stored = _facts_hold(cursor, as_of)
    return {
        "episodes": _EPISODES_STORED if stored else _EPISODES_AS_OF,
        "outcomes": _OUTCOMES_STORED if stored else _OUTCOMES_AS_OF,
        "materialized": "NOT MATERIALIZED" if stored else "MATERIALIZED",
    }


def _any(column: str, ids: list[int]) -> str:
    return f"x.{column} = ANY ('{{{','.join(str(int(i)) for i in ids)}}}'::bigint[])"


def _facts_hold(cursor, as_of: datetime) -> bool:
    """Whether the stored facts are the facts as of `as_of`: nothing they are made of happened after it
    (an index lookup per transition on event_transition_idx)."""
    cursor.execute(
        "SELECT NOT EXISTS (SELECT 1 FROM workflow_reportevent WHERE transition = ANY (%s) AND created_at > %s)",
        [_FACT_TRANSITIONS, as_of],
    )
    return cursor.fetchone()[0]


def _pair(quantiles: list[float | None] | None) -> tuple[float | None, float | None]:
    """percentile_cont(ARRAY[0.5, 0.9]): the median and the 90th percentile (NULL for no values)."""
    return tuple(quantiles) if quantiles else (None, None)

"""The tests' own reading of the audit trail: the leadership's figures recomputed in Python from workflow_reportevent
alone, with their own working-day calendar, episodes, outcomes, overdue clocks and quantiles. Written once, for every
test that checks a figure against the trail (tests/workflow/test_performance.py, test_facts.py,
tests/reports_pdf/test_recompute.py); it shares no code with the product's computation, only its definitions
(PRODUCT.md, workflow.selectors.performance's docstring).
"""

from collections import defaultdict
from datetime import date, datetime, time, timedelta
from fractions import Fraction

from geoportal.clocks import WIB
from geoportal.models import Opd, Report
from workflow.models import Holiday, ReportEvent
from workflow.selectors import Period

MIN_COUNT = 5
HELD = ("dispatched", "in_progress", "reopened")


# --- its own calendar ------------------------------------------------------------------------------------


class Calendar:
    def __init__(self):
        self.off = set(Holiday.objects.values_list("date", flat=True))

    def working(self, day: date) -> bool:
        return day.weekday() < 5 and day not in self.off

    def days(self, a: datetime, b: datetime) -> float:
        """Working days between two instants: the seconds that fall on working days (WIB), in days."""
        if b <= a:
            return 0.0
        a, b = a.astimezone(WIB), b.astimezone(WIB)
        total, day = 0.0, a.date()
        while day <= b.date():
            if self.working(day):
                lo = max(a, datetime.combine(day, time(0), tzinfo=WIB))
                hi = min(b, datetime.combine(day + timedelta(days=1), time(0), tzinfo=WIB))
                total += max(0.0, (hi - lo).total_seconds())
            day += timedelta(days=1)
        return total / 86400

    def deadline(self, start: datetime, n: int) -> datetime:
        local = start.astimezone(WIB)
        day, clock = local.date(), local.time()
        if not self.working(day):
            clock = time(0)
            while not self.working(day):
                day += timedelta(days=1)
        for _ in range(n):
            day += timedelta(days=1)
            while not self.working(day):
                day += timedelta(days=1)
        return datetime.combine(day, clock, tzinfo=WIB)


def quantile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    position = (len(values) - 1) * q
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


# --- its own reading of the audit trail -----------------------------------------------------------------


class Trail:
    """The audit trail as it stands now, read once; each method answers for a period and a moment `as_of`."""

    def __init__(self):
        self.cal = Calendar()
        self.events = defaultdict(list)
        for e in ReportEvent.objects.select_related("opd").order_by("created_at", "id"):
            self.events[e.report_id].append(e)
        self.reports = {r.id: r for r in Report.objects.select_related("category__squad", "kecamatan")}

    def opds(self, period: Period, as_of: datetime) -> dict[str, dict]:
        start, end = period.bounds
        per = defaultdict(lambda: defaultdict(list))
        for report_id, trail in self.events.items():
            category = self.reports[report_id].category
            dispatches = [i for i, e in enumerate(trail) if e.transition in ("dispatch", "redispatch")]
            for n, i in enumerate(dispatches):
                t0 = trail[i].created_at
                if not (start <= t0 < end and t0 <= as_of):
                    continue
                stop = trail[dispatches[n + 1]].created_at if n + 1 < len(dispatches) else None
                inside = [e for e in trail[i + 1 :] if (stop is None or e.created_at < stop) and e.created_at <= as_of]
                responses = [e.created_at for e in inside if e.transition in ("acknowledge", "resolve")]
                resolves = [e.created_at for e in inside if e.transition == "resolve"]
                reopens = [e.created_at for e in inside if e.transition == "reopen"]
                returned = any(e.transition == "return_to_operator" for e in inside)
                response = self.cal.days(t0, responses[0]) if responses else None
                resolved = bool(resolves) and (not reopens or resolves[-1] > reopens[-1])
                resolution = self.cal.days(t0, resolves[-1]) if resolved else None
                running = self.cal.days(t0, as_of)
                f = per[trail[i].opd.code]
                f["episodes"].append(report_id)
                if response is not None:
                    f["response"].append(response)
                if resolution is not None:
                    f["resolution"].append(resolution)
                open_clock = not returned and (response is None or resolution is None)
                rt, st = category.response_target_days, category.resolution_target_days
                f["resp_within"].append(response is not None and response <= rt)
                f["resp_decided"].append(response is not None or (open_clock and running > rt))
                f["res_within"].append(resolution is not None and resolution <= st)
                f["res_decided"].append(resolution is not None or (open_clock and running > st))
                f["returned"].append(returned)
                f["reopened"].append(bool(reopens))
        rows = {}
        for opd in Opd.objects.all():
            f = per.get(opd.code, defaultdict(list))
            if not opd.active and not f["episodes"]:
                continue
            rows[opd.code] = {
                "episodes": len(f["episodes"]),
                "responded": len(f["response"]),
                "resolved": len(f["resolution"]),
                "response": (quantile(f["response"], 0.5), quantile(f["response"], 0.9)),
                "resolution": (quantile(f["resolution"], 0.5), quantile(f["resolution"], 0.9)),
                "resp_share": (sum(f["resp_within"]), sum(f["resp_decided"])),
                "res_share": (sum(f["res_within"]), sum(f["res_decided"])),
                "returned": sum(f["returned"]),
                "reopened": sum(f["reopened"]),
                "overdue": 0,
                "rank": None,
            }
        for row in self.overdue(as_of):
            rows[row["opd"]]["overdue"] += 1
        ranked = sorted(
            (code for code, r in rows.items() if r["episodes"] >= MIN_COUNT and r["response"][0] is not None),
            key=lambda code: (
                rows[code]["response"][0],
                -(Fraction(*rows[code]["res_share"]) if rows[code]["res_share"][1] else 0),
            ),
        )
        for position, code in enumerate(ranked, start=1):
            rows[code]["rank"] = position
        return rows

    def overdue(self, as_of: datetime) -> list[dict]:
        """Held at as_of (its last row then leaves it dispatched, in progress or reopened) and past a deadline."""
        late = []
        for report_id, trail in self.events.items():
            upto = [e for e in trail if e.created_at <= as_of]
            if not upto or upto[-1].to_status not in HELD:
                continue
            i = max(k for k, e in enumerate(upto) if e.transition in ("dispatch", "redispatch"))
            t0 = upto[i].created_at
            category = self.reports[report_id].category
            responded = any(e.transition in ("acknowledge", "resolve") for e in upto[i + 1 :])
            clocks = {}
            if not responded and self.cal.deadline(t0, category.response_target_days) < as_of:
                clocks["response"] = self.cal.days(self.cal.deadline(t0, category.response_target_days), as_of)
            if self.cal.deadline(t0, category.resolution_target_days) < as_of:
                clocks["resolution"] = self.cal.days(self.cal.deadline(t0, category.resolution_target_days), as_of)
            if clocks:
                late.append({"id": report_id, "opd": upto[i].opd.code, "clocks": clocks})
        return late

    def outcomes(self, period: Period, as_of: datetime) -> list[dict]:
        start, end = period.bounds
        rows = []
        for report_id, report in self.reports.items():
            if not (start <= report.created_at < end and report.created_at <= as_of):
                continue
            upto = [e for e in self.events[report_id] if e.created_at <= as_of]
            did = {e.transition for e in upto}
            screened = [e.created_at for e in upto if e.transition in ("verify", "reject", "mark_duplicate")]
            dispatches = [e.created_at for e in upto if e.transition in ("dispatch", "redispatch")]
            resolves = [e.created_at for e in upto if e.transition == "resolve"]
            reopens = [e.created_at for e in upto if e.transition == "reopen"]
            resolved = bool(resolves) and (not reopens or resolves[-1] > reopens[-1])
            rows.append(
                {
                    "kecamatan": report.kecamatan.kode,
                    "label": report.category.code,
                    "squad": report.category.squad.code,
                    "verified": "verify" in did,
                    "rejected": "reject" in did,
                    "duplicate": "mark_duplicate" in did,
                    "dispatched": bool(dispatches),
                    "resolved": resolved,
                    "closed": "close" in did,
                    "verif": self.cal.days(report.created_at, screened[0]) if screened else None,
                    "res": self.cal.days(dispatches[-1], resolves[-1]) if resolved else None,
                }
            )
        return rows

"""Every figure of the leadership dashboard and of the PDF, recomputed in this test from the audit trail alone.

Three seeded months, plus reports written by hand into last month: one returned by PUPR and re-dispatched to BPBD,
one reopened by the citizen and resolved again, and an OPD of its own with two dispatches (below the minimum count,
listed but not ranked). The recomputation (tests/oracle.py) has its own working-day calendar, its own episode and
outcome logic and its own quantiles, the test its own rounding (half away from zero); it reads the figures off the
pages as they are printed:
the dashboard "at the end of the period" and "now", and the PDF. The dashboard at the end of the period and the PDF
must agree cell for cell.
"""

import re
from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from geoportal.clocks import WIB
from geoportal.models import Category, Opd, Report, Squad
from reports_pdf.figures import period_report_figures
from reports_pdf.render import monthly_report_render
from tests.factories import ReportFactory
from tests.oracle import Trail, quantile
from workflow.selectors import Period

pytestmark = pytest.mark.django_db

# --- the test's own rounding, as printed (Indonesian: decimal comma) -------------------------------------------


def days_texts(value: float | None) -> set[str]:
    """The text(s) a number of working days may print as: one, or two when it lies within float noise of a tie."""
    if value is None:
        return {"–"}
    texts = set()
    for nudge in (-1e-9, 0.0, 1e-9):
        rounded = Decimal(repr(abs(value) + nudge)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        texts.add(str(rounded if value >= 0 else -rounded).replace(".", ","))
    return texts


def percent_text(numerator: int, denominator: int) -> str:
    if not denominator:
        return "–"
    exact = Fraction(numerator * 100, denominator)
    whole = int(exact) + (1 if exact - int(exact) >= Fraction(1, 2) else 0)
    return f"{whole}%"


def pair_texts(a: float | None, b: float | None) -> set[str]:
    return {f"{x} / {y}" for x in days_texts(a) for y in days_texts(b)}


# --- the figures of a group of reports, as printed --------------------------------------------------------------


def area(rows: list[dict]) -> dict:
    received = len(rows)
    rejected = sum(r["rejected"] for r in rows)
    duplicates = sum(r["duplicate"] for r in rows)
    awaiting = sum(not (r["verified"] or r["rejected"] or r["duplicate"]) for r in rows)
    resolved = sum(r["resolved"] for r in rows)
    verif = [r["verif"] for r in rows if r["verif"] is not None]
    res = [r["res"] for r in rows if r["res"] is not None]
    return {
        "received": received,
        "verified": sum(r["verified"] for r in rows),
        "rejected": rejected,
        "duplicates": duplicates,
        "dispatched": sum(r["dispatched"] for r in rows),
        "resolved": resolved,
        "closed": sum(r["closed"] for r in rows),
        "awaiting": awaiting,
        "open": received - rejected - duplicates - resolved,
        "follow_up": percent_text(resolved, received - rejected - duplicates - awaiting),
        "verif": quantile(verif, 0.5),
        "verif_p90": quantile(verif, 0.9),
        "res": (quantile(res, 0.5), quantile(res, 0.9)),
    }


# --- reading the printed pages -----------------------------------------------------------------------------------


def _cells(row_html: str) -> list[str]:
    return [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", row_html, re.S)]


def opd_rows(html: str) -> dict[str, list[str]]:
    table = re.search(r'id="opd-table">(.*?)</table>', html, re.S).group(1)
    return {code: _cells(row) for code, row in re.findall(r'data-opd="([^"]+)">(.*?)</tr>', table, re.S)}


def area_rows(html: str) -> dict[str, list[list[str]]]:
    rows = defaultdict(list)
    for key, row in re.findall(r'data-area="([^"]+)">(.*?)</tr>', html, re.S):
        rows[key].append(_cells(row))
    return rows


def card(html: str, name: str) -> str:
    return re.search(rf'id="{name}">([^<]*)<', html).group(1).strip()


def check_opds(html: str, expected: dict[str, dict], where: str) -> None:
    printed = opd_rows(html)
    assert set(printed) == set(expected), where
    for code, e in expected.items():
        cells = printed[code]
        rank, _name, episodes, responded, resolved, response, resolution, share, overdue, returned, reopened = cells
        assert rank == (str(e["rank"]) if e["rank"] else "–"), (where, code)
        assert [int(episodes), int(responded), int(resolved)] == [e["episodes"], e["responded"], e["resolved"]], (
            where,
            code,
        )
        assert response in pair_texts(*e["response"]), (where, code, response, e["response"])
        assert resolution in pair_texts(*e["resolution"]), (where, code, resolution, e["resolution"])
        assert share == percent_text(*e["res_share"]), (where, code, share, e["res_share"])
        assert [int(overdue), int(returned), int(reopened)] == [e["overdue"], e["returned"], e["reopened"]], (
            where,
            code,
        )


def check_areas(html: str, expected: dict[str, dict], where: str) -> None:
    printed = area_rows(html)
    for key, e in expected.items():
        want = [
            e["received"],
            e["rejected"],
            e["duplicates"],
            e["dispatched"],
            e["resolved"],
            e["awaiting"],
            e["follow_up"],
        ]
        matches = [
            row
            for row in printed[key]
            if [int(x) for x in row[1:7]] + [row[7]] == want
            and row[8] in days_texts(e["verif"])
            and row[9] in pair_texts(*e["res"])
        ]
        assert matches, (where, key, want, e, printed[key])


def check_summary(html: str, e: dict, where: str) -> None:
    for name in ("received", "awaiting", "rejected", "duplicates", "dispatched", "resolved", "open"):
        assert int(card(html, name)) == e[name], (where, name)
    assert card(html, "follow-up") == e["follow_up"], where
    assert card(html, "verification") in days_texts(e["verif"]), where


def expected_areas(outcomes: list[dict], column: str) -> dict[str, dict]:
    groups = defaultdict(list)
    for row in outcomes:
        groups[row[column]].append(row)
    return groups


# --- the cases written by hand ---------------------------------------------------------------------------------


def _write(report, steps: list[tuple[str, str, str, Opd | None, datetime]]) -> None:
    with connection.cursor() as cursor:
        for transition, from_status, to_status, opd, at in steps:
            cursor.execute(
                """
                INSERT INTO workflow_reportevent (report_id, transition, from_status, to_status, actor_role, opd_id,
                                                  reason, note, created_at)
                VALUES (%s, %s, %s, %s, 'operator', %s, '', '', %s)
                """,
                [report.pk, transition, from_status, to_status, opd.pk if opd else None, at],
            )


def _handmade(first: datetime) -> dict:
    """The special cases, in the month starting at `first` (a Monday 08:00 WIB in its first week)."""
    pupr, bpbd, dlh = (Opd.objects.get(code=c) for c in ("PUPR", "BPBD", "DLH"))
    road, rubbish = Category.objects.get(code="jalan-rusak"), Category.objects.filter(default_opd=dlh).first()
    tiny = Opd.objects.create(code="UJI", name="Dinas Uji", active=True)
    h = timedelta(hours=1)
    d = timedelta(days=1)

    def report(category, status, opd):
        r = ReportFactory(category=category, status=status, opd=opd)
        Report.objects.filter(pk=r.pk).update(created_at=first)
        return r

    returned = report(road, "in_progress", bpbd)
    _write(
        returned,
        [
            ("receive", "", "received", None, first),
            ("verify", "received", "verified", None, first + h),
            ("dispatch", "verified", "dispatched", pupr, first + 2 * h),
            ("acknowledge", "dispatched", "in_progress", pupr, first + 5 * h),
            ("return_to_operator", "in_progress", "returned", pupr, first + d),
            ("redispatch", "returned", "dispatched", bpbd, first + d + 2 * h),
            ("acknowledge", "dispatched", "in_progress", bpbd, first + d + 7 * h),
        ],
    )
    reopened = report(rubbish, "resolved", dlh)
    _write(
        reopened,
        [
            ("receive", "", "received", None, first),
            ("verify", "received", "verified", None, first + 3 * h),
            ("dispatch", "verified", "dispatched", dlh, first + 4 * h),
            ("resolve", "dispatched", "resolved", dlh, first + d),
            ("reopen", "resolved", "reopened", dlh, first + d + 6 * h),
            ("acknowledge", "reopened", "in_progress", dlh, first + 2 * d),
            ("resolve", "in_progress", "resolved", dlh, first + 3 * d + 3 * h),
        ],
    )
    small = []
    for k in range(2):
        r = report(road, "dispatched", tiny)
        _write(
            r,
            [
                ("receive", "", "received", None, first),
                ("verify", "received", "verified", None, first + h),
                ("dispatch", "verified", "dispatched", tiny, first + (2 + k) * h),
            ],
        )
        small.append(r)
    return {"returned": returned, "reopened": reopened, "small": small}


def _first_monday(month: Period) -> datetime:
    day = month.start
    while day.weekday() != 0:
        day += timedelta(days=1)
    return datetime.combine(day, time(8), tzinfo=WIB)


def _months_back(now: datetime, n: int) -> Period:
    year, month = now.year, now.month - n
    while month < 1:
        year, month = year - 1, month + 12
    return Period.month(year, month)


# --- the test ------------------------------------------------------------------------------------------------------


def test_every_figure_of_the_dashboard_and_the_pdf_is_recomputed_from_the_audit_trail(holidays, staff):
    call_command("seed_demo", reports=1500, months=3, seed=31, verbosity=0)
    now = datetime.now(tz=WIB)
    last = _months_back(now, 1)
    cases = _handmade(_first_monday(last))
    trail = Trail()
    client = Client(HTTP_ACCEPT_LANGUAGE="id")
    client.force_login(staff["leadership"].user)

    squads = {s.code: s for s in Squad.objects.all()}
    periods = [_months_back(now, 2), last, _months_back(now, 0), Period(_months_back(now, 2).start, last.end)]
    checked = 0
    for period in periods:
        query = {"dari": f"{period.start:%Y-%m-%d}", "sampai": f"{period.last_day:%Y-%m-%d}"}
        figures = period_report_figures(period=period)
        pdf_html, pdf = monthly_report_render(figures=figures)
        assert pdf.startswith(b"%PDF")
        at_end = client.get("/staf/pimpinan/", {**query, "per": "akhir"})
        at_now = client.get("/staf/pimpinan/", {**query, "per": "sekarang"})
        assert at_end.status_code == at_now.status_code == 200
        if period.bounds[1] <= now:
            assert at_end.context["f"].as_of == figures.as_of == period.bounds[1]
        for page_html, as_of, where in (
            (pdf_html, figures.as_of, f"PDF {period}"),
            (at_end.content.decode(), at_end.context["f"].as_of, f"dashboard at the end {period}"),
            (at_now.content.decode(), at_now.context["f"].as_of, f"dashboard now {period}"),
        ):
            opds = trail.opds(period, as_of)
            check_opds(page_html, opds, where)
            outcomes = trail.outcomes(period, as_of)
            summary = area(outcomes)
            check_summary(page_html, summary, where)
            kecamatan = {k: area(rows) for k, rows in expected_areas(outcomes, "kecamatan").items()}
            labels = {k: area(rows) for k, rows in expected_areas(outcomes, "label").items()}
            check_areas(page_html, kecamatan | labels, where)
            # The previous period of the same length, the same time after its own end.
            previous = period.previous()
            before = area(trail.outcomes(previous, as_of - (period.bounds[1] - previous.bounds[1])))
            assert f"{before['received']}</small>" in page_html and before["follow_up"] in page_html, where
            if page_html is pdf_html:
                check_areas(page_html, {k: area(rows) for k, rows in expected_areas(outcomes, "squad").items()}, where)
                assert set(squads) <= set(area_rows(page_html))  # squads without reports are listed too
                # The annex: every report held past a deadline at the instant, with each clock it missed.
                annex = {
                    int(i): _cells(row) for i, row in re.findall(r'data-overdue="(\d+)">(.*?)</tr>', page_html, re.S)
                }
                late = {row["id"]: row for row in trail.overdue(as_of)}
                assert set(annex) == set(late), where
                for report_id, row in late.items():
                    clocks = annex[report_id][4]
                    for clock, days in row["clocks"].items():
                        name = "respons pertama" if clock == "response" else "penyelesaian"
                        assert any(f"{name} ({t})" in clocks for t in days_texts(days)), (where, report_id, clocks)
                    assert len(clocks.split(") ")) == len(row["clocks"]), (where, report_id, clocks)
            checked += 1
        # The dashboard at the end of the period and the PDF: the same cells.
        end_html = at_end.content.decode()
        assert opd_rows(end_html) == opd_rows(pdf_html), period
        for key, rows in area_rows(end_html).items():
            assert all(row in area_rows(pdf_html)[key] for row in rows), (period, key)
        for name in ("received", "awaiting", "rejected", "duplicates", "dispatched", "resolved", "open", "follow-up"):
            assert card(end_html, name) == card(pdf_html, name), (period, name)
    assert checked == 12

    # The cases by hand, in last month's figures at its end.
    opds = trail.opds(last, last.bounds[1])
    assert opds["UJI"]["episodes"] == 2 and opds["UJI"]["rank"] is None
    row = opd_rows(monthly_report_render(figures=period_report_figures(period=last))[0])["UJI"]
    assert row[0] == "–" and row[2] == "2"
    returned = [e.transition for e in trail.events[cases["returned"].pk]]
    assert returned.count("acknowledge") == 2 and "redispatch" in returned
    assert opds["PUPR"]["returned"] >= 1 and opds["DLH"]["reopened"] >= 1

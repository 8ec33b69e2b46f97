"""The monthly report's figures as at its instant, replayed from the audit trail: the overdue column and its annex
(one computation), and the status map; whatever happened to the reports since."""

import base64
import re
from datetime import datetime
from pathlib import Path

import pytest
from django.db import connection

from geoportal.clocks import WIB
from geoportal.models import Category, Opd
from reports_pdf import charts
from reports_pdf.figures import monthly_figures
from reports_pdf.render import monthly_report_render
from tests.factories import ReportFactory
from workflow.selectors import Period, opd_performance, statuses_at

pytestmark = pytest.mark.django_db

MONTH = Period.month(2025, 3)
END = MONTH.bounds[1]


def _at(day: int, hour: int, month: int = 3) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=WIB)


def _trail(report, opd, steps: list[tuple[str, str, str, datetime]]) -> None:
    """Audit rows written as they would have been (the facts follow by trigger)."""
    with connection.cursor() as cursor:
        for transition, from_status, to_status, at in steps:
            cursor.execute(
                """
                INSERT INTO workflow_reportevent (report_id, transition, from_status, to_status, actor_role, opd_id,
                                                  reason, note, created_at)
                VALUES (%s, %s, %s, %s, 'operator', %s, '', '', %s)
                """,
                [report.pk, transition, from_status, to_status, opd.pk if to_status != "received" else None, at],
            )


def _deadline(at: datetime, days: int) -> datetime:
    with connection.cursor() as cursor:
        cursor.execute("SELECT lapor_working_deadline(%s, %s)", [at, days])
        return cursor.fetchone()[0]


def _report(opd, category, created: datetime, steps: list[tuple[str, str, datetime]], status: str):
    report = ReportFactory(category=category, status=status, opd=opd)
    type(report).objects.filter(pk=report.pk).update(created_at=created)
    trail = [("receive", "", "received", created)]
    previous = "received"
    for transition, to_status, at in steps:
        trail.append((transition, previous, to_status, at))
        previous = to_status
    _trail(report, opd, trail)
    return report


@pytest.fixture
def march(holidays):
    """Three PUPR reports of March 2025, all resolved by now (the report table's state says none is late):
    - late_fix: acknowledged at once, resolved only in April, past its resolution deadline at March's end;
    - silent: dispatched on 20 March, first acknowledged in April, past its response deadline at March's end;
    - on_time: acknowledged and resolved within its targets in March."""
    pupr = Opd.objects.get(code="PUPR")
    road = Category.objects.get(code="jalan-rusak")
    assert _deadline(_at(4, 9), road.resolution_target_days) < END  # the case needs a deadline within March
    assert _deadline(_at(20, 9), road.response_target_days) < END <= _deadline(_at(20, 9), road.resolution_target_days)
    late_fix = _report(
        pupr,
        road,
        _at(3, 10),
        [
            ("verify", "verified", _at(3, 11)),
            ("dispatch", "dispatched", _at(4, 9)),
            ("acknowledge", "in_progress", _at(4, 10)),
            ("resolve", "resolved", _at(10, 10, month=4)),
        ],
        "resolved",
    )
    silent = _report(
        pupr,
        road,
        _at(19, 10),
        [
            ("verify", "verified", _at(19, 11)),
            ("dispatch", "dispatched", _at(20, 9)),
            ("acknowledge", "in_progress", _at(7, 9, month=4)),
            ("resolve", "resolved", _at(8, 9, month=4)),
        ],
        "resolved",
    )
    on_time = _report(
        pupr,
        road,
        _at(5, 10),
        [
            ("verify", "verified", _at(5, 11)),
            ("dispatch", "dispatched", _at(5, 12)),
            ("acknowledge", "in_progress", _at(5, 13)),
            ("resolve", "resolved", _at(6, 13)),
        ],
        "resolved",
    )
    return {"late_fix": late_fix, "silent": silent, "on_time": on_time}


def test_a_report_resolved_after_the_months_end_is_overdue_at_it_in_the_column_and_the_annex_alike(march):
    figures = monthly_figures(year=2025, month=3)
    assert figures.as_of == END
    annex = {row["id"]: row for row in figures.overdue}
    assert set(annex) == {march["late_fix"].pk, march["silent"].pk}
    # Each with the clock it missed: the resolution for the one acknowledged at once, the response for the silent one.
    assert [c["clock"] for c in annex[march["late_fix"].pk]["clocks"]] == ["resolution"]
    assert [c["clock"] for c in annex[march["silent"].pk]["clocks"]] == ["response"]
    assert all(row["days_overdue"] > 0 and row["opd"] == "PUPR" for row in annex.values())
    pupr = next(o for o in figures.opds if o.code == "PUPR")
    assert pupr.overdue == 2 == sum(row["opd"] == "PUPR" for row in figures.overdue)
    # The same count straight from the selector (no list handed in), and none today: all three are resolved now.
    assert next(o for o in opd_performance(period=MONTH, as_of=END) if o.code == "PUPR").overdue == 2
    assert next(o for o in opd_performance(period=MONTH) if o.code == "PUPR").overdue == 0

    html, _pdf = monthly_report_render(figures=figures, opd="PUPR")
    row = re.search(r'data-opd="PUPR">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="n">(\d+)</td>', row)[3] == "2"  # diteruskan, direspons, selesai, lewat tenggat
    listed = [int(i) for i in re.findall(r'data-overdue="(\d+)"', html)]
    assert sorted(listed) == sorted(annex)
    annex_html = html[html.index('id="overdue"') :]
    assert "respons pertama (" in annex_html and "penyelesaian (" in annex_html


def test_the_status_map_shows_each_reports_status_at_the_instant(march):
    statuses = sorted(status for _x, _y, status in statuses_at(period=MONTH, as_of=END))
    assert statuses == ["dispatched", "in_progress", "resolved"]  # what they were on 1 April
    assert sorted(status for _x, _y, status in statuses_at(period=MONTH, as_of=_at(20, 10))) == [
        "dispatched",
        "in_progress",
        "resolved",
    ]
    assert [s for _x, _y, s in statuses_at(period=MONTH, as_of=_at(4, 9, month=5))] == ["resolved"] * 3  # today's
    assert statuses_at(period=MONTH, as_of=_at(3, 9)) == []  # before any was received

    figures = monthly_figures(year=2025, month=3)
    html, _pdf = monthly_report_render(figures=figures)
    maps = [base64.b64decode(uri).decode() for uri in re.findall(r"data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)", html)]
    legend = next(svg for svg in maps if "Menunggu (" in svg)
    assert "Menunggu (1)" in legend and "Sedang ditangani (1)" in legend and "Selesai (1)" in legend


def test_the_charts_draw_only_what_they_are_given():
    source = Path(charts.__file__).read_text()
    assert "django.db" not in source and "connection" not in source and "cursor" not in source

import re
from datetime import datetime

import pytest
from django.core.management import call_command
from django.db import connection

from reports_pdf.figures import monthly_figures
from reports_pdf.render import monthly_report_render
from workflow.calendar import WIB
from workflow.selectors import Period

pytestmark = pytest.mark.django_db


def _last_month() -> tuple[int, int]:
    now = datetime.now(tz=WIB)
    return (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)


def _card(html: str, name: str) -> int:
    return int(re.search(rf'<b id="{name}">(\d+)</b>', html).group(1))


def test_the_pdf_shows_the_months_figures_recomputed_independently(holidays):
    call_command("seed_demo", reports=1500, months=3, seed=21, verbosity=0)
    year, month = _last_month()
    figures = monthly_figures(year=year, month=month)
    html, pdf = monthly_report_render(figures=figures)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000

    start, end = Period.month(year, month).bounds
    with connection.cursor() as cursor:
        # Independent SQL over the audit trail: reports received in the month, and what happened to them.
        cursor.execute(
            """
            SELECT count(DISTINCT r.id),
                   count(DISTINCT r.id) FILTER (WHERE e.transition = 'reject'),
                   count(DISTINCT r.id) FILTER (WHERE e.transition IN ('dispatch', 'redispatch')),
                   count(DISTINCT r.id) FILTER (WHERE e.transition = 'close')
            FROM geoportal_report r JOIN workflow_reportevent e ON e.report_id = r.id
            WHERE r.created_at >= %s AND r.created_at < %s AND e.created_at <= %s
            """,
            [start, end, end],
        )
        received, rejected, dispatched, closed = cursor.fetchone()
    assert received > 100
    assert (_card(html, "received"), _card(html, "rejected"), _card(html, "dispatched"), _card(html, "closed")) == (
        received,
        rejected,
        dispatched,
        closed,
    )
    for opd in figures.opds:
        row = re.search(rf'data-opd="{opd.code}">(.*?)</tr>', html, re.S).group(1)
        assert f'<td class="n">{opd.episodes}</td>' in row
    assert "Tercepat:" in html
    assert 'counter(page) " dari " counter(pages)' in html  # "Halaman n dari m" on every page


def test_a_month_without_reports_still_renders(holidays):
    html, pdf = monthly_report_render(figures=monthly_figures(year=2019, month=2))
    assert pdf.startswith(b"%PDF")
    assert _card(html, "received") == 0
    assert "Tidak ada OPD dengan laporan cukup untuk diperingkat" in html
    assert "Tidak ada laporan yang lewat tenggat" in html


def test_the_command_writes_the_pdf(holidays, tmp_path, capsys):
    target = tmp_path / "okt.pdf"
    call_command("monthly_report", month="2026-10", output=target)
    assert target.read_bytes().startswith(b"%PDF")
    assert "okt.pdf" in capsys.readouterr().out
    with pytest.raises(Exception, match="YYYY-MM"):
        call_command("monthly_report", month="Oktober")

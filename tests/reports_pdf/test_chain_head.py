"""Every monthly PDF prints the audit chain's head at its "as at" instant (workflow/AUDIT.md)."""

import re
from datetime import datetime

import pytest
from django.core.management import call_command

from geoportal.clocks import WIB
from reports_pdf.figures import monthly_figures
from reports_pdf.render import monthly_report_render
from workflow.models import ReportEvent
from workflow.services.audit import audit_chain_verify

pytestmark = pytest.mark.django_db


def test_the_pdf_prints_the_chain_head_at_its_instant(holidays):
    call_command("seed_demo", reports=200, months=3, seed=15, verbosity=0)
    now = datetime.now(tz=WIB)
    year, month = (now.year, now.month - 1) if now.month > 1 else (now.year - 1, 12)
    figures = monthly_figures(year=year, month=month)
    html, _pdf = monthly_report_render(figures=figures)

    # Independently: the last link among the events at or before the instant, its hash recomputed from the rows.
    last = ReportEvent.objects.filter(created_at__lte=figures.as_of).order_by("-chain_position").first()
    assert ReportEvent.objects.filter(created_at__gt=figures.as_of).exists()  # the head is not simply the end
    check = audit_chain_verify(head_position=last.chain_position)
    assert check.broken is None
    assert figures.chain_head == {"position": last.chain_position, "hash": check.hash_at.hex()}
    block = re.search(r'<div class="chain" id="chain-head">(.*?)</div>', html, re.S).group(1)
    assert f"peristiwa ke-<b>{last.chain_position}</b>" in block
    assert f'<p class="hash">{check.hash_at.hex()}</p>' in block
    assert f"audit_verify --head {last.chain_position}:{check.hash_at.hex()[:16]}" in block

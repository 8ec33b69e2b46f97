"""The dashboard's export links: each figures table and the reports of the period shown, as the API serves them."""

from datetime import timedelta
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workflow.figures_export import TABLES

register = template.Library()

TABLE_LABELS = {
    "opd": _("OPD performance"),
    "kecamatan": _("By kecamatan"),
    "label": _("By label"),
    "pasukan": _("By squad"),
    "bulanan": _("Per month"),
    "ringkasan": _("Summary"),
}


@register.inclusion_tag("workflow/_export_links.html")
def export_links(period):
    """Links for `period` (a workflow.selectors.Period: start, and end = the first day after it)."""
    first, last = period.start, period.end - timedelta(days=1)
    days = urlencode({"start": f"{first:%Y-%m-%d}", "end": f"{last:%Y-%m-%d}"})
    created = urlencode({"created_from": f"{first:%Y-%m-%d}", "created_to": f"{last:%Y-%m-%d}"})
    return {
        "figures": [
            (TABLE_LABELS.get(table, table), f"{reverse('api-figures-export', args=[table])}?{days}")
            for table in TABLES
        ],
        "reports_csv": f"{reverse('api-staff-export-csv')}?{created}",
        "reports_gpkg": f"{reverse('api-staff-export-gpkg')}?{created}",
    }

from django.db.models import Count
from django.shortcuts import render

from geoportal.models import Category, Kecamatan, Report
from workflow.states import ReportStatus


def home(request):
    """A landing page until the citizen map arrives: what is loaded, and where the API lives."""
    context = {
        "kecamatan_count": Kecamatan.objects.count(),
        "category_count": Category.objects.filter(active=True).count(),
        "report_count": Report.objects.count(),
        "by_status": [
            {"label": ReportStatus(row["status"]).label, "n": row["n"]}
            for row in Report.objects.values("status").annotate(n=Count("id")).order_by("status")
        ],
    }
    return render(request, "geoportal/home.html", context)

from django.urls import path

from reports_pdf import views

urlpatterns = [
    path("staf/pimpinan/laporan-periode.pdf", views.period_report_download, name="period-report"),
    path("staf/pimpinan/laporan-<int:year>-<int:month>.pdf", views.monthly_report_download, name="monthly-report"),
]

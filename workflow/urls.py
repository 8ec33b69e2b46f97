from django.contrib.auth import views as auth_views
from django.urls import path

from workflow import views

urlpatterns = [
    path("masuk/", auth_views.LoginView.as_view(template_name="workflow/login.html"), name="login"),
    path("keluar/", views.SignOutView.as_view(), name="logout"),
    path("staf/", views.desk_home, name="desk-home"),
    path("staf/operator/", views.desk_operator, name="desk-operator"),
    path("staf/opd/", views.desk_opd, name="desk-opd"),
    path("staf/pimpinan/", views.desk_leadership, name="desk-leadership"),
    path("staf/pimpinan/laporan-periode.pdf", views.period_report_download, name="period-report"),
    path("staf/pimpinan/laporan-<int:year>-<int:month>.pdf", views.monthly_report_download, name="monthly-report"),
    path("staf/cari-kode/", views.desk_find_by_code, name="desk-find-by-code"),
    path("staf/laporan/<int:pk>/", views.report_detail, name="desk-report"),
    path("staf/laporan/<int:pk>/tindak/", views.report_act, name="desk-report-act"),
    path("staf/token/", views.token_list, name="token-list"),
    path("staf/token/<int:pk>/cabut/", views.token_revoke, name="token-revoke"),
]

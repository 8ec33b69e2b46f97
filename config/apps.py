from django.contrib.admin.apps import AdminConfig


class LaporAdminConfig(AdminConfig):
    default_site = "config.admin_site.LaporAdminSite"

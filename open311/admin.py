"""The administrator gives each partner application its key: shown once, on saving; only its hash is kept."""

from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from open311.models import Open311Client
from open311.services import client_key_renew


@admin.register(Open311Client)
class Open311ClientAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "active", "created_at", "last_used_at"]
    list_filter = ["active"]
    search_fields = ["name", "contact", "prefix"]
    fields = ["name", "contact", "media_hosts", "active", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["prefix", "created_at", "last_used_at"]
    actions = ["renew_key"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.prefix, obj.key_hash = "", f"new-{id(obj)}"
            super().save_model(request, obj, form, change)
            self._show_key(request, obj, client_key_renew(obj))
            return
        super().save_model(request, obj, form, change)

    @admin.action(description=gettext_lazy("Give a new key (the old one stops working)"))
    def renew_key(self, request, queryset):
        for client in queryset:
            self._show_key(request, client, client_key_renew(client))

    def _show_key(self, request, client, key):
        messages.warning(
            request,
            _(
                "The api_key of %(name)s is %(key)s. Copy it now and give it to the application's developers: it will "
                "not be shown again."
            )
            % {"name": client.name, "key": key},
        )

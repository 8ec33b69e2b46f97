from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkflowConfig(AppConfig):
    name = "workflow"
    verbose_name = _("Workflow")

    def ready(self) -> None:
        # The intake of every new report into the workflow (its "received" audit row and verification clock):
        # geoportal's report_create calls it inside its transaction without importing the workflow.
        from geoportal.services.reports import report_received_hook_add
        from workflow.services.transitions import report_received

        report_received_hook_add(report_received)

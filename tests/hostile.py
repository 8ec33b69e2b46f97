"""What the hostile-input suites check after every refusal: nothing was written (rows and files)."""

from pathlib import Path

from django.conf import settings

from geoportal.models import Report
from workflow.models import ReportEvent


def _files(root) -> list[str]:
    root = Path(root)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def snapshot() -> dict:
    """Row counts of geoportal_report and workflow_reportevent, and every stored file (public and private)."""
    return {
        "reports": Report.objects.count(),
        "events": ReportEvent.objects.count(),
        "media": _files(settings.MEDIA_ROOT),
        "private": _files(settings.PRIVATE_MEDIA_ROOT),
    }


def json_error(response, *, status: int = 400, field: str | None = None, detail: str | None = None) -> dict:
    """A refusal in the API's one shape: JSON {detail, errors}, `field` (a request parameter) among the errors."""
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].split(";")[0] == "application/json"  # never GeoJSON's type for an error
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["errors"], dict)
    if field is not None:
        assert field in body["errors"] and all(isinstance(m, str) and m for m in body["errors"][field]), body
    if detail is not None:
        assert detail in body["detail"], body
    return body

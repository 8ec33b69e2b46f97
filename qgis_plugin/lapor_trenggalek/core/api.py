"""The Lapor Trenggalek staff API, through QGIS's own network stack (proxy and TLS settings of the user's QGIS).

Calls block; the dock runs them inside a QgsTask so QGIS stays responsive.
"""

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode, urljoin

from qgis.core import QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from ..i18n import tr


class ApiError(Exception):
    """A refusal or failure, with a message a person can act on (the server's own words when it gave some)."""

    def __init__(self, message: str, status: int = 0, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = errors or {}


def sign_in_needed(error: ApiError) -> bool:
    """The server no longer accepts the token (it expired, was revoked, or the password changed): 401."""
    return error.status == 401


class ApiClient:
    def __init__(self, base_url: str, token: str | None = None, timeout_ms: int = 60000):
        self.base_url = base_url.rstrip("/") + "/"
        self.token = token
        self.timeout_ms = timeout_ms

    # --- endpoints -------------------------------------------------------------------------------------
    def obtain_token(self, username: str, password: str) -> str:
        form = {"username": username, "password": password, "name": "QGIS"}  # the device, on the staff token page
        body = self._call("POST", "api/auth/token/", form=form, auth=False)
        self.token = body["token"]
        return self.token

    def sign_out(self) -> None:
        """End this token on the server (other devices of the account stay signed in)."""
        try:
            if self.token:
                self._call("DELETE", "api/auth/token/")
        finally:
            self.token = None

    def check_sign_in(self) -> None:
        """Raises ApiError (status 401: sign in again) unless the server still accepts the token."""
        self._call("GET", "api/staff/reports/?limit=1")

    def kecamatan(self) -> dict:
        return self._call("GET", "api/kecamatan/", auth=False)

    def categories(self) -> list[dict]:
        return self._call("GET", "api/categories/", auth=False)

    def reports(
        self,
        filters: dict | None = None,
        *,
        page_size: int = 2000,
        on_page: Callable[[int, int | None], None] | None = None,
        is_cancelled: Callable[[], bool] | None = None,
    ) -> list[dict]:
        """Every report the signed-in officer may see that matches the filters, following the `next` links."""
        params = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
        params.update(limit=page_size, count="true")
        url = f"api/staff/reports/?{urlencode(params)}"
        features: list[dict] = []
        total = None
        while url:
            if is_cancelled and is_cancelled():
                raise ApiError(tr("Cancelled."))
            page = self._call("GET", url)
            total = page.get("numberMatched", total)
            features.extend(page["features"])
            if on_page:
                on_page(len(features), total)
            url = page.get("next")
        return features

    def report(self, report_id: int) -> dict:
        return self._call("GET", f"api/staff/reports/{report_id}/")

    def events(self, report_id: int) -> list[dict]:
        return self._call("GET", f"api/reports/{report_id}/events/")

    def transition(self, report_id: int, name: str, *, fields: dict | None = None, photo: Path | None = None) -> dict:
        files = {"photo": Path(photo)} if photo else None
        return self._call("POST", f"api/reports/{report_id}/transitions/{name}/", form=fields or {}, files=files)

    def download(self, url: str) -> bytes:
        """A photo or other file the server links to. Files of reports that are not public are served only to staff
        who may see the report, so the token goes with the request (to this server only, never elsewhere)."""
        request = QNetworkRequest(QUrl(url))
        if self.token and url.startswith(self.base_url):
            request.setRawHeader(b"Authorization", f"Token {self.token}".encode())
        blocking = QgsBlockingNetworkRequest()
        if blocking.get(request, forceRefresh=False) != QgsBlockingNetworkRequest.NoError:
            raise ApiError(tr("The file could not be downloaded: {error}").format(error=blocking.errorMessage()))
        return bytes(blocking.reply().content())

    # --- plumbing --------------------------------------------------------------------------------------
    def _call(self, method: str, path: str, *, form: dict | None = None, files: dict | None = None, auth: bool = True):
        url = path if path.startswith("http") else urljoin(self.base_url, path)
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"Accept", b"application/json")
        request.setRawHeader(b"Accept-Language", b"id")
        if auth and self.token:
            request.setRawHeader(b"Authorization", f"Token {self.token}".encode())
        blocking = QgsBlockingNetworkRequest()
        if method == "GET":
            error = blocking.get(request, forceRefresh=True)
        elif method == "DELETE":
            error = blocking.deleteResource(request)
        else:
            content_type, body = _multipart(form or {}, files or {})
            request.setHeader(QNetworkRequest.ContentTypeHeader, content_type)
            error = blocking.post(request, QByteArray(body), forceRefresh=True)
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0
        raw = bytes(reply.content())
        if status == 0 and error != QgsBlockingNetworkRequest.NoError:
            raise ApiError(
                tr("The server {url} cannot be reached: {error}. Check the server address and the connection.").format(
                    url=self.base_url, error=blocking.errorMessage()
                ),
                status,
            )
        try:
            payload = json.loads(raw.decode("utf-8")) if raw else {}
        except ValueError:
            payload = {}
        if status >= 400:
            raise ApiError(
                _message(payload, status), status, payload.get("errors") if isinstance(payload, dict) else None
            )
        return payload


def _message(payload, status: int) -> str:
    if status == 401 or (status == 403 and not payload):
        return tr("The session has ended or you are not signed in: sign in again.")
    if isinstance(payload, dict):
        if "detail" in payload:
            # {detail, errors}: the summary, then what is wrong per field, in the server's words
            errors = payload.get("errors") if isinstance(payload.get("errors"), dict) else {}
            fields = [" ".join(map(str, v)) if isinstance(v, list) else str(v) for v in errors.values()]
            return " ".join([str(payload["detail"]), *fields])
        if "non_field_errors" in payload:
            return " ".join(payload["non_field_errors"])
        parts = [
            f"{key}: {' '.join(map(str, value)) if isinstance(value, list) else value}"
            for key, value in payload.items()
        ]
        if parts:
            return "; ".join(parts)
    return tr("The server answered with code {status}.").format(status=status)


def _multipart(form: dict, files: dict[str, Path]) -> tuple[str, bytes]:
    boundary = uuid.uuid4().hex
    chunks = []
    for key, value in form.items():
        if value is None:
            continue
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode())
    for key, path in files.items():
        chunks.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; filename="{path.name}"\r\n'
            f"Content-Type: application/octet-stream\r\n\r\n".encode()
            + path.read_bytes()
            + b"\r\n"
        )
    chunks.append(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", b"".join(chunks)

"""The Lapor Trenggalek staff API, through QGIS's own network stack (proxy and TLS settings of the user's QGIS).

Calls block the thread they run on; the dock runs every one of them inside a QgsTask (core/tasks.py) so QGIS's
main thread never waits for the server. Each request gives up when the server sends nothing for `timeout_ms`
(a server that accepts the connection and stays silent), and stops at once when its `feedback` is cancelled.
"""

import json
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from qgis.core import QgsFeedback, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QByteArray, QEventLoop, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..i18n import tr


class ApiError(Exception):
    """A refusal or failure, with a message a person can act on (the server's own words when it gave some)."""

    def __init__(self, message: str, status: int = 0, errors: dict | None = None, *, cancelled: bool = False):
        super().__init__(message)
        self.message = message
        self.status = status
        self.errors = errors or {}
        self.cancelled = cancelled  # the officer pressed "Batal": not a failure to report


def sign_in_needed(error: ApiError) -> bool:
    """The server no longer accepts the token (it expired, was revoked, or the password changed): 401."""
    return error.status == 401


TIMEOUT_MS = 20000  # a silent server is given up after 20 s without a byte


class ApiClient:
    def __init__(
        self, base_url: str, token: str | None = None, timeout_ms: int = TIMEOUT_MS, feedback: QgsFeedback | None = None
    ):
        self.base_url = base_url.strip().rstrip("/") + "/"
        self.token = token
        self.timeout_ms = timeout_ms
        self.feedback = feedback

    def bound(self, feedback: QgsFeedback | None) -> "ApiClient":
        """The same server and token, with requests that stop when this feedback is cancelled (a task's)."""
        return ApiClient(self.base_url, self.token, self.timeout_ms, feedback)

    # --- endpoints -------------------------------------------------------------------------------------
    def obtain_token(self, username: str, password: str) -> str:
        form = {"username": username, "password": password, "name": "QGIS"}  # the device, on the staff token page
        body = self._call("POST", "api/auth/token/", form=form, auth=False)
        if not isinstance(body, dict) or not body.get("token"):
            raise ApiError(self._not_lapor())
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

    def desa(self, kecamatan: str = "") -> dict:
        return self._call(
            "GET", "api/desa/" + (f"?{urlencode({'kecamatan': kecamatan})}" if kecamatan else ""), auth=False
        )

    def reachable(self, url: str) -> bool:
        """Whether a URL outside the server answers (a basemap tile), given a few seconds at most."""
        probe = ApiClient(self.base_url, None, min(self.timeout_ms, 4000), self.feedback)
        try:
            status, _raw = probe._send("GET", QNetworkRequest(QUrl(url)))
        except ApiError:
            return False
        return status == 200

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
            if (is_cancelled and is_cancelled()) or self._cancelled():
                raise ApiError(tr("Cancelled."), cancelled=True)
            page = self._call("GET", url)
            if not isinstance(page, dict) or not isinstance(page.get("features"), list):
                raise ApiError(self._not_lapor())
            total = page.get("numberMatched", total)
            features.extend(page["features"])
            if on_page:
                on_page(len(features), total)
            url = _without_count(page.get("next"))
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
        status, raw = self._send("GET", request)
        if status != 200:
            raise ApiError(tr("The file could not be downloaded: {error}").format(error=status), status)
        return raw

    # --- plumbing --------------------------------------------------------------------------------------
    def _cancelled(self) -> bool:
        return self.feedback is not None and self.feedback.isCanceled()

    def _not_lapor(self) -> str:
        return tr("The server {url} did not answer like a Lapor Trenggalek server. Check the server address.").format(
            url=self.base_url
        )

    def _send(self, method: str, request: QNetworkRequest, body: bytes = b"") -> tuple[int, bytes]:
        """One request on QGIS's network manager (of this thread), waited for in a local event loop; gives up after
        timeout_ms of silence, and aborts as soon as the feedback is cancelled. Returns (HTTP status, body)."""
        request.setTransferTimeout(self.timeout_ms)
        request.setAttribute(QNetworkRequest.CacheLoadControlAttribute, QNetworkRequest.AlwaysNetwork)
        manager = QgsNetworkAccessManager.instance()
        if self._cancelled():
            raise ApiError(tr("Cancelled."), cancelled=True)
        if method == "GET":
            reply = manager.get(request)
        elif method == "DELETE":
            reply = manager.deleteResource(request)
        else:
            reply = manager.post(request, QByteArray(body))
        loop = QEventLoop()
        reply.finished.connect(loop.quit)
        watch = QTimer()
        watch.setInterval(100)
        watch.timeout.connect(lambda: self._cancelled() and reply.abort())
        watch.start()
        if not reply.isFinished():
            loop.exec_()
        watch.stop()
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0
        raw = bytes(reply.readAll())
        error = reply.error()
        reply.deleteLater()
        if self._cancelled():
            raise ApiError(tr("Cancelled."), cancelled=True)
        if status == 0 and error != QNetworkReply.NoError:
            raise ApiError(self._unreachable(error))
        return status, raw

    def _unreachable(self, error) -> str:
        """Why the server could not be reached, in the officer's words (never Qt's English)."""
        host = QUrl(self.base_url).host()
        if error == QNetworkReply.ConnectionRefusedError:
            why = tr("the server at {url} refused the connection (is it running?)").format(url=self.base_url)
        elif error == QNetworkReply.HostNotFoundError:
            why = tr("the address {host} was not found").format(host=host)
        elif error in (QNetworkReply.OperationCanceledError, QNetworkReply.TimeoutError):
            why = tr("the server at {url} did not answer within {s} seconds").format(
                url=self.base_url, s=round(self.timeout_ms / 1000)
            )
        elif error in (QNetworkReply.SslHandshakeFailedError, QNetworkReply.InsecureRedirectError):
            why = tr("the secure connection (TLS) to {host} failed").format(host=host)
        else:
            why = tr("the connection to {url} failed (network error {code})").format(url=self.base_url, code=int(error))
        return tr(
            "Cannot reach the server: {why}. Check the server address and the connection, then try again."
        ).format(why=why)

    def _call(self, method: str, path: str, *, form: dict | None = None, files: dict | None = None, auth: bool = True):
        url = path if path.startswith("http") else urljoin(self.base_url, path)
        request = QNetworkRequest(QUrl(url))
        request.setRawHeader(b"Accept", b"application/json")
        request.setRawHeader(b"Accept-Language", b"id")
        if auth and self.token:
            request.setRawHeader(b"Authorization", f"Token {self.token}".encode())
        body = b""
        if method not in ("GET", "DELETE"):
            content_type, body = _multipart(form or {}, files or {})
            request.setHeader(QNetworkRequest.ContentTypeHeader, content_type)
        status, raw = self._send(method, request, body)
        try:
            payload = json.loads(raw.decode("utf-8")) if raw else {}
        except ValueError:
            if status < 400:
                raise ApiError(self._not_lapor(), status) from None
            payload = {}
        if status >= 400:
            raise ApiError(
                _message(payload, status), status, payload.get("errors") if isinstance(payload, dict) else None
            )
        return payload


# The server's parameter and field names, as the officer sees them in the dock (never `created_from`).
FIELD_LABELS = {
    "created_from": "From date",
    "created_to": "To date",
    "status": "Status",
    "category": "Label",
    "kecamatan": "Kecamatan",
    "overdue": "Overdue only",
    "note": "Note",
    "photo": "Proof photo",
    "expected_status": "Status",
    "non_field_errors": "",
}


def _without_count(url: str | None) -> str | None:
    """The next page's link without `count=true`: the total is known from the first page, and counting every
    matching report again for each page cost ~0.4 s a page at a million reports (bench/README.md, section 9)."""
    if not url:
        return url
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "count"]
    return urlunsplit(parts._replace(query=urlencode(query)))


def field_label(name: str) -> str:
    label = FIELD_LABELS.get(name, name)
    return tr(label) if label else ""


def _message(payload, status: int) -> str:
    if status == 401 or (status == 403 and not payload):
        return tr("The session has ended or you are not signed in: sign in again.")
    if isinstance(payload, dict):
        if "detail" in payload:
            # {detail, errors}: the summary, then what is wrong per field, in the server's words
            errors = payload.get("errors") if isinstance(payload.get("errors"), dict) else {}
            fields = [
                f"{field_label(k)}: " + (" ".join(map(str, v)) if isinstance(v, list) else str(v))
                for k, v in errors.items()
            ]
            return " ".join([str(payload["detail"]), *fields])
        if "non_field_errors" in payload:
            return " ".join(payload["non_field_errors"])
        parts = [
            f"{field_label(key)}: {' '.join(map(str, value)) if isinstance(value, list) else value}"
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

"""A busy day on Lapor Trenggalek, for Locust (`make loadtest`; bench/load/run.py starts everything).

- Citizen (100 by default): fills in the report form (30–90 s: takes the photo, picks a label, waits for GPS),
  then sends one 3-megapixel photo to POST /api/reports/ with a fresh client_id, from its own phone (address).
  On 429/503 (Retry-After), 408 or a broken connection it resends the same client_id later, as the
  phone's offline outbox does; every receipt (201 or 200) is written to LOAD_RECEIPTS for the check afterwards.
- MapViewer (50): opens the map and pans and zooms every 2–6 s: the public features of the view
  (GET /api/reports/?in_bbox=…), the vector tiles of the view at zoom 12–16, sometimes the kecamatan outlines.
- Staff (20): operators (verifying the screening queue through the API), OPD officers (their desk, report
  pages, the staff API) and leadership (the dashboard), each signed in with a session, every 5–15 s.

Names of request types are grouped ("/tiles/reports/[z]/[x]/[y].pbf") so the figures come per type.
"""

import json
import math
import os
import random
import threading
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

PHOTOS = [Path(p).read_bytes() for p in os.environ.get("LOAD_PHOTOS", "").split(os.pathsep) if p]
POINTS = json.loads(Path(os.environ["LOAD_POINTS"]).read_text()) if os.environ.get("LOAD_POINTS") else []
CATEGORIES = json.loads(os.environ.get("LOAD_CATEGORIES", '["jalan-rusak"]'))
PASSWORD = os.environ.get("LOAD_PASSWORD", "trenggalek-demo")
RECEIPTS = os.environ.get("LOAD_RECEIPTS", "receipts.jsonl")
MAX_ATTEMPTS = 30  # the outbox keeps trying; backing off to a minute, that is ~25 minutes
_lock = threading.Lock()
BBOX = (111.45, -8.40, 111.95, -7.90)  # the regency, roughly


def _address() -> str:
    return f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"


def _record(kind: str, **fields) -> None:
    with _lock, open(RECEIPTS, "a") as out:
        out.write(json.dumps({"kind": kind, "at": time.time(), **fields}) + "\n")


class Citizen(HttpUser):
    fixed_count = int(os.environ.get("LOAD_CITIZENS", 100))
    wait_time = between(30, 90)

    def on_start(self):
        time.sleep(random.uniform(0, 60))  # people do not all press "Kirim" in the same second

    @task
    def send_report(self):
        client_id = str(uuid.uuid4())
        lon, lat = random.choice(POINTS)
        fields = {
            "category": random.choice(CATEGORIES),
            "latitude": f"{lat:.6f}",
            "longitude": f"{lon:.6f}",
            "description": random.choice(["Jalan berlubang di depan sekolah.", "Sampah menumpuk.", ""]),
            "anonymous": random.choice(["true", "false"]),
            "name": "Warga Uji Beban",
            "phone": "0812 3456 7890",
            "client_id": client_id,
        }
        headers = {"X-Real-IP": _address(), "Accept-Language": "id"}
        photo = random.choice(PHOTOS)
        _record("attempt", client_id=client_id)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            with self.client.post(
                "/api/reports/",
                data=fields,
                files={"photo": ("foto.jpg", photo, "image/jpeg")},
                headers=headers,
                name="POST /api/reports/ (3 MP photo)",
                catch_response=True,
                timeout=120,
            ) as response:
                if response.status_code in (200, 201):
                    body = response.json()
                    _record(
                        "receipt",
                        status=response.status_code,
                        client_id=client_id,
                        id=body["id"],
                        tracking_code=body["tracking_code"],
                        attempt=attempt,
                    )
                    response.success()
                    return
                retry_after = response.headers.get("Retry-After")
                if response.status_code in (408, 429, 503) or response.status_code == 0:
                    response.failure(f"{response.status_code or 'connection'} (retried)")
                    _record("retry", client_id=client_id, status=response.status_code, attempt=attempt)
                    # Retry-After, or an exponential back-off for a broken connection; jitter spreads the resends.
                    wait = float(retry_after) if retry_after else 2**attempt
                    time.sleep(min(wait * 2 ** (attempt // 4), 60) * random.uniform(1, 1.5))
                    continue
                response.failure(f"{response.status_code}: {response.text[:200]}")
                _record("refused", client_id=client_id, status=response.status_code, body=response.text[:300])
                return
        _record("gave_up", client_id=client_id)


def _tile(lon: float, lat: float, z: int) -> tuple[int, int]:
    n = 2**z
    x = int((lon + 180) / 360 * n)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n)
    return x, y


class MapViewer(HttpUser):
    fixed_count = int(os.environ.get("LOAD_MAP_USERS", 50))
    wait_time = between(2, 6)

    def on_start(self):
        self.centre = list(random.choice(POINTS)) if POINTS else [111.71, -8.05]
        self.zoom = random.randint(12, 15)
        self.client.get("/api/kecamatan/", name="GET /api/kecamatan/")

    @task(3)
    def pan(self):
        self.centre[0] += random.uniform(-0.02, 0.02)
        self.centre[1] += random.uniform(-0.02, 0.02)
        self.zoom = max(11, min(16, self.zoom + random.choice([-1, 0, 0, 1])))
        half = 360 / 2**self.zoom * 2  # about a phone screen
        lon, lat = self.centre
        bbox = f"{lon - half:.5f},{lat - half / 2:.5f},{lon + half:.5f},{lat + half / 2:.5f}"
        self.client.get(
            f"/api/reports/?in_bbox={bbox}&limit=2000",
            name="GET /api/reports/?in_bbox (features)",
            headers={"Accept-Encoding": "gzip"},
        )
        x, y = _tile(lon, lat, self.zoom)
        for dx, dy in ((0, 0), (1, 0), (0, 1), (1, 1)):
            self.client.get(
                f"/tiles/reports/{self.zoom}/{x + dx}/{y + dy}.pbf", name="GET /tiles/reports/[z]/[x]/[y].pbf"
            )

    @task(1)
    def filter_by_status(self):
        status = random.choice(["verified", "dispatched", "in_progress", "resolved", "closed"])
        self.client.get(f"/api/reports/?status={status}&limit=500", name="GET /api/reports/?status (filter)")


class Staff(HttpUser):
    fixed_count = int(os.environ.get("LOAD_STAFF", 20))
    wait_time = between(5, 15)
    ACCOUNTS = ["operator"] * 8 + ["opd-pupr", "opd-dlh", "opd-bpbd", "opd-dinkes", "opd-dishub", "opd-satpolpp",
                                   "opd-dinsosp3a", "opd-dukcapil"] + ["pimpinan"] * 4  # fmt: skip
    _next = 0

    def on_start(self):
        with _lock:
            self.username = self.ACCOUNTS[Staff._next % len(self.ACCOUNTS)]
            Staff._next += 1
        self.address = _address()
        self.client.headers.update({"X-Real-IP": self.address, "Accept-Language": "id"})
        for _attempt in range(20):  # a busy server answers 503: sign in again a little later
            self.client.get("/masuk/", name="GET /masuk/")
            token = self.client.cookies.get("csrftoken", "")
            response = self.client.post(
                "/masuk/",
                data={"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
                name="POST /masuk/ (sign in)",
                allow_redirects=False,
            )
            if response.status_code == 302:
                return
            time.sleep(float(response.headers.get("Retry-After") or 5) * random.uniform(1, 2))
        raise RuntimeError(f"{self.username} could not sign in")

    def _csrf(self) -> dict:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken", "")}

    @task
    def work(self):
        if self.username == "operator":
            self.client.get("/staf/operator/", name="GET /staf/operator/ (desk)")
            page = self.client.get(
                "/api/staff/reports/?status=received&limit=20", name="GET /api/staff/reports/ (queue)"
            )
            features = page.json().get("features", []) if page.ok else []
            if features:
                report = random.choice(features)
                self.client.get(f"/staf/laporan/{report['id']}/", name="GET /staf/laporan/[id]/")
                with self.client.post(
                    f"/api/reports/{report['id']}/transitions/verify/",
                    json={"expected_status": "received"},
                    headers=self._csrf(),
                    name="POST /api/reports/[id]/transitions/verify/",
                    catch_response=True,
                ) as response:
                    if response.status_code == 409:  # a colleague verified it first: the expected answer
                        response.success()
        elif self.username == "pimpinan":
            self.client.get("/staf/pimpinan/", name="GET /staf/pimpinan/ (dashboard)")
        else:
            self.client.get("/staf/opd/", name="GET /staf/opd/ (desk)")
            page = self.client.get("/api/staff/reports/?limit=50", name="GET /api/staff/reports/ (queue)")
            features = page.json().get("features", []) if page.ok else []
            if features:
                report = random.choice(features)
                self.client.get(f"/staf/laporan/{report['id']}/", name="GET /staf/laporan/[id]/")
                self.client.get(f"/api/reports/{report['id']}/events/", name="GET /api/reports/[id]/events/")


@events.quitting.add_listener
def _quitting(environment, **kwargs):
    environment.process_exit_code = 0  # failures are judged by run.py from the receipts, not by Locust

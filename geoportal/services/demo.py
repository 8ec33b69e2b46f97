"""Synthetic demo reports, generated in PostGIS so that a million take minutes, not hours.

Points are drawn inside each desa polygon (ST_GeneratePoints), more of them where people live: kelurahan
and the town kecamatan weigh more. Labels follow a realistic mix (roads, rubbish and street lights lead),
creation times spread over past months in daytime WIB. Each report then lives through the workflow in SQL
(workflow/sql/demo_lifecycle.sql): screened, dispatched (a few to the wrong OPD, which returns them), acknowledged,
resolved, sometimes reopened, closed, with each OPD working at its own pace, and every step written to the
audit trail, so that the dashboards have something true to say. Demo reports carry no photos and no contact.
"""

import math
import random
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db import connection, transaction

from geoportal.clocks import WIB
from geoportal.models import Category, Desa, Report

TOWN_KECAMATAN = {"Trenggalek": 3.0, "Pogalan": 2.0, "Durenan": 1.8, "Karangan": 1.5, "Watulimo": 1.3}

# How often each label occurs, relative to one another; labels not named here weigh 1.
LABEL_WEIGHTS = {
    "jalan-rusak": 14,
    "sampah": 10,
    "lampu-jalan": 9,
    "saluran-air": 7,
    "pohon-tumbang": 5,
    "banjir": 4,
    "tanah-longsor": 4,
    "parkir-liar": 4,
    "pkl-liar": 4,
    "ktp-kk": 5,
    "bantuan-sosial": 5,
    "layanan-kesehatan": 4,
    "jembatan-rusak": 3,
    "gangguan-ketertiban": 3,
    "pencemaran": 3,
    "wabah-penyakit": 2,
    "akta": 2,
    "warga-terlantar": 2,
    "kebakaran": 1,
    "gizi-buruk": 1,
    "kekerasan-perempuan-anak": 1,
    "pungli": 1,
    "penyimpangan-proyek": 1,
}

SAMPLE_TEXTS = {
    "jalan-rusak": [
        "Jalan berlubang cukup dalam, sudah ada pengendara motor jatuh.",
        "Aspal mengelupas sepanjang kurang lebih 200 meter.",
        "",
    ],
    "sampah": [
        "Sampah menumpuk di pinggir jalan sudah seminggu tidak diangkut.",
        "TPS penuh, sampah meluber ke jalan dan bau.",
        "",
    ],
    "lampu-jalan": [
        "Lampu PJU mati sudah dua minggu, jalan gelap dan rawan.",
        "Tiga tiang lampu berturut-turut mati.",
        "",
    ],
    "saluran-air": ["Got tersumbat, kalau hujan air meluap ke jalan.", "Gorong-gorong tertutup sampah dan lumpur.", ""],
    "pohon-tumbang": [
        "Pohon tumbang menutup separuh badan jalan.",
        "Pohon besar miring, khawatir tumbang saat angin kencang.",
    ],
    "banjir": ["Air setinggi lutut masuk ke rumah warga.", "Jalan tergenang setelah hujan deras sejak sore."],
    "tanah-longsor": ["Longsor menutup akses jalan desa.", "Tebing di belakang rumah warga retak dan mulai longsor."],
}


def demo_reports_seed(
    *,
    count: int,
    months: int = 12,
    seed: int | None = None,
    month: date | None = None,
    progress: Callable[[int], None] = lambda n: None,
    lifecycle: Callable[..., None] | None = None,
) -> int:
    """Insert `count` demo reports over the past `months` (or within one calendar `month`); returns how many
    were inserted. Calls progress(n) as batches land, then `lifecycle(cursor=, after_id=)` in the same
    transaction (the workflow's demo_lifecycle, passed in by its seed_demo command: this layer does not import it)."""
    today = datetime.now(tz=WIB).date()
    if month:
        last_day = min(today, (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1))
        days = (last_day - month).days + 1
    else:
        last_day, days = today, months * 30
    rng = random.Random(seed)
    desa = list(Desa.objects.select_related("kecamatan").only("id", "jenis", "kecamatan__nama"))
    categories = list(Category.objects.filter(active=True).values_list("id", "code"))
    if not desa or not categories:
        raise RuntimeError("Load the reference data and the boundaries before seeding demo reports.")
    areas = dict(Desa.objects.extra(select={"km2": "ST_Area(geom::geography) / 1e6"}).values_list("id", "km2"))
    weights = {
        d.id: math.sqrt(areas[d.id])
        * (4.0 if d.jenis == Desa.Jenis.KELURAHAN else 1.0)
        * TOWN_KECAMATAN.get(d.kecamatan.nama, 1.0)
        for d in desa
    }
    allocation = _allocate(count, weights, rng)

    inserted = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE seed_label (idx int PRIMARY KEY, category_id bigint, texts text[]) ON COMMIT DROP"
        )
        rows, idx = [], 0
        for category_id, code in categories:
            for _ in range(LABEL_WEIGHTS.get(code, 1)):
                idx += 1
                rows.append((idx, category_id, SAMPLE_TEXTS.get(code, [""])))
        cursor.executemany("INSERT INTO seed_label VALUES (%s, %s, %s)", rows)
        if seed is not None:
            cursor.execute("SELECT setseed(%s)", [rng.random() * 2 - 1])
        cursor.execute("SELECT coalesce(max(id), 0) FROM geoportal_report")
        first_new = cursor.fetchone()[0]
        for desa_id, n in allocation.items():
            while n > 0:  # a lost tracking-code race (ON CONFLICT) is topped up on the next pass
                added = _insert_points(
                    cursor, desa_id=desa_id, n=n, labels=idx, last_day=last_day, days=days, seed=rng.randrange(1, 2**31)
                )
                inserted += added
                n -= added
                progress(added)
        if lifecycle is not None:
            lifecycle(cursor=cursor, after_id=first_new)
        cursor.execute("ANALYZE geoportal_report")
        cursor.execute("ANALYZE workflow_reportevent")
    return inserted


def _allocate(count: int, weights: dict[int, float], rng: random.Random) -> dict[int, int]:
    total = sum(weights.values())
    exact = {key: count * w / total for key, w in weights.items()}
    allocation = {key: int(v) for key, v in exact.items()}
    remainder = count - sum(allocation.values())
    for key in sorted(exact, key=lambda k: (exact[k] - allocation[k], rng.random()), reverse=True)[:remainder]:
        allocation[key] += 1
    return {key: n for key, n in allocation.items() if n}


def _insert_points(cursor, *, desa_id: int, n: int, labels: int, last_day: date, days: int, seed: int) -> int:
    cursor.execute(
        """
        WITH pts AS (
          SELECT (ST_Dump(ST_GeneratePoints(d.geom, %(n)s, %(seed)s))).geom AS g, d.id AS desa_id, d.kecamatan_id
          FROM geoportal_desa d WHERE d.id = %(desa)s
          LIMIT %(n)s  -- ST_GeneratePoints may return a point more than asked
        ), drawn AS (
          SELECT g, desa_id, kecamatan_id,
                 1 + floor(random() * %(labels)s)::int AS label_idx,
                 LEAST(now(), ((%(last_day)s::date - floor(random() * %(days)s)::int
                   + interval '6 hours' + random() * interval '15 hours') AT TIME ZONE %(zone)s)) AS created,
                 random() AS r
          FROM pts
        )
        INSERT INTO geoportal_report
          (tracking_code, location, category_id, description, status, kecamatan_id, desa_id, located, channel,
           created_at, updated_at)
        SELECT lapor_tracking_code(), drawn.g, l.category_id,
               l.texts[1 + floor(random() * array_length(l.texts, 1))::int],
               'received',
               drawn.kecamatan_id, drawn.desa_id, %(located)s, %(channel)s, created, created
        FROM drawn JOIN seed_label l ON l.idx = drawn.label_idx
        ON CONFLICT (tracking_code) DO NOTHING
        """,
        {
            "n": n,
            "seed": seed,
            "desa": desa_id,
            "labels": labels,
            "last_day": last_day,
            "days": days,
            "zone": WIB.key,
            "located": Report.Located.INSIDE,
            "channel": Report.Channel.DEMO,
        },
    )
    return cursor.rowcount

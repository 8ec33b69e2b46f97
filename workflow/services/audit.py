"""The audit trail's hash chain, checked from outside the database (workflow/AUDIT.md).

PostgreSQL chains every event as it is written (workflow/sql/lapor_event_chain_append.sql). This module computes
the same links again in Python, from the rows alone, with nothing the database defines (no function, trigger or
view of ours is trusted: whoever can alter events as the owner can also replace those), and names the first link
that does not hold.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import connection, transaction

GENESIS = bytes(32)  # the "previous hash" of the first event
# The columns of the canonical form, in its order (chain_position and chain_hash are the chain itself).
CANONICAL_COLUMNS = (
    "id",
    "report_id",
    "transition",
    "from_status",
    "to_status",
    "actor_id",
    "actor_role",
    "opd_id",
    "reason",
    "note",
    "photo_id",
    "created_at",
)


_JSON = json.JSONEncoder(ensure_ascii=False)  # json.dumps would build a new encoder for each event


def _utc(moment: datetime) -> str:
    # 2026-10-31T16:59:59.123456Z: isoformat pads the year to four digits and, with timespec, always writes µs.
    return moment.astimezone(UTC).isoformat(timespec="microseconds").removesuffix("+00:00") + "Z"


def event_canonical(values: tuple) -> str:
    """The canonical form of one event: its CANONICAL_COLUMNS' values as a JSON array (created_at in UTC)."""
    *head, created_at = values
    return _JSON.encode([*head, _utc(created_at)])


def event_link(previous: bytes, values: tuple) -> bytes:
    """SHA-256 of the previous link's hash in lowercase hex followed by the event's canonical form, in UTF-8."""
    return hashlib.sha256((previous.hex() + event_canonical(values)).encode()).digest()


@dataclass(frozen=True)
class ChainBreak:
    """The first link that does not hold."""

    kind: str  # "altered": the hash does not follow from the content and the previous link; "gap": positions skip;
    # "unchained": events outside the chain (no position)
    position: int | None
    event_id: int | None
    report_id: int | None
    created_at: datetime | None
    missing: int = 0  # for a gap: how many positions are missing; for "unchained": how many events


@dataclass(frozen=True)
class ChainCheck:
    count: int  # events checked
    head_position: int
    head_hash: bytes
    broken: ChainBreak | None
    # --head: the hash found at the position asked about (None when that position is not in the chain)
    hash_at: bytes | None = None


@dataclass(frozen=True)
class ChainHead:
    position: int
    hash: bytes


def audit_chain_head(*, at: datetime | None = None) -> ChainHead | None:
    """The chain's last link among the events that happened at or before `at` (now when None): the hash that
    commits to every one of them and to all that was recorded before them. None when there are no events."""
    with connection.cursor() as cursor:
        # Backwards along the chain from its end: the events recorded after `at` are few (a month at most).
        cursor.execute(
            "SELECT chain_position, chain_hash FROM workflow_reportevent WHERE %s::timestamptz IS NULL "
            "OR created_at <= %s ORDER BY chain_position DESC LIMIT 1",
            [at, at],
        )
        row = cursor.fetchone()
    return ChainHead(position=row[0], hash=bytes(row[1])) if row else None


def audit_chain_verify(
    *,
    batch_size: int = 20_000,
    head_position: int | None = None,
    on_total: Callable[[int], None] = lambda n: None,
    progress: Callable[[int], None] = lambda n: None,
) -> ChainCheck:
    """Recompute the whole chain from the rows, in batches of `batch_size` along chain_position, in one snapshot;
    stop at the first link that does not hold. on_total(n) is told how many events there are, progress(n) how
    many more were checked. `head_position`: also return the stored hash at that position (hash_at)."""
    columns = ", ".join(CANONICAL_COLUMNS)
    previous, position, count, hash_at = GENESIS, 0, 0, None
    outermost = not connection.in_atomic_block
    with transaction.atomic(), connection.cursor() as cursor:
        if outermost:  # one snapshot for every batch (inside a caller's transaction, the caller's)
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT count(*), count(chain_position) FROM workflow_reportevent")
        total, chained = cursor.fetchone()
        on_total(total)
        while True:
            cursor.execute(
                f"SELECT chain_position, chain_hash, {columns} FROM workflow_reportevent "
                "WHERE chain_position > %s ORDER BY chain_position LIMIT %s",
                [position, batch_size],
            )
            rows = cursor.fetchall()
            if not rows:
                break
            for done, (stored_position, stored_hash, *values) in enumerate(rows):
                stored_hash = bytes(stored_hash)
                event_id, report_id, created_at = values[0], values[1], values[-1]
                if stored_position != position + 1:
                    missing = stored_position - position - 1
                    gap = ChainBreak("gap", stored_position, event_id, report_id, created_at, missing)
                    progress(done)
                    return ChainCheck(count, position, previous, gap, hash_at)
                if event_link(previous, tuple(values)) != stored_hash:
                    altered = ChainBreak("altered", stored_position, event_id, report_id, created_at)
                    progress(done)
                    return ChainCheck(count, position, previous, altered, hash_at)
                previous, position = stored_hash, stored_position
                count += 1
                if position == head_position:
                    hash_at = stored_hash
            progress(len(rows))
    if chained != total:
        unchained = ChainBreak("unchained", None, None, None, None, total - chained)
        return ChainCheck(count, position, previous, unchained, hash_at)
    return ChainCheck(count, position, previous, None, hash_at)

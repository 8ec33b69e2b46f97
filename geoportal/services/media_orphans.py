"""Stored files no row refers to: what a crash between writing a photo and committing its report leaves behind.

report_create writes the cleaned photos before its transaction commits and removes them when it rolls back
(photos_discard); a worker killed in between, or a disk that fills up in the middle of a file, leaves files no
row names. Every FileField of every model is asked (reports_pdf's private PDFs too), per storage folder, so a
field added later is covered without a change here.
"""

import time
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps
from django.db import models


@dataclass(frozen=True)
class Orphan:
    path: Path
    bytes: int
    age_seconds: float


def _referenced() -> dict[Path, set[str]]:
    """Storage folder → names stored in it by some row."""
    names: dict[Path, set[str]] = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                root = Path(field.storage.location).resolve()
                values = model._default_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True)
                names.setdefault(root, set()).update(v for v in values.iterator() if v)
    return names


def media_orphans_find(*, min_age_seconds: float = 3600) -> list[Orphan]:
    """Files under every storage folder that no row names and that are older than `min_age_seconds` (a younger
    one may belong to an upload whose transaction has not committed yet)."""
    now = time.time()
    orphans = []
    for root, names in _referenced().items():
        if not root.exists():
            continue
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.is_symlink():
                continue
            stat = path.stat()
            age = now - stat.st_mtime
            if path.relative_to(root).as_posix() not in names and age >= min_age_seconds:
                orphans.append(Orphan(path=path, bytes=stat.st_size, age_seconds=age))
    return orphans


def media_orphans_delete(*, orphans: list[Orphan]) -> int:
    """Remove the files (once more checked against the rows, in case a report was stored meanwhile)."""
    still = {(root / name) for root, names in _referenced().items() for name in names}
    removed = 0
    for orphan in orphans:
        if orphan.path.resolve() in still:
            continue
        orphan.path.unlink(missing_ok=True)
        removed += 1
    return removed

"""The doors stay thin: views, API views and template tags read through selectors and write through services, so
they never open a database cursor, build SQL or import an SQL helper (the `*_sql` functions of geoportal.clocks and
geoportal.selectors, psycopg2). import-linter (.importlinter) guards the layers between the apps; it sees only the
project's own packages, so this test guards what it cannot."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOORS = sorted(
    {
        *ROOT.glob("*/views.py"),
        *ROOT.glob("*/*_views.py"),
        *ROOT.glob("*/api/views.py"),
        *ROOT.glob("*/templatetags/*.py"),
    }
)


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_the_doors_are_found():
    names = {path.relative_to(ROOT).as_posix() for path in DOORS}
    assert {"geoportal/views.py", "workflow/api/views.py", "workflow/citizen_views.py", "ogcapi/views.py"} <= names
    assert "workflow/templatetags/figures.py" in names


@pytest.mark.parametrize("path", DOORS, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_a_door_builds_no_sql(path):
    imported = _imports(path)
    assert not {name for name in imported if name.split(".")[0] == "psycopg2"}
    assert not imported & {"django.db.connection", "django.db.connections", "django.db.models.expressions.RawSQL"}
    assert not {name for name in imported if name.endswith("_sql")}
    source = path.read_text(encoding="utf-8")
    assert ".cursor(" not in source and ".raw(" not in source and ".extra(" not in source

"""PostgreSQL functions and triggers of the workflow (working-day clocks, the append-only audit trail, the stored
facts), one file per function name (its overloads and the triggers that call it with it), loaded by migrations.

As geoportal/sql: the files are the truth, the live database is checked against them (tests/workflow/
test_sql_files.py), and each file can be run again (CREATE OR REPLACE). demo_lifecycle.sql is not an object: a
statement seed_demo runs.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def load(name: str) -> str:
    """The SQL text of workflow/sql/<name>.sql."""
    return (FOLDER / f"{name}.sql").read_text(encoding="utf-8")

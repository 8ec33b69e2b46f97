"""PostgreSQL functions and triggers the product defines, one file per object, loaded by migrations.

The files are the truth (tests/geoportal/test_sql_files.py checks the live database against them); each
file can be run again (CREATE OR REPLACE), so a migration that changes one loads it again.
"""

from pathlib import Path

FOLDER = Path(__file__).resolve().parent


def load(name: str) -> str:
    """The SQL text of geoportal/sql/<name>.sql."""
    return (FOLDER / f"{name}.sql").read_text(encoding="utf-8")

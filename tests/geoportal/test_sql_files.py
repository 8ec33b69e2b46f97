"""The SQL objects in geoportal/sql/ are the truth: the live database holds exactly what the files say."""

import re
from pathlib import Path

import pytest
from django.db import connection

from geoportal.sql import FOLDER

pytestmark = pytest.mark.django_db

FUNCTION = re.compile(r"CREATE OR REPLACE FUNCTION (\w+)\(")
TRIGGER = re.compile(r"CREATE OR REPLACE TRIGGER (\w+) ")


def definitions(functions: set[str], triggers: set[str]) -> dict[str, str]:
    """The live definitions of these functions (each overload by its signature) and triggers."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT p.oid::regprocedure::text, pg_get_functiondef(p.oid) FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND p.proname = ANY(%s) "
            "UNION ALL SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = ANY(%s)",
            [sorted(functions), sorted(triggers)],
        )
        return dict(cursor.fetchall())


def assert_files_are_the_truth(folder: Path) -> tuple[set[str], set[str]]:
    """Each object the files define exists once per definition, and running every file again changes nothing.
    Returns the functions' and triggers' names."""
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.sql"))]
    texts = [text for text in texts if FUNCTION.search(text) or TRIGGER.search(text)]
    written = [name for text in texts for name in FUNCTION.findall(text)]
    functions, triggers = set(written), {name for text in texts for name in TRIGGER.findall(text)}
    live = definitions(functions, triggers)
    assert {key.split("(")[0] for key in live} == functions | triggers  # each object exists
    assert len(live) == len(written) + len(triggers)  # and each overload the files write, no other
    with connection.cursor() as cursor:
        for text in texts:  # each file can be run again; then nothing may have changed
            cursor.execute(text)
    assert definitions(functions, triggers) == live
    return functions, triggers


def test_the_live_database_matches_the_sql_files():
    functions, triggers = assert_files_are_the_truth(FOLDER)
    assert {"lapor_public_place", "lapor_report_publish", "lapor_tracking_code", "report_publish_update"} <= (
        functions | triggers
    )

"""The SQL objects in geoportal/sql/ are the truth: the live database holds exactly what the files say."""

import re

import pytest
from django.db import connection

from geoportal.sql import FOLDER

pytestmark = pytest.mark.django_db

FUNCTION = re.compile(r"CREATE OR REPLACE FUNCTION (\w+)\(")
TRIGGER = re.compile(r"CREATE OR REPLACE TRIGGER (\w+) ")


def _definitions(functions: set[str], triggers: set[str]) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT proname, pg_get_functiondef(oid) FROM pg_proc WHERE proname = ANY(%s) "
            "UNION ALL SELECT tgname, pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = ANY(%s)",
            [sorted(functions), sorted(triggers)],
        )
        return dict(cursor.fetchall())


def test_the_live_database_matches_the_sql_files():
    texts = [path.read_text(encoding="utf-8") for path in sorted(FOLDER.glob("*.sql"))]
    functions = {name for text in texts for name in FUNCTION.findall(text)}
    triggers = {name for text in texts for name in TRIGGER.findall(text)}
    assert {"lapor_public_place", "lapor_report_publish", "report_publish_update", "label_republish"} <= (
        functions | triggers
    )
    live = _definitions(functions, triggers)
    assert set(live) == functions | triggers  # each object exists, once
    with connection.cursor() as cursor:
        for text in texts:  # each file can be run again; then nothing may have changed
            cursor.execute(text)
    assert _definitions(functions, triggers) == live

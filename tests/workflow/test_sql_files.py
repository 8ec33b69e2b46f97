"""The workflow's SQL objects in workflow/sql/ are the truth, and every function and trigger the product defines
lives in a file of geoportal/sql/ or workflow/sql/."""

import re
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection

from geoportal.clocks import WIB, WIB_OFFSET
from geoportal.sql import FOLDER as GEOPORTAL_SQL
from tests.geoportal.test_sql_files import assert_files_are_the_truth
from workflow.policies import TRANSITIONS
from workflow.selectors import performance
from workflow.sql import FOLDER as WORKFLOW_SQL

pytestmark = pytest.mark.django_db


def test_the_live_database_matches_the_sql_files():
    functions, triggers = assert_files_are_the_truth(WORKFLOW_SQL)
    assert {"lapor_working_days", "lapor_events_append_only", "reportevent_append_only"} <= functions | triggers


def test_every_function_and_trigger_of_the_product_is_in_a_file():
    in_files = set()
    for folder in (GEOPORTAL_SQL, WORKFLOW_SQL):
        functions, triggers = assert_files_are_the_truth(folder)
        in_files |= functions | triggers
        # Aggregates (the audit chain's running hash): pg_get_functiondef cannot print them; their file names them.
        for path in folder.glob("*.sql"):
            in_files |= set(re.findall(r"CREATE OR REPLACE AGGREGATE (\w+)\(", path.read_text(encoding="utf-8")))
    with connection.cursor() as cursor:
        # The product's functions are named lapor_*; PostGIS's live in the same schema under its own names.
        cursor.execute(
            "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public' AND p.proname LIKE 'lapor\\_%%' "
            "UNION SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
        )
        live = {name for (name,) in cursor.fetchall()}
    assert live - in_files == set()


def test_the_sql_files_and_the_settings_count_time_in_wib():
    """The product's time zone is written once in Python (geoportal.clocks.WIB). PostgreSQL functions cannot import
    it, so each SQL file that counts local time names the zone (or, where the function must be IMMUTABLE, its fixed
    offset) itself: every such name must be WIB's, and Django's TIME_ZONE too."""
    assert WIB.key == settings.TIME_ZONE
    zones, offsets = set(), set()
    for folder in (GEOPORTAL_SQL, WORKFLOW_SQL):
        for path in folder.glob("*.sql"):
            text = path.read_text(encoding="utf-8")
            zones |= {(path.name, zone) for zone in re.findall(r"AT TIME ZONE '([^']*)'", text)}
            offsets |= {(path.name, offset) for offset in re.findall(r"AT TIME ZONE INTERVAL '([^']*)'", text)}
            # Any other way of naming a zone would escape this test.
            assert not re.search(r"AT TIME ZONE (?!'|INTERVAL ')", text), path.name
    assert {zone for _name, zone in zones} == {WIB.key, "UTC"}
    assert {offset for _name, offset in offsets} == {WIB_OFFSET}
    # UTC only where the audit chain prints instants in UTC (its hashes must not depend on the zone).
    assert {name for name, zone in zones if zone == "UTC"} == {"lapor_event_link.sql"}
    assert WIB_OFFSET == "+07:00" and datetime(2026, 7, 1, tzinfo=WIB).utcoffset() == timedelta(hours=7)


def test_the_transitions_named_in_the_sql_files_are_the_workflows():
    """The SQL that derives the facts names transitions as text: each must be one of the workflow's
    (workflow.policies.TRANSITIONS, or 'receive'), the episodes' the ones the as-of replay of held episodes
    watches, and the facts' all the transitions the stored facts are checked against."""
    named = {}
    for path in WORKFLOW_SQL.glob("lapor_*.sql"):
        text = path.read_text(encoding="utf-8")
        named[path.stem] = {
            name
            for clause in re.findall(r"transition\s*(?:=|IN\s*\()\s*('[^)]*?'(?:\s*,\s*'[^']*')*)", text)
            for name in re.findall(r"'([^']*)'", clause)
        }
    every = set().union(*named.values())
    assert every <= {"receive", *TRANSITIONS}, every - {"receive", *TRANSITIONS}
    assert named["lapor_episodes"] == set(performance._EPISODE_TRANSITIONS)
    assert named["lapor_episodes"] | named["lapor_outcomes"] <= set(performance._FACT_TRANSITIONS)

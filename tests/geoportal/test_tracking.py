import re

import pytest
from django.db import connection

from geoportal.tracking import (
    ALPHABET,
    PATTERN,
    tracking_code_display,
    tracking_code_new,
    tracking_code_normalize,
)


def test_codes_avoid_look_alike_characters():
    assert not set("01ILOU") & set(ALPHABET)
    codes = {tracking_code_new() for _ in range(2000)}
    assert len(codes) == 2000
    assert all(re.fullmatch(PATTERN, code) for code in codes)


def test_codes_are_read_back_however_they_are_typed():
    assert tracking_code_display("K7QM4XD9") == "K7QM-4XD9"
    assert tracking_code_normalize(" k7qm 4xd9 ") == "K7QM4XD9"
    assert tracking_code_normalize("K7QM-4XD9") == "K7QM4XD9"
    assert tracking_code_normalize("K7QM-4XD") is None
    assert tracking_code_normalize("K0QM-4XD9") is None
    assert tracking_code_normalize("") is None


@pytest.mark.django_db
def test_the_sql_generator_uses_the_same_alphabet_evenly():
    with connection.cursor() as cursor:
        cursor.execute("SELECT lapor_tracking_code() FROM generate_series(1, 3000)")
        codes = [row[0] for row in cursor.fetchall()]
    assert all(re.fullmatch(PATTERN, code) for code in codes)
    assert len(set(codes)) == 3000
    # every symbol shows up in every position: no byte carries fixed UUID version bits
    for position in range(8):
        assert {code[position] for code in codes} == set(ALPHABET)

"""Citizens read the states in everyday words, written once (geoportal.progress), served to the map's script."""

import json
import re

import pytest

from geoportal.progress import CITIZEN_STATUS_NAMES, PROGRESS_GROUPS, citizen_status_names
from geoportal.states import PUBLIC_STATUSES, ReportStatus

pytestmark = pytest.mark.django_db


def test_every_state_has_citizen_words_and_the_office_jargon_is_not_among_them():
    assert set(CITIZEN_STATUS_NAMES) == set(ReportStatus)
    names = {str(name) for name in CITIZEN_STATUS_NAMES.values()}
    assert len(names) == len(ReportStatus)  # each state says something different
    assert "OPD" not in " ".join(names)  # "Dispatched to OPD" is jargon to citizens
    assert set(citizen_status_names()) == {str(s) for s in PUBLIC_STATUSES}


def _config(html: str) -> dict:
    return json.loads(re.search(r"window\.laporConfig = (\{.*?\});", html).group(1))


def test_the_map_gets_the_citizen_words_through_its_config_and_its_legend_explains_the_colours(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="id").content.decode()
    config = _config(html)
    assert config["statusNames"]["dispatched"] == "Sudah diteruskan ke dinas"
    assert config["statusNames"]["verified"] == "Sudah dicek"
    assert "Diteruskan ke OPD" not in html
    # the legend: each progress group's colour, name and its states in the citizen's words; the filter the same groups
    legend = re.search(r'<ul class="legend" id="legend">(.*?)</ul>', html, re.S).group(1)
    assert "Sudah diteruskan ke dinas" in legend and "Belum beres, dikerjakan lagi" in legend
    assert legend.count('class="dot"') == len(PROGRESS_GROUPS)
    assert '<option value="verified,dispatched,returned">Menunggu</option>' in html
    english = _config(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode())
    assert english["statusNames"]["dispatched"] == "Passed on to the agency"

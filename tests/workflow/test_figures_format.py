"""One rounding rule (half away from zero) for every figure: text, bars and charts agree."""

from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from reports_pdf import charts
from workflow.figures_format import days_rounded, days_text, percent_rounded, percent_text


@pytest.mark.parametrize(
    ("value", "shown"),
    [(1.45, "1,5"), (1.449, "1,4"), (1.49, "1,5"), (0.05, "0,1"), (2.25, "2,3"), (0.0, "0,0"), (3, "3,0"), (None, "–")],
)
def test_working_days_round_half_away_from_zero_to_one_decimal(value, shown):
    with translation.override("id"):
        assert days_text(value) == shown
        assert Template("{% load figures %}{{ v|days }}").render(Context({"v": value})) == shown


def test_negative_values_round_away_from_zero_too():
    assert str(days_rounded(-1.45)) == "-1.5" and str(days_rounded(-1.449)) == "-1.4"


@pytest.mark.parametrize(
    ("share", "shown"),
    [(0.885, 89), (177 / 200, 89), (0.8849, 88), (29 / 200, 15), (0.005, 1), (0.0049, 0), (1.0, 100), (0.0, 0)],
)
def test_percentages_round_half_away_from_zero_and_the_bar_is_the_text(share, shown):
    assert percent_rounded(share) == shown and percent_text(share) == f"{shown}%"
    html = Template('{% load figures %}<span style="width:{{ s|bar }}%"></span>{{ s|percent }}').render(
        Context({"s": share})
    )
    assert html == f'<span style="width:{shown}%"></span>{shown}%'


def test_the_share_chart_draws_each_bar_as_long_as_its_label(monkeypatch):
    drawn = {}
    monkeypatch.setattr(charts, "_svg", lambda fig: drawn.setdefault("fig", fig) and "svg")
    opds = [
        SimpleNamespace(code="PUPR", resolution_share=177 / 200),  # 88.5 %
        SimpleNamespace(code="DLH", resolution_share=0.8849),
        SimpleNamespace(code="DISHUB", resolution_share=29 / 200),  # 14.5 %
    ]
    charts.share_chart(opds)
    ax = drawn["fig"].axes[0]
    widths = [patch.get_width() for patch in ax.patches]
    labels = [text.get_text() for text in ax.texts]
    assert widths == [15, 88, 89] and labels == ["15%", "88%", "89%"]  # drawn bottom up

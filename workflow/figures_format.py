"""The one rounding rule for every figure shown: the dashboard, the monthly PDF's text, its bars and its charts.

Half away from zero (1.45 → 1.5, 1.449 → 1.4, 88.5 % → 89 %): working days to one decimal, percentages to whole
numbers. A float is read through its shortest decimal form (repr: 1.45, not the binary 1.4499999…) into a Decimal
and rounded there with ROUND_HALF_UP on its absolute value, so no figure is cut down (truncated) in anyone's favour.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

DAYS_PLACES = 1
PERCENT_PLACES = 0


def round_half_away(value: float | int | Decimal, places: int) -> Decimal:
    exact = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    rounded = abs(exact).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return -rounded if exact < 0 else rounded


def days_rounded(value: float | None) -> Decimal | None:
    """Working days to one decimal."""
    return None if value is None else round_half_away(value, DAYS_PLACES)


def percent_rounded(share: float | None) -> int | None:
    """A share (0..1) as a whole percentage."""
    if share is None:
        return None
    exact = share if isinstance(share, Decimal) else Decimal(repr(float(share)))
    return int(round_half_away(exact * 100, PERCENT_PLACES))


def days_text(value: float | None) -> str:
    """Working days as shown (Indonesian decimal comma in an Indonesian context), a dash for no figure."""
    return "–" if value is None else number_format(days_rounded(value), DAYS_PLACES)


def percent_text(share: float | None) -> str:
    return "–" if share is None else f"{percent_rounded(share)}%"

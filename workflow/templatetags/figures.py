"""Template filters for figures: all of them round through workflow.figures_format (one rule, text and bars alike)."""

from django import template

from workflow.figures_format import days_text, percent_rounded, percent_text

register = template.Library()


@register.filter
def days(value) -> str:
    """Working days with one decimal (Indonesian decimal comma), or a dash when there is no figure."""
    return days_text(value)


@register.filter
def percent(value) -> str:
    return percent_text(value)


@register.filter
def bar(value) -> int:
    """A bar's width in percent: the same whole number as the text next to it."""
    return percent_rounded(value) or 0


@register.filter
def period_label(period) -> str:
    """ "Oktober 2026" for a calendar month, else "1 April 2026 – 30 September 2026" (in the active language)."""
    from django.utils.dateformat import format as date_format

    if period.is_month:
        return date_format(period.start, "F Y")
    return f"{date_format(period.start, 'j F Y')} – {date_format(period.last_day, 'j F Y')}"


@register.filter
def instant(moment) -> str:
    """An instant in WIB as printed on the pages: "30 November 2026 14.05 WIB"; a midnight, the end of the day before,
    as "30 November 2026 24.00 WIB" (the end of a period reads as its last day's)."""
    from datetime import time, timedelta

    from django.utils.dateformat import format as date_format

    from geoportal.clocks import WIB

    local = moment.astimezone(WIB)
    if local.time() == time(0):
        return f"{date_format(local.date() - timedelta(days=1), 'j F Y')} 24.00 WIB"
    return f"{date_format(local, 'j F Y H.i')} WIB"

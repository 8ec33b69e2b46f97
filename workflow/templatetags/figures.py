from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def days(value) -> str:
    """Working days with one decimal (Indonesian decimal comma), or a dash when there is no figure."""
    return "–" if value is None else number_format(value, 1)


@register.filter
def percent(value) -> str:
    return "–" if value is None else f"{number_format(value * 100, 0)}%"


@register.filter
def bar(value) -> int:
    return 0 if value is None else round(value * 100)

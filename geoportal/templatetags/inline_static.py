"""{% load inline_static %} … <script nonce="…">{% inline_static "geoportal/lapor.js" %}</script>: a small static
file's text inside the page. On a phone's slow line (Fast 3G: 562 ms a round trip) each further file is one more
round trip before the page works; the report form carries its few small scripts itself (and, kept by the service
worker, works offline from that one answer)."""

from functools import lru_cache

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()


@lru_cache(maxsize=16)
def _text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise template.TemplateSyntaxError(f"no static file {path}")
    with open(found, encoding="utf-8") as source:
        # Never ends the <script> element early.
        return source.read().replace("</", "<\\/")


@register.simple_tag
def inline_static(path: str) -> str:
    return mark_safe(_text(str(path)))  # noqa: S308 - our own static file, escaped for a <script> element

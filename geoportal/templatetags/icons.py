"""{% load icons %} … {% icon "camera" %}: an inline SVG icon (geoportal/icons.py)."""

from django import template

from geoportal.icons import icon_svg

register = template.Library()


@register.simple_tag
def icon(name, css_class="icon"):
    return icon_svg(str(name), css_class=css_class)

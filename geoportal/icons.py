"""Font Awesome's solid icons inlined as SVG: a label's icon costs a few hundred bytes in the page instead of the
icon font (156 KiB) and its style sheet (19 KiB) on a phone's first visit. The files come from the npm package
(scripts/vendor-assets.sh copies them to static/vendor/fontawesome/svgs/solid/)."""

import re
from functools import lru_cache

from django.contrib.staticfiles import finders
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_NAME = re.compile(r"[a-z0-9-]{1,60}")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_VIEWBOX = re.compile(r'viewBox="([\d. ]+)"')
_PATHS = re.compile(r"<path [^>]*/>")


@lru_cache(maxsize=512)
def _icon_parts(name: str) -> tuple[str, str] | None:
    """(viewBox, the path elements) of the icon called `name`, or None when there is no such icon."""
    if not _NAME.fullmatch(name or ""):  # the admin types the name: never a path
        return None
    path = finders.find(f"vendor/fontawesome/svgs/solid/{name}.svg")
    if not path:
        return None
    with open(path, encoding="utf-8") as file:
        text = _COMMENT.sub("", file.read())
    box, paths = _VIEWBOX.search(text), _PATHS.findall(text)
    return (box.group(1), "".join(paths)) if box and paths else None


def icon_svg(name: str, *, css_class: str = "icon", fallback: str = "circle-exclamation") -> SafeString:
    """An inline <svg> of the icon, in the text's colour (fill: currentColor), hidden from screen readers (the
    label next to it says what it is); an unknown name gives `fallback`'s icon, or nothing."""
    parts = _icon_parts(name) or (_icon_parts(fallback) if fallback else None)
    if parts is None:
        return mark_safe("")
    return format_html(
        '<svg class="{}" viewBox="{}" fill="currentColor" aria-hidden="true" focusable="false">{}</svg>',
        css_class,
        parts[0],
        mark_safe(parts[1]),  # from the vendored package's own files, comments stripped
    )

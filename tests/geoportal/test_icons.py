"""Label icons inlined as SVG (geoportal/icons.py): the admin types the name, so it is never a path."""

from geoportal.icons import icon_svg


def test_a_known_icon_is_inline_svg_in_the_text_colour_and_hidden_from_screen_readers():
    svg = str(icon_svg("road"))
    assert svg.startswith('<svg class="icon" viewBox="0 0 576 512" fill="currentColor" aria-hidden="true"')
    assert "<path d=" in svg and "<!--" not in svg and "<script" not in svg


def test_an_unknown_or_hostile_name_gives_the_fallback_icon_never_a_file_outside():
    fallback = str(icon_svg("circle-exclamation"))
    for name in ("no-such-icon", "../../../../etc/passwd", "road.svg", "ROAD", "road\x00", "", "a" * 200):
        assert str(icon_svg(name)) == fallback, name
    assert str(icon_svg("no-such-icon", fallback="")) == ""

"""What the accessibility browser tests measure on a page: axe-core's WCAG 2.2 AA violations, targets too small for
a finger, horizontal scrolling. axe-core comes with axe-playwright-python and is injected by Playwright (nothing is
fetched from the internet, and the page's Content-Security-Policy stays as production sends it)."""

import json
import os
from collections import Counter
from pathlib import Path

WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SERIOUS = ("serious", "critical")
SCREENS = {"phone": {"width": 360, "height": 760}, "desktop": {"width": 1280, "height": 900}}


def axe_violations(page) -> list[dict]:
    """axe-core's violations of WCAG 2.0–2.2 A and AA on the page as it is now, every impact."""
    from axe_playwright_python.sync_playwright import Axe

    options = {"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]}
    return Axe().run(page, options=options).response["violations"]


def serious(violations: list[dict]) -> list[str]:
    """Serious and critical violations, one line per rule with the first offending elements."""
    return [
        f"{v['impact']} {v['id']}: {v['help']} at {[n['target'] for n in v['nodes'][:4]]}"
        for v in violations
        if v["impact"] in SERIOUS
    ]


def axe_record(name: str, violations: list[dict]) -> None:
    """With AXE_SUMMARY=<file> set, add the page's counts per impact (elements, not rules) to that JSON file:
    the before/after table of var/issue17-axe.txt is made from it."""
    target = os.environ.get("AXE_SUMMARY")
    if not target:
        return
    path = Path(target)
    summary = json.loads(path.read_text()) if path.exists() else {}
    counts = Counter()
    for v in violations:
        counts[v["impact"] or "none"] += len(v["nodes"])
    summary[name] = {"counts": dict(counts), "rules": sorted({f"{v['impact']} {v['id']}" for v in violations})}
    path.write_text(json.dumps(summary, indent=1, sort_keys=True))


# Every visible control's box. A link inside a sentence is exempt from WCAG 2.5.8 ("inline": its size is set by
# the line of text): only a link in a paragraph with words of its own around it counts as one; links in lists, table
# cells or alone in their paragraph must be 24 px like any other control.
_TARGETS = """() => {
  const out = [];
  const controls = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [role=button], label[for]';
  for (const el of document.querySelectorAll(controls)) {
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none') continue;
    let r = el.getBoundingClientRect();
    // A link around a picture: the picture is what the finger hits.
    const img = el.matches('a') && el.querySelector('img');
    if (img && img.getBoundingClientRect().height > r.height) r = img.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    // Visually hidden inputs whose label is the target (photo button, label tiles): measure the label instead.
    if (el.matches('input') && (r.width <= 1 || r.height <= 1 || style.opacity === '0')) continue;
    if (el.closest('[aria-hidden=true]')) continue;
    // Leaflet's and OpenLayers' own map controls sit inside the map, which has the list as its alternative.
    if (el.closest('.leaflet-container, .ol-viewport')) continue;
    if (el.matches('label[for]')) {
      const input = document.getElementById(el.htmlFor);
      if (!input || !(input.type === 'file' || input.type === 'radio' || input.type === 'checkbox')) continue;
      const ir = input.getBoundingClientRect();
      if (ir.width > 1 && ir.height > 1 && getComputedStyle(input).opacity !== '0') continue;
    }
    let inline = false;
    if (el.matches('a') && style.display === 'inline' && !img && el.parentElement.closest('p')) {
      const block = el.closest('p');
      const text = block ? block.textContent.replace(el.textContent, '').trim() : '';
      inline = text.length > 0;
    }
    out.push({
      what: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.name ? `[name=${el.name}]` : ''),
      text: (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40),
      width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10,
      top: r.top + window.scrollY, inline,
    });
  }
  return out;
}"""


def targets(page) -> list[dict]:
    """Every visible control with its size in CSS px and whether it is a link inside a sentence."""
    return page.evaluate(_TARGETS)


def too_small(page, minimum: float = 24) -> list[str]:
    """Controls smaller than minimum × minimum CSS px, links inside running text apart."""
    return [
        f"{t['what']} '{t['text']}' {t['width']}×{t['height']}"
        for t in targets(page)
        if not t["inline"] and (t["width"] < minimum or t["height"] < minimum)
    ]


def horizontal_overflow(page) -> int:
    """How many CSS px the page is wider than the window (0: no sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")

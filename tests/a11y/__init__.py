"""WCAG 2.2 AA in the browser: axe-core, target sizes, keyboard alone, staff pages on a phone."""

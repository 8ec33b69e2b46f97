"""Screenshots of the running server's pages in headless Chromium, for people to look at.

    .venv/bin/python scripts/screenshots.py [BASE_URL] [OUT_DIR]

Signs in as the demo accounts (password DEMO_PASSWORD, default trenggalek-demo).
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "var/screenshots")
PASSWORD = os.environ.get("DEMO_PASSWORD", "trenggalek-demo")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
# account → [(name, path, full page?)]; a path None opens the first report of the page before.
PAGES = {
    None: [
        ("home", "/", True),
        ("api-reports", "/api/reports/?limit=3&kecamatan=35.03.11", True),
        ("api-docs", "/api/docs/", False),
    ],
    "admin": [("admin-kecamatan-watulimo", "/admin/geoportal/kecamatan/?q=35.03.08", False)],
    "operator": [("desk-operator", "/staf/operator/", False), ("desk-report", None, True)],
    "opd-pupr": [("desk-opd", "/staf/opd/", False), ("desk-opd-report", None, True)],
    "pimpinan": [("desk-leadership", "/staf/pimpinan/", True)],
}


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for account, pages in PAGES.items():
            page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
            if account == "admin":
                page.goto(f"{BASE}/admin/login/")
                page.fill("#id_username", account)
                page.fill("#id_password", PASSWORD)
                page.click("input[type=submit]")
            elif account:
                page.goto(f"{BASE}/masuk/")
                page.fill("#id_username", account)
                page.fill("#id_password", PASSWORD)
                page.click("button[type=submit]")
            for name, path, full in pages:
                if path is None:
                    page.click("table tbody tr a")
                else:
                    page.goto(BASE + path)
                if name == "admin-kecamatan-watulimo":  # open the one search result: its map widget
                    page.click("#result_list tbody tr a")
                page.wait_for_load_state("networkidle")
                target = OUT / f"{name}.png"
                page.screenshot(path=str(target), full_page=full)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()

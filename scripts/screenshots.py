"""Screenshots of the running server's pages in headless Chromium, for people to look at.

    .venv/bin/python scripts/screenshots.py [BASE_URL] [OUT_DIR]

Signs in as `admin` with DEMO_PASSWORD (default trenggalek-demo) for the admin pages.
"""

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"
OUT = Path(sys.argv[2] if len(sys.argv) > 2 else "var/screenshots")
PAGES = {
    "home": "/",
    "api-reports": "/api/reports/?limit=3&kecamatan=35.03.11",
    "api-docs": "/api/docs/",
    "admin-kecamatan": "/admin/geoportal/kecamatan/?o=1",
    "admin-kecamatan-watulimo": "/admin/geoportal/kecamatan/?q=35.03.08",
    "admin-reports": "/admin/geoportal/report/",
}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="id-ID")
        page.goto(f"{BASE}/admin/login/")
        page.fill("#id_username", "admin")
        page.fill("#id_password", os.environ.get("DEMO_PASSWORD", "trenggalek-demo"))
        page.click("input[type=submit]")
        for name, path in PAGES.items():
            page.goto(BASE + path)
            if name == "admin-kecamatan-watulimo":  # open the one search result: its map widget
                page.click("#result_list tbody tr a")
            page.wait_for_load_state("networkidle")
            target = OUT / f"{name}.png"
            page.screenshot(path=str(target), full_page=name != "api-docs")
            print(target)
        browser.close()


if __name__ == "__main__":
    main()

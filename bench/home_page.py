"""Size and load time of the citizen home page (the map), in headless Chromium, against a running server.

    .venv/bin/python bench/home_page.py [BASE_URL] [--runs 5]

Prints the HTML size, the bytes transferred for the whole page (scripts, styles, fonts, the first GeoJSON page)
and the time until the map shows its reports, first visit (empty cache) and repeat visit. A benchmark, not a test.
"""

import argparse
import statistics
import time

from playwright.sync_api import sync_playwright


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for label, viewport in (
            ("phone 360x760", {"width": 360, "height": 760}),
            ("desktop 1280x800", {"width": 1280, "height": 800}),
        ):
            cold, warm, sizes = [], [], []
            for _ in range(args.runs):
                context = browser.new_context(viewport=viewport, locale="id-ID", service_workers="block")
                page = context.new_page()
                transferred = {"bytes": 0, "html": 0}

                def count(response, transferred=transferred):
                    try:
                        body = response.body()
                    except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                        return
                    transferred["bytes"] += len(body)
                    if response.url.rstrip("/") == args.base.rstrip("/"):
                        transferred["html"] = len(body)

                page.on("response", count)
                for bucket in (cold, warm):
                    start = time.perf_counter()
                    page.goto(args.base + "/")
                    page.wait_for_function("document.querySelectorAll('#report-list li').length > 0", timeout=30000)
                    bucket.append((time.perf_counter() - start) * 1000)
                    if bucket is cold:
                        sizes.append((transferred["html"], transferred["bytes"], page.inner_text("#report-summary")))
                context.close()
            html, total, summary = sizes[-1]
            print(f"{label}: HTML {html / 1024:.0f} KiB, whole page {total / 1024:.0f} KiB (uncompressed), {summary}")
            print(
                f"  first visit: median {statistics.median(cold):.0f} ms (min {min(cold):.0f}, max {max(cold):.0f}); "
                f"repeat visit: median {statistics.median(warm):.0f} ms"
            )
        browser.close()


if __name__ == "__main__":
    main()

"""What a phone reader meets first, measured in Chromium at 375 px: the issue-17 figures.

Run against any running site (for example `make run`):

    .venv/bin/python -m tests.browser.phone_metrics http://127.0.0.1:8000

It prints, per language and page, the header's height, the tab stops before
the main content, the cumulative layout shift and the page's length in
screens. The browser tests call `measure` with the same rules.
"""

import argparse
import os
import time

PHONE = {"width": 375, "height": 667}  # an iPhone SE: the smallest common phone screen
PATHS = ["", "knowledge-hub/best-practices/", "events/calendar/", "documents/", "accounts/login/"]

# Layout shifts are buffered from the start of the load, so the observer sees the theme switch appearing.
CLS_SCRIPT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 300)));
})"""


def tab_stops_before_main(page, limit=40):
    """Press Tab from the top until focus lands in (or past) the main content; count the presses before."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for stops in range(limit):
        page.keyboard.press("Tab")
        reached = page.evaluate(
            """() => {
              const main = document.querySelector("main"), here = document.activeElement;
              return main.contains(here) || !!(main.compareDocumentPosition(here) & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        )
        if reached:
            return stops
    return limit


def slow_scripts(route):
    # A slow mobile link: the page paints before its deferred script arrives, as it does for our readers.
    time.sleep(1.0)
    route.continue_()


def measure(page, url):
    page.route("**/*.js", slow_scripts)
    page.goto(url, wait_until="load")
    page.unroute("**/*.js")
    shift = page.evaluate(CLS_SCRIPT)
    header = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    screens = page.evaluate("document.documentElement.scrollHeight / innerHeight")
    return {
        "header_px": round(header),
        "tab_stops": tab_stops_before_main(page),
        "cls": round(shift, 4),
        "screens": round(screens, 1),
    }


def main():
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", nargs="?", default="http://127.0.0.1:8000")
    parser.add_argument("--languages", default="en,ru,tg")
    parser.add_argument("--paths", default=",".join(PATHS), help="comma-separated paths after /<language>/")
    arguments = parser.parse_args()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
        page = browser.new_page(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
        print(f"{'page':<45} {'header px':>9} {'tab stops':>9} {'CLS':>7} {'screens':>7}")
        for language in arguments.languages.split(","):
            for path in arguments.paths.split(","):
                figures = measure(page, f"{arguments.url.rstrip('/')}/{language}/{path}")
                print(
                    f"{'/' + language + '/' + path:<45} {figures['header_px']:>9} {figures['tab_stops']:>9}"
                    f" {figures['cls']:>7} {figures['screens']:>7}"
                )
        browser.close()


if __name__ == "__main__":
    main()

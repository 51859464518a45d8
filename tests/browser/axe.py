"""axe-core in Chromium: WCAG 2.1 A/AA and axe's best practices, on the page as it is or in both themes."""

from axe_playwright_python.sync_playwright import Axe

RULES = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],  # passes are not itemised: a third less time per run
}


def assert_accessible(page, where=""):
    results = Axe().run(page, options=RULES)
    assert results.violations_count == 0, f"{where or page.url}\n{results.generate_report()}"


def assert_accessible_in_both_themes(page, where=""):
    """Switch the loaded page's theme as the theme switch does, and check each: one fetch, two checks."""
    for theme in ("light", "dark"):
        page.evaluate("theme => { document.documentElement.dataset.theme = theme }", theme)
        assert_accessible(page, f"{where or page.url} ({theme})")

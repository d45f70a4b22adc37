"""Debian's chromium driven by Playwright, with axe-core run on every page it shows."""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright

from tests.support.chromium import CHROMIUM, LAUNCH_ARGS

AXE = Path(__file__).parent / "vendor" / "axe-4.11.1.min.js"
BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations
    .filter(v => ["serious", "critical"].includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.help} at ` +
      v.nodes.map(n => n.target.join(" ")).join(", "));
}"""


class Visitor:
    """A person at the browser: every page they reach is checked by axe before they go on."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.audited: list[str] = []
        self.reached: list[str] = []
        page.on("framenavigated", lambda frame: self._reached(frame.url, frame is page.main_frame))

    def go(self, path: str) -> "Visitor":
        """Open a path of the site, or a full address such as a mailed link."""
        url = path if path.startswith("http") else f"{self.base_url}{path}"
        self.page.goto(url)
        return self.audit()

    def fill(self, label: str, value: str) -> "Visitor":
        """Type into the field with this label."""
        self.page.get_by_label(label, exact=True).fill(value)
        return self

    def choose(self, label: str, value: str) -> "Visitor":
        """Pick an option of the select with this label."""
        self.page.get_by_label(label, exact=True).select_option(value)
        return self

    def tick(self, label: str) -> "Visitor":
        """Tick the checkbox or radio with this label."""
        self.page.get_by_label(label, exact=True).check()
        return self

    def press(self, button: str) -> "Visitor":
        """Press a button and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=button, exact=True).click()
        return self.audit()

    def follow(self, link: str) -> "Visitor":
        """Follow a link and wait for the page it leads to."""
        with self.page.expect_navigation():
            self.page.get_by_role("link", name=link, exact=True).first.click()
        return self.audit()

    def text(self) -> str:
        """Return what the page says, as a person reads it."""
        return self.page.inner_text("body")

    def heading(self) -> str:
        """Return the page's main heading."""
        return self.page.inner_text("h1").strip()

    def audit(self) -> "Visitor":
        """Run axe on the page shown; fail on any serious or critical violation."""
        self.page.wait_for_load_state("load")
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            # Evaluated by the browser's debugger, so the site's CSP need not allow it.
            self.page.evaluate(AXE.read_text())
        violations: list[str] = self.page.evaluate(RUN_AXE)
        assert not violations, f"{self.page.url}:\n" + "\n".join(violations)
        self.audited.append(self.page.url.split("#")[0])
        return self

    def errors_named(self) -> dict[str, str]:
        """Return each field's error message shown next to it, by the field's id."""
        found: dict[str, str] = {}
        for group in self.page.locator(".form-group-error").all():
            message = group.locator(".error-message").inner_text()
            control = group.locator("input, textarea, select, fieldset").first
            found[control.get_attribute("id") or ""] = message.replace("Error:", "").strip()
        return found

    def _reached(self, url: str, main: bool) -> None:
        # A jump to an anchor (an error summary's link) shows the same page.
        if main and url.startswith(self.base_url):
            self.reached.append(url.split("#")[0])


@contextmanager
def chromium() -> Iterator[Any]:
    """Launch Debian's chromium, or skip the test with how to install it."""
    if not CHROMIUM.is_file():
        pytest.skip(f"chromium is not at {CHROMIUM}: `apt-get install -y chromium`")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def visitor(browser: Any, base_url: str, width: int = 1024) -> Iterator[Visitor]:
    """Give a fresh browser profile; in the end, check that axe saw every page it reached."""
    viewport = {"width": width, "height": 800}
    context = browser.new_context(viewport=viewport, accept_downloads=True)
    try:
        person = Visitor(context.new_page(), base_url)
        yield person
        unaudited = set(person.reached) - set(person.audited)
        assert not unaudited, f"pages shown but not checked by axe: {sorted(unaudited)}"
    finally:
        context.close()


LINK = re.compile(r"https?://[^\s\"'<>]+")


def links_in(text: str) -> list[str]:
    """Return every web address in a mail's text."""
    return LINK.findall(text)

"""Each service's API reference works behind the gateway with nothing loaded from elsewhere."""

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import requests

from qplatform.services import SERVICES
from qplatform.web.docs import STATIC
from tests.e2e.platform import Platform
from tests.support.chromium import LAUNCH_ARGS

ROOT = Path(__file__).resolve().parents[2]
TITLES = {
    "membership": "Q Membership",
    "events": "Q Events",
    "matching": "Q Matching",
    "notifications": "Q Notifications",
    "collaboration": "Q Collaboration",
}


def linked(page: str, base: str) -> dict[str, str]:
    """Return the absolute URL of the page's spec and of each script it loads."""
    urls = {"spec": urljoin(base, re.findall(r'spec-url="([^"]+)"', page)[0])}
    for index, src in enumerate(re.findall(r'<script[^>]*src="([^"]+)"', page)):
        urls[f"script {index}"] = urljoin(base, src)
    return urls


@pytest.mark.parametrize("service", SERVICES)
def test_each_docs_page_loads_its_spec_and_viewer_from_the_gateway_itself(
    gateway: str, service: str
) -> None:
    page_url = f"{gateway}/{service}/docs"
    page = requests.get(page_url, timeout=5)
    assert page.status_code == 200
    urls = linked(page.text, page_url)
    assert urls["spec"] == f"{gateway}/{service}/openapi.json"
    assert len(urls) == 2, urls
    assert {urlsplit(url).netloc for url in urls.values()} == {urlsplit(gateway).netloc}
    spec = requests.get(urls["spec"], timeout=5).json()
    assert spec["info"]["title"] == TITLES[service]
    script = requests.get(urls["script 0"], timeout=10)
    assert script.status_code == 200
    assert script.headers["Content-Type"].startswith("text/javascript")
    assert script.content == (STATIC / "redoc.standalone.js").read_bytes()


def test_a_service_serves_the_same_page_on_its_own_port(platform: Platform) -> None:
    page_url = f"{platform.url('events')}/docs"
    urls = linked(requests.get(page_url, timeout=5).text, page_url)
    assert urls["spec"] == f"{platform.url('events')}/openapi.json"
    assert requests.get(urls["spec"], timeout=5).json()["info"]["title"] == "Q Events"
    assert requests.get(urls["script 0"], timeout=10).status_code == 200


def test_the_vendored_viewer_is_the_pinned_release_unchanged() -> None:
    bundle = (STATIC / "redoc.standalone.js").read_bytes()
    assert (
        hashlib.sha256(bundle).hexdigest()
        == (STATIC / "redoc.standalone.js.sha256").read_text().strip()
    )
    pinned = re.search(r"^VERSION=(\S+)$", (ROOT / "tools/redoc/vendor.sh").read_text(), re.M)
    assert pinned and (STATIC / "redoc.version").read_text().strip() == f"redoc {pinned[1]}"


def test_a_browser_renders_the_reference_under_the_gateways_content_policy(gateway: str) -> None:
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium is not installed: `apt-get install chromium`")
    dom = rendered_dom(chromium, f"{gateway}/membership/docs")
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", dom)
    assert headings and headings[0].startswith("Q Membership"), headings
    assert "Applications" in dom, "the operations of the spec are listed"


def rendered_dom(chromium: str, url: str) -> str:
    """Load `url` in headless Chromium, let its scripts run, and return the resulting DOM."""
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [
                chromium,
                *LAUNCH_ARGS,
                f"--user-data-dir={profile}",
                "--virtual-time-budget=15000",
                "--dump-dom",
                url,
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout

"""Browser tests: Debian's chromium (headless) driven by Selenium against a live loopback server.

Slow (``--slow``): they start a server and a browser; the seeds test also runs the real pipeline.
Screenshots of every page go to ``$SITREP_SCREENSHOTS`` or ``screenshots/`` (git-ignored).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import webfactory
from sitrep.api import create_app
from sitrep.store import Store

pytestmark = pytest.mark.slow

CHROMIUM = os.environ.get("SITREP_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("SITREP_CHROMEDRIVER", "/usr/bin/chromedriver")
TOKEN = "browser-test-token"
ROOT = Path(__file__).resolve().parents[1]
SHOTS = Path(os.environ.get("SITREP_SCREENSHOTS") or ROOT / "screenshots")
PASTED = ("Gunmen attack <script>document.title='pwned'</script> a bus depot\n\n"
          "Gunmen opened fire at a bus depot in Nairobi on Tuesday, killing four people and wounding "
          "nine others, police said. <b>Witnesses</b> said the attackers fled on motorbikes.")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """uvicorn in a thread on a free loopback port."""

    def __init__(self, app) -> None:
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        for _ in range(200):
            if self.server.started:
                return self
            time.sleep(0.05)
        raise RuntimeError("server did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator:
    if not (shutil.which(CHROMIUM) and shutil.which(DRIVER)):
        pytest.skip("chromium and chromium-driver are missing (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-dev-shm-usage", "--window-size=1280,1400"):
        opts.add_argument(arg)
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def shot(drv, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    drv.set_window_size(1280, 800)  # measure the page, not the previous window
    height = drv.execute_script("return document.body.scrollHeight")
    drv.set_window_size(1280, min(max(int(height), 800), 4000))
    drv.save_screenshot(str(path))
    assert path.stat().st_size > 5_000
    return path


def _wait_for(drv, css: str, timeout: float = 120.0):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(drv, timeout).until(ec.presence_of_element_located((By.CSS_SELECTOR, css)))


def _follow(drv, element, timeout: float = 60.0) -> None:
    """Click a link or submit button and wait for the next page to replace this one.

    Selenium's click does not wait for a navigation it starts: reading the page straight after it
    can read the old page or an empty one in between (this failed once in CI).
    """
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    old = drv.find_element(By.TAG_NAME, "html")
    element.click()
    wait = WebDriverWait(drv, timeout)
    wait.until(ec.staleness_of(old))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def _console_errors(drv) -> list[str]:
    try:
        logs = drv.get_log("browser")
    except Exception:  # not every driver exposes logs
        return []
    # Our CSP refusing an injected script is the expected, inert outcome.
    return [e["message"] for e in logs
            if e["level"] == "SEVERE" and "Content Security Policy" not in e["message"]]


def test_web_browser_pages_of_a_hand_made_store(browser):
    from selenium.webdriver.common.by import By

    store = Store(":memory:")
    ids = webfactory.build(store, extra=30)
    app = create_app(":memory:", store=store, token=TOKEN, pipeline_factory=webfactory.FakePipeline)
    with Server(app) as srv:
        browser.get(srv.url + "/incidents")
        rows = browser.find_elements(By.CSS_SELECTOR, "#incidents tbody tr")
        assert len(rows) == 25 and browser.find_element(By.CSS_SELECTOR, ".pager")
        shot(browser, "factory-list")
        browser.find_element(By.NAME, "min_killed").send_keys("10")
        _follow(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
        links = browser.find_elements(By.CSS_SELECTOR, "a.incident-link")
        assert [a.text for a in links] == ["Car bomb at a market in Lahore"]
        _follow(browser, links[0])
        _wait_for(browser, "#incident")
        assert browser.find_element(By.CSS_SELECTOR, "#map svg.map .marker circle").is_displayed()
        assert browser.find_element(By.CSS_SELECTOR, "#chart svg.chart").is_displayed()
        assert browser.find_elements(By.CSS_SELECTOR, "#chart svg.chart circle.point")
        assert browser.find_element(By.CSS_SELECTOR, "#map svg.map text.label").text == "Lahore"
        claims = browser.find_elements(By.CSS_SELECTOR, ".figure[data-category=killed] tr.claim")
        assert len(claims) == 2 and "hospital official" in claims[1].text
        assert browser.find_elements(By.CSS_SELECTOR, "ul.source-group[data-relation=copy-of] li")
        shot(browser, "factory-incident")
        browser.get(f"{srv.url}/articles/{ids['hostile']}")
        text = browser.find_element(By.ID, "text").text
        assert "<script>window.__pwned = 1; alert(1)</script>" in text  # shown as text
        assert browser.execute_script("return window.__pwned === undefined")
        assert browser.find_elements(By.CSS_SELECTOR, "#text img, #text script, #text b") == []
        shot(browser, "factory-article-hostile")
        browser.get(srv.url + "/no/such/page")
        assert "404" in browser.find_element(By.ID, "error").text
        assert _console_errors(browser) == [] or all("404" in m for m in _console_errors(browser))


def _seed_folder() -> Path | None:
    from importlib import resources

    folder = Path(str(resources.files("sitrep") / "data" / "seeds"))
    if folder.is_dir() and any(folder.glob("*.txt")):
        return folder
    dev = ROOT.parent / "shared" / "corpus" / "seeds"  # a developer checkout before the package data lands
    return dev if dev.is_dir() else None


def test_web_browser_seeds_crocus_incident_and_pasted_ingest(browser, tmp_path):
    from selenium.webdriver.common.by import By

    from sitrep.pipeline import Pipeline

    folder = _seed_folder()
    if folder is None:
        pytest.skip("no seed articles")
    path = str(tmp_path / "seeds.duckdb")
    store = Store(path)
    pipe = Pipeline(store)
    pipe.ingest([str(folder)])
    pipe.process()
    app = create_app(path, store=store, token=TOKEN)
    with Server(app) as srv:
        browser.get(srv.url + "/incidents")
        shot(browser, "seeds-list")
        links = browser.find_elements(By.CSS_SELECTOR, "a.incident-link")
        assert links, "no incident read from the seeds"
        browser.find_element(By.NAME, "q").send_keys("Crocus")
        _follow(browser, browser.find_element(By.CSS_SELECTOR, "form.filters button"))
        links = browser.find_elements(By.CSS_SELECTOR, "a.incident-link")
        assert links, "the Crocus City Hall incident is not listed"
        _follow(browser, links[0])
        _wait_for(browser, "#incident")
        page = browser.find_element(By.ID, "incident").text
        assert "Krasnogorsk" in page or "Moscow" in page or "Russia" in page
        assert browser.find_element(By.CSS_SELECTOR, "#map svg.map").is_displayed()
        killed = browser.find_elements(By.CSS_SELECTOR, ".figure[data-category=killed] tr.claim")
        assert killed, "no killed claims"
        # Each claim names its source.
        assert all(c.find_element(By.CSS_SELECTOR, "td a").text for c in killed)
        assert browser.find_elements(By.CSS_SELECTOR, "td.evidence mark.figure")
        shot(browser, "seeds-crocus-incident")
        # Open one source article: its extractions are highlighted.
        _follow(browser, browser.find_element(By.CSS_SELECTOR, ".figure[data-category=killed] tr.claim td a"))
        _wait_for(browser, "#article")
        assert browser.find_elements(By.CSS_SELECTOR, "#text mark.figure")
        shot(browser, "seeds-article")
        # Paste an article holding markup; follow the job to the end; find it.
        browser.get(srv.url + "/ingest")
        shot(browser, "ingest-form")
        browser.find_element(By.NAME, "text").send_keys(PASTED)
        browser.find_element(By.NAME, "token").send_keys(TOKEN)
        _follow(browser, browser.find_element(By.CSS_SELECTOR, "#ingest-form button"))
        _wait_for(browser, "#job[data-state=done], #job[data-state=error]", timeout=300)
        shot(browser, "ingest-job")
        assert browser.find_element(By.ID, "job").get_attribute("data-state") == "done"
        assert browser.title != "pwned"
        _follow(browser, browser.find_element(By.CSS_SELECTOR, "#job-results a"))
        _wait_for(browser, "#article")
        assert "<script>document.title='pwned'</script>" in browser.find_element(By.ID, "text").text
        assert browser.title != "pwned"
        shot(browser, "ingest-article")
        browser.get(srv.url + "/incidents?q=bus+depot")
        found = browser.find_elements(By.CSS_SELECTOR, "a.incident-link")
        assert found, "the pasted article's incident is not listed"
        shot(browser, "ingest-found")

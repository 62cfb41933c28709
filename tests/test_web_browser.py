"""The pages of `eventwire serve` in real headless Chromium (Debian's, driven by Selenium).

`make test` installs chromium and chromium-driver (scripts/browser-deps) and the npm packages
(leaflet, world-atlas, topojson-client). The server runs on 127.0.0.1 in a thread; every
request the browser makes is recorded and must stay on 127.0.0.1.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from eventwire.records import Article, Count, Event, EventDate, Evidence, Location, Plover, Result
from eventwire.store import article_hash, open_store

pytestmark = pytest.mark.slow

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
TOKEN = "browser-test-token"
HOSTILE = (
    "Gunmen attacked a checkpoint in Mosul on Monday, killing two. "
    '<script>window.__pwned = 1</script><img src="nothing.png" onerror="window.__pwned = 2">'
    " Police said the attackers fled."
)
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage", "--window-size=1280,900",
)  # fmt: skip


def _hostile_result() -> Result:
    """A hand-made report whose text carries markup; its evidence spans cover the markup."""
    start, at = HOSTILE.index("<script>"), HOSTILE.index("Mosul")
    event = Event(
        id="hostile-1", status="reported", type="violence_against_civilians", subtype="attack",
        plover=Plover("ASSAULT"),
        date=EventDate(dt.date(2021, 3, 1), dt.date(2021, 3, 1), "day"),
        location=Location("Mosul", "Nineveh", "IQ", 36.34, 43.13, 99072, "city", "Mosul", (at, at + 5)),
        killed=Count(2, 2),
        evidence=(Evidence("type", HOSTILE[start : start + 20], (start, start + 20)),),
    )  # fmt: skip
    return Result(
        Article("hostile", HOSTILE, "<b>Hostile</b> title", dt.date(2021, 3, 2)), (event,)
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(erbil_result, tmp_path_factory):
    """The app over a store holding the reference article and the hostile one, on 127.0.0.1."""
    import uvicorn

    from eventwire.web.app import create_app, default_vendor

    if not (default_vendor() / "leaflet").is_dir():
        pytest.fail("node_modules is missing: run `make install` (npm ci)")
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'events.db'}"
    store = open_store(url)
    for result in (erbil_result, _hostile_result()):
        store.save_result(result, article_hash(result.article))
    keys = {e.article_id: e.key for e in store.events()}
    store.close()
    assert "erbil-rocket-attack" in keys, "the reference article gave no reported event"
    port = _free_port()
    config = uvicorn.Config(
        create_app(url, TOKEN), host="127.0.0.1", port=port, log_level="warning"
    )
    app_server = uvicorn.Server(config)
    thread = threading.Thread(target=app_server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if app_server.started:
            break
        time.sleep(0.05)
    assert app_server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}", keys
    app_server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium with its network log on; screenshots go to a temporary folder."""
    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.fail(
            "Chromium is missing: run scripts/browser-deps (apt-get install chromium chromium-driver)"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="eventwire-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.shots = Path(tempfile.mkdtemp(prefix="eventwire-screens-"))
    driver.get("about:blank")
    driver.requests = []
    _requests(driver)  # drop what the browser's own start page asked for
    driver.requests.clear()
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _requests(driver) -> list[str]:
    """The URLs the browser asked for since the last call (from Chromium's network log)."""
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            driver.requests.append(message["params"]["request"]["url"])
    return driver.requests


def _wait(driver, condition, what: str, timeout: float = 20):
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        return WebDriverWait(driver, timeout).until(condition)
    except Exception:
        shot = driver.shots / "failure.png"
        driver.save_screenshot(str(shot))
        logs = [e["message"] for e in driver.get_log("browser")]
        raise AssertionError(
            f"timed out waiting for {what}; screenshot {shot}; console {logs}"
        ) from None


def _shot(driver, name: str) -> None:
    path = driver.shots / name
    driver.save_screenshot(str(path))
    print(f"screenshot: {path}")


def _assert_local(driver) -> None:
    urls = _requests(driver)
    assert urls, "no request was recorded"
    remote = [u for u in urls if not u.startswith("data:") and urlsplit(u).hostname != "127.0.0.1"]
    assert remote == [], f"requests left 127.0.0.1: {remote}"
    refused = [
        e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]
    ]
    assert refused == [], f"the pages break their own Content-Security-Policy: {refused}"


def test_map_event_page_and_correction(server, browser):
    from selenium.webdriver.common.by import By

    base, keys = server
    key = keys["erbil-rocket-attack"]
    browser.get(base + "/")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "path.ew-marker"), "a marker")
    countries = _wait(
        browser, lambda d: len(d.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 100,
        "the world basemap",
    )  # fmt: skip
    assert countries
    assert browser.find_elements(By.CSS_SELECTOR, "#histogram rect.bar")
    assert "2 of 2 reports shown" in browser.find_element(By.ID, "summary").text
    _shot(browser, "map.png")
    _assert_local(browser)

    # brushing the first half of the timeline leaves only the Erbil report (15 Feb, not 1 Mar)
    from selenium.webdriver.common.action_chains import ActionChains

    timeline = browser.find_element(By.ID, "histogram")
    half = timeline.size["width"] // 2
    ActionChains(browser).move_to_element_with_offset(
        timeline, -half + 2, 0
    ).click_and_hold().move_by_offset(half - 10, 0).release().perform()
    _wait(
        browser,
        lambda d: "1 of 2 reports shown" in d.find_element(By.ID, "summary").text,
        "the brush",
    )
    assert len(browser.find_elements(By.CSS_SELECTOR, "path.ew-marker")) == 1
    assert "2021-02-15" in browser.find_element(By.ID, "brush-label").text
    _shot(browser, "map-brushed.png")

    # the Erbil marker opens a popup that links to its event page
    link = None
    for marker in browser.find_elements(By.CSS_SELECTOR, "path.ew-marker"):
        browser.execute_script(
            "arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", marker
        )
        links = browser.find_elements(By.CSS_SELECTOR, ".leaflet-popup a.event-link")
        if links and key in links[0].get_attribute("href"):
            link = links[0]
            break
    assert link is not None, "no marker's popup links to the Erbil event"
    browser.execute_script("arguments[0].click()", link)  # the popup may still be panning
    _wait(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "body[data-loaded=true] mark.hl"),
        "highlights",
    )
    marks = browser.find_elements(By.CSS_SELECTOR, "#article mark.hl")
    fields = {m.get_attribute("data-fields") for m in marks}
    assert len(marks) >= 3 and "location" in " ".join(fields), fields
    assert any("Erbil" in m.text for m in marks if "location" in m.get_attribute("data-fields"))
    labels = {e.text for e in browser.find_elements(By.CSS_SELECTOR, "#article .hl-label")}
    assert "location" in labels and "date" in labels
    _shot(browser, "event.png")

    # sign in, correct the death toll, see it applied and logged
    browser.find_element(By.NAME, "reviewer").send_keys("ana")
    browser.find_element(By.NAME, "token").send_keys(TOKEN)
    browser.find_element(By.CSS_SELECTOR, "#login button").click()
    _wait(browser, lambda d: d.find_element(By.ID, "signed").is_displayed(), "the review form")
    value = browser.find_element(By.ID, "value")
    value.clear()
    value.send_keys('{"min": 7, "max": 7}')
    browser.find_element(By.ID, "save-correction").click()
    _wait(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "dd.corrected[data-field=killed]"),
        "the correction",
    )
    assert browser.find_element(By.CSS_SELECTOR, "dd[data-field=killed]").text == "7"
    audit = browser.find_elements(By.CSS_SELECTOR, "#audit tr")
    assert len(audit) == 1 and "ana" in audit[0].text
    _shot(browser, "corrected.png")
    _assert_local(browser)


def test_article_markup_is_shown_as_text(server, browser):
    from selenium.webdriver.common.by import By

    base, keys = server
    browser.get(f"{base}/events/{keys['hostile']}")
    _wait(
        browser,
        lambda d: d.find_elements(By.CSS_SELECTOR, "body[data-loaded=true]"),
        "the event page",
    )
    article = browser.find_element(By.ID, "article")
    assert "<script>window.__pwned = 1</script>" in article.text
    assert 'onerror="window.__pwned = 2"' in article.text
    assert article.find_elements(By.TAG_NAME, "script") == []
    assert article.find_elements(By.TAG_NAME, "img") == []
    assert browser.find_element(By.ID, "title").text == "<b>Hostile</b> title"
    mark = browser.find_element(By.CSS_SELECTOR, "#article mark.hl-type")
    assert mark.text.startswith("<script>")
    time.sleep(0.3)  # an onerror handler would have fired by now
    assert browser.execute_script("return window.__pwned") is None
    _shot(browser, "hostile.png")

    # the map lists it too, as text
    browser.get(base + "/")
    _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "body[data-loaded=true]"), "the map")
    rows = browser.find_element(By.ID, "event-rows").text
    assert "<b>Hostile</b> title" in rows
    assert browser.execute_script("return window.__pwned") is None
    _assert_local(browser)


def test_code_box_shows_pasted_markup_as_text(server, browser):
    from selenium.webdriver.common.by import By

    base, _ = server
    browser.get(base + "/code")
    browser.find_element(By.ID, "text").send_keys(HOSTILE)
    browser.find_element(By.ID, "run").click()
    _wait(
        browser,
        lambda d: "event(s)" in d.find_element(By.ID, "status").text,
        "the coded article",
        60,
    )
    assert "<script>window.__pwned = 1</script>" in browser.find_element(By.ID, "article").text
    assert browser.execute_script("return window.__pwned") is None
    _shot(browser, "code.png")
    _assert_local(browser)

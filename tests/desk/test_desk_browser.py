"""The desk driven in a real browser (Debian's Chromium through Selenium and chromium-driver)."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from desk_fixtures import address, desk_server, workspace  # noqa: F401 - fixtures

ROOT = Path(__file__).resolve().parents[2]

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                reason="Chromium and chromium-driver are not installed (apt-get install chromium "
                                       "chromium-driver; .ci/run installs them)")
SCREENSHOT = ROOT / "docs" / "desk.png"


@pytest.fixture
def browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--lang=en-GB", "--window-size=1600,1000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "en-GB"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def wait_for(condition, timeout: float = 15.0, what: str = "the page"):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = condition()
            if last:
                return last
        except Exception as exc:  # noqa: BLE001 - the page is still changing
            last = exc
        time.sleep(0.1)
    raise AssertionError(f"{what} did not come: {last!r}")


def preview_text(driver, lang: str, element: str) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, f'.note[data-lang="{lang}"] [data-element="{element}"]').text


def set_value(driver, field_id: str, value: str) -> None:
    """What a picker does: a new value, then the input event the page listens to."""
    driver.execute_script("const f = document.getElementById(arguments[0]); f.value = arguments[1];"
                          "f.dispatchEvent(new Event('input', {bubbles: true}));", field_id, value)


def test_live_preview_follows_the_meeting_time(desk_server, browser):
    base, workspace = desk_server
    browser.get(address(base, "/spec/17-1-624.yaml"))
    assert "14.00-те" in preview_text(browser, "kk", "opening")
    set_value(browser, "f-meeting.start", "2021-09-24T10:00")
    wait_for(lambda: "10.00-да" in preview_text(browser, "kk", "opening"), what="the Kazakh preview with 10.00-да")
    assert "on 24 September 2021 at 10:00" in preview_text(browser, "en", "opening")
    SCREENSHOT.parent.mkdir(exist_ok=True)
    browser.save_screenshot(str(SCREENSHOT))


def test_a_bad_date_is_shown_at_its_field(desk_server, browser):
    from selenium.webdriver.common.by import By

    base, _ = desk_server
    browser.get(address(base, "/spec/17-1-624.yaml"))
    set_value(browser, "f-date", "")
    message = browser.find_element(By.CSS_SELECTOR, '.msg[data-for="date"]')
    wait_for(lambda: "date:" in message.text, what="a message at the date field")
    assert "required field is missing" in message.text
    set_value(browser, "f-date", "2021-09-23")
    wait_for(lambda: not message.text, what="the message gone once the date is back")
    set_value(browser, "f-place", "atlantis")
    place = browser.find_element(By.CSS_SELECTOR, '.msg[data-for="place"]')
    wait_for(lambda: "unknown termbase key 'atlantis'" in place.text, what="a message at the place field")


def test_save_keeps_the_comments_and_reloads_the_same(desk_server, browser):
    from selenium.webdriver.common.by import By

    base, workspace = desk_server
    spec = workspace / "17-1-624.yaml"
    before = spec.read_text(encoding="utf-8")
    browser.get(address(base, "/spec/17-1-624.yaml"))
    set_value(browser, "f-meeting.start", "2021-09-24T10:00")
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: "Saved" in browser.find_element(By.ID, "status").text, what="the saved message")
    after = spec.read_text(encoding="utf-8")
    assert after == before.replace("start: 2021-09-24 14:00", "start: 2021-09-24 10:00")
    browser.refresh()
    assert browser.find_element(By.ID, "f-meeting.start").get_attribute("value") == "2021-09-24T10:00"
    assert "10.00-да" in preview_text(browser, "kk", "opening")


def test_generate_and_download_the_docx(desk_server, browser, tmp_path):
    from docx import Document
    from selenium.webdriver.common.by import By

    base, _ = desk_server
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get(address(base, "/spec/17-1-624.yaml"))
    set_value(browser, "f-meeting.start", "2021-09-24T10:00")
    browser.find_element(By.ID, "generate").click()
    link = wait_for(lambda: browser.find_element(By.LINK_TEXT, "17-1-624.kk.docx"), what="the link to the file")
    link.click()
    target = downloads / "17-1-624.kk.docx"
    wait_for(lambda: target.exists() and target.stat().st_size > 0 and not list(downloads.glob("*.crdownload")),
             what="the downloaded file")
    text = " ".join(p.text for p in Document(str(target)).paragraphs).replace("\u00a0", " ")
    assert "сағат 10.00-да өтетін" in text


def test_a_script_in_a_text_stays_text(desk_server, browser):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    base, _ = desk_server
    browser.get(address(base, "/spec/17-1-624.yaml"))
    area = browser.find_element(By.ID, "f-purpose.en")
    area.clear()
    area.send_keys("forward <script>alert(1)</script> and <b>bold</b>")
    wait_for(lambda: "<script>alert(1)</script>" in preview_text(browser, "en", "opening"), what="the text as typed")
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    assert not browser.find_elements(By.CSS_SELECTOR, "#preview b")

"""The desk driven in a real browser (Debian's Chromium through Selenium and chromium-driver)."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from desk_fixtures import (address, browser, desk_server, needs_chromium, preview_text, set_value,  # noqa: F401
                           wait_for, workspace)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = needs_chromium
SCREENSHOT = ROOT / "docs" / "desk.png"


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

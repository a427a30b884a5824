"""Issue #24's desk defects where the page is involved, in a real browser (Chromium through Selenium): a stale
Save keeps the clerk's form and offers the reload, an impossible date typed into the calendar is said at its field
(never a silent, frozen preview) and never saved, and a Save with no edit keeps what the form does not show."""
from __future__ import annotations

import pytest
import yaml

from desk_fixtures import (address, browser, desk_server, needs_chromium, settled, wait_for,  # noqa: F401
                           workspace)
from test_desk_security import ENGLISH_ONLY

pytestmark = needs_chromium


def status_text(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "status").text


def test_a_stale_save_keeps_the_clerks_form_and_offers_the_reload(desk_server, browser):
    from selenium.webdriver.common.by import By

    base, workspace = desk_server
    spec = workspace / "17-1-624.yaml"
    browser.get(address(base, "/spec/17-1-624.yaml"))
    area = browser.find_element(By.ID, "f-purpose.en")
    area.clear()
    area.send_keys("forward the revised draft agenda {{ meeting.when }}")
    settled(browser)
    # meanwhile another tab (or the command line) changes the file
    newer = spec.read_text(encoding="utf-8").replace("number: 17-1/624", "number: 17-1/625")
    spec.write_text(newer, encoding="utf-8")
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: "changed in its file after you opened it" in status_text(browser), what="the refusal")
    assert spec.read_text(encoding="utf-8") == newer                       # nothing written over it
    assert area.get_attribute("value") == "forward the revised draft agenda {{ meeting.when }}"   # nothing lost
    browser.find_element(By.ID, "reload").click()
    apply = wait_for(lambda: browser.find_element(By.ID, "apply-draft"), what="the offer to apply the changes")
    assert browser.find_element(By.ID, "f-number").get_attribute("value") == "17-1/625"
    apply.click()
    wait_for(lambda: browser.find_element(By.ID, "f-purpose.en").get_attribute("value")
             == "forward the revised draft agenda {{ meeting.when }}", what="the clerk's text on the newer file")
    assert browser.find_element(By.ID, "f-number").get_attribute("value") == "17-1/625"
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: "Saved" in status_text(browser), what="the save")
    saved = yaml.safe_load(spec.read_text(encoding="utf-8"))
    assert saved["number"] == "17-1/625" and saved["purpose"]["en"] == "forward the revised draft agenda {{ meeting.when }}"


def test_an_impossible_date_typed_in_the_calendar_is_said_and_never_saved(desk_server, browser):
    from selenium.webdriver.common.by import By

    base, workspace = desk_server
    spec = workspace / "17-1-624.yaml"
    before = spec.read_bytes()
    browser.get(address(base, "/spec/17-1-624.yaml"))
    composed = browser.find_element(By.CSS_SELECTOR, '.note[data-lang="kk"] [data-element="opening"]').text
    for typed in ("02302021", "30022021"):     # 30 February, in the field's order of month and day
        browser.execute_script("const f = document.getElementById('f-date'); f.value = '2021-09-23'; f.focus()")
        browser.find_element(By.ID, "f-date").send_keys(typed)
        if browser.execute_script("return document.getElementById('f-date').validity.badInput"):
            break
    else:
        raise AssertionError("the date field took 30 February")
    message = browser.find_element(By.CSS_SELECTOR, '.msg[data-for="date"]')
    wait_for(lambda: "not a real date" in message.text, what="the message at the date field")
    settled(browser)      # each key typed into the date may have asked for a preview: the last one has come
    for lang in ("en", "ru", "kk"):   # the preview says why it is not composed, and keeps what it last showed
        note = browser.find_element(By.CSS_SELECTOR, f'.note[data-lang="{lang}"]')
        assert "Not composed: date: not a real date" in note.text
    kazakh = browser.find_element(By.CSS_SELECTOR, '.note[data-lang="kk"] .stale')
    assert composed in kazakh.text and "Shown as last composed" in kazakh.text
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: "command line would refuse" in status_text(browser), what="the refusal")
    assert "date: not a real date" in status_text(browser)
    assert spec.read_bytes() == before


def test_a_save_with_no_edit_keeps_the_languages_the_form_does_not_show(desk_server, browser):
    from selenium.webdriver.common.by import By

    base, workspace = desk_server
    spec = workspace / "english.yaml"
    spec.write_text(ENGLISH_ONLY, encoding="utf-8")
    browser.get(address(base, "/spec/english.yaml"))
    assert not browser.find_elements(By.ID, "f-purpose.ru")
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: "english.yaml" in status_text(browser), what="the answer to Save")
    assert spec.read_text(encoding="utf-8") == ENGLISH_ONLY
    browser.find_element(By.ID, "f-purpose.en").send_keys(" soon")
    settled(browser)
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: "Saved" in status_text(browser), what="the save")
    assert spec.read_text(encoding="utf-8") == ENGLISH_ONLY.replace("{{ meeting.when }}\n  ru:", "{{ meeting.when }} soon\n  ru:")

"""Issue #25, the desk as a clerk's workplace, in a real browser (Debian's Chromium through Selenium): never losing
work, the register, names without YAML, a preview that stays useful at every width, the interface in the
clerk's language, a note list to work from, and generating with care. The screenshots of README's desk section
are written here (docs/desk-*.png)."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from desk_fixtures import (DeskHTTP, address, browser, chromium, needs_chromium, preview_text, serve,  # noqa: F401
                           set_value, settled, wait_for)

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
MISSION = ROOT / "examples" / "mission"


@pytest.fixture
def mission(tmp_path):
    """The example mission's workspace, numbering its notes, served: (base, root)."""
    root = tmp_path / "mission"
    shutil.copytree(MISSION, root)
    config = root / "verbale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'numbering: {pattern: "08-2/{seq}", start: 200}\n',
                      encoding="utf-8")
    base, stop = serve(root)
    yield base, root
    stop()


def status(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "status").text


def field(driver, field_id: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, field_id)


def asks_before_leaving(driver) -> bool:
    """Whether leaving the page now would ask "you have unsaved changes" (the page cancels beforeunload; the
    browser then asks. chromedriver answers such a dialog itself, so the page's answer is what is read here)."""
    return driver.execute_script("const e = new Event('beforeunload', {cancelable: true});"
                                 "window.dispatchEvent(e); return e.defaultPrevented;")


# -- never lose work -------------------------------------------------------------------------------------------

def test_a_reload_a_closed_tab_and_a_crash_keep_the_draft(mission, browser, tmp_path):
    from selenium.webdriver.common.by import By

    base, root = mission
    spec = root / "notes" / "to-ministry.yaml"
    before = spec.read_bytes()
    browser.get(address(base, "/spec/notes/to-ministry.yaml"))
    area = field(browser, "f-purpose.en")
    area.send_keys(" and will be back on 25 March 2024")
    settled(browser)
    wait_for(lambda: "back on 25 March" in preview_text(browser, "en", "opening"), what="the preview")
    draft = root / ".verbale" / "drafts" / "notes" / "to-ministry.yaml.json"
    wait_for(lambda: draft.is_file() and "back on 25 March" in draft.read_text(encoding="utf-8"),
             what="the draft in the workspace")
    assert asks_before_leaving(browser)
    browser.refresh()
    wait_for(lambda: browser.find_element(By.ID, "draft-banner"), what="the restored draft")
    assert field(browser, "f-purpose.en").get_attribute("value").endswith("and will be back on 25 March 2024")
    assert "back on 25 March" in preview_text(browser, "en", "opening")
    assert spec.read_bytes() == before                     # a draft, not a save
    browser.quit()                                          # the tab closed, the browser gone
    again = chromium(tmp_path / "profile-2")
    try:
        again.get(address(base, "/spec/notes/to-ministry.yaml"))
        assert again.find_element(By.ID, "f-purpose.en").get_attribute("value").endswith("back on 25 March 2024")
        again.find_element(By.CSS_SELECTOR, "#draft-banner button.link").click()   # Discard them
        wait_for(lambda: not again.find_elements(By.ID, "draft-banner"), what="the draft discarded")
        assert not again.find_element(By.ID, "f-purpose.en").get_attribute("value").endswith("2024 and will be "
                                                                                           "back on 25 March 2024")
    finally:
        again.quit()


def test_ctrl_s_saves(mission, browser):
    from selenium.webdriver.common.keys import Keys

    base, root = mission
    browser.get(address(base, "/spec/notes/to-ministry.yaml"))
    assert not asks_before_leaving(browser)
    area = field(browser, "f-purpose.en")
    area.send_keys(" (revised)")
    assert asks_before_leaving(browser)
    area.send_keys(Keys.CONTROL, "s")
    wait_for(lambda: "Saved" in status(browser), what="the save")
    assert not asks_before_leaving(browser)
    spec = yaml.safe_load((root / "notes" / "to-ministry.yaml").read_text(encoding="utf-8"))
    assert spec["purpose"]["en"].endswith("22 March 2024 (revised)")
    browser.refresh()    # saved: no prompt, no draft
    assert not browser.find_elements("id", "draft-banner")


def test_remove_can_be_undone_and_focus_stays_where_the_clerk_was(mission, browser):
    from selenium.webdriver.common.by import By

    base, _ = mission
    browser.get(address(base, "/spec/notes/to-ministry.yaml"))
    add = browser.find_element(By.CSS_SELECTOR, 'fieldset[data-for="recipients"] > button.add')
    add.click()
    wait_for(lambda: browser.switch_to.active_element.get_attribute("id") == "f-recipients[1]",
             what="the focus in the new item")
    browser.switch_to.active_element.send_keys("kz-mission-vienna")
    settled(browser)
    browser.find_element(By.CSS_SELECTOR, 'fieldset[data-for="recipients"] .item[data-index="0"] button.remove').click()
    wait_for(lambda: field(browser, "f-recipients[0]").get_attribute("value") == "kz-mission-vienna",
             what="the first recipient removed")
    focused = browser.switch_to.active_element
    assert focused.get_attribute("class") == "remove" and focused.get_attribute("data-index") == "0"
    undo = wait_for(lambda: browser.find_element(By.ID, "undo"), what="the Undo button")
    undo.click()
    wait_for(lambda: field(browser, "f-recipients[0]").get_attribute("value") == "mfa-austria", what="the undo")
    assert field(browser, "f-recipients[1]").get_attribute("value") == "kz-mission-vienna"


# -- the register -----------------------------------------------------------------------------------------------

REGISTERED = [  # (file, recipients, English purpose)
    ("absence.yaml", ["mfa-austria"], "inform that the Permanent Representative will be absent from Vienna"),
    ("visit.yaml", ["mfa-china"], "request a meeting on the visit of the Minister to Beijing"),
    ("reception.yaml", ["mfa-austria"], "invite the Ministry to the reception on the Day of the Republic"),
]


def numbered_notes(root: Path) -> None:
    """Three notes generated on the command line, each taking the register's next number."""
    source = (root / "notes" / "to-ministry.yaml").read_text(encoding="utf-8")
    for name, recipients, purpose in REGISTERED:
        text = source.replace("number: 08-2/117", "number: auto").replace(
            "recipients: [mfa-austria]", f"recipients: [{', '.join(recipients)}]").replace(
            "inform that the Permanent Representative will be absent from Vienna from 18 to 22 March 2024", purpose)
        (root / "notes" / name).write_text(text, encoding="utf-8")
        answer = subprocess.run([sys.executable, "-m", "verbale", "generate", str(root / "notes" / name), "-o",
                                 str(root / "out")], capture_output=True, text=True, timeout=180)
        assert answer.returncode == 0, answer.stderr


def register_numbers(driver) -> list[str]:
    from selenium.webdriver.common.by import By

    return [row.get_attribute("data-number") for row in driver.find_elements(By.CSS_SELECTOR, "table.register tbody tr[data-number]")]


def test_the_register_finds_a_number_by_recipient_and_by_text(mission, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    base, root = mission
    numbered_notes(root)
    browser.get(address(base, "/register"))
    assert register_numbers(browser) == ["08-2/200", "08-2/201", "08-2/202"]
    Select(browser.find_element(By.ID, "r-recipient")).select_by_value("mfa-china")
    browser.find_element(By.ID, "r-find").click()
    wait_for(lambda: register_numbers(browser) == ["08-2/201"], what="the note to China")
    Select(browser.find_element(By.ID, "r-recipient")).select_by_value("")
    text = browser.find_element(By.ID, "r-text")
    text.send_keys("reception")
    browser.find_element(By.ID, "r-find").click()
    wait_for(lambda: register_numbers(browser) == ["08-2/202"], what="the note about the reception")
    browser.set_window_size(1400, 900)
    browser.get(f"{base}/register")
    DOCS.mkdir(exist_ok=True)
    browser.save_screenshot(str(DOCS / "desk-register.png"))
    browser.find_element(By.LINK_TEXT, "08-2/202").click()
    record = wait_for(lambda: browser.find_element(By.CSS_SELECTOR, "dl.record"), what="the record")
    assert "reception on the Day of the Republic" in record.text and "notes/reception.yaml" in record.text
    hashes = [cell.text for cell in browser.find_elements(By.CSS_SELECTOR, "td.hash")]
    import hashlib

    for name in ("reception.en.docx", "reception.kk.docx"):
        digest = hashlib.sha256((root / "out" / name).read_bytes()).hexdigest()
        assert digest in hashes and browser.find_element(By.LINK_TEXT, name)
    browser.find_element(By.ID, "why").send_keys("sent in error")
    browser.find_element(By.ID, "cancel").click()
    wait_for(lambda: "sent in error" in browser.find_element(By.ID, "cancelled").text, what="the cancellation")
    assert browser.find_element(By.ID, "state").text == "cancelled"


# -- names without YAML -------------------------------------------------------------------------------------------

CZECH = {
    "en": ("the Ministry of Foreign Affairs of the Czech Republic", "MINISTRY OF FOREIGN AFFAIRS\nOF THE CZECH REPUBLIC\nPRAGUE"),
    "ru": ("Министерство иностранных дел Чешской Республики", "МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ\nЧЕШСКОЙ РЕСПУБЛИКИ\nПРАГА"),
    "kk": ("Чехия Республикасының Сыртқы істер министрлігі", "ЧЕХИЯ РЕСПУБЛИКАСЫНЫҢ\nСЫРТҚЫ ІСТЕР МИНИСТРЛІГІ\nПРАГА"),
}


def test_a_recipient_added_in_the_desk_is_used_in_a_note_and_passes_terms_check(mission, browser):
    from selenium.webdriver.common.by import By

    base, root = mission
    browser.set_window_size(1400, 1000)
    browser.get(address(base, "/names"))
    browser.find_element(By.ID, "n-key").send_keys("mfa-czechia")
    for lang, (nom, address_lines) in CZECH.items():
        browser.find_element(By.ID, f"n-w-{lang}-nom").send_keys(nom)
        browser.find_element(By.ID, f"n-w-{lang}-address").send_keys(address_lines)
    browser.find_element(By.ID, "n-propose").click()
    dative = wait_for(lambda: browser.find_element(By.ID, "n-p-ru-dat"), what="the proposed forms")
    assert dative.get_attribute("value") == "Министерству иностранных дел Чешской Республики"
    assert browser.find_element(By.ID, "n-p-kk-dat").get_attribute("value") == \
        "Чехия Республикасының Сыртқы істер министрлігіне"      # the possessive proposed: министрлігі -> -не
    DOCS.mkdir(exist_ok=True)
    browser.save_screenshot(str(DOCS / "desk-names.png"))
    ins = browser.find_element(By.ID, "n-p-ru-ins")                 # the clerk corrects one form
    assert ins.get_attribute("value") == "Министерством иностранных дел Чешской Республики"
    browser.find_element(By.ID, "n-add").click()
    wait_for(lambda: "mfa-czechia" in browser.find_element(By.ID, "added").text, what="the name added")
    forms = yaml.safe_load((root / "termbase" / "ru" / "terms.yaml").read_text(encoding="utf-8"))["mfa-czechia"]
    assert forms["dat"] == "Министерству иностранных дел Чешской Республики"
    assert forms["address"] == ["МИНИСТЕРСТВО ИНОСТРАННЫХ ДЕЛ", "ЧЕШСКОЙ РЕСПУБЛИКИ", "ПРАГА"]
    check = subprocess.run([sys.executable, "-m", "verbale", "terms", "check", "--workspace", str(root)],
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0 and "0 problems" in check.stdout, check.stderr
    assert "mfa-czechia" not in check.stderr

    browser.get(f"{base}/spec/notes/to-ministry.yaml")
    set_value(browser, "f-recipients[0]", "mfa-czechia")
    wait_for(lambda: "Ministry of Foreign Affairs of the Czech Republic" in preview_text(browser, "en", "opening"),
             what="the new recipient in the English note")
    assert "Министерству иностранных дел Чешской Республики" in preview_text(browser, "ru", "opening")
    assert "Чехия Республикасының Сыртқы істер министрлігіне" in browser.find_element(
        By.CSS_SELECTOR, '.note[data-lang="kk"]').get_attribute("textContent")
    browser.find_element(By.ID, "save").click()
    wait_for(lambda: "Saved" in status(browser), what="the save")
    answer = subprocess.run([sys.executable, "-m", "verbale", "generate", "--check",
                             str(root / "notes" / "to-ministry.yaml")], capture_output=True, text=True, timeout=120)
    assert answer.returncode == 0, answer.stderr


# -- the preview, always useful ---------------------------------------------------------------------------------

def whole(driver, element) -> dict:
    """Where an element stands against the window, and whether anything inside it is cut off."""
    return driver.execute_script("""
        const el = arguments[0], r = el.getBoundingClientRect();
        const inner = Array.from(el.querySelectorAll('*')).filter(c => c.scrollWidth > c.clientWidth + 1
            && getComputedStyle(c).overflowX !== 'visible');
        const outside = Array.from(el.querySelectorAll('.el')).filter(c => {
            const b = c.getBoundingClientRect(); return b.left < r.left - 1 || b.right > r.right + 1; });
        return {left: r.left, right: r.right, width: r.width, window: document.documentElement.clientWidth,
                overflowing: el.scrollWidth > el.clientWidth + 1, clipped: inner.length, outside: outside.length,
                page: document.documentElement.scrollWidth, visible: getComputedStyle(el).display !== 'none'};
    """, element)


@pytest.mark.parametrize("width,height,mobile", [(1024, 768, False), (390, 844, True)])
def test_the_kazakh_preview_is_whole_at_1024_and_390_px(mission, tmp_path, width, height, mobile):
    from selenium.webdriver.common.by import By

    base, _ = mission
    driver = chromium(tmp_path / "profile", max(width, 500), height)
    try:
        # a phone's width through the browser's device emulation (a headless window is at least 500 px wide)
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        driver.get(address(base, "/spec/notes/to-ministry.yaml"))
        driver.find_element(By.CSS_SELECTOR, '.langswitch button[data-show="kk"]').click()
        note = driver.find_element(By.CSS_SELECTOR, '.note[data-lang="kk"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", note)
        seen = whole(driver, note)
        assert seen["visible"] and seen["window"] == width
        assert 0 <= seen["left"] and seen["right"] <= width, seen
        assert seen["width"] > (300 if mobile else 450), seen   # not squeezed into a sliver either
        assert not seen["overflowing"] and not seen["clipped"] and not seen["outside"], seen
        assert seen["page"] <= width, seen                       # nothing to scroll sideways
        assert "Австрия Республикасының" in note.text
        DOCS.mkdir(exist_ok=True)
        driver.save_screenshot(str(DOCS / f"desk-{width}.png"))
        if not mobile:   # the preview stays in view while the clerk edits the end of the form
            area = driver.find_element(By.ID, "f-purpose.kk")
            driver.execute_script("window.scrollTo(0, document.body.scrollHeight)")
            area.send_keys(" жедел")
            kazakh = lambda: driver.find_element(By.CSS_SELECTOR, '.note[data-lang="kk"]')
            wait_for(lambda: "жедел" in kazakh().text, what="the Kazakh preview following the text")
            settled(driver)    # the language shown is set again once the answer has settled
            top = driver.execute_script("return arguments[0].getBoundingClientRect().top", kazakh())
            assert 0 <= top < height / 2, top
    finally:
        driver.quit()


def test_one_languages_error_leaves_the_other_two_previews(mission, browser):
    from selenium.webdriver.common.by import By

    base, _ = mission
    browser.get(address(base, "/spec/notes/to-ministry.yaml"))
    russian = field(browser, "f-purpose.ru")
    russian.send_keys(" {{ meeting.whne }}")
    settled(browser)
    english = field(browser, "f-purpose.en")
    english.send_keys(" for two days")
    wait_for(lambda: "for two days" in preview_text(browser, "en", "opening"), what="the English preview")
    settled(browser)    # the problems are placed at their fields once the answer has settled
    note = browser.find_element(By.CSS_SELECTOR, '.note[data-lang="ru"]')
    assert "Not composed: purpose.ru:" in note.get_attribute("textContent")
    assert "Shown as last composed" in note.get_attribute("textContent")
    assert "Постоянное представительство" in note.get_attribute("textContent")   # the last good Russian text
    kazakh = browser.find_element(By.CSS_SELECTOR, '.note[data-lang="kk"]')
    assert "failed" not in kazakh.get_attribute("class") and kazakh.find_elements(By.CSS_SELECTOR, ".el")
    assert "purpose.ru: " in browser.find_element(By.CSS_SELECTOR, '.msg[data-for="purpose.ru"]').text
    facts = [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#facts .fact")]
    assert "recipients" in facts


def test_the_fact_list_follows_the_form(mission, browser):
    from selenium.webdriver.common.by import By

    base, _ = mission
    browser.get(address(base, "/spec/notes/to-ministry.yaml"))
    assert "meeting.when" not in [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#facts .fact")]
    browser.execute_script("document.querySelector('#fields').insertAdjacentHTML('beforeend', "
                           "'<input name=\"meeting.body\" value=\"swg\"><input name=\"meeting.start\" "
                           "value=\"2024-03-20 10:00\">')")
    set_value(browser, "f-number", "08-2/118")
    wait_for(lambda: "meeting.when" in [b.text for b in browser.find_elements(By.CSS_SELECTOR, "#facts .fact")],
             what="the meeting's facts in the list")


# -- the interface in the clerk's language -------------------------------------------------------------------------

def test_the_russian_interface_shows_russian_labels(mission, tmp_path):
    from selenium.webdriver.common.by import By

    base, _ = mission
    driver = chromium(tmp_path / "profile", 1400, 900, language="ru-RU")
    try:
        driver.get(address(base, "/spec/notes/to-ministry.yaml"))
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "ru"
        assert driver.find_element(By.ID, "save").text == "Сохранить"
        assert driver.find_element(By.ID, "generate").text == "Сформировать"
        legend = driver.find_element(By.CSS_SELECTOR, 'fieldset[data-for="recipients"] legend').text
        assert legend == "Получатели"
        assert driver.find_element(By.CSS_SELECTOR, 'label[data-for="date"] .name').text.startswith("Дата")
        help_text = driver.find_element(By.ID, "h-date").get_attribute("textContent")
        assert help_text and all("а" <= c.lower() <= "я" or not c.isalpha() for c in help_text.replace("ё", "е"))
        DOCS.mkdir(exist_ok=True)
        driver.save_screenshot(str(DOCS / "desk-ru.png"))
        driver.find_element(By.CSS_SELECTOR, 'nav.languages a[hreflang="kk"]').click()   # the switch
        wait_for(lambda: driver.find_element(By.ID, "save").text == "Сақтау", what="the Kazakh labels")
        driver.get(f"{base}/register")                                                    # and it is kept
        assert driver.find_element(By.TAG_NAME, "h1").text == "Тіркеу журналы"
    finally:
        driver.quit()


# -- a note list to work from ----------------------------------------------------------------------------------------

def test_the_note_list_finds_sorts_renames_deletes_and_restores(mission, browser):
    from selenium.webdriver.common.by import By

    base, root = mission
    browser.get(address(base, "/"))
    rows = lambda: [r.get_attribute("data-spec") for r in browser.find_elements(By.CSS_SELECTOR, "tr[data-spec]")]
    assert rows() == ["notes/from-ministry.yaml", "notes/to-ministry.yaml"]
    browser.find_element(By.CSS_SELECTOR, 'input[name="q"]').send_keys("absent\n")
    wait_for(lambda: rows() == ["notes/to-ministry.yaml"], what="the search by subject")
    browser.get(f"{base}/?sort=number&dir=desc")
    numbers = [r.find_elements(By.TAG_NAME, "td")[1].text for r in browser.find_elements(By.CSS_SELECTOR, "tr[data-spec]")]
    assert numbers == sorted(numbers, reverse=True)
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-spec="notes/to-ministry.yaml"]')
    row.find_element(By.TAG_NAME, "summary").click()
    name = row.find_element(By.NAME, "to")
    name.clear()
    name.send_keys("absence-march")
    row.find_element(By.XPATH, ".//button[text()='Rename']").click()
    wait_for(lambda: "notes/absence-march.yaml" in rows(), what="the renamed note")
    assert (root / "notes" / "absence-march.yaml").is_file() and not (root / "notes" / "to-ministry.yaml").exists()
    row = browser.find_element(By.CSS_SELECTOR, 'tr[data-spec="notes/absence-march.yaml"]')
    row.find_element(By.TAG_NAME, "summary").click()
    row.find_element(By.CSS_SELECTOR, "button.danger").click()
    wait_for(lambda: "notes/absence-march.yaml" not in rows(), what="the note in the bin")
    browser.find_element(By.LINK_TEXT, "Bin").click()
    wait_for(lambda: browser.find_element(By.XPATH, "//button[text()='Restore']"), what="the bin's page").click()
    wait_for(lambda: browser.current_url.endswith("/spec/notes/absence-march.yaml"), what="the restored note")
    assert (root / "notes" / "absence-march.yaml").is_file()
    browser.get(f"{base}/")
    browser.find_element(By.NAME, "name").send_keys("next-note")
    import datetime as dt

    before = dt.date.today().isoformat()   # the new note is dated the day it is made: either, across midnight
    browser.find_element(By.XPATH, "//button[text()='Create']").click()
    wait_for(lambda: browser.current_url.endswith("/spec/notes/next-note.yaml"), what="the new note")
    assert wait_for(lambda: field(browser, "f-number").get_attribute("value"), what="the new note's form") == "auto"
    assert field(browser, "f-date").get_attribute("value") in (before, dt.date.today().isoformat())
    assert "kz-mission-vienna" in field(browser, "f-sender").get_attribute("placeholder")   # the workspace's default
    browser.set_window_size(1400, 900)
    browser.get(f"{base}/")
    browser.save_screenshot(str(DOCS / "desk-list.png"))


# -- generate with care ------------------------------------------------------------------------------------------

def test_generate_asks_first_for_warnings_and_for_a_registered_note(mission, browser):
    from selenium.webdriver.common.by import By

    base, root = mission
    spec = root / "notes" / "to-ministry.yaml"
    spec.write_text(spec.read_text(encoding="utf-8").replace("number: 08-2/117", "number: auto"), encoding="utf-8")
    browser.get(address(base, "/spec/notes/to-ministry.yaml"))
    area = field(browser, "f-purpose.en")                     # 23 March in English, 22 in the others
    set_value(browser, "f-purpose.en", area.get_attribute("value").replace("22 March", "23 March"))
    settled(browser)
    browser.find_element(By.ID, "generate").click()
    confirm = wait_for(lambda: browser.find_element(By.ID, "confirm"), what="the question before generating")
    assert "Generate anyway" in confirm.text and "reviewer" in status(browser)
    assert not (root / "out").exists()
    set_value(browser, "f-purpose.en", area.get_attribute("value").replace("23 March", "22 March"))
    settled(browser)
    browser.find_element(By.ID, "generate").click()
    wait_for(lambda: "The register gave this note № 08-2/200" in status(browser), timeout=120, what="the files")
    assert field(browser, "f-number").get_attribute("value") == "08-2/200"
    browser.find_element(By.ID, "generate").click()            # again: the register holds it
    confirm = wait_for(lambda: browser.find_element(By.ID, "confirm"), what="the question about the register")
    assert "№ 08-2/200 is already in the register" in status(browser) and "amendment" in status(browser)
    confirm.click()
    wait_for(lambda: "Generated" in status(browser), timeout=120, what="the files again")

"""Every page of the desk checked with axe-core (vendored in tests/desk/axe/) in the same Chromium as the other
browser tests: no violation of the serious or critical kind, in every language, wide and on a phone."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desk_fixtures import address, chromium, needs_chromium, serve, settled, wait_for  # noqa: F401

pytestmark = needs_chromium
ROOT = Path(__file__).resolve().parents[2]
AXE = Path(__file__).resolve().parent / "axe" / "axe.min.js"
SERIOUS = ("serious", "critical")


@pytest.fixture(scope="module")
def office(tmp_path_factory):
    """The example mission with a register holding a generated note, a note with a problem, one in the bin."""
    root = tmp_path_factory.mktemp("a11y") / "mission"
    shutil.copytree(ROOT / "examples" / "mission", root)
    config = root / "verbale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'numbering: {pattern: "08-2/{seq}", start: 200}\n',
                      encoding="utf-8")
    spec = root / "notes" / "numbered.yaml"
    spec.write_text((root / "notes" / "to-ministry.yaml").read_text(encoding="utf-8").replace(
        "number: 08-2/117", "number: auto"), encoding="utf-8")
    answer = subprocess.run([sys.executable, "-m", "verbale", "generate", str(spec), "-o", str(root / "out")],
                            capture_output=True, text=True, timeout=180)
    assert answer.returncode == 0, answer.stderr
    (root / "notes" / "broken.yaml").write_text("number: 1\ndate: 2024-02-30\n", encoding="utf-8")
    base, stop = serve(root)
    yield base, root
    stop()


def violations(driver) -> list[dict]:
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    driver.set_script_timeout(60)
    result = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations.map(v => ({id: v.id, "
        "impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))))"
        ".catch(e => done([{id: 'axe-failed', impact: 'critical', help: String(e), nodes: []}]));")
    return [v for v in result if v["impact"] in SERIOUS]


PAGES = ["/", "/spec/notes/to-ministry.yaml", "/spec/notes/numbered.yaml", "/register",
         "/register/record?number=08-2/200", "/names", "/names?kind=place", "/names?kind=person", "/bin",
         "/spec/notes/broken.yaml", "/?q=nothing-matches"]


@pytest.mark.parametrize("lang,width", [("en", 1400), ("ru", 1024), ("kk", 390)])
def test_every_page_has_no_serious_or_critical_violation(office, tmp_path, lang, width):
    base, _ = office
    driver = chromium(tmp_path / "profile", max(width, 500), 900)
    try:
        if width < 500:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True})
        driver.get(address(base, f"/lang/{lang}?next=/"))
        found = {}
        for path in PAGES:
            driver.get(base + path)
            if path.startswith("/spec/"):
                settled(driver)
            problems = violations(driver)
            if problems:
                found[path] = problems
        assert not found, found
    finally:
        driver.quit()


def test_the_pages_states_have_no_serious_violation(office, tmp_path):
    """The states a page goes through: a refusal in the status, a draft restored, the names' proposals."""
    from selenium.webdriver.common.by import By

    base, root = office
    driver = chromium(tmp_path / "profile", 1200, 900)
    try:
        driver.get(address(base, "/spec/notes/to-ministry.yaml"))
        driver.find_element(By.ID, "f-purpose.ru").send_keys(" {{ nothing }}")
        settled(driver)
        driver.find_element(By.ID, "save").click()
        wait_for(lambda: "command line would refuse" in driver.find_element(By.ID, "status").text,
                 what="the refusal")
        settled(driver)
        assert not violations(driver)
        driver.get(f"{base}/spec/notes/to-ministry.yaml")          # the draft restored
        wait_for(lambda: driver.find_element(By.ID, "draft-banner"), what="the restored draft")
        settled(driver)
        assert not violations(driver)
        driver.get(f"{base}/names")
        driver.find_element(By.ID, "n-key").send_keys("mfa-czechia")
        for lang, name in (("en", "the Ministry of Foreign Affairs of the Czech Republic"),
                           ("ru", "Министерство иностранных дел Чешской Республики"),
                           ("kk", "Чехия Республикасының Сыртқы істер министрлігі")):
            driver.find_element(By.ID, f"n-w-{lang}-nom").send_keys(name)
            driver.find_element(By.ID, f"n-w-{lang}-address").send_keys(name.upper())
        driver.find_element(By.ID, "n-propose").click()
        wait_for(lambda: driver.find_element(By.ID, "n-p-ru-dat"), what="the proposed forms")
        settled(driver)
        assert not violations(driver)
    finally:
        driver.quit()

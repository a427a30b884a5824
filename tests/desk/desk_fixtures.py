"""Fixtures of the desk tests (imported by name: a second conftest.py would hide the suite's own)."""
from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

NOTES = Path(__file__).resolve().parents[2] / "notes"
TOKEN = "desk-test-token"   # the desk's access token in the tests (verbale serve makes a random one)


def address(base: str, path: str = "/") -> str:
    """The desk's address holding its token, as `verbale serve` prints it (the desk then keeps it in a cookie)."""
    return f"{base}{path}{'&' if '?' in path else '?'}token={TOKEN}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def workspace(tmp_path) -> Path:
    """A workspace holding copies of the sample specs."""
    root = tmp_path / "office"
    root.mkdir()
    for spec in NOTES.glob("*.yaml"):
        shutil.copy(spec, root / spec.name)
    return root


@pytest.fixture
def desk_server(workspace):
    """The desk, served by uvicorn on a free loopback port in a thread: (base address, workspace)."""
    base, stop = serve(workspace)
    yield base, workspace
    stop()


def fields_of(html: str) -> list[tuple[str, str]]:
    """The fields a browser posts for the spec page's form (the test's own reading of the HTML, not the desk's)."""
    import re
    from html.parser import HTMLParser

    class Fields(HTMLParser):
        def __init__(self):
            super().__init__()
            self.pairs, self.area, self.select, self.first = [], None, None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "input" and a.get("name") and not a["name"].startswith("__mapkey") and (
                    a.get("type") != "checkbox" or "checked" in a):
                self.pairs.append((a["name"], a.get("value") or ""))
            elif tag == "textarea":
                self.area = [a["name"], ""]
            elif tag == "select" and a.get("name") and not a["name"].startswith("__"):
                self.select, self.first = a["name"], None
            elif tag == "option" and self.select:
                if self.first is None:
                    self.first = a.get("value", "")
                if "selected" in a:
                    self.pairs.append((self.select, a.get("value", "")))
                    self.select = None

        def handle_data(self, data):
            if self.area is not None:
                self.area[1] += data

        def handle_endtag(self, tag):
            if tag == "textarea" and self.area:
                self.pairs.append((self.area[0], self.area[1].removeprefix("\n")))
                self.area = None
            elif tag == "select" and self.select:
                self.pairs.append((self.select, self.first or ""))
                self.select = None

    form = html[html.index('<form id="spec-form"'):html.index("</form>", html.index('<form id="spec-form"'))]
    parser = Fields()
    parser.feed(re.sub(r"<datalist.*?</datalist>", "", form, flags=re.S))
    return parser.pairs


class DeskHTTP:
    """A clerk's requests to a running desk over HTTP: the token in its cookie, the page's form token."""

    def __init__(self, base: str):
        import httpx2

        port = int(base.rsplit(":", 1)[1])
        self.http = httpx2.Client(base_url=base, cookies={f"verbale_desk_{port}": TOKEN}, timeout=30)
        self._csrf = None

    @property
    def csrf(self) -> str:
        import re

        if self._csrf is None:
            self._csrf = re.search(r'"X-Desk-Token": "([^"]+)"', self.http.get("/").text).group(1)
        return self._csrf

    def get(self, path: str, **options):
        return self.http.get(path, **options)

    def form(self, name: str) -> list[tuple[str, str]]:
        return fields_of(self.http.get(f"/spec/{name}").text)

    def post(self, path: str, pairs=(), headers: dict | None = None, **options):
        from urllib.parse import urlencode

        return self.http.post(path, content=urlencode(list(pairs)), headers={
            "X-Desk-Token": self.csrf, "Content-Type": "application/x-www-form-urlencoded", **(headers or {})},
            **options)


def replaced(pairs, **values) -> list[tuple[str, str]]:
    """The form with some fields set (``purpose__en="…"`` for ``purpose.en``)."""
    names = {key.replace("__", "."): value for key, value in values.items()}
    kept = [(name, value) for name, value in pairs if name not in names]
    return kept + list(names.items())


@pytest.fixture
def office(tmp_path) -> Path:
    """A workspace that numbers its notes (a register beside it), with the seed note as notes/a.yaml waiting for
    its number."""
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    (root / "verbale.yaml").write_text('numbering: {pattern: "17-1/{seq}", start: 700}\n', encoding="utf-8")
    text = (NOTES / "17-1-624.yaml").read_text(encoding="utf-8").replace("number: 17-1/624", "number: auto")
    (root / "notes" / "a.yaml").write_text(text, encoding="utf-8")
    return root


def serve(root: Path):
    """The desk over ``root`` on a free loopback port, in a thread: (base address, stop). The port's socket is
    bound here and handed to uvicorn, so no other process can take the port between choosing and serving it."""
    import uvicorn

    from verbale.desk.app import create_app

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(root, port=port, token=TOKEN), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started and thread.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the desk did not start"

    def stop():
        server.should_exit = True
        thread.join(60)    # its lifespan ends the office keeper, which waits for LibreOffice to end
        sock.close()
    return f"http://127.0.0.1:{port}", stop


@pytest.fixture
def office_desk(office):
    """The desk over the numbering office: (DeskHTTP, base address, workspace)."""
    base, stop = serve(office)
    yield DeskHTTP(base), base, office
    stop()


# -- the real browser (Debian's Chromium through Selenium and chromium-driver) -----------------------------------

import shutil as _shutil  # noqa: E402

CHROMIUM = _shutil.which("chromium") or _shutil.which("chromium-browser")
DRIVER = _shutil.which("chromedriver")
needs_chromium = pytest.mark.skipif(not (CHROMIUM and DRIVER),
                                    reason="Chromium and chromium-driver are not installed (apt-get install chromium "
                                           "chromium-driver; .ci/run installs them)")


def chromium(profile: Path, width: int = 1600, height: int = 1000, language: str = "en-GB"):
    """A headless Chromium at a window size, speaking ``language`` (its Accept-Language)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--hide-scrollbars", f"--lang={language}", f"--window-size={width},{height}",
                     f"--user-data-dir={profile}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(60)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PENDING_TRIGGERS})
    return driver


# Every page the tests open counts the typing a delayed htmx trigger (the form's `input delay:250ms`) has not yet
# turned into a request: until the delay is over no element carries htmx-request, and a test that looked only at
# that class went on before the request had even started (a loaded machine stretches the delay). htmx fires
# htmx:trigger when the delay ends (any other trigger of the element, a change, cancels the delayed one and fires
# at once), so typing is pending while its last input came after the element's last htmx:trigger.
PENDING_TRIGGERS = """(() => {
  let seq = 0, typed = 0, fired = 0;
  const delayed = (node) => node instanceof Element && node.closest('[hx-trigger*="delay:"]');
  document.addEventListener("input", (event) => { if (delayed(event.target)) typed = ++seq; }, true);
  document.addEventListener("htmx:trigger", (event) => {
    if (event.target instanceof Element && event.target.matches('[hx-trigger*="delay:"]')) fired = ++seq;
  }, true);
  Object.defineProperty(window, "__verbaleTypingPending", {get: () => typed > fired});
})();"""


@pytest.fixture
def browser(tmp_path):
    driver = chromium(tmp_path / "profile")
    yield driver
    driver.quit()


def wait_for(condition, timeout: float = 30.0, what: str = "the page"):
    """``condition()`` once it is true, polled every 0.1 s for up to ``timeout`` seconds (generous: the CI's
    machine is a loaded 2-core box; a quiet run returns at once)."""
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


def settled(driver, timeout: float = 30.0) -> None:
    """Wait until the page has taken the last answer: no typing waiting for its delayed request, no request in
    flight, no answer being swapped in or settled (desk.js places the problems at their fields on htmx's
    afterSettle, 20 ms after the swap)."""
    wait_for(lambda: driver.execute_script(
        "return !window.__verbaleTypingPending"
        " && document.querySelectorAll('.htmx-request, .htmx-swapping, .htmx-settling').length === 0"),
        timeout=timeout, what="the page's requests to finish")

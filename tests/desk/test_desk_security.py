"""The desk's defects of issue #24, one class each, through HTTP to a running desk (uvicorn on loopback).

Each test failed on the desk before the fix (the desk saved over a newer file, dropped what it did not show,
wrote `date: (not a date)`, built a 300-million-item list, answered loopback without a token, and gave 500 for
a malformed index) and passes after it.
"""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from desk_fixtures import (NOTES, TOKEN, DeskHTTP, desk_server, office, office_desk, replaced,  # noqa: F401
                           workspace)


def register_numbers(office: Path) -> list[str]:
    from verbale.register.store import Register

    register = Register(f"sqlite:///{(office / 'register.sqlite').as_posix()}")
    return [record.number for record in register.records()]


def generate_on_the_command_line(office: Path) -> None:
    answer = subprocess.run([sys.executable, "-m", "verbale", "generate", str(office / "notes" / "a.yaml"), "-o",
                             str(office / "out")], capture_output=True, text=True, timeout=180)
    assert answer.returncode == 0, answer.stderr


# -- stale saves -------------------------------------------------------------------------------------------

def test_a_save_or_generate_made_from_an_older_version_is_refused_and_nothing_is_lost(office_desk):
    desk, _, office = office_desk
    spec = office / "notes" / "a.yaml"
    page = desk.form("notes/a.yaml")
    assert dict(page)["__version"], "the page names the version of the file it was made from"
    edited = replaced(page, purpose__en="forward the revised draft agenda of the meeting {{ meeting.when }}")
    desk.post("/preview/notes/a.yaml", edited)          # the clerk types: the draft is kept
    draft = office / ".verbale" / "drafts" / "notes" / "a.yaml.json"
    deadline = time.monotonic() + 60
    while not draft.is_file() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "revised draft agenda" in draft.read_text(encoding="utf-8")
    generate_on_the_command_line(office)                # meanwhile the command line numbers the note
    numbered = spec.read_bytes()
    assert b"number: 17-1/700" in numbered

    for action in ("save", "generate"):
        answer = desk.post(f"/{action}/notes/a.yaml", edited)
        assert answer.status_code == 409, answer.text
        assert "changed in its file after you opened it" in answer.text and 'href="/spec/notes/a.yaml"' in answer.text
        assert spec.read_bytes() == numbered            # never number: auto again
    assert register_numbers(office) == ["17-1/700"]     # no second number for one note

    reloaded = desk.get("/spec/notes/a.yaml").text      # the reload offers the clerk's changes
    assert "Apply my changes to this version" in reloaded
    assert desk.post("/draft/apply/notes/a.yaml").status_code in (200, 303)
    merged = desk.form("notes/a.yaml")
    assert dict(merged)["purpose.en"] == "forward the revised draft agenda of the meeting {{ meeting.when }}"
    assert dict(merged)["number"] == "17-1/700"
    answer = desk.post("/save/notes/a.yaml", merged)    # the note is in the register now: its subject changes
    assert answer.status_code == 409 and "№ 17-1/700 is in the register" in answer.text
    assert desk.post("/save/notes/a.yaml", merged + [("__confirm", "register")]).status_code == 200
    text = spec.read_text(encoding="utf-8")
    assert "number: 17-1/700" in text and "forward the revised draft agenda" in text
    assert "Apply my changes" not in desk.get("/spec/notes/a.yaml").text   # saved: no draft left


# -- only what the clerk changed ----------------------------------------------------------------------------

ENGLISH_ONLY = """\
# the English version goes first; ru and kk are kept for later
number: 17-1/5
date: 2021-09-23
place: astana
sender: cica-secretariat
recipients: [cica-member-states]
languages: [en]      # only English this time
purpose:
  en: forward the draft agenda {{ meeting.when }}
  ru: препроводить проект повестки дня {{ meeting.when }}   # checked by the translator
  kk: >-
    {{ meeting.when }} өтетін отырыстың
    күн тәртібі жобасын жолдауды
meeting:
  body: swg
  start: 2021-09-24 14:00
  time_of: astana
"""


def test_a_save_changes_only_what_the_clerk_changed(desk_server):
    base, workspace = desk_server
    spec = workspace / "english.yaml"
    spec.write_text(ENGLISH_ONLY, encoding="utf-8")
    desk = DeskHTTP(base)
    page = desk.form("english.yaml")
    assert "purpose.ru" not in dict(page)                  # the form shows English only
    answer = desk.post("/save/english.yaml", page)
    assert answer.status_code == 200 and spec.read_text(encoding="utf-8") == ENGLISH_ONLY
    answer = desk.post("/save/english.yaml", replaced(page, purpose__en="forward the agenda {{ meeting.when }}"))
    assert answer.status_code == 200, answer.text
    assert spec.read_text(encoding="utf-8") == ENGLISH_ONLY.replace(
        "en: forward the draft agenda", "en: forward the agenda")
    page = desk.form("english.yaml")                       # a remove: the rest of the list as it was
    spec.write_text(ENGLISH_ONLY.replace("[cica-member-states]", "[cica-member-states, mfa-china]"), encoding="utf-8")
    page = desk.form("english.yaml")
    answer = desk.post("/save/english.yaml", [(k, v) for k, v in page if k != "recipients[0]"])
    assert answer.status_code == 200, answer.text
    assert "recipients: [mfa-china]" in spec.read_text(encoding="utf-8")
    assert "ru: препроводить проект повестки дня {{ meeting.when }}   # checked by the translator" in spec.read_text(
        encoding="utf-8")


# -- never what the command line would refuse -----------------------------------------------------------------

@pytest.mark.parametrize("field,value,said", [
    ("date", "2021-02-30", "date:"),                        # an impossible date typed or posted
    ("date", "(not a date)", "date: not a real date"),      # what the page posts for one the browser could not read
    ("date", "", "date: required field is missing"),
    ("meeting.start", "2021-09-24T25:00", "meeting.start:"),
    ("place", "atlantis", "place: unknown termbase key 'atlantis'"),
    ("purpose.ru", "препроводить {{ meeting.whne }}", "purpose.ru: undefined"),
])
def test_a_value_the_command_line_would_refuse_is_said_at_its_field_and_never_saved(desk_server, field, value, said):
    import html

    base, workspace = desk_server
    spec = workspace / "17-1-624.yaml"
    before = spec.read_bytes()
    desk = DeskHTTP(base)
    pairs = replaced(desk.form("17-1-624.yaml"), **{field.replace(".", "__"): value})
    shown = desk.post("/preview/17-1-624.yaml", pairs)
    assert shown.status_code == 200 and said in html.unescape(shown.text)   # the preview says so, at the field
    assert '"field": "' + field.split("[")[0] in shown.text or f'"field": "{field}"' in shown.text
    for action in ("save", "generate"):
        answer = desk.post(f"/{action}/17-1-624.yaml", pairs)
        assert answer.status_code == 422, answer.text
        assert said in html.unescape(answer.text) and "command line would refuse" in answer.text
        assert spec.read_bytes() == before
    assert not list((workspace / "out").glob("*")) if (workspace / "out").exists() else True


def test_a_registered_notes_facts_never_change_silently(office_desk):
    desk, _, office = office_desk
    spec = office / "notes" / "a.yaml"
    answer = desk.post("/generate/notes/a.yaml", desk.form("notes/a.yaml"))
    assert "The register gave this note № 17-1/700" in answer.text, answer.text
    page = desk.form("notes/a.yaml")
    assert "№ 17-1/700 is in the register" in desk.get("/spec/notes/a.yaml").text
    numbered = spec.read_bytes()
    changed = replaced(page, date="2021-09-24")
    answer = desk.post("/save/notes/a.yaml", changed)
    assert answer.status_code == 409 and "№ 17-1/700 is in the register" in answer.text and "This changes: Date." in answer.text
    assert spec.read_bytes() == numbered
    answer = desk.post("/save/notes/a.yaml", changed + [("__confirm", "register")])
    assert answer.status_code == 200 and "date: 2021-09-24" in spec.read_text(encoding="utf-8")
    # an impossible date is refused even when confirmed
    page = desk.form("notes/a.yaml")
    answer = desk.post("/save/notes/a.yaml", replaced(page, date="(not a date)") + [("__confirm", "register")])
    assert answer.status_code == 422 and "date: 2021-09-24" in spec.read_text(encoding="utf-8")


# -- bounded lists ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["recipients[300000000]", "recipients[100]", "paragraphs[50].en",
                                  "enclosures[100].pages", "recipients[99999999999999999999]"])
def test_indices_are_bounded_by_the_schemas_limits(desk_server, name):
    base, _ = desk_server
    desk = DeskHTTP(base)
    started = time.monotonic()
    for action in ("preview", "form", "save"):
        answer = desk.post(f"/{action}/17-1-624.yaml", [(name, "x")], timeout=60)
        assert answer.status_code == 400, (action, answer.status_code, answer.text[:200])
        assert "at most" in answer.text or "past the end" in answer.text
    assert desk.get("/").status_code == 200   # every clerk still served
    assert time.monotonic() - started < 60   # never the list of 10^20 items made (a loaded machine: minutes)


def test_add_stops_at_a_lists_limit(desk_server):
    base, _ = desk_server
    desk = DeskHTTP(base)
    pairs = desk.form("17-1-624.yaml") + [(f"paragraphs[{i}].en", "x") for i in range(50)]
    answer = desk.post("/form/17-1-624.yaml?field=paragraphs&op=add", pairs)
    assert answer.status_code == 400 and "at most 50" in answer.text


# -- the token on every address -------------------------------------------------------------------------------

def test_every_request_needs_the_token_on_loopback_too(desk_server):
    import httpx2

    base, workspace = desk_server
    spec = workspace / "17-1-624.yaml"
    before = spec.read_bytes()
    stranger = httpx2.Client(base_url=base, timeout=20)
    csrf = DeskHTTP(base).csrf            # even a process that learnt the page's form token
    for method, path in [("GET", "/"), ("GET", "/spec/17-1-624.yaml"), ("GET", "/static/desk.js"),
                         ("GET", "/register"), ("GET", "/names"), ("POST", "/save/17-1-624.yaml"),
                         ("POST", "/generate/17-1-624.yaml"), ("POST", "/new")]:
        answer = stranger.request(method, path, headers={"X-Desk-Token": csrf}, content=b"name=x")
        assert answer.status_code == 403, (method, path, answer.status_code)
        assert "verbale serve" in answer.text
    assert stranger.get("/?token=wrong").status_code == 403
    wrong_port = httpx2.Client(base_url=base, cookies={"verbale_desk_1": TOKEN})   # another desk's cookie name
    assert wrong_port.get("/").status_code == 403
    answer = stranger.get(f"/spec/17-1-624.yaml?token={TOKEN}")
    assert answer.status_code == 303 and answer.headers["location"] == "/spec/17-1-624.yaml"
    assert "HttpOnly" in answer.headers["set-cookie"] and "SameSite=Strict" in answer.headers["set-cookie"]
    assert stranger.get("/spec/17-1-624.yaml").status_code == 200   # the cookie now carries it
    assert spec.read_bytes() == before


# -- every bad request a 4xx ----------------------------------------------------------------------------------

BAD_REQUESTS = [
    ("POST", "/form/17-1-624.yaml?field=recipients&op=remove&index=abc", b""),
    ("POST", "/form/17-1-624.yaml?field=recipients&op=remove&index=-1", b""),
    ("POST", "/form/17-1-624.yaml?field=recipients&op=remove&index=99999999999999", b""),
    ("POST", "/form/17-1-624.yaml?field=recipients&op=explode", b""),
    ("POST", "/form/17-1-624.yaml?field=nothing&op=add", b""),
    ("POST", "/form/17-1-624.yaml?field=recipients[abc]&op=add", b""),
    ("POST", "/form/17-1-624.yaml?field=purpose.en.x.y&op=add", b""),
    ("POST", "/form/17-1-624.yaml?field=dates&op=add&kind=map", b"__mapkey.dates=Not%20A%20Key"),
    ("POST", "/save/17-1-624.yaml", b"number=1"),                 # no version: made from no known file
    ("POST", "/save/nothing.yaml", b""),
    ("POST", "/save/../outside.yaml", b""),
    ("GET", "/spec/nothing.yaml", b""),
    ("GET", "/spec/%2e%2e/%2e%2e/etc/passwd", b""),
    ("POST", "/rename/17-1-624.yaml", b"to=../../x"),
    ("POST", "/rename/17-1-624.yaml", b"to=17-1-298"),            # taken
    ("POST", "/restore", b"entry=../../etc"),
    ("POST", "/draft/apply/nothing.yaml", b""),
    ("GET", "/files/..%2F17-1-624.yaml", b""),
    ("GET", "/register/record?number=&year=abc", b""),
    ("GET", "/register?year=abc", b""),
    ("POST", "/register/cancel", b"number=17-1/1&why="),
    ("POST", "/names/add", b"key=Bad Key&kind=recipient"),
    ("POST", "/names/add", b"key=x&kind=emperor"),
]


@pytest.mark.parametrize("method,path,body", BAD_REQUESTS)
def test_a_bad_request_is_a_4xx_with_a_plain_line(desk_server, method, path, body):
    base, _ = desk_server
    desk = DeskHTTP(base)
    answer = desk.http.request(method, path, content=body, headers={
        "X-Desk-Token": desk.csrf, "Content-Type": "application/x-www-form-urlencoded"})
    assert 400 <= answer.status_code < 500, (answer.status_code, answer.text[:300])
    assert "Traceback" not in answer.text and "Internal Server Error" not in answer.text
    assert answer.text.strip(), "a plain message says why"


@pytest.mark.parametrize("headers,body", [
    ({"Content-Type": "multipart/form-data; boundary=x"}, b"--x\r\nContent-Disposition: form-data\r\n\r\nbroken"),
    ({"Content-Type": "multipart/form-data"}, b"anything"),
    ({"Content-Type": "application/x-www-form-urlencoded"}, b"%ff%fe=%00&date=%ZZ"),
    ({"Content-Type": "application/json"}, b'{"number": 1}'),
])
def test_malformed_bodies_are_4xx_or_read_as_empty(desk_server, headers, body):
    base, _ = desk_server
    desk = DeskHTTP(base)
    for action in ("preview", "form", "save"):
        answer = desk.http.post(f"/{action}/17-1-624.yaml", content=body, headers={"X-Desk-Token": desk.csrf, **headers})
        assert answer.status_code < 500, (action, headers, answer.status_code, answer.text[:300])

"""The desk's side of tests/register/test_register_views.py, on SQLite and a real PostgreSQL server: the same
year, key and reason checks as the command line (verbale/register/checks.py), refused with a page in the clerk's
language; and the kind of each document on the register page (in the clerk's language), in its filter, on a
record's page and in the export."""
from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "register"))
from kinds_workspace import YEARS, kinds_workspace  # noqa: E402
from pgcluster import postgres_cluster, postgres_database, register_url  # noqa: E402,F401  (fixtures)
from test_desk_app import csrf_of, desk_client  # noqa: E402

from verbale.cli import main as verbale  # noqa: E402
from verbale.register.store import Register  # noqa: E402


@pytest.fixture
def registry(tmp_path, register_url):
    return kinds_workspace(tmp_path, register_url, verbale)


def numbers_and_kinds(page: str) -> list[tuple[str, str, str]]:
    return re.findall(r'<tr data-number="([^"]+)".*?<td class="kind" data-kind="([^"]+)">([^<]*)</td>', page, re.S)


@pytest.mark.parametrize("typed, taken, refused", YEARS)
def test_a_year_is_checked_as_the_command_line_checks_it(registry, typed, taken, refused):
    client = desk_client(registry[0])
    answer = client.get("/register", params={"year": typed})
    if refused is None:
        assert answer.status_code == 200 and len(numbers_and_kinds(answer.text)) == 3
    else:
        assert (answer.status_code, answer.text) == (400, refused[:1].upper() + refused[1:] + ".")


def test_the_refusals_speak_the_clerks_language(registry):
    client = desk_client(registry[0])
    client.get("/lang/ru?next=/")
    answer = client.get("/register", params={"year": "26"})
    assert (answer.status_code, answer.text) == (400, "«26» — не год (год пишется четырьмя цифрами, например 2026).")
    answer = client.get("/register", params={"recipient": "MFA-Russia"})
    assert answer.status_code == 400 and answer.text.startswith("«MFA-Russia» — не ключ из списка наименований")
    client.get("/lang/kk?next=/")
    answer = client.get("/register", params={"kind": "Aide Memoire"})
    assert (answer.status_code, answer.text) == (400, "«Aide Memoire» құжат түрі емес (мысалы note-verbale, "
                                                      "personal-note, aide-memoire).")


def test_a_reason_is_refused_not_cut(registry):
    root, url = registry
    client = desk_client(root)
    token = {"X-Desk-Token": csrf_of(client)}
    answer = client.post("/register/cancel", headers=token, data={"number": "04-1/3", "why": "x" * 501},
                         follow_redirects=False)
    assert (answer.status_code, answer.text) == (400, "The reason is 501 characters long; the register keeps at "
                                                      "most 500.")
    assert Register(url).find("04-1/3").cancellation is None     # it was cancelled with the first 500 kept
    answer = client.post("/register/cancel", headers=token, data={"number": "=1+1", "why": "x"},
                         follow_redirects=False)
    assert answer.status_code == 400 and "which a spreadsheet would read as a formula" in answer.text


KINDS = [  # (the clerk's language, the names of the kinds on the page)
    ("en", ["Personal note", "Aide-mémoire", "Note verbale"]),
    ("ru", ["Личная нота", "Памятная записка", "Вербальная нота"]),
    ("kk", ["Жеке нота", "Естелік жазба", "Вербалдық нота"]),
]


@pytest.mark.parametrize("lang, names", KINDS)
def test_the_register_page_shows_and_filters_the_kind(registry, lang, names):
    client = desk_client(registry[0])
    client.get(f"/lang/{lang}?next=/")
    page = client.get("/register").text
    assert numbers_and_kinds(page) == [("04-1/1", "personal-note", names[0]), ("04-1/2", "aide-memoire", names[1]),
                                       ("04-1/3", "note-verbale", names[2])]
    options = re.search(r'<select name="kind" id="r-kind">(.*?)</select>', page, re.S).group(1)
    assert re.findall(r'<option value="([a-z-]+)">([^<]+)</option>', options) == [
        ("aide-memoire", names[1]), ("note-verbale", names[2]), ("personal-note", names[0])]
    page = client.get("/register", params={"kind": "aide-memoire"}).text
    assert numbers_and_kinds(page) == [("04-1/2", "aide-memoire", names[1])]
    assert 'href="/register/export.csv?kind=aide-memoire"' in page
    record = client.get("/register/record", params={"number": "04-1/1"}).text
    assert f'<dd id="kind" data-kind="personal-note">{names[0]}</dd>' in record


def test_the_export_has_the_kind_as_the_command_line_writes_it(registry):
    client = desk_client(registry[0])
    rows = list(csv.reader(io.StringIO(client.get("/register/export.csv").content.decode("utf-8-sig"))))
    assert rows[0][-2:] == ["state", "kind"]
    assert [(row[0], row[-1]) for row in rows[1:]] == [("04-1/1", "personal-note"), ("04-1/2", "aide-memoire"),
                                                       ("04-1/3", "note-verbale")]
    rows = list(csv.reader(io.StringIO(client.get("/register/export.csv", params={"kind": "personal-note"})
                                       .content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["04-1/1"]


def test_an_empty_receipt_is_refused_as_the_command_line_refuses_it(registry):
    """A receipt file of 0 bytes was dropped without a word (the note recorded as dispatched with no receipt):
    refused now, as `register dispatch --receipt` refuses it; no file chosen is a dispatch without a receipt."""
    root, url = registry
    client = desk_client(root)
    token = {"X-Desk-Token": csrf_of(client)}
    fields = {"number": "04-1/1", "channel": "hand", "copies": "1"}
    answer = client.post("/register/dispatch", headers=token, data=fields, files={"receipt": ("empty.eml", b"")})
    assert (answer.status_code, answer.text) == (
        422, "The receipt 'empty.eml' is an empty file (0 bytes), which proves nothing; nothing was recorded (name "
             "the receipt's scan or e-mail, or record the dispatch without a receipt).")
    assert Register(url).find("04-1/1").state == "registered"
    answer = client.post("/register/dispatch", headers=token, data=fields, files={"receipt": ("", b"")})
    assert answer.status_code in (200, 303), answer.text
    [dispatched] = Register(url).find("04-1/1").later_states
    assert (dispatched["state"], dispatched["file_name"], dispatched["sha256"]) == ("dispatched", "", "")

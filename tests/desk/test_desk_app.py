"""The desk's pages and guards, through Starlette's test client (no browser needed)."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from starlette.testclient import TestClient

from verbale.desk.app import create_app
from desk_fixtures import TOKEN, workspace  # noqa: F401 - a fixture
from verbale.desk.guard import MAX_BODY, cookie_name

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def client(workspace):
    return desk_client(workspace)


def desk_client(root, **options) -> TestClient:
    """A client of the desk over ``root`` that carries the desk's token (as the browser's cookie does)."""
    return TestClient(create_app(root, port=8765, token=TOKEN, **options), base_url=BASE,
                      cookies={cookie_name(8765): TOKEN})


def csrf_of(client) -> str:
    return re.search(r'"X-Desk-Token": "([^"]+)"', client.get("/").text).group(1)


def form_of(client, name: str) -> list[tuple[str, str]]:
    """The fields the spec page posts, read from its HTML as a browser would send them."""
    from html.parser import HTMLParser

    class Fields(HTMLParser):
        def __init__(self):
            super().__init__()
            self.pairs, self.area, self.select = [], None, None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "input" and a.get("name") and (a.get("type") != "checkbox" or "checked" in a):
                self.pairs.append((a["name"], a.get("value") or ""))
            elif tag == "textarea":
                self.area = [a["name"], ""]
            elif tag == "select" and a.get("name") and not a["name"].startswith("__"):
                self.select = a["name"]
            elif tag == "option" and self.select and "selected" in a:
                self.pairs.append((self.select, a.get("value", "")))

        def handle_data(self, data):
            if self.area is not None:
                self.area[1] += data

        def handle_endtag(self, tag):
            if tag == "textarea" and self.area:
                self.pairs.append(tuple(self.area))
                self.area = None
            elif tag == "select":
                self.select = None

    page = client.get(f"/spec/{name}").text
    option_values = re.sub(r"<option( selected)?>([^<]*)</option>", r'<option value="\2"\1>\2</option>', page)
    parser = Fields()
    parser.feed(option_values)
    return parser.pairs


def post(client, url: str, pairs, **headers):
    return client.post(url, content=urlencode(pairs), headers={
        "X-Desk-Token": csrf_of(client), "Content-Type": "application/x-www-form-urlencoded", **headers})


def test_the_list_shows_every_spec_with_its_state(client):
    page = client.get("/").text
    for name in ("17-1-624.yaml", "17-1-298.yaml", "circular-soc-2026.yaml"):
        assert f'href="/spec/{name}"' in page
    assert "17-1/624" in page and "2021-09-23" in page


def test_saving_the_form_unchanged_keeps_the_file_byte_for_byte(client, workspace):
    for spec in sorted(workspace.glob("*.yaml")):
        before = spec.read_bytes()
        answer = post(client, f"/save/{spec.name}", form_of(client, spec.name))
        assert answer.status_code == 200 and "Nothing to save" in answer.text, answer.text
        assert spec.read_bytes() == before, spec.name


@pytest.mark.parametrize("name", ["../outside.yaml", "..%2Foutside.yaml", "/etc/passwd", "verbale.yaml",
                                  "17-1-624.yaml/../../x.yaml", "notes.txt", "termbase/terms.yaml",
                                  "out/x.yaml", ".hidden/x.yaml"])
def test_paths_stay_inside_the_workspace(client, workspace, name):
    (workspace.parent / "outside.yaml").write_text("number: 1\n", encoding="utf-8")
    for folder in ("termbase", "out", ".hidden"):
        (workspace / folder).mkdir(exist_ok=True)
        (workspace / folder / ("terms.yaml" if folder == "termbase" else "x.yaml")).write_text("a: 1\n", encoding="utf-8")
    assert client.get(f"/spec/{name}").status_code in (404, 422)
    assert post(client, f"/save/{name}", [("number", "2")]).status_code in (404, 422)
    assert (workspace.parent / "outside.yaml").read_text(encoding="utf-8") == "number: 1\n"


def test_downloads_only_generated_files(client, workspace):
    (workspace / "secret.docx").write_bytes(b"x")
    for name in ("..%2Fsecret.docx", "secret.yaml", ".hidden.docx", "../17-1-624.yaml"):
        assert client.get(f"/files/{name}").status_code == 404


def test_writes_need_the_pages_token_and_origin(client, workspace):
    spec = workspace / "17-1-624.yaml"
    before = spec.read_bytes()
    pairs = form_of(client, "17-1-624.yaml")
    plain = {"Content-Type": "application/x-www-form-urlencoded"}
    assert client.post("/save/17-1-624.yaml", content=urlencode(pairs), headers=plain).status_code == 403
    assert client.post("/save/17-1-624.yaml", content=urlencode(pairs),
                       headers={**plain, "X-Desk-Token": "forged"}).status_code == 403
    assert post(client, "/save/17-1-624.yaml", pairs, Origin="http://evil.example").status_code == 403
    assert spec.read_bytes() == before


def test_other_host_names_are_refused(client):
    assert client.get("/", headers={"Host": "evil.example:8765"}).status_code == 421


def test_large_bodies_are_refused(client):
    assert post(client, "/preview/17-1-624.yaml", [("purpose.en", "x" * (MAX_BODY + 1))]).status_code == 413


def test_a_token_is_required_off_loopback(workspace):
    """Off loopback the token keeps strangers out, so the desk answers at any of the machine's names."""
    client = TestClient(create_app(workspace, host="192.0.2.10", port=8765, token="s3cret"),
                        base_url="http://192.0.2.10:8765")
    assert client.get("/").status_code == 403
    assert client.get("/?token=wrong").status_code == 403
    answer = client.get("/?token=s3cret", follow_redirects=False)
    assert answer.status_code == 303 and "verbale_desk_8765=s3cret" in answer.headers["set-cookie"]
    assert client.get("/").status_code == 200  # the cookie now carries it
    assert client.get("/", headers={"Host": "office-pc.local:8765"}).status_code == 200


def test_user_text_is_escaped_in_the_preview(client):
    pairs = [(k, v) for k, v in form_of(client, "17-1-624.yaml") if k != "purpose.en"]
    pairs.append(("purpose.en", 'forward <script>alert(1)</script> "x" & <img src=x onerror=alert(2)>'))
    page = post(client, "/preview/17-1-624.yaml", pairs).text
    assert "<script>alert(1)</script>" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_problems_name_their_fields_in_the_clis_words(client):
    pairs = [(k, v) for k, v in form_of(client, "17-1-624.yaml") if k not in ("place", "purpose.ru")]
    pairs += [("place", "atlantis"), ("purpose.ru", "препроводить документ {{ meeting.whne }}")]
    page = post(client, "/preview/17-1-624.yaml", pairs).text
    assert "place: unknown termbase key &#39;atlantis&#39;" in page
    pairs = [(k, "2021-09-23" if k == "place" else v) for k, v in pairs if k != "place"] + [("place", "astana")]
    page = post(client, "/preview/17-1-624.yaml", pairs).text
    assert "purpose.ru: undefined" in page


def test_a_circular_previews_each_recipient(client):
    pairs = form_of(client, "circular-soc-2026.yaml")
    first = post(client, "/preview/circular-soc-2026.yaml", pairs).text
    assert 'name="__recipient"' in first
    other = post(client, "/preview/circular-soc-2026.yaml", pairs + [("__recipient", "mfa-china")]).text
    assert "КИТАЙСКОЙ НАРОДНОЙ РЕСПУБЛИКИ" in other


def test_new_from_a_sample_and_duplicate(client, workspace, monkeypatch):
    """A new note and a copy are the next note: the sample's text whole (comments and all), without its number
    (no numbering in this workspace: left for the clerk) and dated today (the desk's today, held still here so
    that a run across midnight gives the same dates)."""
    import datetime as dt

    from verbale.desk import app

    assert app._today() in (dt.date.today() - dt.timedelta(days=1), dt.date.today())
    monkeypatch.setattr(app, "_today", lambda: dt.date(2026, 12, 31))
    today = "2026-12-31"
    token = csrf_of(client)
    answer = client.post("/new", data={"name": "reply", "sample": "sample:17-1-624.yaml", "_csrf": token},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/spec/reply.yaml"
    sample = (Path(__file__).parents[2] / "notes" / "17-1-624.yaml").read_text(encoding="utf-8")
    expected = sample.replace("number: 17-1/624\n", "number:\n").replace("date: 2021-09-23\n", f"date: {today}\n")
    assert (workspace / "reply.yaml").read_text(encoding="utf-8") == expected
    answer = client.post("/new", data={"name": "reply", "sample": "17-1-298.yaml", "_csrf": token},
                         follow_redirects=False)  # from one of the workspace's own specs; the name is taken
    assert answer.headers["location"] == "/spec/reply-2.yaml"
    own = (workspace / "17-1-298.yaml").read_text(encoding="utf-8")
    assert (workspace / "reply-2.yaml").read_text(encoding="utf-8") == own.replace(
        "number: 17-1/298\n", "number:\n").replace("date: 2021-05-28\n", f"date: {today}\n")
    answer = client.post("/duplicate/reply.yaml", headers={"X-Desk-Token": token, "HX-Request": "true"})
    assert answer.headers["HX-Redirect"] == "/spec/reply-3.yaml"
    assert (workspace / "reply-3.yaml").read_text(encoding="utf-8") == expected



def test_named_facts_are_added_and_removed_in_the_form(client):
    pairs = form_of(client, "17-1-624.yaml") + [("__mapkey.dates", "deadline")]
    page = post(client, "/form/17-1-624.yaml?field=dates&op=add&kind=map&entry=value", pairs).text
    assert '<input type="date" name="dates.deadline"' in page
    pairs = [(k, v) for k, v in pairs if not k.startswith("__mapkey")] + [("dates.deadline", "2021-10-01")]
    page = post(client, "/form/17-1-624.yaml?field=dates&op=remove&key=deadline", pairs).text
    assert 'name="dates.deadline"' not in page
    page = post(client, "/form/17-1-624.yaml?field=paragraphs&op=add", form_of(client, "17-1-624.yaml")).text
    assert 'name="paragraphs[0].kk"' in page


def test_the_desk_opens_a_workspace_with_its_defaults_termbase_and_house(tmp_path):
    """A spec that takes its sender and place from verbale.yaml, and the workspace's own termbase entries,
    preview as they generate; the house's conventions show in the preview."""
    import shutil

    office = tmp_path / "mission"
    shutil.copytree(Path(__file__).parents[2] / "examples" / "mission", office)
    config = office / "verbale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'house: {number_label: {en: "No."}}\n', encoding="utf-8")
    client = desk_client(office)
    page = client.get("/spec/notes/to-ministry.yaml").text
    assert "Permanent Mission of the Republic of Kazakhstan" in page and "No.\u00a008-2/117" in page
    assert 'class="error"' not in page
    assert 'value="mfa-austria" label="' in page  # the workspace's entry in the pickers


def test_generate_offers_the_files_and_their_pdfs(client, workspace):
    import shutil

    answer = post(client, "/generate/17-1-624.yaml", form_of(client, "17-1-624.yaml")).text
    assert 'href="/files/17-1-624.kk.docx"' in answer
    if shutil.which("soffice"):
        assert 'href="/files/17-1-624.kk.pdf"' in answer
        assert client.get("/files/17-1-624.kk.pdf").content[:5] == b"%PDF-"
    else:
        assert "LibreOffice is not installed" in answer


def test_generate_numbers_the_note_from_the_register(tmp_path):
    """Generate on the desk goes through the register like the command line: `number: auto` is allocated,
    written into the spec and recorded."""
    import shutil

    from verbale.register.store import Register

    office = tmp_path / "office"
    (office / "notes").mkdir(parents=True)
    (office / "verbale.yaml").write_text('numbering: {pattern: "17-1/{seq}", start: 700}\n', encoding="utf-8")
    spec = office / "notes" / "a.yaml"
    shutil.copy(Path(__file__).parents[2] / "notes" / "17-1-624.yaml", spec)
    spec.write_text(spec.read_text(encoding="utf-8").replace("number: 17-1/624", "number: auto"), encoding="utf-8")
    client = desk_client(office)
    answer = post(client, "/generate/notes/a.yaml", form_of(client, "notes/a.yaml")).text
    assert "The register gave this note № 17-1/700" in answer
    assert "number: 17-1/700" in spec.read_text(encoding="utf-8")
    assert Register(f"sqlite:///{(office / 'register.sqlite').as_posix()}").find("17-1/700") is not None
    again = post(client, "/generate/notes/a.yaml", form_of(client, "notes/a.yaml")).text
    assert "The register gave" not in again and "number: 17-1/700" in spec.read_text(encoding="utf-8")


def test_a_spelling_slip_is_marked_at_its_field(client):
    """Issue #23: the spelling lint's warnings carry their field (purpose.kk), so the preview's script places them
    at that field's message (`.msg[data-for=…]`, desk.js placeProblems) as it does every problem."""
    import json

    from verbale.grammar import spelling

    if spelling.find("kk_KZ") is None:
        pytest.skip("the Kazakh Hunspell dictionary is not installed (apt install hunspell-kk)")
    pairs = [(k, v) for k, v in form_of(client, "17-1-624.yaml") if k != "purpose.kk"]
    pairs.append(("purpose.kk", "{{ meeting.when }} өтетін отырыста қарастырылатын құжатты жолдаудыы"))
    page = post(client, "/preview/17-1-624.yaml", pairs).text
    data = json.loads(re.search(r'<script type="application/json" id="problems-data">(.*?)</script>', page,
                                re.S).group(1))
    slips = [p for p in data if "жолдаудыы" in p["text"]]
    assert slips == [{"field": "purpose.kk", "kind": "lint", "text": "purpose.kk: жолдаудыы: not in the Kazakh "
                      "dictionary (check the spelling; a right word goes into termbase/kk/words.txt of the workspace)"}]
    assert 'class="msg" data-for="purpose.kk"' in client.get("/spec/17-1-624.yaml").text


def test_a_preview_that_reaches_the_desk_after_the_save_of_its_text_keeps_no_draft(client, workspace):
    """The page asks for a preview 250 ms after the clerk's last key; Ctrl+S right after typing saves first, and
    the preview (made from the version before the save, holding the saved text) comes after it. It leaves no
    draft: the page opened again shows the saved note, with no banner of unsaved changes made before the file
    changed. (Starlette's test client runs the preview's background task, the draft, before it answers.)"""
    name = "17-1-624.yaml"
    draft = workspace / ".verbale" / "drafts" / f"{name}.json"
    edited = [(k, v + " (revised)" if k == "purpose.en" else v) for k, v in form_of(client, name)]
    assert post(client, f"/save/{name}", edited).status_code == 200
    assert "(revised)" in (workspace / name).read_text(encoding="utf-8")
    assert post(client, f"/preview/{name}", edited).status_code == 200    # its __version: the one before the save
    assert not draft.exists()
    assert 'id="draft-banner"' not in client.get(f"/spec/{name}").text
    typed_on = [(k, v + " more" if k == "purpose.en" else v) for k, v in edited]   # a change the save has not:
    assert post(client, f"/preview/{name}", typed_on).status_code == 200  # kept, and offered on the newer file
    assert "(revised) more" in draft.read_text(encoding="utf-8")
    assert "Apply my changes to this version" in client.get(f"/spec/{name}").text


def test_a_second_save_sent_before_the_first_ones_answer_is_nothing_to_save(client, workspace):
    """A double click on Save, or Ctrl+S right after it: the second request names the version the page had before
    the first's answer came. The file holds what the form holds: nothing to save, never "changed in its file
    after you opened it"; a form of that older version that differs from the file is still refused."""
    name = "17-1-624.yaml"
    edited = [(k, v + " (revised)" if k == "purpose.en" else v) for k, v in form_of(client, name)]
    first = post(client, f"/save/{name}", edited)
    assert first.status_code == 200 and "Saved 17-1-624.yaml." in first.text
    saved = (workspace / name).read_bytes()
    second = post(client, f"/save/{name}", edited)                    # the same __version: the one before
    assert second.status_code == 200 and "Nothing to save: 17-1-624.yaml is as in the file." in second.text
    new_version = re.search(r'name="__version" id="version" value="([^"]+)"', first.text).group(1)
    assert f'value="{new_version}"' in second.text                     # the page takes the file's version
    assert (workspace / name).read_bytes() == saved
    assert not (workspace / ".verbale" / "drafts" / f"{name}.json").exists()
    other = [(k, v + " (again)" if k == "purpose.en" else v) for k, v in edited]
    stale = post(client, f"/save/{name}", other)
    assert stale.status_code == 409 and "changed in its file after you opened it" in stale.text
    assert (workspace / name).read_bytes() == saved

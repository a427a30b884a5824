"""The note list to work from and the register's export, through the desk's HTTP interface (issue #25)."""
from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from desk_fixtures import NOTES, office, workspace  # noqa: F401 - fixtures
from test_desk_app import csrf_of, desk_client, form_of, post


def test_the_list_offers_each_notes_files_for_download(workspace):
    client = desk_client(workspace)
    (workspace / "out").mkdir()
    for name in ("17-1-624.en.docx", "17-1-624.kk.pdf", "17-1-6240.en.docx", "17-1-624.notes.txt"):
        (workspace / "out" / name).write_bytes(b"x")
    row = client.get("/").text.split('data-spec="17-1-624.yaml"')[1].split("</tr>")[0]
    assert 'href="/files/17-1-624.en.docx"' in row and 'href="/files/17-1-624.kk.pdf"' in row
    assert "17-1-6240" not in row and "notes.txt" not in row     # another note's file, a file not offered


def test_search_and_sort(workspace):
    client = desk_client(workspace)
    rows = lambda page: [part.split('"', 1)[0] for part in page.split('data-spec="')[1:]]
    assert rows(client.get("/?q=Rev.4").text) == ["17-1-624.yaml"]               # the subject
    assert rows(client.get("/?q=2021-05-28").text) == ["17-1-298.yaml"]           # the date
    assert "circular-soc-2026.yaml" in rows(client.get("/?q=cica-member-states-mfa").text)   # the distribution
    dates = client.get("/?sort=date&dir=desc").text
    ordered = rows(dates)
    assert ordered.index("circular-soc-2026.yaml") < ordered.index("17-1-298.yaml")


def test_delete_goes_to_the_bin_with_its_draft_and_comes_back(workspace):
    client = desk_client(workspace)
    token = csrf_of(client)
    spec = workspace / "17-1-298.yaml"
    text = spec.read_bytes()
    pairs = form_of(client, "17-1-298.yaml")
    post(client, "/preview/17-1-298.yaml", [(k, v + " (draft)" if k == "purpose.en" else v) for k, v in pairs])
    assert (workspace / ".verbale" / "drafts" / "17-1-298.yaml.json").is_file()
    answer = client.post("/delete/17-1-298.yaml", data={"_csrf": token}, follow_redirects=False)
    assert answer.status_code == 303 and not spec.exists()
    assert 'data-spec="17-1-298.yaml"' not in client.get("/").text
    bin_page = client.get("/bin").text
    entry = bin_page.split('name="entry" value="')[1].split('"')[0]
    spec.write_text("number: 1\n", encoding="utf-8")                 # the name was taken meanwhile
    answer = client.post("/restore", data={"_csrf": token, "entry": entry}, follow_redirects=False)
    assert answer.headers["location"] == "/spec/17-1-298-2.yaml"
    assert (workspace / "17-1-298-2.yaml").read_bytes() == text
    assert "(draft)" in client.get("/spec/17-1-298-2.yaml").text      # its draft came back with it
    assert "The bin is empty." in client.get("/bin").text


def test_two_deletes_within_one_tick_of_the_clock_both_go_to_the_bin(workspace, monkeypatch):
    """The bin names an entry by the time of the delete; where the clock moves in steps (15 ms on some Windows)
    two deletes can read the same time: the second takes the next microsecond, never an error or a lost note."""
    import datetime as real

    from verbale.desk import drafts

    tick = real.datetime(2026, 3, 1, 9, 30, tzinfo=real.timezone.utc)

    class Clock(real.datetime):
        @classmethod
        def now(cls, tz=None):
            return tick

    monkeypatch.setattr(drafts, "dt", type("dt", (), {"datetime": Clock, "timezone": real.timezone,
                                                      "timedelta": real.timedelta, "date": real.date}))
    client = desk_client(workspace)
    token = csrf_of(client)
    for name in ("17-1-298.yaml", "17-1-624.yaml"):
        answer = client.post(f"/delete/{name}", data={"_csrf": token}, follow_redirects=False)
        assert answer.status_code == 303 and not (workspace / name).exists()
    binned = drafts.Store(workspace).binned()
    assert sorted(item["name"] for item in binned) == ["17-1-298.yaml", "17-1-624.yaml"]
    assert sorted(item["id"].split("-")[0] for item in binned) == ["20260301T093000000000", "20260301T093000000001"]
    bin_page = client.get("/bin").text
    for entry in (item["id"] for item in binned):
        assert client.post("/restore", data={"_csrf": token, "entry": entry}, follow_redirects=False).status_code == 303
    assert (workspace / "17-1-298.yaml").is_file() and (workspace / "17-1-624.yaml").is_file()
    assert "17-1-298.yaml" in bin_page and "17-1-624.yaml" in bin_page

def test_rename_keeps_a_registered_notes_name(office):
    client = desk_client(office)
    token = csrf_of(client)
    post(client, "/generate/notes/a.yaml", form_of(client, "notes/a.yaml"))
    answer = client.post("/rename/notes/a.yaml", data={"_csrf": token, "to": "b"})
    assert answer.status_code == 409 and "№ 17-1/700 is in the register under the name notes/a.yaml" in answer.text
    assert (office / "notes" / "a.yaml").is_file()
    shutil.copy(NOTES / "17-1-298.yaml", office / "notes" / "c.yaml")
    answer = client.post("/rename/notes/c.yaml", data={"_csrf": token, "to": "reply.yaml"}, follow_redirects=False)
    assert answer.status_code == 303 and (office / "notes" / "reply.yaml").is_file()


def test_the_register_is_exported_with_the_pages_filters(office):
    client = desk_client(office)
    post(client, "/generate/notes/a.yaml", form_of(client, "notes/a.yaml"))
    answer = client.get("/register/export.csv?text=Declaration")
    assert answer.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["number", "status"] and rows[1][0] == "17-1/700"
    assert len(list(csv.reader(io.StringIO(client.get("/register/export.csv?text=nothing").content.decode(
        "utf-8-sig"))))) == 1


def test_a_workspace_without_a_register_says_how_to_keep_one(workspace):
    page = desk_client(workspace).get("/register").text
    assert "keeps no register" in page and 'numbering: {pattern: "17-1/{seq}"' in page

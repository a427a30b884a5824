"""The register page's endpoints attacked over HTTP (Starlette's TestClient): uploaded file names, years, Reply
into a linked folder, Generate over another note's files, what no check foresaw, and every field shown back on
the register page and in its export. Each test reads the answer, the workspace's files and the register."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from test_desk_app import BASE, csrf_of, desk_client, form_of, post
from desk_fixtures import TOKEN
from verbale.desk.app import create_app
from verbale.desk.guard import cookie_name

MISSION = Path(__file__).resolve().parents[2] / "examples" / "mission"


@pytest.fixture
def mission(tmp_path) -> Path:
    """The example mission's workspace, numbering its notes (not served: the tests' client calls the app)."""
    root = tmp_path / "mission"
    shutil.copytree(MISSION, root, ignore=shutil.ignore_patterns("register.sqlite", "out", "incoming"))
    config = root / "verbale.yaml"
    config.write_text(config.read_text(encoding="utf-8") + 'numbering: {pattern: "08-2/{seq}", start: 200}\n',
                      encoding="utf-8")
    return root


def received(client, files=None, **fields):
    values = {"sender": "mfa-austria", "number": "9", "date": "2026-11-20", **fields}
    return client.post("/register/incoming", headers={"X-Desk-Token": csrf_of(client)}, data=values, files=files)


def incoming(root: Path) -> list:
    from verbale.cli.register import open_workspace_register
    from verbale.register.incoming import incoming_notes

    return incoming_notes(open_workspace_register(str(root))[0])


def outputs(root: Path) -> dict:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "out").iterdir()}


@pytest.mark.parametrize("year", ["0000", "٢٠٢٦", "２０２６", "99999", "-001"])
def test_a_year_the_command_line_refuses_is_a_400_on_every_register_page(mission, year):
    """`register list --year 0000` is refused by the command line; the desk answered 500 (year 0 is out of
    range) on the register page, a record, the export and a dispatch."""
    client = desk_client(mission)
    assert received(client).status_code == 200   # a register to read
    token = {"X-Desk-Token": csrf_of(client)}
    answers = [client.get("/register", params={"year": year}), client.get("/register/export.csv", params={"year": year}),
               client.get("/register/record", params={"number": "08-2/200", "year": year}),
               client.post("/register/dispatch", headers=token,
                           data={"number": "08-2/200", "year": year, "channel": "pouch", "copies": "1"}),
               client.post("/register/cancel", headers=token, data={"number": "08-2/200", "year": year, "why": "x"})]
    for answer in answers:
        assert (answer.status_code, answer.text) == (400, f"'{year}' is not a year (four figures, e.g. 2026)."), \
            answer.request.url


def test_a_reply_is_never_written_through_a_link_out_of_the_workspace(mission, tmp_path):
    """notes/ a link to a folder outside: the reply was written there (and the desk then answered 500)."""
    client = desk_client(mission)
    assert received(client).status_code == 200
    [note] = incoming(mission)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(mission / "notes")
    os.symlink(outside, mission / "notes")
    answer = client.post("/register/reply", headers={"X-Desk-Token": csrf_of(client)}, data={"id": note.id},
                         follow_redirects=False)
    assert answer.status_code == 422 and "\n" not in answer.text.strip()
    assert "is a link, not a folder, or outside the desk's workspace; a reply is never written there" in answer.text
    assert list(outside.iterdir()) == []


def test_a_dangling_link_named_as_the_reply_is_passed_over_never_written_through(mission, tmp_path):
    client = desk_client(mission)
    assert received(client).status_code == 200
    [note] = incoming(mission)
    target = tmp_path / "target.yaml"
    os.symlink(target, mission / "notes" / f"reply-{note.id}.yaml")
    answer = client.post("/register/reply", headers={"X-Desk-Token": csrf_of(client)}, data={"id": note.id},
                         follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == f"/spec/notes/reply-{note.id}-2.yaml"
    assert not target.exists() and (mission / "notes" / f"reply-{note.id}-2.yaml").is_file()


@pytest.mark.parametrize("twin", ["drafts/absence.yaml", "drafts/ABSENCE.yaml"])
@pytest.mark.parametrize("draft", [True, False])
def test_generate_never_replaces_the_files_another_note_writes(mission, twin, draft):
    """A registered note's files in out/ were replaced by a Generate (as draft, too) of another spec with the same
    file name in another folder, or the same in another case (one file on Windows and macOS); the command line
    refuses that without --force."""
    spec = mission / "notes" / "absence.yaml"
    spec.write_text((mission / "notes" / "to-ministry.yaml").read_text(encoding="utf-8")
                    .replace("number: 08-2/117", "number: auto"), encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "verbale", "generate", str(spec), "-o", str(mission / "out")],
                          capture_output=True, text=True, timeout=180)
    assert made.returncode == 0, made.stderr
    (mission / twin).parent.mkdir(exist_ok=True)
    (mission / twin).write_bytes(spec.read_bytes().replace(b"number: 08-2/200", b"number: auto"))
    before, twin_before = outputs(mission), (mission / twin).read_bytes()
    client = desk_client(mission)
    answer = post(client, f"/generate/{twin}", [*form_of(client, twin), *([("__draft", "1")] if draft else []),
                                                ("__confirm", "warnings,register")])
    assert answer.status_code == 409, answer.text
    assert "notes/absence.yaml writes the same files (" in answer.text and "rename one of the two" in answer.text
    assert outputs(mission) == before and (mission / twin).read_bytes() == twin_before
    assert "changed" not in client.get("/register/record", params={"number": "08-2/200"}).text


def test_what_no_check_foresaw_is_one_plain_line_never_a_bare_500(mission, monkeypatch):
    from verbale.desk.registry import Registry

    def broken(self, *args, **kwargs):
        raise RuntimeError("the disk said no\nat line 2")

    monkeypatch.setattr(Registry, "incoming", broken)
    client = TestClient(create_app(mission, port=8765, token=TOKEN), base_url=BASE,
                        cookies={cookie_name(8765): TOKEN}, raise_server_exceptions=False)
    answer = client.get("/register")
    assert answer.status_code == 500 and answer.headers["content-type"].startswith("text/plain")
    assert answer.text == ("The desk could not do this: unexpected error RuntimeError: the disk said no at line 2 "
                           "(the console of `verbale serve` has the details; please report it)")


ODD_NAMES = ["../../x.pdf", "..\\..\\x.pdf", "/etc/passwd", "C:\\Windows\\win.ini", "a\x00b.pdf", "CON", "con.pdf",
             "LPT1.pdf", "a:b.pdf", "a.pdf.", "..", " ", "\u202egpj.exe.pdf", "a\nb.pdf", "y" * 4000 + ".pdf",
             "e\u0301.pdf", "ﬁle.pdf", "<img src=x onerror=alert(1)>.pdf"]


@pytest.mark.parametrize("name", ODD_NAMES, ids=[repr(n[:20]) for n in ODD_NAMES])
def test_an_uploaded_files_name_never_leaves_incoming_nor_names_a_device(mission, name):
    client = desk_client(mission)
    data = b"received " + name.encode("utf-8", "replace")[:100]
    answer = received(client, files={"file": (name, data, "application/pdf")})
    assert answer.status_code == 200, answer.text
    assert "<img" not in answer.text
    [note] = incoming(mission)
    kept = mission / note["file_name"]
    assert kept.parent == mission / "incoming" and kept.read_bytes() == data and not kept.is_symlink()
    assert re.fullmatch(r"[0-9a-f]{16}-[\w.-]{1,91}", kept.name), kept.name   # the hash first: never CON, never a:b
    assert len(note["original_name"]) <= 255 and note["original_name"].isprintable()
    assert not (mission.parent / "x.pdf").exists() and not Path("/etc/x.pdf").exists()


HOSTILE = '<script>alert(1)</script>"\'><img src=x onerror=alert(2)>'


def test_every_incoming_field_is_text_on_the_register_page_and_no_formula_in_the_export(mission):
    client = desk_client(mission)
    for number, subject in [(HOSTILE[:60], HOSTILE), ("=cmd|'/c calc'!A1", "+SUM(1)"), ("@x", "-2+3"),
                            ("\uff1d1+1", "\t=1")]:
        answer = received(client, number=number, subject=subject,
                          files={"file": (HOSTILE + ".pdf", subject.encode(), "application/pdf")})
        assert answer.status_code in (200, 422), answer.text
        assert "<script>" not in answer.text and "<img" not in answer.text
    page = client.get("/register").text
    assert len(incoming(mission)) >= 3
    assert "<script>alert" not in page and "<img src=x" not in page
    exported = client.get("/register/export.csv").content.decode("utf-8-sig")
    cells = re.findall(r'"((?:[^"]|"")*)"', exported)
    assert cells and not [c for c in cells if c.lstrip()[:1] in ("=", "+", "-", "@", "\t", "\r", "\uff1d")]


@pytest.mark.parametrize("draft", [True, False])
def test_a_registered_notes_files_are_never_replaced_once_its_spec_forgets_the_number(mission, draft):
    """notes/absence.yaml numbered 08-2/200, then its number set back to auto in the file: a Generate as draft
    replaced the registered files without a word, and a Generate took a new number over them without asking."""
    spec = mission / "notes" / "absence.yaml"
    spec.write_text((mission / "notes" / "to-ministry.yaml").read_text(encoding="utf-8")
                    .replace("number: 08-2/117", "number: auto"), encoding="utf-8")
    made = subprocess.run([sys.executable, "-m", "verbale", "generate", str(spec), "-o", str(mission / "out")],
                          capture_output=True, text=True, timeout=180)
    assert made.returncode == 0, made.stderr
    spec.write_bytes(spec.read_bytes().replace(b"number: 08-2/200", b"number: auto"))
    before = outputs(mission)
    client = desk_client(mission)
    answer = post(client, "/generate/notes/absence.yaml", [*form_of(client, "notes/absence.yaml"),
                                                           *([("__draft", "1")] if draft else [("__confirm", "warnings")])])
    assert answer.status_code == 409 and "№ 08-2/200 is" in answer.text, answer.text
    assert outputs(mission) == before
    from verbale.cli.register import open_workspace_register

    assert [record.number for record in open_workspace_register(str(mission))[0].records()] == ["08-2/200"]


def test_an_upload_past_the_limit_without_a_length_is_refused_and_nothing_recorded(mission):
    """A chunked body (no Content-Length) is counted as it comes: past 32 MiB it is a 413, nothing recorded."""
    from verbale.desk.guard import MAX_UPLOAD

    client = desk_client(mission)
    assert received(client).status_code == 200
    chunk = b"a" * 2**20

    def body():
        yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n\r\n'
        for _ in range(MAX_UPLOAD // len(chunk) + 1):
            yield chunk

    answer = client.post("/register/incoming", content=body(), headers={
        "X-Desk-Token": csrf_of(client), "Content-Type": "multipart/form-data; boundary=b"})
    assert "content-length" not in {k.lower() for k in answer.request.headers}
    assert (answer.status_code, answer.text) == (413, f"The request is larger than {MAX_UPLOAD // 1024} KiB.")
    assert len(incoming(mission)) == 1 and not list((mission / "incoming").glob("*big*"))

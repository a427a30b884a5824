"""Generation with `number: auto` in a workspace that keeps a register: the number is allocated once, written
into the spec (every other byte kept), recorded with every file's SHA-256; reruns add nothing."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pgcluster import postgres_database, postgres_cluster  # noqa: F401  (fixtures)
from sqlalchemy import func, select

from verbale.cli.generate import main as generate
from verbale.register import schema
from verbale.register.store import Register

NOTES = Path(__file__).resolve().parents[2] / "notes"

CONFIG = 'numbering: {pattern: "17-1/{seq}", restart: yearly, start: 624}\nlanguages: [ru, en]\n'
AUTO_LINE = "number: auto          # the register gives it\n"


@pytest.fixture
def workspace(tmp_path) -> Path:
    root = tmp_path / "office"
    (root / "notes").mkdir(parents=True)
    (root / "verbale.yaml").write_text(CONFIG, encoding="utf-8")
    return root


def auto_spec(root: Path, name: str = "a.yaml", sample: str = "17-1-624.yaml", newline: str = "\n") -> Path:
    lines = (NOTES / sample).read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [AUTO_LINE if line.startswith("number:") else line for line in lines]
    # the spec's own languages win over the workspace's (whose first, Russian, still gives the subject)
    lines.append("languages: [en, ru, kk]\n")
    path = root / "notes" / name
    path.write_bytes("".join(lines).replace("\n", newline).encode("utf-8"))
    return path


def counts(url: str) -> tuple[int, int, int]:
    register = Register(url)
    with register.transaction() as conn:
        return tuple(conn.execute(select(func.count()).select_from(table)).scalar()
                     for table in (schema.series, schema.entries, schema.files))


def sqlite_url(root: Path) -> str:
    return f"sqlite:///{(root / 'register.sqlite').resolve().as_posix()}"


def test_auto_allocates_writes_back_and_records_every_file(workspace):
    spec, out = auto_spec(workspace, newline="\r\n"), workspace / "out"
    before = spec.read_bytes()
    assert generate([str(spec), "-o", str(out)]) == 0
    after = spec.read_bytes()
    assert after == before.replace(b"number: auto ", b"number: 17-1/624 ")  # comments, CRLF, order all kept
    record = Register(sqlite_url(workspace)).find("17-1/624")
    entry = record.entry
    assert (entry["sender"], entry["recipients"], entry["languages"], entry["spec_path"]) == \
        ("cica-secretariat", "cica-member-states", "en ru kk", "notes/a.yaml")
    # the subject: the purpose's first sentence in the workspace's first language, its facts rendered
    assert entry["subject"].startswith("препроводить Ревизию №4 проекта Декларации")
    assert entry["subject"].endswith("24 сентября 2021 г. в 14:00 по времени г. Нур-Султан (GMT+6 часов), и сообщение от Председателя")
    on_disk = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.glob("*.docx")}
    assert {f["name"]: f["sha256"] for f in record.files} == on_disk and len(on_disk) == 5
    assert "№ 17-1/624" in _text(out / "a.en.docx")


def _text(path: Path) -> str:
    from docx import Document

    return "\n".join(p.text.replace("\u00a0", " ") for p in Document(str(path)).paragraphs)


def test_a_rerun_writes_the_same_bytes_and_records_nothing(workspace):
    spec, out = auto_spec(workspace), workspace / "out"
    assert generate([str(spec), "-o", str(out)]) == 0
    files = {p.name: p.read_bytes() for p in out.iterdir()}
    spec_bytes, recorded = spec.read_bytes(), counts(sqlite_url(workspace))
    assert generate([str(spec), "-o", str(out)]) == 0
    assert generate([str(spec), "-o", str(out), "--force"]) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == files and spec.read_bytes() == spec_bytes
    assert counts(sqlite_url(workspace)) == recorded == (1, 1, 5)


def test_check_and_a_failing_spec_take_no_number(workspace, capsys):
    good, bad = auto_spec(workspace, "good.yaml"), auto_spec(workspace, "bad.yaml")
    bad.write_text(bad.read_text(encoding="utf-8").replace("sender: cica-secretariat", "sender: nobody-known"),
                   encoding="utf-8")
    assert generate([str(good), str(bad), "--check"]) == 1  # the bad one fails the check
    assert "number: auto" in good.read_text(encoding="utf-8") and not (workspace / "register.sqlite").exists()
    assert generate([str(workspace / "notes"), "-o", str(workspace / "out")]) == 1
    assert "number: auto" in bad.read_text(encoding="utf-8")
    assert [r.number for r in Register(sqlite_url(workspace)).records()] == ["17-1/624"]
    assert Register(sqlite_url(workspace)).find("17-1/624").entry["spec_path"] == "notes/good.yaml"


def test_outputs_that_could_not_be_written_take_no_number(workspace, capsys):
    spec, out = auto_spec(workspace), workspace / "out"
    out.mkdir()
    (out / "a.en.docx").write_bytes(b"someone else's file")
    assert generate([str(spec), "-o", str(out)]) == 1
    assert "exists and differs" in capsys.readouterr().err
    assert "number: auto" in spec.read_text(encoding="utf-8")
    assert generate([str(spec), "-o", str(out), "--force"]) == 0
    assert "number: 17-1/624" in spec.read_text(encoding="utf-8")


def test_a_typed_number_of_another_spec_is_refused_also_with_force(workspace, capsys):
    first, out = auto_spec(workspace, "first.yaml"), workspace / "out"
    assert generate([str(first), "-o", str(out)]) == 0
    second = workspace / "notes" / "second.yaml"
    second.write_bytes(first.read_bytes())  # a copy still carrying 17-1/624
    for extra in ([], ["--force"], ["--check"]):
        assert generate([str(second), "-o", str(out), *extra]) == 1
        err = capsys.readouterr().err.strip()
        assert err.startswith(f"{second}:3: number: number 17-1/624 is in the register for notes/first.yaml")
        assert "set number: auto" in err and len(err.splitlines()) == 1
    assert counts(sqlite_url(workspace))[1] == 1


def test_a_typed_number_not_yet_in_the_register_is_recorded(workspace):
    spec = auto_spec(workspace)
    spec.write_text(spec.read_text(encoding="utf-8").replace("number: auto", "number: 17-1/700"), encoding="utf-8")
    assert generate([str(spec), "-o", str(workspace / "out")]) == 0
    record = Register(sqlite_url(workspace)).find("17-1/700")
    assert record.entry["seq"] is None and record.entry["spec_path"] == "notes/a.yaml" and len(record.files) == 5


def test_a_circular_has_one_number_and_each_copy_is_recorded_with_its_recipient(workspace):
    spec = auto_spec(workspace, "circular.yaml", sample="circular-soc-2026.yaml")
    assert generate([str(spec), "-o", str(workspace / "out"), "--jobs", "1"]) == 0
    [record] = Register(sqlite_url(workspace)).records()
    recipients = record.entry["recipients"].split()
    assert record.number == "17-1/624" and len(recipients) == 28 and recipients[0] == "mfa-afghanistan"
    by_recipient = {}
    for item in record.files:
        by_recipient.setdefault(item["recipient"], []).append(item["name"])
    assert sorted(by_recipient) == sorted(recipients)
    assert sorted(by_recipient["mfa-china"]) == [f"circular.mfa-china{s}.docx" for s in ("", ".en", ".kk", ".review", ".ru")]
    assert record.entry["subject"].startswith("пригласить делегацию на заседание Комитета старших должностных лиц")


def test_four_jobs_number_a_batch_without_gaps(workspace):
    specs = [auto_spec(workspace, f"n{i}.yaml") for i in range(6)]
    assert generate([str(workspace / "notes"), "-o", str(workspace / "out"), "--jobs", "4"]) == 0
    numbers = sorted(Register(sqlite_url(workspace)).records(), key=lambda r: r.entry["seq"])
    assert [r.number for r in numbers] == [f"17-1/{n}" for n in range(624, 630)]
    in_specs = sorted(s.read_text(encoding="utf-8").split("number: ")[1].split()[0] for s in specs)
    assert in_specs == sorted(r.number for r in numbers)


def test_a_shared_postgresql_register(workspace, postgres_database):
    (workspace / "verbale.yaml").write_text(CONFIG + f"register: {postgres_database.replace('+psycopg', '')}\n",
                                            encoding="utf-8")
    specs = [auto_spec(workspace, f"n{i}.yaml") for i in range(3)]
    assert generate([str(workspace / "notes"), "-o", str(workspace / "out"), "--jobs", "2"]) == 0
    recorded = counts(postgres_database)
    assert generate([str(workspace / "notes"), "-o", str(workspace / "out"), "--jobs", "2"]) == 0
    assert counts(postgres_database) == recorded == (1, 3, 15)
    numbers = {r.entry["spec_path"]: r.number for r in Register(postgres_database).records()}
    assert sorted(numbers.values()) == ["17-1/624", "17-1/625", "17-1/626"]
    for spec in specs:
        assert f"number: {numbers['notes/' + spec.name]} " in spec.read_text(encoding="utf-8")
    assert not (workspace / "register.sqlite").exists()


def test_auto_without_numbering_is_one_line(tmp_path, capsys):
    (tmp_path / "notes").mkdir()
    spec = auto_spec(tmp_path)
    assert generate([str(spec), "-o", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err.strip()
    assert err == (f"{spec}:3: number: 'auto' needs the workspace's numbering to take a number from (add numbering: "
                   '{pattern: "17-1/{seq}"} to a verbale.yaml in the spec\'s folder or above, or type the number)')


def test_the_sample_notes_keep_no_register(sample_out):
    assert not (NOTES.parent / "register.sqlite").exists()


def _dated(root: Path, name: str, date: str, number: str = "auto") -> Path:
    spec = auto_spec(root, name)
    text = spec.read_text(encoding="utf-8").replace("date: 2021-09-23", f"date: {date}")
    spec.write_text(text.replace("number: auto ", f"number: {number} "), encoding="utf-8")
    return spec


def test_a_yearly_series_restarts_with_the_year_of_the_note(workspace, capsys):
    # the register officer's series: 17-1/624 of 23 September 2021 has no year in it; the note's date tells it
    (workspace / "verbale.yaml").write_text(CONFIG.replace("start: 624", "start: 1"), encoding="utf-8")
    specs = [_dated(workspace, name, date) for name, date in
             (("a.yaml", "2026-12-28"), ("b.yaml", "2026-12-29"), ("c.yaml", "2027-01-04"))]
    for spec in specs:
        assert generate([str(spec), "-o", str(workspace / "out")]) == 0
    assert [s.read_text(encoding="utf-8").split("number: ")[1].split()[0] for s in specs] == \
        ["17-1/1", "17-1/2", "17-1/1"]
    assert "№ 17-1/1" in _text(workspace / "out" / "c.en.docx")
    register = Register(sqlite_url(workspace))
    assert [(r.number, r.entry["period"]) for r in register.records()] == \
        [("17-1/1", "2026"), ("17-1/2", "2026"), ("17-1/1", "2027")]
    # a number typed by hand is checked within its note's year: 17-1/2 is free in 2027, taken in 2026
    free, taken = _dated(workspace, "d.yaml", "2027-02-01", "17-1/2"), _dated(workspace, "e.yaml", "2026-05-05", "17-1/2")
    assert generate([str(free), "-o", str(workspace / "out")]) == 0
    assert generate([str(taken), "-o", str(workspace / "out")]) == 1
    assert capsys.readouterr().err.strip().startswith(f"{taken}:3: number: number 17-1/2 is in the register for "
                                                      "notes/b.yaml")
    assert register.find("17-1/2", 2027).entry["spec_path"] == "notes/d.yaml"
    # the 2027 series skips the typed 17-1/2
    assert generate([str(_dated(workspace, "f.yaml", "2027-03-01")), "-o", str(workspace / "out")]) == 0
    assert register.find("17-1/3", 2027).entry["spec_path"] == "notes/f.yaml"


def test_a_numbered_note_sent_again_changed_is_recorded_as_an_amendment(workspace, capsys):
    from verbale.cli.register import show_lines

    spec, out = auto_spec(workspace), workspace / "out"
    assert generate([str(spec), "-o", str(out)]) == 0
    spec.write_text(spec.read_text(encoding="utf-8").replace("recipients: [cica-member-states]",
                                                             "recipients: [mfa-china, mfa-india]"), encoding="utf-8")
    assert generate([str(spec), "-o", str(out)]) == 1   # the files differ now: --force, and nothing recorded
    assert not Register(sqlite_url(workspace)).find("17-1/624").amendments
    assert generate([str(spec), "-o", str(out), "--force"]) == 0
    assert generate([str(spec), "-o", str(out), "--force"]) == 0   # the same again: no second amendment
    register = Register(sqlite_url(workspace))
    record = register.find("17-1/624")
    assert record.entry["recipients"] == "cica-member-states"   # the issue stays as it was recorded
    assert record.facts["recipients"] == "mfa-china mfa-india" and len(record.amendments) == 1
    assert [r.number for r in register.records(recipient="mfa-india")] == ["17-1/624"]
    assert list(register.records(recipient="cica-member-states")) == []
    lines = show_lines(record)
    assert "recipients: mfa-china, mfa-india" in lines
    assert any(line.startswith("amended:") and line.endswith("sent again with recipients changed (shown above as "
                                                             "last sent)") for line in lines)
    assert counts(sqlite_url(workspace))[1] == 1

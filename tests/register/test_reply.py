"""The registry's cycle on SQLite and on a real PostgreSQL server (NOTE-SPEC §11): a note comes in, `verbale
reply` writes the answering spec, generating it records the link both ways and closes the note; two clerks
answering the same note at once get two replies, each linked, with two numbers."""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pgcluster import postgres_database, postgres_cluster  # noqa: F401  (fixtures)

from verbale.cli import main as verbale
from verbale.facts.workspace import load_workspace
from verbale.register.incoming import Incoming
from verbale.register.reply import reply_spec

ROOT = Path(__file__).resolve().parents[2]
MISSION = ROOT / "examples" / "mission"
TODAY = dt.date.today()    # the day (and year) of each test, set again as it starts (the autouse fixture below):
YEAR = TODAY.year          # read once at collection, a run that passed midnight compared with the day before


@pytest.fixture(autouse=True)
def today():
    global TODAY, YEAR
    TODAY = dt.date.today()
    YEAR = TODAY.year
    return TODAY
FILLED = {"en": "confirm the participation of the delegation", "ru": "подтвердить участие делегации",
          "kk": "делегацияның қатысатынын растауды"}


@pytest.fixture(params=["sqlite", "postgresql"])
def office(request, tmp_path, monkeypatch) -> Path:
    """The mission of examples/mission, numbering its notes 08-2/N, its register in SQLite or PostgreSQL."""
    root = tmp_path / "office"
    shutil.copytree(MISSION, root)
    config = 'numbering: {pattern: "08-2/{seq}"}\n'
    if request.param == "postgresql":
        config += f"register: {request.getfixturevalue('postgres_database').replace('+psycopg', '')}\n"
    with open(root / "verbale.yaml", "a", encoding="utf-8") as stream:
        stream.write(config)
    monkeypatch.chdir(root)
    return root


def run(capsys, *args) -> tuple[int, str, str]:
    status = verbale(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def receive(capsys, *extra, sender="mfa-austria", number="EU.4.15/0041") -> str:
    status, out, err = run(capsys, "incoming", "add", "--from", sender, "--number", number, "--date", "2024-03-14",
                           "--subject", "Einladung zur Konferenz", *extra)
    assert status == 0, err
    return out.strip()


def fill(spec: Path) -> None:
    text = spec.read_text(encoding="utf-8")
    for lang, purpose in FILLED.items():
        text = re.sub(rf"(?m)^  {lang}: .*$", f"  {lang}: {purpose}", text)
    spec.write_text(text, encoding="utf-8")


def docx_text(path: Path) -> str:
    from docx import Document

    return " ".join(" ".join(p.text.replace("\u00a0", " ").split()) for p in Document(str(path)).paragraphs)


def test_the_cycle_incoming_reply_generate(office, capsys):
    ident = receive(capsys, "--due", "2099-01-01")
    assert ident == f"in-{YEAR}-1"
    status, out, err = run(capsys, "reply", ident)
    spec = office / "notes" / f"reply-{ident}.yaml"
    assert (status, err, out) == (0, "", f"wrote notes/reply-{ident}.yaml: write its TODO texts, then "
                                         f"`verbale generate notes/reply-{ident}.yaml`\n")
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 1           # its TODO texts first
    fill(spec)
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 0, err
    assert "number: 08-2/1\n" in spec.read_text(encoding="utf-8")
    # the reply refers to the note it answers, in every language, naming the addressee once ("its Note": the
    # ministry is named just before, in the compliments; locales/<lang>/README.md, "A reply's reference")
    assert ("presents its compliments to the Federal Ministry for European and International Affairs of the Republic "
            "of Austria and, with reference to its Note No. EU.4.15/0041 of 14 March 2024, has the honour to confirm "
            "the participation of the delegation.") in docx_text(office / "out" / f"reply-{ident}.en.docx")
    assert ("свидетельствует свое уважение Федеральному министерству европейских и международных дел Австрийской "
            "Республики и, ссылаясь на его ноту № EU.4.15/0041 от 14 марта 2024 г., имеет честь подтвердить участие "
            "делегации.") in docx_text(office / "out" / f"reply-{ident}.ru.docx")
    assert ("Австрия Республикасының Еуропа және халықаралық істер федералдық министрлігіне өзінің зор ілтипатын "
            "білдіре отырып, оның 2024 жылғы 14 наурыздағы № EU.4.15/0041 нотасына сілтеме жасай отырып, делегацияның "
            "қатысатынын растауды өзіне мәртебе санайды.") in docx_text(office / "out" / f"reply-{ident}.kk.docx")
    # both records name the other
    status, out, _ = run(capsys, "register", "show", "08-2/1")
    assert f"answers:    {ident} (mfa-austria EU.4.15/0041 of 2024-03-14)" in out.splitlines()
    status, out, _ = run(capsys, "register", "show", ident)
    lines = out.splitlines()
    assert status == 0 and lines[0] == f"incoming:   {ident}" and "state:      answered: 08-2/1" in lines
    assert any(line.startswith(f"reply:      08-2/1 of {TODAY} (notes/reply-{ident}.yaml), recorded ") for line in lines)
    # no longer open; a rerun records nothing again
    assert run(capsys, "incoming", "list", "--open")[1] == ""
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    assert run(capsys, "incoming", "list")[1].splitlines() == [
        f"{ident}  {TODAY}  mfa-austria EU.4.15/0041 of 2024-03-14: Einladung zur Konferenz  [answered: 08-2/1]"]
    # a cancelled reply answers nothing: the note is open again
    assert run(capsys, "register", "cancel", "08-2/1", "--why", "sent to the wrong ministry")[0] == 0
    assert run(capsys, "incoming", "list", "--open")[1].split()[:1] == [ident]
    assert "[cancelled]" in run(capsys, "incoming", "show", ident)[1]


def _purpose_lines(text: str) -> list[str]:
    return text.splitlines()[-3:]


def test_the_reply_spec_line_by_line(tmp_path):
    shutil.copytree(MISSION, tmp_path / "office")
    note = Incoming({"year": 2026, "seq": 7, "sender": "mfa-austria", "number": "EU.4.15/0041, Wien",
                     "note_date": dt.date(2026, 3, 2), "received_on": dt.date(2026, 3, 3), "subject": "Konferenz"})
    reply = reply_spec(note, load_workspace(tmp_path / "office"), dt.date(2026, 3, 10))
    assert reply.name == "reply-in-2026-7.yaml" and reply.missing == []
    assert reply.text.splitlines() == [
        '# A reply to in-2026-7: note No. EU.4.15/0041, Wien of 2026-03-02 from mfa-austria, received 2026-03-03',
        '# ("Konferenz").',
        "# Write the texts marked TODO (the generator refuses the spec while one is left); `verbale generate` then",
        "# numbers the reply and records it as the answer.",
        "number: auto",
        "date: 2026-03-10",
        "in_reply_to: in-2026-7",
        "recipients: [mfa-austria]",
        "with_reference_to: their-note",
        "refs:",
        "  their-note:",
        "    kind: note",
        "    number: EU.4.15/0041, Wien",
        "    date: 2026-03-02",
        "    of: mfa-austria",
        "    issuer: pronoun   # its Note / его ноту / оның нотасы: the addressee, named just before",
        "purpose:",
        '  en: "TODO: what follows \\"has the honour to\\", e.g. inform that ..."',
        '  ru: "TODO: то, что следует за «имеет честь», например сообщить, что ..."',
        '  kk: "TODO: «өзіне мәртебе санайды» алдындағы мәтін, мысалы: ... хабарлауды"']


def test_texts_still_marked_todo_are_refused_and_take_no_number(office, capsys):
    ident = receive(capsys)
    run(capsys, "reply", ident)
    spec = office / "notes" / f"reply-{ident}.yaml"
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 1 and err.splitlines()[:3] == [
        f"{spec}:{line}: purpose.{lang}: the text still says TODO (write what the note says in its place)"
        for line, lang in ((18, "en"), (19, "ru"), (20, "kk"))]
    assert "number: auto" in spec.read_text(encoding="utf-8") and run(capsys, "register", "list")[1] == ""
    assert run(capsys, "generate", str(spec), "--check")[0] == 1


def test_a_reply_to_an_office_not_in_the_termbase_says_which_entry_to_add_and_where(office, capsys):
    ident = receive(capsys, sender="mfa-france", number="2024-117/PRO")
    status, out, err = run(capsys, "reply", ident, "-o", "notes/to-france.yaml")
    assert status == 0 and out.startswith("wrote notes/to-france.yaml")
    assert err.strip() == (
        f"notes/to-france.yaml:12: recipients[0]: 'mfa-france' (the sender of {ident}) is not in the termbase: add "
        "`mfa-france: {kind: [sender, recipient]}` to termbase/terms.yaml and its names to termbase/en/terms.yaml "
        "(nom, address), termbase/ru/terms.yaml (nom, gen, dat, address), termbase/kk/terms.yaml (nom, dat, address) "
        "of the workspace in ./; `verbale terms check` lists what it still lacks")
    spec = office / "notes" / "to-france.yaml"
    assert "# To do first: 'mfa-france' (the sender of" in spec.read_text(encoding="utf-8")
    fill(spec)
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 1 and "recipients[0]: unknown key 'mfa-france' (add it to termbase/" in err
    assert run(capsys, "register", "list")[1] == ""      # no number taken


def test_an_unknown_or_malformed_incoming_id_is_refused_before_a_number_is_taken(office, capsys):
    receive(capsys)
    spec = office / "notes" / "reply.yaml"
    run(capsys, "reply", f"in-{YEAR}-1", "-o", str(spec))
    fill(spec)
    text = spec.read_text(encoding="utf-8")
    spec.write_text(text.replace(f"in_reply_to: in-{YEAR}-1", f"in_reply_to: in-{YEAR}-9"), encoding="utf-8")
    for extra in ([], ["--check"]):
        status, _, err = run(capsys, "generate", str(spec), "-o", "out", *extra)
        assert status == 1 and err.splitlines()[0].startswith(
            f"{spec}:7: in_reply_to: in-{YEAR}-9 is not in the register ")
        assert err.splitlines()[0].endswith("('verbale incoming list' shows the incoming notes)")
    spec.write_text(text.replace(f"in_reply_to: in-{YEAR}-1", "in_reply_to: 2024-7"), encoding="utf-8")
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 1 and err.splitlines()[0] == (f"{spec}:7: in_reply_to: '2024-7' is not an incoming note's id (ids "
                                                   "read in-YEAR-N, e.g. in-2026-7; `verbale incoming list` shows them)")
    spec.write_text(text.replace("number: auto", "number: none"), encoding="utf-8")
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 1 and "in_reply_to: a note with number: none is not in the register" in err
    assert run(capsys, "register", "list")[1] == ""


def test_a_reply_spec_is_never_written_over_a_file(office, capsys):
    ident = receive(capsys)
    target = office / "notes" / "taken.yaml"
    target.write_text("mine\n", encoding="utf-8")
    status, _, err = run(capsys, "reply", ident, "-o", str(target))
    assert status == 1 and err.strip() == (f"{target}:1: -o: the file exists; a spec is never overwritten (name "
                                           "another file, or leave out -o for notes/reply-ID.yaml)")
    assert target.read_text(encoding="utf-8") == "mine\n"
    assert [run(capsys, "reply", ident)[1].split()[1] for _ in range(2)] == [
        f"notes/reply-{ident}.yaml:", f"notes/reply-{ident}-2.yaml:"]    # a second reply: a second file
    status, _, err = run(capsys, "reply", f"in-{YEAR}-99")
    assert status == 1 and err.strip().endswith(f"ID: in-{YEAR}-99 is not in the register ('verbale incoming list' "
                                                "shows the incoming notes)")


def _start(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "verbale", *args], cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _together(root: Path, *commands: list[str]) -> list[str]:
    started = [_start(root, *command) for command in commands]
    outputs = []
    for process in started:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        outputs.append(out)
    return outputs


def test_two_clerks_replying_to_the_same_note_at_once(office, capsys):
    ident = receive(capsys)
    written = _together(office, ["reply", ident], ["reply", ident])
    specs = sorted(out.split()[1].rstrip(":") for out in written)
    assert specs == [f"notes/reply-{ident}-2.yaml", f"notes/reply-{ident}.yaml"]
    for spec in specs:
        fill(office / spec)
    _together(office, ["generate", specs[0], "-o", "out1"], ["generate", specs[1], "-o", "out2"])
    numbers = sorted(re.search(r"(?m)^number: (\S+)$", (office / spec).read_text(encoding="utf-8")).group(1)
                     for spec in specs)
    assert numbers == ["08-2/1", "08-2/2"]
    status, out, _ = run(capsys, "incoming", "show", ident)
    replies = sorted(line.split()[1:3] for line in out.splitlines() if line.startswith("reply:"))
    assert replies == [["08-2/1", "of"], ["08-2/2", "of"]] and "state:      answered: 08-2/" in out
    for number in numbers:
        assert f"answers:    {ident} " in run(capsys, "register", "show", number)[1]


def test_overdue_by_due_date(office, capsys):
    late = receive(capsys, "--due", "2024-03-20", number="1")
    receive(capsys, "--due", "2099-12-31", number="2")
    undated = receive(capsys, number="3")
    assert [line.split()[0] for line in run(capsys, "incoming", "list", "--overdue")[1].splitlines()] == [late]
    lines = run(capsys, "incoming", "list", "--open")[1].splitlines()
    assert [line.rsplit("[", 1)[1] for line in lines] == ["overdue: due 2024-03-20]", "open, due 2099-12-31]", "open]"]
    spec = office / "notes" / "late.yaml"
    run(capsys, "reply", late, "-o", str(spec))
    fill(spec)
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    assert run(capsys, "incoming", "list", "--overdue")[1] == ""
    assert [line.split()[0] for line in run(capsys, "incoming", "list", "--open")[1].splitlines()][-1] == undated


def test_the_csv_export_holds_both_directions(office, capsys):
    ident = receive(capsys, "--due", "2024-03-20")
    receive(capsys, number="ЖК-2/88")
    spec = office / "notes" / "answer.yaml"
    run(capsys, "reply", ident, "-o", str(spec))
    fill(spec)
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    status, out, _ = run(capsys, "register", "export", "--csv", "register.csv")
    assert (status, out) == (0, "1 numbers and 2 incoming notes written to register.csv\n")
    with open(office / "register.csv", encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["direction"], r["number"], r["status"], r["in_reply_to"], r["their_number"], r["due"], r["replies"])
            for r in rows] == [
        ("outgoing", "08-2/1", "issued", ident, "", "", ""),
        ("incoming", ident, "answered", "", "EU.4.15/0041", "2024-03-20", "08-2/1"),
        ("incoming", f"in-{YEAR}-2", "open", "", "ЖК-2/88", "", "")]
    assert rows[1]["sender"] == "mfa-austria" and rows[1]["subject"] == "Einladung zur Konferenz"
    assert rows[1]["date"] == "2024-03-14" and rows[1]["received"] == str(TODAY)


BAD_USAGE = [  # (arguments, the line on stderr): exit 2, nothing recorded
    (["--from", "MFA France", "--number", "1", "--date", "2024-03-14"],
     "argument --from: 'MFA France' is not a termbase key (lowercase letters, digits, hyphens, e.g. mfa-russia)"),
    (["--from", "mfa-austria", "--number", "1", "--date", "2024-02-30"],
     "argument --date: '2024-02-30' is not a real date (YYYY-MM-DD)"),
    (["--from", "mfa-austria", "--number", "1", "--date", "14.03.2024"],
     "argument --date: '14.03.2024' is not a date: write YYYY-MM-DD"),
    (["--from", "mfa-austria", "--number", "1", "--date", "2024-03-14", "--due", "2024-03-01"],
     "verbale incoming: error: --due 2024-03-01 is before the note's date 2024-03-14"),
    (["--from", "mfa-austria", "--number", "1", "--date", "2024-03-14", "--received", "2999-01-01"],
     "verbale incoming: error: --received 2999-01-01 is after today"),
    (["--from", "mfa-austria", "--number", " ", "--date", "2024-03-14"],
     "argument --number: one line of at most 60 printable characters is expected"),
]


@pytest.mark.parametrize("args, line", BAD_USAGE)
def test_bad_usage_is_one_line_and_records_nothing(office, capsys, args, line):
    status, _, err = run(capsys, "incoming", "add", *args)
    assert status == 2 and err.strip().splitlines()[-1].endswith(line)
    assert run(capsys, "incoming", "list")[1] == ""


def test_a_sender_that_is_no_key_is_never_written_into_a_spec(tmp_path):
    from verbale.errors import RegisterError

    shutil.copytree(MISSION, tmp_path / "office")
    note = Incoming({"year": 2026, "seq": 8, "sender": "x]\nnumber: 1", "number": "1",
                     "note_date": dt.date(2026, 3, 2), "received_on": dt.date(2026, 3, 3), "subject": ""})
    with pytest.raises(RegisterError, match=r"ID: in-2026-8 was recorded from 'x\] number: 1', which is not a termbase key"):
        reply_spec(note, load_workspace(tmp_path / "office"), dt.date(2026, 3, 10))


MISSING = [  # (sender key, what the workspace's termbase lacks, in the words `verbale reply` prints)
    ("mfa-france", ["'mfa-france' (the sender of in-2026-7) is not in the termbase: add `mfa-france: {kind: [sender, "
                    "recipient]}` to termbase/terms.yaml and its names to termbase/en/terms.yaml (nom, address), "
                    "termbase/ru/terms.yaml (nom, gen, dat, address), termbase/kk/terms.yaml (nom, dat, address) of the "
                    "workspace in office/; `verbale terms check` lists what it still lacks"]),
    ("vienna", ["'vienna' (the sender of in-2026-7) is a place, not a recipient: add recipient to its kind at "]),
    ("mfa-austria", []),
]


@pytest.mark.parametrize("key, lines", MISSING)
def test_what_the_termbase_lacks_for_a_reply(tmp_path, monkeypatch, key, lines):
    from verbale.register.reply import missing_entry

    shutil.copytree(MISSION, tmp_path / "office")
    monkeypatch.chdir(tmp_path)
    found = missing_entry(key, load_workspace(tmp_path / "office"), ["en", "ru", "kk"], "the sender of in-2026-7")
    assert len(found) == len(lines) and all(line.startswith(start) for line, start in zip(found, lines))


def test_an_entry_without_names_in_a_language_is_named_with_its_file(tmp_path, monkeypatch):
    from verbale.register.reply import missing_entry

    office = tmp_path / "office"
    shutil.copytree(MISSION, office)
    with open(office / "termbase" / "terms.yaml", "a", encoding="utf-8") as stream:
        stream.write("mfa-spain: {kind: [sender, recipient]}\n")
    with open(office / "termbase" / "en" / "terms.yaml", "a", encoding="utf-8") as stream:
        stream.write("mfa-spain: {nom: the Ministry of Foreign Affairs of Spain, address: [MINISTRY]}\n")
    monkeypatch.chdir(tmp_path)
    assert missing_entry("mfa-spain", load_workspace(office), ["en", "ru", "kk"], "the sender") == [
        f"'mfa-spain' (the sender) has no {lang} names: add them ({forms}) to termbase/{lang}/terms.yaml of the "
        "workspace in office/" for lang, forms in (("ru", "nom, gen, dat, address"), ("kk", "nom, dat, address"))]


def test_a_reply_to_someone_else_than_the_notes_sender_is_a_warning(office, capsys):
    ident = receive(capsys)
    spec = office / "notes" / "reply.yaml"
    run(capsys, "reply", ident, "-o", str(spec))
    fill(spec)
    spec.write_text(spec.read_text(encoding="utf-8").replace("recipients: [mfa-austria]",
                                                             "recipients: [kz-mission-vienna]"), encoding="utf-8")
    # "its Note" would now name the wrong office: refused, nothing numbered
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 1 and err.splitlines()[0] == (
        f"{spec}:16: refs.their-note.issuer: 'pronoun' writes \"its Note\" for the note's one addressee, and "
        "mfa-austria is not it (recipients: kz-mission-vienna) (name the issuer (issuer: full or short), or address "
        "the note to it alone)")
    assert "number: auto" in spec.read_text(encoding="utf-8")
    spec.write_text(spec.read_text(encoding="utf-8").replace("    issuer: pronoun", "    issuer: full"),
                    encoding="utf-8")
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 0 and err.strip() == (f"{spec}:7: in_reply_to: {ident} came from mfa-austria, which is not among "
                                           "the recipients (address its sender, or check in_reply_to) [warning]")


def test_a_reply_corrected_to_answer_another_note_moves_its_link(office, capsys):
    """A clerk who picked the wrong incoming note corrects in_reply_to and generates again: the register follows
    the reply as last sent (the old link withdrawn, append-only), and a reference that cites another note than
    in_reply_to is a warning."""
    first = receive(capsys, number="1")
    second = receive(capsys, number="2")
    spec = office / "notes" / "reply.yaml"
    assert run(capsys, "reply", first, "-o", str(spec))[0] == 0
    fill(spec)
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    spec.write_text(spec.read_text(encoding="utf-8").replace(f"in_reply_to: {first}", f"in_reply_to: {second}"),
                    encoding="utf-8")
    status, _, err = run(capsys, "generate", str(spec), "-o", "out")
    assert status == 0 and err.strip() == (
        f"{spec}:7: in_reply_to: {second} is note 2 of 2024-03-14 from mfa-austria, and the reply refers to "
        "refs.their-note (1 of 2024-03-14 from mfa-austria) (check in_reply_to, or the ref) [warning]")
    assert run(capsys, "incoming", "list")[1].splitlines() == [
        f"{first}  {TODAY}  mfa-austria 1 of 2024-03-14: Einladung zur Konferenz  [open]",
        f"{second}  {TODAY}  mfa-austria 2 of 2024-03-14: Einladung zur Konferenz  [answered: 08-2/1]"]
    assert f"answers:    {second} (mfa-austria 2 of 2024-03-14)" in run(capsys, "register", "show", "08-2/1")[1]
    # the reference corrected too: no warning; in_reply_to removed: the reply answers nothing
    spec.write_text(spec.read_text(encoding="utf-8").replace("    number: '1'", "    number: '2'")
                    .replace("    number: \"1\"", "    number: \"2\"").replace("    number: 1\n", "    number: 2\n"),
                    encoding="utf-8")
    assert run(capsys, "generate", str(spec), "-o", "out", "--force")[:3:2] == (0, "")
    spec.write_text(spec.read_text(encoding="utf-8").replace(f"in_reply_to: {second}\n", ""), encoding="utf-8")
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    assert [line.split()[0] for line in run(capsys, "incoming", "list", "--open")[1].splitlines()] == [first, second]
    assert "answers:" not in run(capsys, "register", "show", "08-2/1")[1]
    assert run(capsys, "incoming", "show", second)[1].splitlines()[-1].endswith("[withdrawn]")
    # and back: the withdrawn link restored
    spec.write_text(spec.read_text(encoding="utf-8").replace("recipients:", f"in_reply_to: {second}\nrecipients:"),
                    encoding="utf-8")
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    assert [line.split()[0] for line in run(capsys, "incoming", "list", "--open")[1].splitlines()] == [first]


def test_a_dispatched_note_is_not_written_over_with_other_files(office, capsys):
    """The files of a note signed or dispatched are the record of what left the office: a changed text is
    refused before anything is written (also with --force); the same files again are fine."""
    ident = receive(capsys)
    spec = office / "notes" / "reply.yaml"
    run(capsys, "reply", ident, "-o", str(spec))
    fill(spec)
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    assert run(capsys, "register", "dispatch", "08-2/1", "--channel", "courier")[0] == 0
    assert run(capsys, "generate", str(spec), "-o", "out")[:3:2] == (0, "")
    before = {path.name: path.read_bytes() for path in (office / "out").iterdir()}
    spec.write_text(spec.read_text(encoding="utf-8").replace(FILLED["en"], "decline the invitation"), encoding="utf-8")
    for force in ((), ("--force",)):
        status, _, err = run(capsys, "generate", str(spec), "-o", "out", *force)
        assert status == 1 and err.splitlines() == [
            f"{spec}:5: number: number 08-2/1 was dispatched on {dt.datetime.now(dt.timezone.utc):%Y-%m-%d}: its "
            "files are the record of what was sent, and reply.docx (and 2 more) would change (send a correction as a "
            "new note (number: auto); to withdraw this one, verbale register cancel 08-2/1 --why …)"]
    assert {path.name: path.read_bytes() for path in (office / "out").iterdir()} == before


def test_replying_again_to_an_answered_note_says_which_reply_answers_it(office, capsys):
    ident = receive(capsys)
    spec = office / "notes" / "reply.yaml"
    run(capsys, "reply", ident, "-o", str(spec))
    fill(spec)
    assert run(capsys, "generate", str(spec), "-o", "out")[0] == 0
    status, _, err = run(capsys, "reply", ident, "-o", "notes/again.yaml")
    assert status == 0 and err.splitlines()[0] == (
        f"notes/again.yaml:1: in_reply_to: {ident} is answered already by 08-2/1 of {TODAY} (notes/reply.yaml): "
        "generating this spec records a further reply (to correct a reply, edit its own spec; to replace it, cancel "
        "it first)")

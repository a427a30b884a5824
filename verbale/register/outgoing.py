"""Numbering and recording a spec as it is generated.

The order makes sure a number is never given twice and never lost:
1. the spec is built in memory first (with ``number: auto`` as a placeholder): a spec that fails, or whose
   outputs could not be written (a different file exists and no ``--force``), takes no number;
2. with the series locked, the spec is read again: if another run numbered it meanwhile, that number is used
   and nothing is allocated; else the number is allocated and recorded as issued, with the spec's path, in the
   same transaction (a number recorded for the spec and not yet in it is given to it again);
3. it is written into the spec in place of ``auto``, only where the spec still says ``auto`` (the spec stays
   the one source of truth);
4. the spec is built again from the file and its outputs written; their SHA-256 are recorded (and, where a
   numbered note is sent again to others or about something else, an amendment).
A run stopped after 2 leaves the number recorded for that spec and unused: the next run of the spec takes the
same number. A run stopped after 3 left the number in the spec: the next run finds it registered for that spec.
Two runs of one spec at once thus give it one number, which both print.

A circular has one number, printed on every copy; the register holds one entry for it, whose recipients are
everyone on the distribution list, and each copy's files are recorded with the recipient they went to.

Only a workspace with a register imports the database layer (SQLAlchemy), so plain runs start as fast as before.
"""
from __future__ import annotations

import hashlib
from contextlib import nullcontext
from pathlib import Path

from ..errors import NoteError, RegisterError
from .config import RegisterConfig, load_register_config
from .spreadsheet import formula_like, why_refused

AUTO, NONE = "auto", "none"
SUBJECT_LENGTH = 300


def user_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def spec_key(spec: Path, root: Path) -> str:
    """The spec's path as the register keeps it: relative to the workspace, with forward slashes."""
    spec = spec.resolve()
    return spec.relative_to(root.resolve()).as_posix() if spec.is_relative_to(root.resolve()) else spec.as_posix()


def first_sentence(text: str) -> str:
    """The first sentence of a text, at most SUBJECT_LENGTH characters. A full stop after a short word
    (``г.``, ``No.``, ``Jan.``, an initial) is an abbreviation, not the end of a sentence.

    >>> first_sentence("forward the agenda. The meeting is online.")
    'forward the agenda'
    >>> first_sentence("пригласить делегацию в 10:00 по времени г. Астана. Повестка прилагается.")
    'пригласить делегацию в 10:00 по времени г. Астана'
    """
    import re

    text = " ".join(text.split())
    end = len(text)
    for match in re.finditer(r"(\w*)[.!?](?=\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ«\"])", text):
        if match.group(0)[-1] != "." or len(match.group(1)) > 3:
            end = match.end() - 1
            break
    sentence = text[:end].rstrip(".")
    return sentence if len(sentence) <= SUBJECT_LENGTH else sentence[:SUBJECT_LENGTH - 1].rstrip() + "…"


def _recipients(built) -> list[str]:
    """Whom the note went to: the distribution list's members, its recipients, or (an aide-mémoire, NOTE-SPEC
    §11) whom it was handed to."""
    from ..compose.note import distribution_keys

    spec = built.note_spec
    keys = distribution_keys(spec, built.termbase) or list(spec.recipients)
    return keys or ([spec.handed_to] if getattr(spec, "handed_to", None) else [])


def subject(built, config_languages: list | None = None) -> str:
    """The first sentence of the purpose in the workspace's first language (its facts rendered)."""
    from ..compose.note import text_context
    from ..compose.texts import render_text

    spec = built.note_spec
    lang = next((l for l in config_languages or [] if l in spec.languages), spec.languages[0])
    source = getattr(spec.purpose, lang) or ""
    addressees = _recipients(built)[:1] if spec.distribution else spec.recipients
    try:
        text = render_text(source, lang, text_context(spec, lang, addressees, built.termbase), field=f"purpose.{lang}")
    except NoteError:
        text = source
    return first_sentence(text)


def file_records(built) -> list[tuple[str, str, str]]:
    """(recipient, file name, SHA-256) of every file of a built spec; the recipient only for a circular's copies."""
    from ..build import safe_stem

    stem, copies = safe_stem(built.spec), (_recipients(built) if built.note_spec.distribution else [])
    records = []
    for name, data in sorted(built.files.items()):
        recipient = next((key for key in copies if name.startswith(f"{stem}.{key}.")), "")
        records.append((recipient, name, hashlib.sha256(data).hexdigest()))
    return records


def _entry(built, config: RegisterConfig):
    from .store import NewEntry

    spec = built.note_spec
    return NewEntry(note_date=spec.date, sender=spec.sender, recipients=_recipients(built),
                    subject=subject(built, list(config.languages)), languages=list(spec.languages),
                    spec_path=spec_key(built.spec, config.root), created_by=user_name())


def _number_line(path: Path) -> int:
    from ..facts.yamlsource import load_yaml_bytes

    try:
        return load_yaml_bytes(path.read_bytes(), str(path)).line_of(("number",))
    except (OSError, NoteError):
        return 1


def _refuse_typed(record, key: str, spec: Path, number: str) -> None:
    """A typed number the register gave to another spec, or cancelled, is refused (also with --force)."""
    from .store import utc

    if record is None:
        return
    entry, line = record.entry, _number_line(spec)
    if record.cancellation is not None:
        cancelled = record.cancellation
        raise RegisterError(f"number {number} was cancelled on {utc(cancelled['created_at']):%Y-%m-%d} "
                            f"({cancelled['reason']})", field="number", hint="set number: auto for the next free number",
                            file=str(spec), line=line)
    if entry["spec_path"] != key:
        raise RegisterError(f"number {number} is in the register for {entry['spec_path'] or 'another note'} "
                            f"(issued {utc(entry['created_at']):%Y-%m-%d} by {entry['created_by']})", field="number",
                            hint="set number: auto for the next free number", file=str(spec), line=line)


def write_registered(built, out: Path, force: bool = False, check_only: bool = False, rebuild=None,
                     turn=None) -> list[str]:
    """Write a built spec's files (none under ``check_only``), numbering and recording it when its workspace
    keeps a register. ``turn``: a context manager the allocation runs in (a batch's order of numbering: entered
    when the spec may take its number, left when it took it). Returns the names written; raises NoteError."""
    from ..build import write_outputs

    number = built.note_spec.number
    if built.draft:  # a draft takes no number and is not recorded (NOTE-SPEC §12)
        return [] if check_only else write_outputs(built, out, force)
    config = load_register_config(built.spec, workspace=built.workspace)
    replying = _refuse_unrecordable_reply(built, config)
    if config is None or (config.numbering is None and number == AUTO):
        if number == AUTO:
            where = "its verbale.yaml" if config else "a verbale.yaml in the spec's folder or above"
            raise RegisterError("'auto' needs the workspace's numbering to take a number from", field="number",
                                hint=f'add numbering: {{pattern: "17-1/{{seq}}"}} to {where}, or type the number',
                                file=str(built.spec), line=_number_line(built.spec))
        return [] if check_only else write_outputs(built, out, force)
    if number.lower() == NONE:
        return [] if check_only else write_outputs(built, out, force)
    if formula_like(number):  # the register's export would hand it to a spreadsheet as a formula
        raise RegisterError(f"number {number!r} {why_refused(number)}", field="number",
                            hint="start the number with a letter or a digit", file=str(built.spec),
                            line=_number_line(built.spec))
    from .store import Register

    register = Register(config.url, config.shown, (config.file, config.line))
    answered = _answered(built, config, register) if replying else None
    if check_only:
        if number != AUTO and _exists(config):
            _refuse_typed(register.holder(number, _period(built, config)), spec_key(built.spec, config.root),
                          built.spec, number)
        return []
    entry_id, amended = None, None
    if number == AUTO:
        built, entry_id = _allocate(built, out, force, config, register, rebuild, turn)
    fresh = entry_id is not None   # numbered in this run: no link to correct
    if entry_id is None:  # typed, or carried by the spec by the time its series was locked
        entry_id, amended = _typed(built, config, register)
    written = write_outputs(built, out, force)
    if amended is not None:
        register.amend(entry_id, amended)
    register.record_files(entry_id, file_records(built))
    register.record_texts(entry_id, text_records(built))
    register.record_kind(entry_id, built.note_spec.kind)
    if answered is not None or not fresh:
        # after the files: a reply that was never written answers nothing; a note sent again answers what its
        # spec says now (a corrected in_reply_to, or none, withdraws the old link)
        from .incoming import link_reply

        link_reply(register, answered.row["id"] if answered is not None else None, entry_id, user_name())
    return written


def _line(path: Path, field: str) -> int:
    from ..facts.yamlsource import load_yaml_bytes

    try:
        return load_yaml_bytes(path.read_bytes(), str(path)).line_of((field,))
    except (OSError, NoteError):
        return 1


def _refuse_unrecordable_reply(built, config: RegisterConfig | None) -> bool:
    """Whether the spec answers an incoming note (``in_reply_to``); refused where the answer could not be
    recorded: no register, or no number to record it under."""
    reply_to = getattr(built.note_spec, "in_reply_to", None)
    if reply_to is None:
        return False
    line = _line(built.spec, "in_reply_to")
    if config is None:
        raise RegisterError(f"{reply_to} is an incoming note of a register, and this workspace keeps none",
                            field="in_reply_to", hint="add register: to verbale.yaml, or leave out in_reply_to",
                            file=str(built.spec), line=line)
    if built.note_spec.number.lower() == NONE:
        raise RegisterError("a note with number: none is not in the register, so it cannot be recorded as the "
                            "answer", field="in_reply_to", hint="give it a number (number: auto), or leave out "
                            "in_reply_to", file=str(built.spec), line=line)
    return True


def _answered(built, config: RegisterConfig, register):
    """The incoming note the spec answers (refused before a number is taken when the register lacks it)."""
    from .incoming import find_incoming

    reply_to = built.note_spec.in_reply_to
    note = find_incoming(register, reply_to) if _exists(config) else None
    if note is None:
        raise RegisterError(f"{reply_to} is not in the register {config.shown}", field="in_reply_to",
                            hint="'verbale incoming list' shows the incoming notes",
                            file=str(built.spec), line=_line(built.spec, "in_reply_to"))
    if note["sender"] not in _recipients(built):   # a reviewer's check: a reply goes to whoever wrote
        built.lint.append(f"{built.spec}:{_line(built.spec, 'in_reply_to')}: in_reply_to: {note.id} came from "
                          f"{note['sender']}, which is not among the recipients (address its sender, or check "
                          "in_reply_to)")
    cited = _cited_elsewhere(built.note_spec, note)
    if cited:   # the text answers one note, the register would link another
        built.lint.append(f"{built.spec}:{_line(built.spec, 'in_reply_to')}: in_reply_to: {note.id} is note "
                          f"{note['number']} of {note['note_date']:%Y-%m-%d} from {note['sender']}, and the reply "
                          f"refers to {cited} (check in_reply_to, or the ref)")
    return note


def _cited_elsewhere(spec, note) -> str:
    """The note the spec's reference phrase cites, where it is not the incoming note ``in_reply_to`` names
    (another number, date or issuer): "refs.their-note (10663/2дснг of 2026-11-20 from mfa-russia)"; else ''."""
    reference = spec.reference
    ref = spec.refs.get(reference[0]) if reference else None
    if ref is None or ref.kind != "note":
        return ""
    numbers = {ref.number} if isinstance(ref.number, str) else {
        text for text in (getattr(ref.number, lang, None) for lang in ("en", "ru", "kk")) if text} if ref.number else set()
    same = ((not numbers or note["number"] in numbers) and (ref.date is None or ref.date == note["note_date"])
            and (ref.of is None or ref.of == note["sender"]))
    if same:
        return ""
    shown = " ".join(filter(None, [sorted(numbers)[0] if numbers else "", f"of {ref.date}" if ref.date else "",
                                   f"from {ref.of}" if ref.of else ""]))
    return f"refs.{reference[0]} ({shown})"


def text_records(built) -> list[tuple[str, str, str, str]]:
    """(recipient, language, SHA-256, text) of each language version, as the verification mark hashes it."""
    from ..texthash import note_text, text_sha256

    return [(recipient, lang, text_sha256(paragraphs), note_text(paragraphs))
            for recipient, lang, paragraphs in built.texts]


def record_made_files(spec: Path | str, made: dict[str, bytes], workspace: str | None = None) -> None:
    """Record files made from a spec's DOCX after they were written (its PDFs) under the number the spec
    carries, so that a PDF can be proved later to be the one made (``verbale verify``) and a changed one is not
    signed (``verbale sign``).  Nothing where the workspace keeps no register or the spec has no number."""
    from ..build import safe_stem
    from ..facts.spec import read_spec
    from ..facts.workspace import find_workspace, with_defaults
    from .store import Register

    spec = Path(spec)   # the command line keeps a batch's spec paths as text (memory, issue #28)
    found = find_workspace(spec, workspace)
    config = load_register_config(spec, workspace=found)
    if config is None or not made:
        return
    note_spec = with_defaults(read_spec(spec)[0], found)
    number = note_spec.number
    if number.lower() in (AUTO, NONE):
        return
    register = Register(config.url, config.shown, (config.file, config.line))
    record = register.holder(number, _period_of(note_spec, config))
    if record is None or record.entry["spec_path"] != spec_key(spec, config.root):
        return
    stem, keys = safe_stem(spec), record.facts["recipients"].split()
    rows = []
    for name, data in sorted(made.items()):
        recipient = next((key for key in keys if name.startswith(f"{stem}.{key}.")), "")
        rows.append((recipient, name, hashlib.sha256(data).hexdigest()))
    register.record_files(record.entry["id"], rows)


def _period_of(note_spec, config: RegisterConfig) -> str:
    return config.numbering.period(note_spec.date) if config.numbering else ""


def _period(built, config: RegisterConfig) -> str:
    """The period a number of this spec is unique in: its year in a yearly series, else the whole register."""
    return config.numbering.period(built.note_spec.date) if config.numbering else ""


def _exists(config: RegisterConfig) -> bool:
    """Whether the register is there to ask (a check never creates an SQLite file)."""
    return not config.url.startswith("sqlite:///") or Path(config.url[len("sqlite:///"):]).exists()


def _refuse_changing_sent(record, built, number: str) -> None:
    """A note signed or dispatched is the record of what left the office: files that differ from the ones
    recorded for it are refused (also with --force), before anything is written; the same files again are fine."""
    from .store import DISPATCHED, SIGNED, utc

    sent = [row for row in record.later_states if row["state"] in (SIGNED, DISPATCHED)]
    if not sent:
        return
    recorded: dict[str, set] = {}
    for row in record.files:
        recorded.setdefault(row["name"], set()).add(row["sha256"])
    changed = sorted(name for _, name, digest in file_records(built) if digest not in recorded.get(name, ()))
    if not changed:
        return
    what = " and ".join(sorted({row["state"] for row in sent}, key=[SIGNED, DISPATCHED].index))
    raise RegisterError(f"number {number} was {what} on {utc(sent[0]['created_at']):%Y-%m-%d}: its files are the "
                        f"record of what was sent, and {changed[0]}" + (f" (and {len(changed) - 1} more)" if
                                                                       len(changed) > 1 else "")
                        + " would change", field="number",
                        hint=f"send a correction as a new note (number: auto); to withdraw this one, verbale "
                             f"register cancel {number} --why …", file=str(built.spec), line=_number_line(built.spec))


def _typed(built, config: RegisterConfig, register):
    """The entry of a number the spec carries, recorded if new; with the facts to record as an amendment when
    the note is now sent to others or about something else than the register holds (else None)."""
    from .store import facts_of

    number, key = built.note_spec.number, spec_key(built.spec, config.root)
    record = register.holder(number, _period(built, config))
    _refuse_typed(record, key, built.spec, number)
    entry = _entry(built, config)
    if record is not None:
        _refuse_changing_sent(record, built, number)
        changed = {k: v for k, v in facts_of(entry).items() if record.facts[k] != v}
        return record.entry["id"], (entry if changed else None)
    try:
        return register.record_typed(number, entry, _period(built, config)), None
    except RegisterError as exc:
        raise exc.located(str(built.spec), _number_line(built.spec)) if exc.field == "number" else exc


def _allocate(built, out: Path, force: bool, config: RegisterConfig, register, rebuild, turn=None):
    """Number the spec: with its series locked, the spec read again (another run may have numbered it), the
    number allocated and recorded; then written into the spec, and the spec built again from the file.

    The number is written after the commit, never inside the transaction: a run killed between the two leaves
    the number recorded for this spec and not yet in it, and the spec's next run (or a run at the same time,
    which reads the spec with the series locked) takes that number again. Written inside, a kill would leave a
    number in the spec that the register does not know, free to be given to another note."""
    from ..build import build, plan_writes
    from .writeback import carried_number, spec_writable, write_number

    spec, line = built.spec, _number_line(built.spec)
    plan_writes(built, out, force)  # outputs that could not be written: refused before a number is taken
    if not spec_writable(spec):
        raise RegisterError("the spec is read-only, so the allocated number could not be written into it",
                            field="number", hint="make the file writable, or type the number", file=str(spec), line=line)

    def carried() -> str | None:
        number = carried_number(spec, line)
        return None if number == AUTO else number

    entry = _entry(built, config)
    with turn if turn is not None else nullcontext():   # a batch numbers its specs in the order given
        allocated = register.allocate(config.numbering, entry, carried=carried)
    if not allocated.carried:
        write_number(spec, allocated.number, line)
    built = (rebuild or (lambda path: build(path, workspace=built.workspace)))(spec)
    if built.note_spec.number != allocated.number:
        raise RegisterError(f"the spec was changed after number {allocated.number} was written into it",
                            field="number", hint="run again", file=str(spec), line=line)
    return built, allocated.entry_id

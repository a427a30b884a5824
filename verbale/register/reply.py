"""The spec of a reply to an incoming note (NOTE-SPEC §11), for ``verbale reply`` and the desk's "Reply".

It answers the note's sender (``recipients``), refers to the note (``refs.their_note`` with its number, date
and issuer, named by the pronoun as practice has it: "with reference to its Note", «ссылаясь на его ноту», «оның
… нотасына сілтеме жасай отырып»; ``with_reference_to: their-note``), takes its number from the register (``number: auto``) and is
dated today; ``in_reply_to`` names the incoming note, so that generating the reply records the link both ways.
The texts a clerk must write say TODO, which the generator refuses until they are written.

A sender that is not in the workspace's termbase (or is no recipient, or lacks a language's names) is named
with the entry to add and the file to add it to: the reply cannot be generated before.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import RegisterError
from ..facts.spec import LANGUAGES
from ..facts.termbase import UNFILLED
from .incoming import Incoming, find_incoming
from .writeback import yaml_scalar

REF = "their-note"
KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
# what a clerk writes in place of each TODO: the action that follows "has the honour to"
PURPOSE_TODO = {
    "en": f'{UNFILLED}: what follows "has the honour to", e.g. inform that ...',
    "ru": f"{UNFILLED}: то, что следует за «имеет честь», например сообщить, что ...",
    "kk": f"{UNFILLED}: «өзіне мәртебе санайды» алдындағы мәтін, мысалы: ... хабарлауды",
}
# the forms a recipient and the issuer of a ref need in each language (facts/termcheck.py REQUIRED, and the
# genitive of an issuer in Russian)
RECIPIENT_FORMS = {"en": "nom, address", "ru": "nom, gen, dat, address", "kk": "nom, dat, address"}


@dataclass
class ReplySpec:
    """A reply's spec: a file name to suggest, its text, and what the termbase still lacks (lines)."""

    name: str
    text: str
    missing: list[str] = field(default_factory=list)


def reply_name(note: Incoming, attempt: int = 1) -> str:
    """``reply-in-2026-7.yaml``, or ``reply-in-2026-7-2.yaml`` for a second reply.

    >>> reply_name(Incoming({"year": 2026, "seq": 7}), 2)
    'reply-in-2026-7-2.yaml'
    """
    return f"reply-{note.id}.yaml" if attempt == 1 else f"reply-{note.id}-{attempt}.yaml"


def _forms_file(folder: Path | None, lang: str) -> str:
    """Where a language's names of a new entry go: the workspace's first file for that language."""
    existing = sorted(p.name for p in (folder / lang).glob("*.yaml") if p.name != "formulas.yaml") if folder else []
    return f"termbase/{lang}/{existing[0] if existing else 'terms.yaml'}"


def missing_entry(key: str, workspace, languages: list[str], what: str) -> list[str]:
    """What the workspace's termbase lacks to address a note to ``key`` (``what`` names it: "the sender of
    in-2026-7"), each a sentence saying what to add and where; [] when nothing is missing."""
    termbase = workspace.termbase
    root = workspace.root
    where = f" of the workspace in {_shown(root)}" if root else ""
    folder = termbase.workspace_root or (root / "termbase" if root else None)
    if key not in termbase.entries:
        files = ", ".join(f"{_forms_file(folder, lang)} ({RECIPIENT_FORMS[lang]})" for lang in languages)
        return [f"'{key}' ({what}) is not in the termbase: add `{key}: {{kind: [sender, recipient]}}` to "
                f"termbase/terms.yaml and its names to {files}{where}; `verbale terms check` lists what it still lacks"]
    lines = []
    if "recipient" not in termbase.kinds(key):
        place = termbase.where.get((None, key))
        at = f"{place[0]}:{place[1]}" if place else "termbase/terms.yaml"
        lines.append(f"'{key}' ({what}) is a {' and a '.join(termbase.kinds(key)) or 'entry without a kind'}, "
                     f"not a recipient: add recipient to its kind at {at}")
    for lang in languages:
        if key not in termbase.forms.get(lang, {}):
            lines.append(f"'{key}' ({what}) has no {lang} names: add them ({RECIPIENT_FORMS[lang]}) to "
                         f"{_forms_file(folder, lang)}{where}")
    return lines


def _shown(root: Path) -> str:
    try:
        text = os.path.relpath(root)
    except ValueError:
        return str(root)
    return "./" if text == "." else text.rstrip("/\\") + "/"


def _comment(text: str) -> list[str]:
    """A text as YAML comment lines of at most some 110 characters."""
    import textwrap

    return [f"# {line}" for line in textwrap.wrap(" ".join(text.split()), 108)]


def reply_spec(note: Incoming, workspace, today: dt.date, attempt: int = 1) -> ReplySpec:
    """The spec answering ``note`` in ``workspace`` (its defaults and termbase), dated ``today``."""
    config = workspace.config or {}
    languages = [lang for lang in config.get("languages") or LANGUAGES]
    row = note.row
    if not KEY.fullmatch(str(row["sender"])):   # a register shared with other programs: never write it raw
        raise RegisterError(f"{note.id} was recorded from '{row['sender']}', which is not a termbase key",
                            field="ID", hint="record the note again with --from KEY")
    missing = missing_entry(row["sender"], workspace, languages, f"the sender of {note.id}")
    about = f' ("{" ".join(row["subject"].split())}")' if row["subject"] else ""
    lines = _comment(f"A reply to {note.id}: note No. {row['number']} of {row['note_date']:%Y-%m-%d} from "
                     f"{row['sender']}, received {row['received_on']:%Y-%m-%d}{about}.")
    lines += _comment("Write the texts marked TODO (the generator refuses the spec while one is left); "
                      "`verbale generate` then numbers the reply and records it as the answer.")
    for line in missing:
        lines += _comment(f"To do first: {line}.")
    lines += ["number: auto", f"date: {today.isoformat()}", f"in_reply_to: {note.id}"]
    for name in ("sender", "place"):
        if name not in config:
            lines.append(f"# {name}: KEY      # the workspace names no default {name}: write its termbase key here")
    lines += [f"recipients: [{row['sender']}]", f"with_reference_to: {REF}", "refs:", f"  {REF}:",
              "    kind: note", *_number_lines(str(row["number"]), languages, workspace.termbase),
              f"    date: {row['note_date']:%Y-%m-%d}",
              f"    of: {row['sender']}",
              "    issuer: pronoun   # its Note / его ноту / оның нотасы: the addressee, named just before", "purpose:"]
    lines += [f"  {lang}: {yaml_scalar(PURPOSE_TODO[lang])}" for lang in languages]
    return ReplySpec(reply_name(note, attempt), "\n".join(lines) + "\n", missing)


def _number_lines(number: str, languages: list[str], termbase) -> list[str]:
    """The cited number: as received, and in Latin letters for English when it holds Cyrillic ones (an English
    note prints no Cyrillic: locales/en/README.md, «A cited number in Cyrillic»; the table is the English
    formulas' ``transliteration``, which a workspace may change letter by letter).

    >>> class Tb: formulas = {"en": {"transliteration": {"н": "n", "в": "v"}}}
    >>> print(_number_lines("12-3/456-НВ", ["ru", "kk", "en"], Tb())[0])
        number: {ru: 12-3/456-НВ, kk: 12-3/456-НВ, en: 12-3/456-NV}   # en: in Latin letters (ICAO Doc 9303)
    >>> print(_number_lines("Н-1, НВ", ["ru", "en"], Tb())[0])
        number: {ru: "Н-1, НВ", en: "N-1, NV"}   # en: in Latin letters (ICAO Doc 9303)
    >>> _number_lines("17/624", ["ru", "en"], Tb())
    ['    number: 17/624']
    """
    from ..grammar.en import has_letters_of, romanized

    table = (termbase.formulas.get("en") or {}).get("transliteration") or {}
    if "en" not in languages or not has_letters_of(number, table):
        return [f"    number: {yaml_scalar(number)}"]
    shown = ", ".join(f"{lang}: {_flow_scalar(romanized(number, table) if lang == 'en' else number)}"
                      for lang in languages)
    return [f"    number: {{{shown}}}   # en: in Latin letters (ICAO Doc 9303)"]


def _flow_scalar(value: str) -> str:
    """``value`` inside a YAML flow mapping: quoted where a flow indicator or a comment could end it."""
    plain = yaml_scalar(value)
    return json.dumps(value, ensure_ascii=False) if plain == value and any(c in value for c in ",[]{}#") else plain


def reply_for(register, ident: str, workspace, today: dt.date | None = None, attempt: int = 1) -> ReplySpec:
    """The reply spec to the incoming note ``ident`` of ``register``; RegisterError when there is none."""
    note = find_incoming(register, ident)
    if note is None:
        raise RegisterError(f"{ident} is not in the register", field="ID",
                            hint="'verbale incoming list' shows the incoming notes", file=register.shown, line=1)
    try:
        return reply_spec(note, workspace, today or dt.date.today(), attempt)
    except RegisterError as exc:
        raise exc.located(register.shown, 1) from None


MAX_ATTEMPTS = 99


def write_reply(register, ident: str, workspace, folder: Path, today: dt.date,
                output: Path | None = None) -> tuple[Path, ReplySpec]:
    """Write the reply spec to ``ident`` (`verbale reply` and the desk's Reply): at ``output``, or at the first
    free name in ``folder`` (reply-ID.yaml, reply-ID-2.yaml …); never over a file. RegisterError otherwise."""
    from ..files import create_new

    try:
        folder.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            reply = reply_for(register, ident, workspace, today, attempt)
            target = output if output is not None else folder / reply.name
            if create_new(target, reply.text.encode("utf-8")):
                return target, reply
            if output is not None:
                raise RegisterError("the file exists; a spec is never overwritten", field="-o", hint="name "
                                    "another file, or leave out -o for notes/reply-ID.yaml", file=str(target), line=1)
    except OSError as exc:
        raise RegisterError(f"cannot write the spec: {exc.strerror}", field="-o", hint="check the folder is "
                            "writable", file=str(exc.filename or folder), line=1) from None
    raise RegisterError(f"{MAX_ATTEMPTS} replies to {ident} are there already", field="-o",
                        hint="name the file with -o", file=str(folder), line=1)

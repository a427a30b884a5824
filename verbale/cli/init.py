"""``verbale init DIR``: a workspace a clerk can fill in (NOTE-SPEC §5).

It writes verbale.yaml, a termbase/ with the office's sender entry (every form it needs marked TODO, which
`verbale terms check` reports until filled in), a sample spec naming the JSON Schema, and the schemas
themselves under schema/ so an editor completes every file.  It never overwrites an existing workspace.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..facts.spec import LANGUAGES

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

VERBALE_YAML = """\
# yaml-language-server: $schema=schema/verbale.schema.json
# The workspace of an office: the defaults of every spec in the folders below (a spec may set each itself).
# Entries of its own (the office, its correspondents, places) go into termbase/; they add to the built-in
# ones and replace a built-in entry of the same key.  `verbale terms check` says what each still lacks.
sender: {sender}          # termbase key of the office (termbase/terms.yaml, termbase/<lang>/terms.yaml)
place: {place}              # termbase key of the city of issue (`verbale terms show {place}` shows it)
languages: [{languages}]    # the language versions to write
# house:                    # the office's conventions (NOTE-SPEC §7), e.g.
#   date_order: day-month
"""

NEUTRAL_YAML = """\
# yaml-language-server: $schema=../schema/termbase.schema.json
# The office's own entries: their roles and facts.  Their names and forms per language are in
# termbase/<lang>/terms.yaml.  kind: sender | recipient | authority | body | place | group | person,
# or a list (`kind: [sender, recipient]`); a person also has `gender: m` or `gender: f`.
{sender}: {{kind: sender}}
"""

FORMS_HEADER = """\
# yaml-language-server: $schema=../../schema/termbase-forms.schema.json
# The names and forms of the office's entries in {name}.  Replace every TODO text; `verbale terms check`
# lists what is still to fill in.
"""

# what a sender needs in each language (facts/termcheck.py REQUIRED), with what to write
SENDER_FORMS = {
    "en": [("nom", "the office as a sentence starts with it, e.g. The Embassy of the Republic of Kazakhstan"),
           ("short", "the short name for the closing formula, e.g. The Embassy"),
           ("letterhead", "the letterhead line by line, e.g. EMBASSY OF THE REPUBLIC OF KAZAKHSTAN")],
    "ru": [("nom", "название, например Посольство Республики Казахстан"),
           ("short", "краткое название для заключительной формулы, например Посольство"),
           ("letterhead", "бланк по строкам, например ПОСОЛЬСТВО РЕСПУБЛИКИ КАЗАХСТАН")],
    "kk": [("nom", "атауы, мысалы Қазақстан Республикасының Елшілігі"),
           ("short", "қысқа атауы, мысалы Елшілік"),
           ("letterhead", "бланк жолдары, мысалы ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ ЕЛШІЛІГІ")],
}
LANGUAGE_NAMES = {"en": "English", "ru": "Russian", "kk": "Kazakh"}

SAMPLE_SPEC = """\
# yaml-language-server: $schema=../schema/note-spec.schema.json
# A sample note: sender, place and languages come from verbale.yaml.  Write one text per language;
# `verbale generate notes/ -o out/` writes the notes.
number: 1/1
date: {date}
recipients: [mfa-kazakhstan]      # termbase keys; `verbale terms show mfa-kazakhstan` shows one
purpose:
{purpose}
"""
PURPOSE = {
    "en": "inform that the Embassy has moved to new premises",
    "ru": "сообщить, что Посольство переехало в новое здание",
    "kk": "Елшіліктің жаңа ғимаратқа көшкенін хабарлауды",
}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="verbale init", description="Make a workspace: verbale.yaml, a termbase/ "
                                "with the office's sender entry to fill in, a sample spec, the JSON Schemas.")
    p.add_argument("folder", metavar="DIR", help="the new workspace's folder (made if missing)")
    p.add_argument("--sender", default="my-office", help="termbase key of the office (default: my-office)")
    p.add_argument("--place", default="astana", help="termbase key of the city of issue (default: astana)")
    p.add_argument("--languages", default=",".join(LANGUAGES),
                   help="the language versions, comma-separated (default: en,ru,kk)")
    return p


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def forms_yaml(sender: str, lang: str) -> str:
    lines = [FORMS_HEADER.format(name=LANGUAGE_NAMES[lang]).rstrip("\n"), f"{sender}:"]
    for form, what in SENDER_FORMS[lang]:
        todo = _quoted(f"TODO: {what}")
        lines.append(f"  {form}:\n    - {todo}" if form == "letterhead" else f"  {form}: {todo}")
    return "\n".join(lines) + "\n"


def workspace_files(sender: str, place: str, languages: list[str], today: dt.date) -> dict[str, str]:
    """Relative path -> text of every file of a new workspace (the schemas apart)."""
    files = {
        "verbale.yaml": VERBALE_YAML.format(sender=sender, place=place, languages=", ".join(languages)),
        "termbase/terms.yaml": NEUTRAL_YAML.format(sender=sender),
        "notes/sample.yaml": SAMPLE_SPEC.format(
            date=today.isoformat(), purpose="\n".join(f"  {lang}: {_quoted(PURPOSE[lang])}" for lang in languages)),
    }
    files.update({f"termbase/{lang}/terms.yaml": forms_yaml(sender, lang) for lang in languages})
    return files


def _arguments_problem(args) -> str | None:
    import re

    for name in ("sender", "place"):
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", getattr(args, name)):
            return f"--{name} '{getattr(args, name)}' is not a termbase key (lowercase letters, digits, hyphens)"
    unknown = [lang for lang in args.languages.split(",") if lang not in LANGUAGES]
    if unknown or not args.languages:
        return f"--languages: unknown language '{(unknown or [''])[0]}' (use some of {','.join(LANGUAGES)})"
    return None


def main(argv: list[str] | None = None) -> int:
    from ..facts.schema import write_schemas
    from ..files import write_atomic

    args = parser().parse_args(argv)
    problem = _arguments_problem(args)
    if problem:
        print(f"verbale init: error: {problem}", file=sys.stderr)
        return EXIT_USAGE
    root = Path(args.folder)
    languages = list(dict.fromkeys(args.languages.split(",")))
    files = workspace_files(args.sender, args.place, languages, dt.date.today())
    existing = [name for name in [*files, "schema"] if (root / name).exists()]
    if existing:
        print(f"{root / existing[0]}:1: (workspace): already exists; a workspace is never overwritten "
              f"(choose another folder, or edit the files there)", file=sys.stderr)
        return EXIT_FAILED
    try:
        for name, text in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            write_atomic(root / name, text.encode("utf-8"))
        write_schemas(root / "schema")
    except OSError as exc:
        print(f"{exc.filename or root}:1: (workspace): cannot write: {exc.strerror} "
              "(check the folder is writable)", file=sys.stderr)
        return EXIT_FAILED
    print(f"made the workspace {root}: fill in termbase/<lang>/terms.yaml (the TODO texts), then\n"
          f"  cd {root}\n  verbale terms check\n  verbale generate notes/ -o out/")
    return EXIT_OK

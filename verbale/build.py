"""From a spec file to its output files: compose every language, write DOCX, all or nothing."""
from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from .compose.agenda import check_agenda, render_agenda
from .compose.note import check_references, distribution_keys, render_note
from .errors import NoteError, OutputError
from .files import Taken, read_regular, replace_together
from .facts.house import describe, house_for, layer_of
from .facts.termbase import Termbase, default_termbase
from .facts.spec import SpecProblems, read_spec
from .facts.workspace import Workspace, defaulted, find_workspace, locate_default, with_defaults
from .facts.yamlsource import YamlDoc


@dataclass
class Built:
    """What one spec gives: file name -> bytes, and warnings (lines) for the clerk."""

    spec: Path
    files: dict[str, bytes] = field(default_factory=dict)
    disagreements: list[str] = field(default_factory=list)
    lint: list[str] = field(default_factory=list)
    notes: int = 0
    # what the outgoing register records (verbale/register/outgoing.py): the parsed spec and its termbase
    note_spec: object = None
    termbase: object = None
    workspace: object = None   # the spec's workspace, so that a rebuild (a number written back) sees the same
    # NOTE-SPEC §12: each language version's body text as the verification mark hashes it,
    # (recipient of a circular's copy or "", language, paragraphs); a draft is never registered
    texts: list = field(default_factory=list)
    draft: bool = False

    @property
    def warnings(self) -> list[str]:
        return self.disagreements + self.lint


def field_path(field_name: str) -> tuple:
    """``'paragraphs[1].ru'`` -> ``('paragraphs', 1, 'ru')``.

    >>> field_path("paragraphs[1].ru")
    ('paragraphs', 1, 'ru')
    """
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", field_name))


def _locate(error: NoteError, doc: YamlDoc) -> NoteError:
    return error.located(doc.file, doc.line_of(field_path(error.field)))


def safe_stem(path: Path) -> str:
    """An output name from the spec's file name that cannot leave the output folder.

    >>> safe_stem(Path("notes/17-1-624.yaml")), safe_stem(Path("../..\\\\x y.yaml"))
    ('17-1-624', 'x_y')
    """
    stem = re.sub(r"[^\w.-]+", "_", path.stem.split("\\")[-1]).strip("._")
    return stem or "note"


def _blank(name: str, workspace, spec_path: Path, where: tuple[str, int]):
    """The office's blank named by ``house.blank``: a .docx inside the workspace (relative to its folder), or
    beside the spec when there is no workspace; nothing outside that folder is read.  A problem is located
    at ``where`` (the file and line that name the blank)."""
    from .docx.blank import load_blank
    from .errors import BlankError

    root = (workspace.root if workspace is not None and workspace.root else spec_path.parent).resolve()
    target = (root / name).resolve()
    if not target.is_relative_to(root):
        raise BlankError(f"the blank {name} is outside the workspace", field="house.blank",
                         hint=f"put the .docx in {root} and name it relative to that folder").located(*where)
    try:
        return load_blank(target)
    except NoteError as exc:
        raise exc.located(*where) from None


def _blank_named_at(spec, termbase, workspace, workspace_config, doc) -> tuple[str, int]:
    """The file and line whose ``house: {blank: …}`` is in force: the spec's, the sender's termbase entry's
    or the workspace's verbale.yaml (as ``house_for`` resolves them)."""
    layer = layer_of("blank", spec, termbase, workspace_config)
    if layer == "sender" and (None, spec.sender) in termbase.where:
        file, line, fields = termbase.where[(None, spec.sender)]
        return str(file), fields.get("house", line)
    config_file = workspace.config_file if workspace is not None else None
    if layer == "workspace" and config_file is not None and workspace_config is workspace.config:
        return str(config_file), workspace.line_of(("house", "blank"))
    return doc.file, doc.line_of(("house", "blank"))


def build(path: Path, termbase: Termbase | None = None, workspace: Workspace | None = None,
          workspace_config: dict | None = None, blank=None, draft: bool = False) -> Built:
    """Compose and render every output of one spec; raises NoteError (SpecProblems for several).
    The spec's workspace (found from its folder upward unless given) supplies defaults, the termbase and the
    office's conventions (``house:`` of verbale.yaml); an explicit ``termbase`` or ``workspace_config`` (the
    parsed verbale.yaml) replaces the workspace's.  ``blank`` (a ``verbale.docx.blank.Blank``) is the office's
    letterhead blank for the notes.  A ``draft`` has no number line and carries the draft mark on every page
    (NOTE-SPEC §12)."""
    from .compose import check
    from .docx.writer import body_paragraphs, combined_docx, note_docx, review_docx

    spec, doc = read_spec(path)
    if workspace is None:
        workspace = find_workspace(path)
    defaults = defaulted(spec, workspace)
    spec = with_defaults(spec, workspace)
    termbase = termbase or workspace.termbase or default_termbase()
    workspace_config = workspace.config if workspace_config is None else workspace_config
    problems = [locate_default(p, defaults, workspace, doc.file) or _locate(p, doc)
                for p in check_references(spec, termbase) + check_agenda(spec)]
    if problems:
        raise SpecProblems(problems)
    try:
        house = house_for(spec, termbase, workspace_config)
    except NoteError as exc:
        raise _locate(exc, doc) from None
    if blank is None and house.blank:
        where = _blank_named_at(spec, termbase, workspace, workspace_config, doc)
        blank = _blank(house.blank, workspace, path, where)
    stem, result = safe_stem(path), Built(path, note_spec=spec, termbase=termbase, workspace=workspace, draft=draft)
    addressees = [[key] for key in distribution_keys(spec, termbase)] or [None]
    try:
        agendas = [render_agenda(spec, lang, termbase) for lang in spec.languages] if spec.agenda else []
    except NoteError as exc:
        raise _locate(exc, doc) from None
    if draft:
        agendas = [replace(agenda, draft_mark=termbase.formulas[agenda.lang]["draft"]) for agenda in agendas]
    for agenda in agendas:  # the same for every addressee: one file per language
        result.files[f"{stem}.agenda.{agenda.lang}.docx"] = note_docx(agenda)
    for recipients in addressees:
        suffix = f".{recipients[0]}" if recipients else ""
        try:
            notes = [render_note(spec, lang, recipients, termbase, house, draft) for lang in spec.languages]
        except NoteError as exc:
            raise _locate(exc, doc) from None
        if not result.notes:  # the texts are the same for every addressee: check them once
            findings = check.findings(spec, notes, doc, house, termbase)
            result.disagreements = [f.line for f in findings if f.kind == "disagreement"]
            result.lint = termbase.left_out + [f.line for f in findings if f.kind == "lint"]
        result.notes += 1
        for note in notes:
            result.files[f"{stem}{suffix}.{note.lang}.docx"] = note_docx(note, blank)
            result.texts.append((recipients[0] if recipients else "", note.lang, body_paragraphs(note, blank)))
        result.files[f"{stem}{suffix}.docx"] = combined_docx(notes + agendas, blank)
        result.files[f"{stem}{suffix}.review.docx"] = review_docx(notes, result.disagreements, result.lint,
                                                                  describe(house, spec))
    return result


@dataclass
class Plan:
    """What writing a spec's files means in the output folder, decided before anything is written."""

    create: list[str] = field(default_factory=list)     # absent now
    replace: list[str] = field(default_factory=list)    # present, different, and --force
    unchanged: list[str] = field(default_factory=list)  # present with the same bytes
    conflicts: list[str] = field(default_factory=list)  # present and different without --force, or not a file


def plan_writes(built: Built, out_dir: Path, force: bool) -> Plan:
    """Sort every file before any is written (so a spec is written whole or not at all).  An existing output
    is compared without reading more than its size in bytes, and never opened if it is not a regular file
    (a FIFO or a device would make the run wait).  Raises OutputError if any file is in conflict."""
    plan = Plan()
    for name, data in built.files.items():
        try:
            info = os.lstat(out_dir / name)
        except FileNotFoundError:
            plan.create.append(name)
            continue
        except OSError:
            plan.conflicts.append(name)
            continue
        if not stat.S_ISREG(info.st_mode):
            plan.conflicts.append(name)
        elif info.st_size == len(data) and read_regular(out_dir / name, len(data)) == data:
            plan.unchanged.append(name)
        else:
            (plan.replace if force else plan.conflicts).append(name)
    if plan.conflicts and not built.draft and _drafts_of_this_spec(out_dir, plan.conflicts):
        plan.replace, plan.conflicts = plan.replace + plan.conflicts, []
    if plan.conflicts:
        raise _conflict(built, out_dir, plan.conflicts)
    return plan


def _drafts_of_this_spec(out_dir: Path, names: list[str]) -> bool:
    """Whether the files in conflict are what ``generate --draft`` wrote for this spec, which the note itself
    replaces (README: draft, then the note): each a DOCX with the draft mark, or the review file written beside
    them.  A note's own files, or anything else, stay in conflict."""
    from .docx.marks import is_draft_docx

    def regular(name: str) -> bool:   # a link, a FIFO or a device is never opened (a FIFO would make the run wait)
        try:
            return stat.S_ISREG(os.lstat(out_dir / name).st_mode)
        except OSError:
            return False

    if not all(map(regular, names)):
        return False
    drafts = [name for name in names if name.endswith(".docx") and is_draft_docx(out_dir / name)]
    return bool(drafts) and all(name in drafts or name.endswith(".review.docx") for name in names)


def _conflict(built: Built, out_dir: Path, names: list[str]) -> OutputError:
    odd = [n for n in names if os.path.lexists(out_dir / n) and not (out_dir / n).is_file()
           or (out_dir / n).is_symlink()]
    if odd:
        return OutputError(f"{out_dir / odd[0]} exists and is not a regular file", field="(output)",
                           hint="move it away; it is never overwritten", file=str(built.spec), line=1)
    return OutputError(f"{out_dir / names[0]} exists and differs" +
                       (f" (and {len(names) - 1} more)" if len(names) > 1 else ""),
                       field="(output)", hint="use --force to overwrite", file=str(built.spec), line=1)


def write_outputs(built: Built, out_dir: Path, force: bool = False) -> list[str]:
    """Write a spec's files all together or not at all; the names written (identical files are left alone)."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        plan = plan_writes(built, out_dir, force)
        names = plan.create + plan.replace
        return replace_together(out_dir, {name: built.files[name] for name in names}, set(plan.replace))
    except Taken as exc:
        raise OutputError(f"{exc.filename} was written by another run meanwhile", field="(output)",
                          hint="run again, or use --force to overwrite", file=str(built.spec), line=1) from None
    except OSError as exc:
        where = exc.filename2 or exc.filename or out_dir  # os.replace names the target second
        hint = ("close it in Word or any program that has it open" if isinstance(exc, PermissionError)
                and Path(where).suffix == ".docx" else "check the folder exists and is writable")
        raise OutputError(f"cannot write {where}: {exc.strerror}; none of this spec's files was changed",
                          field="(output)", hint=hint, file=str(built.spec), line=1) from None


def colliding_outputs(specs: list[Path]) -> dict[Path, Path]:
    """Specs whose output names could be the same, each -> another it collides with.  A spec ``a`` writes
    ``a.docx``, ``a.en.docx``, ``a.<recipient>.en.docx``...: so ``a.en.yaml`` (or any ``a.X.yaml``) beside
    ``a.yaml`` collides, and so do ``my note.yaml`` and ``my_note.yaml``.  Names are compared without case,
    as Windows and macOS do, so that a batch behaves the same on every system.

    >>> sorted((a.name, b.name) for a, b in colliding_outputs(
    ...     [Path("a.yaml"), Path("a.en.yaml"), Path("my note.yaml"), Path("My_Note.yaml"), Path("b.yaml")]).items())
    [('My_Note.yaml', 'my note.yaml'), ('a.en.yaml', 'a.yaml'), ('a.yaml', 'a.en.yaml'), ('my note.yaml', 'My_Note.yaml')]
    """
    by_stem: dict[str, Path] = {}
    collisions: dict[Path, Path] = {}
    for spec in specs:
        stem = safe_stem(spec).casefold()
        if stem in by_stem:
            collisions.setdefault(spec, by_stem[stem])
            collisions.setdefault(by_stem[stem], spec)
        else:
            by_stem[stem] = spec
    for stem, spec in by_stem.items():
        parts = stem.split(".")
        for end in range(1, len(parts)):
            other = by_stem.get(".".join(parts[:end]))
            if other is not None:
                collisions.setdefault(spec, other)
                collisions.setdefault(other, spec)
    return collisions

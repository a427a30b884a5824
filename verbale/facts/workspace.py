"""Workspaces (NOTE-SPEC §5): the office that sends the notes, with its own termbase and defaults.

A workspace is a folder holding ``verbale.yaml``; the workspace of a spec is the first one found from the
spec's folder upward, or the one named with ``--workspace DIR``.  Without one, the built-in termbase (the
CICA sample) is all there is.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import NoteError, SpecError
from ..files import change_stamp
from .spec import Key, Lang, NoteSpec, SpecProblems, validation_errors
from .folders import why_left_out
from .termbase import LOCALES_DIR, Termbase, default_termbase, display_path
from .yamlsource import YamlDoc, load_yaml_bytes

CONFIG_FILE = "verbale.yaml"
TERMBASE_DIR = "termbase"
DEFAULTS = ("sender", "place", "languages")   # what a spec below the workspace may leave out


class WorkspaceConfig(BaseModel):
    """verbale.yaml: the defaults of every spec below its folder (a spec may override each)."""

    model_config = ConfigDict(extra="forbid", title="verbale.yaml (a workspace)")
    sender: Key | None = Field(None, description="termbase key of the office that sends the notes",
                               examples=["kz-mission-un"])
    place: Key | None = Field(None, description="termbase key of the city of issue", examples=["new-york"])
    languages: list[Lang] | None = Field(None, min_length=1, description="the language versions to write",
                                         examples=[["en", "ru"]])
    house: dict | None = Field(None, description="the office's conventions (NOTE-SPEC §7)",
                               examples=[{"date_order": "day-month"}])
    numbering: dict | str | None = Field(None, description="how outgoing notes are numbered: a pattern, or {pattern, restart, start} "
                                   "(the outgoing register; checked by verbale/register/config.py)",
                                   examples=[{"pattern": "17-1/{seq}", "restart": "yearly", "start": 1}])
    register_: str | None = Field(None, alias="register", description="where the outgoing register is kept: a "
                                  "SQLite file in the workspace (default register.sqlite) or a postgresql:// address",
                                  examples=["register.sqlite"])  # `register` would shadow a method of BaseModel


@dataclass(frozen=True)
class Workspace:
    root: Path | None                      # the folder of verbale.yaml; None: the built-in termbase only
    config: dict = field(default_factory=dict)
    termbase: Termbase = field(default_factory=default_termbase)
    source: YamlDoc | None = field(default=None, compare=False)   # verbale.yaml as read: where each value is

    @property
    def config_file(self) -> Path | None:
        return self.root / CONFIG_FILE if self.root else None

    def line_of(self, path: tuple) -> int:
        """The line of verbale.yaml that holds ``path`` (``("house", "blank")``), for located messages."""
        return self.source.line_of(path) if self.source is not None else 1


def read_config(path: Path) -> dict:
    """verbale.yaml, validated; each problem one located line."""
    return _read_config(path)[0]


def _read_config(path: Path) -> tuple[dict, YamlDoc | None]:
    """verbale.yaml, validated, and the document as read (the line of each value)."""
    outside = why_left_out(path, path.parent)
    if outside is not None:  # a link to another office's settings, or a FIFO: never read
        raise SpecError(outside[0].removesuffix(", left out"), field="(file)", hint=outside[1], file=str(path),
                        line=1)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"cannot read the file: {exc.strerror}", field="(file)", file=str(path), line=1) from None
    try:
        doc = load_yaml_bytes(raw, str(path))
    except SpecError as exc:
        if exc.problem == "the file is empty":  # only comments: no defaults
            return {}, None
        raise
    data = {} if doc.data is None else doc.data
    if not isinstance(data, dict):
        raise SpecError("verbale.yaml is a mapping of defaults", field="(workspace)",
                        hint="see `verbale init` for one", file=str(path), line=1)
    try:
        config = WorkspaceConfig.model_validate(data).model_dump(exclude_none=True, by_alias=True)
        return config, doc
    except ValidationError as exc:
        raise SpecProblems(validation_errors(exc, doc, WorkspaceConfig)) from None


def _stamp(root: Path) -> tuple:
    """What a loaded workspace depends on, so an edited file is read again (the desk runs for days)."""
    files = [root / CONFIG_FILE, *sorted((root / TERMBASE_DIR).glob("*.yaml")),
             *sorted((root / TERMBASE_DIR).glob("*/*.yaml")), *sorted((root / TERMBASE_DIR).glob("*/words.txt"))]
    stamp = []
    for path in files:
        try:
            stamp.append((path.name, *change_stamp(path, path.stat())))
        except OSError:
            stamp.append((path.name, None, None))
    return tuple(stamp)


@lru_cache(maxsize=16)
def _load(root: Path, stamp: tuple) -> Workspace:
    config, source = _read_config(root / CONFIG_FILE)
    folder = root / TERMBASE_DIR
    outside = why_left_out(folder, root) if folder.is_symlink() else None
    if outside is not None:  # a termbase/ link to outside the workspace is not followed
        termbase = Termbase(left_out=[f"{display_path(folder)}:1: (file): {outside[0]} ({outside[1]})"])
    else:
        termbase = Termbase(roots=[LOCALES_DIR, folder], inside=root) if folder.is_dir() else default_termbase()
    return Workspace(root, config, termbase, source)


def load_workspace(root: Path) -> Workspace:
    """The workspace in ``root`` (one per folder and state of its files within a process)."""
    root = Path(root).resolve()
    return _load(root, _stamp(root))


def workspace_root(start: Path) -> Path | None:
    """The first folder from ``start`` upward that holds verbale.yaml."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


def find_workspace(spec_path: Path, explicit: Path | str | None = None) -> Workspace:
    """The workspace of a spec: ``explicit`` (``--workspace DIR``), else the first verbale.yaml from the
    spec's folder upward, else the built-in termbase alone."""
    if explicit is not None:
        root = Path(explicit)
        if not (root / CONFIG_FILE).is_file():
            raise NoteError(f"no {CONFIG_FILE} in {root}", field="--workspace",
                            hint=f"make a workspace with `verbale init {root}`", file=str(spec_path), line=1)
        return load_workspace(root)
    root = workspace_root(Path(spec_path).parent)
    return load_workspace(root) if root else Workspace(None)


def defaulted(spec: NoteSpec, workspace: Workspace) -> set[str]:
    """The fields the spec leaves out and the workspace's verbale.yaml gives."""
    return {name for name in DEFAULTS if name not in spec.model_fields_set and name in workspace.config}


def with_defaults(spec: NoteSpec, workspace: Workspace) -> NoteSpec:
    """The spec with the workspace's defaults for the fields it leaves out."""
    update = {name: workspace.config[name] for name in sorted(defaulted(spec, workspace))}
    return spec.model_copy(update=update) if update else spec


def locate_default(error: NoteError, defaults: set[str], workspace: Workspace, spec_file: str) -> NoteError | None:
    """A problem with a value the spec took from verbale.yaml, located there (None if it is not one):
    ``verbale.yaml:2: sender: unknown key 'nope' (the workspace's default, used by notes/a.yaml; …)``."""
    name = error.field.split(".")[0].split("[")[0]
    if name not in defaults or workspace.config_file is None:
        return None
    used = f"the workspace's default, used by {spec_file}"
    return type(error)(error.problem, field=error.field, hint=f"{used}; {error.hint}" if error.hint else used,
                       file=display_path(workspace.config_file), line=workspace.line_of((name,)))


def default_problems(workspace: Workspace) -> list[NoteError]:
    """The defaults of verbale.yaml that are no termbase entries of their kind, located at their lines."""
    problems = []
    for name in ("sender", "place"):
        key = workspace.config.get(name)
        if key is None or workspace.config_file is None or (key in workspace.termbase.entries
                                                            and not workspace.termbase.kinds(key)):
            continue   # an entry without a valid kind is reported at its own line
        try:
            workspace.termbase.require(key, (name,), name)
        except NoteError as exc:
            problems.append(type(exc)(exc.problem, field=name, hint=exc.hint,
                                      file=display_path(workspace.config_file), line=workspace.line_of((name,))))
    return problems

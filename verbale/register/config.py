"""The register's settings in a workspace's verbale.yaml, checked with located messages.

```yaml
numbering: {pattern: "17-1/{seq}", restart: yearly, start: 1}
register: register.sqlite          # default; or postgresql://user@host/db
```

>>> n = Numbering("17-1/{seq}")
>>> n.period(dt.date(2025, 12, 15)), n.format(624, dt.date(2025, 12, 15))
('2025', '17-1/624')
>>> Numbering("{yy}-{month}/{seq:04}", restart="never").format(7, dt.date(2026, 3, 1))
'26-03/0007'
"""
from __future__ import annotations

import datetime as dt
import string
from dataclasses import dataclass
from pathlib import Path

from ..errors import RegisterError
from .spreadsheet import formula_like, why_refused

CONFIG_NAME = "verbale.yaml"
DEFAULT_REGISTER = "register.sqlite"
FIELDS = ("seq", "year", "yy", "month")
RESTARTS = ("yearly", "never")
NUMBERING_KEYS = ("pattern", "restart", "start")


@dataclass(frozen=True)
class Numbering:
    """How numbers are made: a pattern around the sequence, which restarts every year or never."""

    pattern: str
    restart: str = "yearly"
    start: int = 1

    def period(self, on: dt.date) -> str:
        """The key of the series a note dated ``on`` belongs to; a number is unique within it (a yearly series
        restarts on 1 January whether or not its numbers show the year: the note's date tells it)."""
        return str(on.year) if self.restart == "yearly" else ""

    def format(self, seq: int, on: dt.date) -> str:
        return self.pattern.format(seq=seq, year=on.year, yy=f"{on.year % 100:02d}", month=f"{on.month:02d}")


@dataclass(frozen=True)
class RegisterConfig:
    """Where a workspace keeps its register and how it numbers notes (``numbering`` None: numbers are typed)."""

    root: Path
    url: str                     # an SQLAlchemy URL
    numbering: Numbering | None
    file: str = CONFIG_NAME      # verbale.yaml, for messages
    line: int = 1                # the line of `register:` (or of `numbering:`)
    languages: tuple = ()        # the workspace's languages: the first gives the register's subject

    @property
    def shown(self) -> str:
        """The register's address for messages: an SQLite file's path; a server's address without a password."""
        if self.url.startswith("sqlite:///"):
            return str(Path(self.url[len("sqlite:///"):]))
        from sqlalchemy.engine import make_url

        return make_url(self.url).render_as_string(hide_password=True)


def _problem(text: str, field: str, hint: str, file: str, line_of, path: tuple) -> RegisterError:
    return RegisterError(text, field=field, hint=hint, file=file, line=line_of(path))


def check_pattern(pattern, file: str = CONFIG_NAME, line_of=lambda path: 1) -> str:
    """A pattern uses only {seq} {year} {yy} {month} (with an optional width, ``{seq:04}``) and has ``{seq}``.

    >>> check_pattern("17-1/{seq.__class__}")
    Traceback (most recent call last):
    ...
    verbale.errors.RegisterError: verbale.yaml:1: numbering.pattern: '{seq.__class__}' is not a field of a number (use {seq}, {year}, {yy}, {month}; {seq:04} pads with zeros)
    """
    where = ("numbering", "pattern")
    hint = "use {seq}, {year}, {yy}, {month}; {seq:04} pads with zeros"
    if not isinstance(pattern, str) or not pattern.strip() or len(pattern) > 40:
        raise _problem("a pattern is a short text such as \"17-1/{seq}\"", "numbering.pattern", hint,
                       file, line_of, where)
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        raise _problem(f"unbalanced braces: {exc}", "numbering.pattern", "write {{ and }} for literal braces",
                       file, line_of, where) from None
    names = []
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in FIELDS or conversion or (spec and not (spec.isdigit() and len(spec) <= 2)):
            shown = "{" + name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "") + "}"
            raise _problem(f"'{shown}' is not a field of a number", "numbering.pattern", hint, file, line_of, where)
        names.append(name)
    if formula_like(pattern):
        raise _problem(f"its numbers would {why_refused(pattern).replace('starts', 'start', 1)}", "numbering.pattern",
                       "start the pattern with a letter or a digit", file, line_of, where)
    if "seq" not in names:
        raise _problem("the pattern has no {seq}", "numbering.pattern", "put {seq} where the running number goes",
                       file, line_of, where)
    return pattern


def numbering_from(config: dict, file: str = CONFIG_NAME, line_of=lambda path: 1) -> Numbering | None:
    """The ``numbering:`` mapping of a parsed verbale.yaml, checked; None when there is none."""
    raw = config.get("numbering")
    if raw is None:
        return None
    if isinstance(raw, str):
        raw = {"pattern": raw}
    if not isinstance(raw, dict):
        raise _problem("numbering is a mapping", "numbering", 'numbering: {pattern: "17-1/{seq}", restart: yearly}',
                       file, line_of, ("numbering",))
    for key in raw:
        if key not in NUMBERING_KEYS:
            raise _problem(f"unknown field '{key}'", f"numbering.{key}", f"allowed here: {', '.join(NUMBERING_KEYS)}",
                           file, line_of, ("numbering", key))
    if "pattern" not in raw:
        raise _problem("the pattern is missing", "numbering.pattern", 'add pattern: "17-1/{seq}"',
                       file, line_of, ("numbering",))
    restart = raw.get("restart", "yearly")
    if restart not in RESTARTS:
        raise _problem(f"'{restart}' is not allowed", "numbering.restart", "use yearly or never",
                       file, line_of, ("numbering", "restart"))
    start = raw.get("start", 1)
    if isinstance(start, bool) or not isinstance(start, int) or not 0 <= start < 10**9:
        raise _problem(f"'{start}' is not a whole number from 0", "numbering.start",
                       "the first number of a new series, e.g. 1", file, line_of, ("numbering", "start"))
    return Numbering(check_pattern(raw["pattern"], file, line_of), restart, start)


def register_url(value, root: Path, file: str = CONFIG_NAME, line: int = 1) -> str:
    """``register:`` as an SQLAlchemy URL: a PostgreSQL URL as given (with the psycopg driver), a file
    path relative to the workspace (it may not leave it) or absolute.

    >>> register_url("postgresql://clerk@db.office/register", Path("/w"))
    'postgresql+psycopg://clerk@db.office/register'
    """
    if not isinstance(value, str) or not value.strip():
        raise RegisterError("the register is a file name or a postgresql:// address", field="register",
                            hint=f"e.g. register: {DEFAULT_REGISTER}", file=file, line=line)
    value = value.strip()
    for prefix in ("postgresql://", "postgres://", "postgresql+psycopg://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix):]
    if "://" in value:
        raise RegisterError(f"'{value.split('://')[0]}' registers are not supported", field="register",
                            hint="use a file name (SQLite) or a postgresql:// address", file=file, line=line)
    path = Path(value)
    if not path.is_absolute():
        path = (root / path).resolve()
        if not path.is_relative_to(root.resolve()):
            raise RegisterError("a relative register path may not leave the workspace", field="register",
                                hint="name a file inside the workspace, or an absolute path", file=file, line=line)
    return f"sqlite:///{path.as_posix()}"


def register_config(config: dict, root: Path, file: str = CONFIG_NAME, line_of=lambda path: 1) -> RegisterConfig | None:
    """The register of a workspace, or None when its verbale.yaml has neither ``numbering:`` nor ``register:``
    (then numbers are typed by hand and nothing is recorded)."""
    if not isinstance(config, dict) or ("numbering" not in config and "register" not in config):
        return None
    numbering = numbering_from(config, file, line_of)
    line = line_of(("register",)) if "register" in config else line_of(("numbering",))
    url = register_url(config.get("register", DEFAULT_REGISTER), root, file, line)
    languages = config.get("languages")
    return RegisterConfig(root=root, url=url, numbering=numbering, file=file, line=line,
                          languages=tuple(languages) if isinstance(languages, list) else ())


def load_register_config(start: Path, explicit: Path | None = None, workspace=None) -> RegisterConfig | None:
    """The register of ``workspace``, else of the workspace of ``start`` (a spec or a folder) or ``explicit``;
    its settings are checked where verbale.yaml was read, and located at their lines there."""
    from ..facts.workspace import find_workspace

    if workspace is None:
        workspace = find_workspace(start / CONFIG_NAME if start.is_dir() else start, explicit)
    if workspace.root is None:
        return None
    return register_config(workspace.config, workspace.root.resolve(), str(workspace.config_file),
                           workspace.line_of)

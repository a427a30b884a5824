"""Where problems become lines: every line a front end prints or logs goes through ``printable``, so that
nothing from a file name or a spec (ESC, BEL, a newline) reaches a terminal or a log as it is."""
from __future__ import annotations

import os
import stat
import sys
import unicodedata

ESCAPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def printable(text: str) -> str:
    """``text`` with control and invisible characters written as escapes.

    >>> printable("a\\x1b[31mb\\x07\\nc\\u202e ok Ёж")
    'a\\\\x1b[31mb\\\\x07\\\\nc\\\\u202e ok Ёж'
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == " " or unicodedata.category(char) not in ESCAPED_CATEGORIES:
            out.append(char)
        elif ord(char) < 0x100:
            out.append(repr(char)[1:-1] if char in "\n\r\t" else f"\\x{ord(char):02x}")
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
    return "".join(out)


def say(line: str, stream=None) -> None:
    """Print one line, escaped."""
    print(printable(str(line)), file=stream or sys.stdout, flush=stream is sys.stderr)


def setup_console() -> None:
    """A console that cannot show a character (Windows cp1251) gets an escape, not a traceback."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def silence_stdout() -> None:
    """After a closed pipe (``| head``): further output goes nowhere, and Python's exit flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def append_log(path: str, text: str) -> bool:
    """Append ``text`` to the log file ``path``, never through a link nor into anything but a regular file of
    ours; False if it cannot be written so."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    if os.path.islink(path):
        return False
    try:
        handle = os.open(path, flags, 0o600)
    except OSError:
        return False
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
            return False
        os.write(handle, text.encode("utf-8", "backslashreplace"))
        return True
    except OSError:
        return False
    finally:
        os.close(handle)


def command(parser, run, argv: list[str] | None, stopped: str = "") -> int:
    """A front end's command: ``argv`` parsed by ``parser()`` and given to ``run``; a NoteError is its one line
    (exit 1), bad usage exit 2, an interruption ``stopped`` (exit 1), anything else one line and the log, never a
    traceback."""
    from ..errors import NoteError

    setup_console()
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        return run(args)
    except NoteError as exc:
        say(exc, sys.stderr)
        return 1
    except BrokenPipeError:
        silence_stdout()
        return 1
    except (KeyboardInterrupt, EOFError):
        say(stopped or f"{p.prog}: stopped", sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - a clerk never sees a traceback; the log has it
        from pathlib import Path

        from .generate import internal_error

        say(internal_error(Path(p.prog), exc), sys.stderr)
        return 1


def option(check):
    """An argparse type made of one of the register's shared checks (verbale/register/checks.py): the value it
    refuses is the option's one line (exit 2), as the desk refuses it with a page."""
    import argparse

    def convert(text: str):
        try:
            return check(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(printable(str(exc))) from None
    convert.__name__ = check.__name__.replace("checked_", "").replace("parsed_", "")   # argparse names it so
    return convert


def year(text: str) -> int:
    """An argparse type: a year in four figures (verbale/register/checks.py ``checked_year``, as the desk takes it).

    >>> year("2026")
    2026
    """
    from ..register.checks import checked_year

    return option(checked_year)(text)

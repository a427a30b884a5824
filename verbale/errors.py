"""One error hierarchy.  Only ``generate.py`` turns these into lines and exit codes."""
from __future__ import annotations


class NoteError(Exception):
    """A problem a clerk can fix: printed as ``FILE:LINE: FIELD: problem (hint)``."""

    def __init__(self, problem: str, *, field: str = "", hint: str = "",
                 file: str = "", line: int | None = None):
        super().__init__(problem)
        self.problem = problem
        self.field = field
        self.hint = hint
        self.file = file
        self.line = line

    def located(self, file: str, line: int | None) -> "NoteError":
        """Fill in where the problem is, unless it already knows."""
        self.file = self.file or file
        if self.line is None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = f"{self.file or '<spec>'}:{self.line or 1}"
        text = f"{where}: {self.field or '(spec)'}: {self.problem}"
        text = f"{text} ({self.hint})" if self.hint else text
        return " ".join(text.split())  # always one line


class SpecError(NoteError):
    """The YAML form is malformed or a field's value is wrong."""


class TermbaseError(NoteError):
    """A termbase key is unknown, or an entry lacks a form."""


class GrammarError(NoteError):
    """A grammatical form was asked for that the language cannot give."""


class TemplateError(NoteError):
    """A per-language text does not render (unknown name, unsafe access, syntax)."""


class OutputError(NoteError):
    """An output file cannot be written, or would overwrite a different one."""


class BlankError(NoteError):
    """The office's letterhead blank (house.blank) cannot be used."""


class RegisterError(NoteError):
    """The outgoing register refuses a number, cannot be reached, or its settings are wrong."""


class RequestError(NoteError):
    """A web request the desk cannot take (a malformed form, an index past a list's limit): answered 400."""


class BadValue(ValueError):
    """A value typed into an option or a form field that a shared check refuses (verbale/register/checks.py):
    ``template`` with ``params`` says why, so that the command line prints it as it is and the desk in the
    clerk's language (its catalogues hold the template)."""

    def __init__(self, template: str, **params):
        super().__init__(template.format(**params))
        self.template, self.params = template, params

"""Per-language texts and formulas are small Jinja templates, rendered in a sandbox.

Names are checked with ``jinja2.meta`` before rendering; undefined names and attributes are errors
(``StrictUndefined``); reaching for Python internals is refused by the sandbox, never executed.
"""
from __future__ import annotations

import difflib
from functools import lru_cache

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError, meta
from jinja2.exceptions import SecurityError, TemplateAssertionError, TemplateRuntimeError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from .errors import NoteError, TemplateError
from .grammar import grammar_for


@lru_cache(maxsize=None)
def environment(lang: str) -> ImmutableSandboxedEnvironment:
    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters.update(grammar_for(lang).FILTERS)
    return env


@lru_cache(maxsize=4096)
def _compile(lang: str, source: str):
    env = environment(lang)
    try:
        names = meta.find_undeclared_variables(env.parse(source))
        return env.from_string(source), frozenset(names)
    except TemplateAssertionError as exc:  # e.g. an unknown filter
        raise TemplateError(exc.message or "invalid template", hint=_filters_hint(lang)) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", hint="check the {{ }} and {% %} pairs") from None


def _filters_hint(lang: str) -> str:
    return "language filters: " + ", ".join(sorted(grammar_for(lang).FILTERS))


def render_text(source: str, lang: str, context: dict, field: str = "") -> str:
    """Render one text; every problem becomes a TemplateError naming ``field``."""
    if "{" not in source:  # plain text: nothing to render
        return source
    try:
        template, names = _compile(lang, source)
        unknown = sorted(names - context.keys())
        if unknown:
            near = difflib.get_close_matches(unknown[0], list(context), n=1, cutoff=0.6)
            hint = KNOWN_ELSEWHERE.get(unknown[0]) or (
                f"did you mean '{near[0]}'?" if near else f"known names: {', '.join(sorted(context))}")
            raise TemplateError(f"unknown name '{unknown[0]}'", hint=hint)
        return template.render(context)
    except NoteError as exc:
        exc.field = field or exc.field
        raise
    except SecurityError as exc:
        raise TemplateError(f"unsafe expression refused: {exc}", field=field,
                            hint="texts may use the note's facts and filters only") from None
    except UndefinedError as exc:
        raise TemplateError(f"undefined: {exc.message}", field=field, hint="check the name and its attribute") from None
    except (TemplateRuntimeError, TypeError, ValueError, ArithmeticError, LookupError, AttributeError,
            OverflowError, RecursionError, MemoryError) as exc:
        raise TemplateError(f"cannot render: {exc}", field=field, hint="check the expression in {{ }}") from None


KNOWN_ELSEWHERE = {"meeting": "the spec has no `meeting:`; add one to use meeting facts"}

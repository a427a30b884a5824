"""Per-language texts and formulas are small Jinja templates, rendered in a sandbox.

Names are checked with ``jinja2.meta`` before rendering; undefined names and attributes are errors
(``StrictUndefined``); reaching for Python internals is refused by the sandbox, never executed.
"""
from __future__ import annotations

import difflib
import hashlib
from functools import lru_cache

from jinja2 import BaseLoader, FileSystemBytecodeCache, StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes
from jinja2.exceptions import SecurityError, TemplateAssertionError, TemplateRuntimeError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..cache import cache_dir
from ..errors import NoteError, TemplateError
from ..grammar import grammar_for


MAX_REPEAT = 10_000        # characters (or items) that 'x' * n may make in a text
MAX_POWER = 64             # n ** m in a text
NOT_IN_TEXTS = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.Import, nodes.FromImport, nodes.Include,
                nodes.Extends)


class TextEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, also refusing the arithmetic that would exhaust memory or time ('x' * 10**9)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context, operator, left, right):
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right))
        if operator == "**" and not (numbers and abs(right) <= MAX_POWER):
            raise SecurityError("'**' is limited to small numbers in texts")
        if operator == "*" and not numbers:
            times, repeated = (right, left) if isinstance(right, int) else (left, right)
            if isinstance(times, int) and len(repeated) * times > MAX_REPEAT:
                raise SecurityError(f"repeating text into more than {MAX_REPEAT:,} characters is refused")
        return super().call_binop(context, operator, left, right)


def count_filter(lang: str):
    """``{{ 5 | count('hour') }}``: the number and its noun in the CLDR plural form (nouns in formulas.yaml)."""
    def count(n, noun: str) -> str:
        from ..facts.termbase import default_termbase

        nouns = default_termbase().formulas[lang].get("nouns", {})
        if noun not in nouns:
            raise TemplateError(f"no counted noun '{noun}' in {lang}", hint=f"known: {', '.join(sorted(nouns))}")
        return grammar_for(lang).count(int(n), nouns[noun])
    return count


class SourceLoader(BaseLoader):
    """Templates named by the hash of their source, so that Jinja's bytecode cache keeps the compiled formulas."""

    def __init__(self):
        self.sources: dict[str, str] = {}

    def add(self, source: str) -> str:
        name = hashlib.sha256(source.encode("utf-8")).hexdigest()
        self.sources[name] = source
        return name

    def get_source(self, environment, name):
        return self.sources[name], None, lambda: True


@lru_cache(maxsize=1)
def bytecode_cache() -> FileSystemBytecodeCache | None:
    """Jinja's own cache of compiled templates, in our cache folder (None when caching is off or impossible)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        (folder / "jinja").mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder / "jinja"))


@lru_cache(maxsize=None)
def environment(lang: str) -> ImmutableSandboxedEnvironment:
    env = TextEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False,
                          loader=SourceLoader(), bytecode_cache=bytecode_cache())
    env.filters.update(grammar_for(lang).FILTERS)
    env.filters["count"] = count_filter(lang)
    return env


@lru_cache(maxsize=4096)
def _compile(lang: str, source: str):
    env = environment(lang)
    try:
        tree = env.parse(source)
        refused = next(tree.find_all(NOT_IN_TEXTS), None)
        if refused is not None:
            raise TemplateError(f"'{type(refused).__name__.lower()}' is not allowed in a text",
                                hint="texts use {{ facts }}, filters and {% if %} only")
        return env.from_string(tree), frozenset(meta.find_undeclared_variables(tree))
    except TemplateAssertionError as exc:  # e.g. an unknown filter
        raise TemplateError(exc.message or "invalid template", hint=_filters_hint(lang)) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", hint="check the {{ }} and {% %} pairs") from None


def _filters_hint(lang: str) -> str:
    return "language filters: " + ", ".join(sorted(grammar_for(lang).FILTERS))


@lru_cache(maxsize=512)
def _formula_template(lang: str, source: str):
    env = environment(lang)
    return env.get_template(env.loader.add(source))


def render_text(source: str, lang: str, context: dict, field: str = "", trusted: bool = False) -> str:
    """Render one text; every problem becomes a TemplateError naming ``field``.  ``trusted`` sources (our
    formulas) skip the checks made for the clerk's texts, and their compiled code is kept in the cache."""
    if "{" not in source:  # plain text: nothing to render
        return source
    try:
        if trusted:
            return _formula_template(lang, source).render(context)
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

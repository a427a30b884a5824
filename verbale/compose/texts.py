"""Per-language texts and formulas are small Jinja templates, rendered in a sandbox.

Names are checked with ``jinja2.meta`` before rendering; undefined names and attributes are errors
(``StrictUndefined``); reaching for Python internals is refused by the sandbox, never executed.
"""
from __future__ import annotations

import re
from functools import lru_cache
from string import Formatter

from jinja2 import (StrictUndefined, TemplateSyntaxError, UndefinedError, meta, nodes, pass_environment,
                    pass_eval_context)
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import SecurityError, TemplateAssertionError, TemplateRuntimeError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import NoteError, TemplateError
from ..grammar import grammar_for
from ..grammar.typography import control_characters


# Marks the end of a person's name with a title in apposition (English: «Ms …, Counsellor of the Embassy»); a comma
# closes the apposition where the sentence goes on, nothing where a stop or a comma follows (close_appositions).
APPOSITION_END = "\ue000"
APPOSITION_GOES_ON = re.compile(APPOSITION_END + r"(?=\s+[\w«“‘\"'])")
MAX_REPEAT = 10_000        # characters (or items) that 'x' * n may make in a text
MAX_POWER = 64             # n ** m in a text
MAX_STRING = 50_000        # characters of any string a text builds, and of a rendered text
MAX_BITS = 4_096           # bits of any integer a text computes (about 1,200 digits)
NOT_IN_TEXTS = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.Import, nodes.FromImport, nodes.Include,
                nodes.Extends)


def _refuse(what: str):
    raise SecurityError(f"{what} is refused (a text builds at most {MAX_STRING:,} characters)")


def _within(size: int, what: str) -> None:
    if size > MAX_STRING:
        _refuse(what)


def _check_printf(fmt: str) -> None:
    """Refuse widths and precisions in a %-format that would build a huge string (a linear scan).

    >>> _check_printf("%05d %-3s %.2f %(a)s")
    >>> _check_printf("%0999999999d")
    Traceback (most recent call last):
    jinja2.exceptions.SecurityError: a width of 999999999 is refused (a text builds at most 50,000 characters)
    """
    at = fmt.find("%")
    while at != -1:
        at += 1
        if fmt.startswith("(", at):
            close = fmt.find(")", at)
            if close == -1:
                return
            at = close + 1
        while at < len(fmt) and fmt[at] in "-#0 +":
            at += 1
        for _ in range(2):  # the width, then the precision after a dot
            end = at
            while end < len(fmt) and fmt[end].isdigit():
                end += 1
            if fmt.startswith("*", at):
                _refuse("a '*' width")
            if end > at and int(fmt[at:end]) > MAX_STRING:
                _refuse(f"a width of {fmt[at:end]}")
            at = end + 1 if fmt.startswith(".", end) else end
            if not fmt.startswith(".", end):
                break
        at = fmt.find("%", at + 1 if fmt.startswith("%", at) else at)


def _check_format_spec(fmt: str) -> None:
    """Refuse ``'{:>999999999}'.format(x)`` and nested width fields."""
    for _, _, spec, _ in Formatter().parse(fmt):
        if spec and "{" in spec:
            _refuse("a width taken from an argument")
        for digits in re.findall(r"\d+", spec or ""):
            _within(int(digits), f"a width of {digits}")


def _length(value) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else len(str(value))


def _check_str_call(method: str, text: str, args: tuple) -> None:
    """Bound the strings that str methods with a size argument build."""
    if method in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        _within(args[0], f"a width of {args[0]:,}")
    elif method == "expandtabs" and args and isinstance(args[0], int):
        _within(len(text) + text.count("\t") * args[0], "expanding tabs that far")
    elif method == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        _within(len(text) + (text.count(args[0]) if args[0] else len(text) + 1) * len(args[1]), "replacing that much")
    elif method == "join" and args:
        items = list(args[0]) if not isinstance(args[0], str) else args[0]
        _within(sum(_length(i) for i in items) + len(text) * max(0, len(items) - 1), "joining that much")


class BoundedCodeGenerator(CodeGenerator):
    """``a ~ b`` goes through ``environment.concat_bounded``, so that its length is checked."""

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write("environment.concat_bounded((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class TextEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, also refusing what would exhaust memory or time: every string a text builds is bounded
    (repetition, ``~`` and ``+``, %-formats, str methods and filters with a width), and so is every integer."""

    code_generator_class = BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "+", "%"})

    def call_binop(self, context, operator, left, right):
        numbers = all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in (left, right))
        integers = numbers and isinstance(left, int) and isinstance(right, int)
        if operator == "**" and not (numbers and abs(right) <= MAX_POWER):
            raise SecurityError("'**' is limited to small numbers in texts")
        if operator == "**" and integers and abs(left).bit_length() * abs(right) > MAX_BITS:
            raise SecurityError("'**' would make too large a number")
        if operator == "*" and integers and left.bit_length() + right.bit_length() > MAX_BITS:
            raise SecurityError("'*' would make too large a number")
        if operator == "*" and not numbers:
            times, repeated = (right, left) if isinstance(right, int) else (left, right)
            if isinstance(times, int) and len(repeated) * times > MAX_REPEAT:
                raise SecurityError(f"repeating text into more than {MAX_REPEAT:,} characters is refused")
        if operator == "+" and not numbers and hasattr(left, "__len__") and hasattr(right, "__len__"):
            _within(len(left) + len(right), "joining that much")
        if operator == "%" and isinstance(left, str):
            _check_printf(left)
        return super().call_binop(context, operator, left, right)

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 - the sandbox's own signature
        owner = getattr(__obj, "__self__", None)
        if isinstance(owner, str):
            _check_str_call(getattr(__obj, "__name__", ""), owner, args)
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        fmt = value.__self__

        def checked(*args, **kwargs):
            _check_format_spec(fmt)
            return wrapped(*args, **kwargs)
        return checked

    @staticmethod
    def concat_bounded(parts) -> str:
        parts = [str(part) for part in parts]
        _within(sum(map(len, parts)), "joining that much")
        return "".join(parts)


def _bounded_filters(filters: dict) -> dict:
    """Jinja's filters that take a size, checked before they build anything."""
    center, indent, fmt, replace, join = (filters[n] for n in ("center", "indent", "format", "replace", "join"))
    batch, slice_, wordwrap = filters["batch"], filters["slice"], filters["wordwrap"]

    def do_center(value, width=80):
        _within(width if isinstance(width, int) else 0, f"a width of {width}")
        return center(value, width)

    def do_indent(value, width=4, first=False, blank=False):
        step = len(width) if isinstance(width, str) else width if isinstance(width, int) else 0
        _within(len(str(value)) + (str(value).count("\n") + 1) * step, "indenting that far")
        return indent(value, width, first, blank)

    def do_format(value, *args, **kwargs):
        _check_printf(str(value))
        return fmt(value, *args, **kwargs)

    @pass_eval_context
    def do_replace(eval_ctx, value, old, new, count=None):
        _check_str_call("replace", str(value), (str(old), str(new)))
        return replace(eval_ctx, value, old, new, count)

    @pass_eval_context
    def do_join(eval_ctx, value, d="", attribute=None):
        items = list(value)
        if attribute is None:
            _check_str_call("join", str(d), (items,))
        return join(eval_ctx, items, d, attribute)

    def do_batch(value, linecount, fill_with=None):
        _within(linecount if isinstance(linecount, int) else 0, f"batches of {linecount}")
        return batch(value, linecount, fill_with)

    def do_slice(value, slices, fill_with=None):
        _within(slices if isinstance(slices, int) else 0, f"{slices} slices")
        return slice_(value, slices, fill_with)

    @pass_environment
    def do_wordwrap(env, value, width=79, break_long_words=True, wrapstring=None, break_on_hyphens=True):
        _within(len(str(value)) * (1 + len(str(wrapstring or "\n"))), "wrapping that much")
        return wordwrap(env, value, width, break_long_words, wrapstring, break_on_hyphens)

    return {"center": do_center, "indent": do_indent, "format": do_format, "replace": do_replace,
            "join": do_join, "batch": do_batch, "slice": do_slice, "wordwrap": do_wordwrap}


def count_filter(lang: str):
    """``{{ 5 | count('hour') }}``: the number and its noun in the CLDR plural form (nouns in formulas.yaml)."""
    def count(n, noun: str) -> str:
        from ..facts.termbase import default_termbase

        nouns = default_termbase().formulas[lang].get("nouns", {})
        if noun not in nouns:
            raise TemplateError(f"no counted noun '{noun}' in {lang}", hint=f"known: {', '.join(sorted(nouns))}")
        return grammar_for(lang).count(int(n), nouns[noun])
    return count


# Where a text inserted with {{ }} meets the words around it (NOTE-SPEC §10: punctuation joins as a careful typist's
# would), each inserted value is wrapped in these two marks while the text renders; ``joined`` then settles the
# spaces and stops at every join and takes the marks away.  A clerk's text cannot hold them (control characters).
OPEN, CLOSE = "\x02", "\x03"
_JOIN = re.compile(r"[\x02\x03][ \t\x02\x03]*")   # the spaces before a join are taken from the text written
TERMINAL = ".:?!…"   # a text ending in one of these takes no second stop
PAUSES = ",;"


def _finalize(value):
    """What ``{{ value }}`` prints: the value between the join marks; a person whose title is an apposition
    carries the mark of its end."""
    if isinstance(value, str) and (OPEN in value or CLOSE in value):
        raise SecurityError("a control character in a text is refused")
    forms = getattr(value, "forms", None)
    end = APPOSITION_END if isinstance(forms, dict) and forms.get("appositive") and not forms.get("nom_written") \
        or isinstance(value, str) and _ends_in_apposition(value) else ""
    return f"{OPEN}{value}{end}{CLOSE}"


_RU_PREPOSITION_AT_JOIN = re.compile(r"(?<![\w\-.\u2011])(о|об|в|во|с|со|О|Об|В|Во|С|Со)([ \u00a0]+)"
                                     r"([\x02\x03]*\x02[\x02\x03]*)([^\x02\x03]*)")


def prepositions_at_joins(text: str) -> str:
    """Russian: о/об, в/во, с/со before an inserted text take the form its first sound asks for (``grammar.ru.
    preposition_before``): a clerk writes «о {{ terms.x.prep }}» once, and the name that comes decides.

    >>> marked = "сообщить о [Организации] и о [ноте], в [Владивостоке], с [2 марта]".translate({91: OPEN, 93: CLOSE})
    >>> prepositions_at_joins(marked).translate({ord(OPEN): "[", ord(CLOSE): "]"})
    'сообщить об [Организации] и о [ноте], во [Владивостоке], со [2 марта]'
    """
    from ..grammar.ru import preposition_before

    return _RU_PREPOSITION_AT_JOIN.sub(
        lambda m: preposition_before(m.group(1), m.group(4)) + m.group(2) + m.group(3) + m.group(4), text)


@lru_cache(maxsize=1024)   # pure; rendered formulas recur from note to note of a batch
def joined(text: str) -> str:
    """The rendered text with its joins settled as a careful typist would, and the join marks taken away:
    no space before a comma, a stop or a colon that starts or follows an inserted text (``и , подтверждая`` →
    ``и, подтверждая``); no second stop after a text ending in ``.``, ``:``, ``?``, ``!`` (``following:.`` →
    ``following:``); one comma where a text's own comma meets the formula's; one space where an empty text
    stood between two spaces.

    >>> joined("refer to the \x02following:\x03.") , joined("и \x02\x02, подтверждая ноту\x03\x03.")
    ('refer to the following:', 'и, подтверждая ноту.')
    >>> joined("и, \x02ссылаясь на ноту со следующим содержанием:\x03, имеет"), joined("\x02с.г.\x03, содержащую")
    ('и, ссылаясь на ноту со следующим содержанием: имеет', 'с.г., содержащую')
    >>> joined("отырып, \x02, сілтеме,\x03 санайды"), joined("a \x02\x03 b"), joined("до \x0212 мая 2021 г.\x03.")
    ('отырып, сілтеме, санайды', 'a b', 'до 12 мая 2021 г.')
    """
    if OPEN not in text and CLOSE not in text:
        return text
    out, at = "", 0
    for join in _JOIN.finditer(text):
        if join.start() < at:  # inside the stop the join before swallowed
            continue
        piece = text[at:join.start()]
        kept = piece.rstrip(" \t")
        spaced = len(kept) < len(piece) or " " in join.group() or "\t" in join.group()
        out += kept
        at = join.end()
        before, after = out[-1:], text[at:at + 1]
        if after and after in PAUSES + TERMINAL:       # no space before punctuation
            if after == "." and before and before in TERMINAL or after == "," and before == ":":
                at += 1                                # "following:" + "." (or ",") -> "following:"
            elif before and before in PAUSES and after in PAUSES + ".":
                out = out[:-1]                         # "сілтеме," + "," -> "сілтеме,"
            continue
        if spaced and before and after and not before.isspace() and not after.isspace():
            out += " "
    return out + text[at:]


def fact_variant(name: str):
    """The filter ``| this_year`` or ``| numeric`` (NOTE-SPEC §10): a date or a ref (or one form of it) written
    another way, by the fact itself (``compose.facts.Fact.variant``)."""
    def apply(value, *args):
        variant = getattr(value, "variant", None)
        if not callable(variant):
            kinds = "dates, periods and refs" if name == "this_year" else "dates and refs"
            raise TemplateError(f"| {name} is for {kinds}",
                                hint=f"write {{{{ dates.x | {name} }}}} or {{{{ refs.x | {name} }}}}")
        return variant(name, *args)
    apply.__name__ = name
    return apply


@lru_cache(maxsize=1024)   # pure; rendered formulas recur from note to note of a batch
def close_appositions(text: str) -> str:
    """The comma that closes an apposition where the sentence goes on (``Ms X, Counsellor of the Embassy, has
    assumed …``); none before a stop, a comma or the end.

    >>> close_appositions("that Ms X, Counsellor\ue000 has assumed"), close_appositions("of Ms X, Counsellor\ue000.")
    ('that Ms X, Counsellor, has assumed', 'of Ms X, Counsellor.')
    """
    return APPOSITION_GOES_ON.sub(",", text).replace(APPOSITION_END, "")


def _ends_in_apposition(value) -> bool:
    """Whether ``value`` (a person, or the last of several) ends in a title set off by a comma.  Its own fields
    are read (``vars``): a list of terms answers any attribute with a form, or an error."""
    if isinstance(value, str):
        return value.__class__.__dict__.get("appositive", False) is True
    forms = vars(value).get("forms") if hasattr(value, "__dict__") else None
    if isinstance(forms, dict):
        return bool(forms.get("appositive")) and not forms.get("nom_written")
    if not isinstance(value, str) and hasattr(type(value), "__iter__"):
        items = list(value)
        return bool(items) and _ends_in_apposition(items[-1])
    return False


def _keeping_apposition(name: str, grammar_filter):
    """A grammar filter over a person named with a title after the name (``{{ recipients | lower_article }}``,
    ``{{ sender | capfirst }}``) keeps the mark of the apposition's end, so that the comma closing it is written
    where the sentence goes on (``… to Ms X, Ambassador of …, and has the honour``), as ``{{ terms.x }}`` does."""
    if name not in ("lower_article", "capfirst"):
        return grammar_filter

    def apply(value, *args, **kwargs):
        result = grammar_filter(value, *args, **kwargs)
        return f"{result}{APPOSITION_END}" if isinstance(result, str) and _ends_in_apposition(value) else result
    return apply


@lru_cache(maxsize=None)
def environment(lang: str) -> ImmutableSandboxedEnvironment:
    env = TextEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False,
                          finalize=_finalize)
    env.globals.clear()  # range, lipsum, cycler...: nothing a text needs, and lipsum(10**9) is a bomb
    env.filters.update(_bounded_filters(env.filters))
    env.filters.update({name: _keeping_apposition(name, f) for name, f in grammar_for(lang).FILTERS.items()})
    env.filters["count"] = count_filter(lang)
    env.filters.update({name: fact_variant(name) for name in ("this_year", "numeric")})
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
        names = frozenset(meta.find_undeclared_variables(tree))
        named = _named_values(tree)   # read before compiling: Jinja's optimizer folds constants in the tree
        return env.from_string(tree), names, named
    except TemplateAssertionError as exc:  # e.g. an unknown filter
        raise TemplateError(exc.message or "invalid template", hint=_filters_hint(lang)) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(f"template syntax error: {exc.message}", hint="check the {{ }} and {% %} pairs") from None
    except (SyntaxError, RecursionError, MemoryError):  # Python's own limits: 20 nested blocks, deep brackets
        raise TemplateError("the text nests too deeply", hint="use fewer nested {% if %} blocks and brackets") from None
    except ValueError as exc:  # e.g. an integer literal past Python's 4,300 digits
        raise TemplateError(f"template syntax error: {exc}", hint="check the numbers in {{ }}") from None


def _dotted(node: nodes.Node) -> tuple[str, ...] | None:
    """``refs.their_note.gen`` or ``refs['their-note']`` as its parts; None if it is not a plain name."""
    parts: list[str] = []
    while isinstance(node, (nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            parts.append(node.attr)
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            parts.append(node.arg.value)
        else:
            return None
        node = node.node
    return (node.name, *reversed(parts)) if isinstance(node, nodes.Name) else None


def _expression_values(node: nodes.Node, found: list) -> None:
    """The dotted names and integer literals of one ``{{ }}`` expression.  The arguments of a filter or a call
    say how a language writes a value (``ordinal('genitive', 'f')``), so they are not read."""
    parts = _dotted(node)
    if parts is not None:
        found.append(("name", parts))
    elif isinstance(node, nodes.Const):
        if type(node.value) is int:  # not True/False
            found.append(("number", node.value))
    elif isinstance(node, (nodes.Filter, nodes.Test, nodes.Call, nodes.Getattr, nodes.Getitem)):
        if node.node is not None:
            _expression_values(node.node, found)
    else:
        for child in node.iter_child_nodes():
            _expression_values(child, found)


def _named_values(tree: nodes.Template) -> tuple | None:
    """What the cross-language check reads in a parsed text (``compose.check.named_facts``): for each ``{{ }}``
    expression, its dotted names (``("name", ("refs", "x", "gen"))``) and integer literals (``("number", 7)``);
    None if the tree nests too deeply to walk.

    >>> _named_values(environment("en").parse("{{ refs.x.gen }} {{ 7 | ordinal('a') }} {% if dates.a %}{% endif %}"))
    (('name', ('refs', 'x', 'gen')), ('number', 7))
    """
    found: list = []
    try:
        for output in tree.find_all(nodes.Output):
            for node in output.nodes:
                if not isinstance(node, nodes.TemplateData):
                    _expression_values(node, found)
    except RecursionError:
        return None
    return tuple(found)


def named_values(source: str, lang: str = "en") -> tuple:
    """What the check reads in ``source`` (see ``_named_values``): from the text compiled for rendering in
    ``lang`` (a cache hit once the note is composed: the text is not parsed again), else parsed here; () for a
    text that does not parse (it fails when rendered, before the check)."""
    try:
        named = _compile(lang, source)[2]
        if named is not None:
            return named
    except NoteError:
        pass
    try:
        return _named_values(environment("en").parse(source)) or ()
    except (TemplateSyntaxError, RecursionError, ValueError):
        return ()


def _filters_hint(lang: str) -> str:
    return "language filters: " + ", ".join(sorted(grammar_for(lang).FILTERS))


def _render_bounded(template, context: dict) -> str:
    """Render piece by piece, stopping as soon as the text grows past its bound."""
    pieces, size = [], 0
    for piece in template.generate(context):
        size += len(piece)
        _within(size, "a text this long")
        pieces.append(piece)
    return "".join(pieces)


def _writable(text: str, field: str) -> str:
    """The rendered text, unless it holds characters a DOCX cannot (checked after rendering: a text can
    make them, as in ``{{ '\\x07' }}`` or ``'%c' | format(7)``)."""
    bad = control_characters(text)
    if bad:
        raise TemplateError(f"the text renders control characters ({', '.join(sorted(set(bad))[:3])})", field=field,
                            hint="delete what makes them; Word cannot open a file that holds them")
    return text


def render_text(source: str, lang: str, context: dict, field: str = "", trusted: bool = False) -> str:
    """Render one text; every problem becomes a TemplateError naming ``field``.  ``trusted`` sources (our
    formulas) may use names the context lacks until they render them."""
    if "{" not in source:  # plain text: nothing to render
        return _writable(source.replace(APPOSITION_END, ""), field)
    try:
        template, names, _ = _compile(lang, source)
        unknown = sorted(names - context.keys())
        if unknown and not trusted:
            from difflib import get_close_matches  # only for a wrong name: difflib compiles a pattern at import
            near = get_close_matches(unknown[0], list(context), n=1, cutoff=0.6)
            hint = KNOWN_ELSEWHERE.get(unknown[0]) or (
                f"did you mean '{near[0]}'?" if near else f"known names: {', '.join(sorted(context))}")
            raise TemplateError(f"unknown name '{unknown[0]}'", hint=hint)
        rendered = _render_bounded(template, context)
        return _writable(close_appositions(joined(prepositions_at_joins(rendered) if lang == "ru" else rendered)), field)
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

"""The desk's form, made from the JSON Schema of the spec (the one source of truth; no second list of fields).

``widgets(schema)`` turns the schema into a tree of widgets; the page renders the tree with the spec's values.
``form_data(pairs, schema)`` turns the posted fields (named by their path, ``meeting.start``,
``paragraphs[0].en``) back into the spec's data, typed as the schema says.

>>> from verbale.facts.schema import spec_schema
>>> tree = {w.name: w for w in widgets(spec_schema())}
>>> tree["date"].kind, tree["place"].kind, tree["urgency"].kind, tree["purpose"].kind, tree["meeting"].kind
('date', 'key', 'select', 'texts', 'group')
>>> form_data([("number", "17-1/1"), ("meeting.start", "2021-09-24T10:00"), ("enclosures", "11"),
...            ("purpose.en", "forward"), ("recipients[0]", "cica-member-states"), ("on_behalf_of", "")], spec_schema())
{'number': '17-1/1', 'meeting': {'start': '2021-09-24 10:00'}, 'enclosures': 11, 'purpose': {'en': 'forward'}, 'recipients': ['cica-member-states']}
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from ..errors import RequestError
from ..facts.yamlsource import dotted

DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"
KEY_PATTERN = "^[a-z0-9][a-z0-9-]*$"
LANGUAGE_KEYS = ("en", "ru", "kk")
BAD_INPUT = "(not a date)"   # what the page posts for a date the browser could not read (desk.js)
LIST_MARK = "__list__."   # posted beside a list's items, so that an emptied list reads back as []
PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
MAP_KEY = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
# A list the schema gives no maxItems holds at most this many items in the form (recipients, enclosures …); a
# posted index past a list's limit is refused before anything is built (issue #24: `recipients[300000000]=x`).
MAX_ITEMS = 100
MAX_DEPTH = 8


@dataclass
class Widget:
    """One field of the form: ``kind`` says how it is shown and read back."""

    path: tuple
    kind: str              # text number date datetime key keys select texts group list choice
    title: str
    description: str = ""
    required: bool = False
    options: tuple = ()    # select: allowed values; choice: the variants (widgets)
    children: list = field(default_factory=list)   # group: its fields; list: the widget of one item
    max_items: int = MAX_ITEMS   # list, keys, multi: the schema's maxItems, else MAX_ITEMS

    @property
    def name(self) -> str:
        return dotted(self.path)


def item_widget(item: Widget, index: int | str) -> Widget:
    """The widget of a list's item ``index`` or a named entry ``index`` (the schema gives one widget for every
    item, at index 0, or for every entry, at ``*``)."""
    depth = len(item.path) - 1

    def moved(w: Widget) -> Widget:
        path = w.path[:depth] + (index,) + w.path[depth + 1:]
        return Widget(path, w.kind, w.title, w.description, w.required, tuple(moved(o) for o in w.options)
                      if w.kind == "choice" else w.options, [moved(c) for c in w.children], w.max_items)
    return moved(item)


def parse_path(name: str) -> tuple:
    """``'paragraphs[0].en'`` -> ``('paragraphs', 0, 'en')``; an index is at most 6 digits (the form's lists are
    bounded far below that), a longer one is refused.

    >>> parse_path("paragraphs[0].en"), parse_path("recipients[300000000]")
    Traceback (most recent call last):
    ...
    verbale.errors.RequestError: <spec>:1: recipients[300000000]: index 300000000 is past the end of any list of the form
    """
    parts = []
    for key, index in PATH_PART.findall(name[:500]):
        if index and len(index) > 6:
            raise RequestError(f"index {index} is past the end of any list of the form", field=name[:80])
        parts.append(int(index) if index else key)
    return tuple(parts)


def _resolve(node: dict, schema: dict) -> dict:
    while "$ref" in node:
        target = schema["$defs"][node["$ref"].rsplit("/", 1)[-1]]
        node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _title(name, node: dict) -> str:
    return node.get("title") or str(name).replace("_", " ").capitalize()


def widget(path: tuple, node: dict, schema: dict, required: bool = False) -> Widget:
    own_title = node.get("title") or (str(path[-1]).replace("_", " ").capitalize() if path else "")
    node = _resolve(node, schema)
    title, description = own_title or _title("", node), node.get("description", "")
    variants = [v for v in node.get("anyOf", []) if v.get("type") != "null"]
    if variants:
        optional = len(variants) < len(node["anyOf"])
        if len(variants) == 1:
            inner = widget(path, {**variants[0], "title": title, "description": description}, schema)
            inner.required = required and not optional
            return inner
        options = tuple(widget(path, {**v, "title": title}, schema) for v in variants)
        return Widget(path, "choice", title, description, required, options)
    kind = node.get("type")
    if isinstance(kind, list):  # number: string or integer -> typed as text
        kind = "string"
    per_language = set(node.get("properties", {})) or set(node.get("propertyNames", {}).get("enum", []))
    if kind == "object" and per_language and per_language <= set(LANGUAGE_KEYS) and not _has_lists(node, schema):
        return Widget(path, "texts", title, description, required)
    if kind == "object" and node.get("patternProperties"):  # named entries: dates, periods, refs ...
        value = next(iter(node["patternProperties"].values()))
        return Widget(path, "map", title, description, required, children=[widget(path + ("*",), value, schema, True)])
    if kind == "object":
        needed = set(node.get("required", []))
        children = [widget(path + (name,), sub, schema, name in needed)
                    for name, sub in node.get("properties", {}).items()]
        return Widget(path, "group", title, description, required, children=children)
    if kind == "array":
        item, limit = _resolve(node.get("items", {}), schema), node.get("maxItems", MAX_ITEMS)
        if "enum" in item:
            return Widget(path, "multi", title, description, required, tuple(item["enum"]), max_items=limit)
        if item.get("pattern") == KEY_PATTERN:
            return Widget(path, "keys", title, description, required, max_items=limit)
        return Widget(path, "list", title, description, required, children=[widget(path + (0,), item, schema, True)],
                      max_items=limit)
    if "enum" in node:
        return Widget(path, "select", title, description, required, tuple(node["enum"]))
    if kind in ("integer", "number"):
        return Widget(path, "number", title, description, required)
    if kind == "boolean":
        return Widget(path, "bool", title, description, required, ("true", "false"))
    if node.get("format") == "date":
        return Widget(path, "date", title, description, required)
    if node.get("pattern") == DATETIME_PATTERN:
        return Widget(path, "datetime", title, description, required)
    if node.get("pattern") == KEY_PATTERN:
        return Widget(path, "key", title, description, required)
    return Widget(path, "text", title, description, required)


def _has_lists(node: dict, schema: dict) -> bool:
    """Whether a per-language object takes a list of lines in a language (a heading): then it is a group of
    choices (one text or a list), not one text per language."""
    return any(variant.get("type") == "array" for sub in node.get("properties", {}).values()
               for variant in _resolve(sub, schema).get("anyOf", []))


def widgets(schema: dict) -> list[Widget]:
    needed = set(schema.get("required", []))
    return [widget((name, ), node, schema, name in needed) for name, node in schema["properties"].items()]


_TREES: dict[int, tuple[dict, dict]] = {}


def _tree(schema: dict) -> dict:
    """The form's top-level widgets by name, made once per schema."""
    cached = _TREES.get(id(schema))
    if cached is None or cached[0] is not schema:
        cached = _TREES[id(schema)] = (schema, {w.path[0]: w for w in widgets(schema)})
    return cached[1]


def widget_at(path: tuple, schema: dict) -> Widget | None:
    """The widget of the field at ``path`` (list indexes step into the items; a named entry takes any key), or
    None where the form has no such field. An index past its list's limit is refused (RequestError).

    >>> from verbale.facts.schema import spec_schema
    >>> widget_at(("meeting", "start"), spec_schema()).kind, widget_at(("purpose", "xx"), spec_schema())
    ('datetime', None)
    >>> widget_at(("paragraphs", 50, "en"), spec_schema())
    Traceback (most recent call last):
    ...
    verbale.errors.RequestError: <spec>:1: paragraphs[50]: a list of this field holds at most 50 items
    """
    if not path or len(path) > MAX_DEPTH or not isinstance(path[0], str):
        return None
    current = _tree(schema).get(path[0])
    for depth in range(1, len(path)):
        part = path[depth]
        if current is None:
            return None
        if current.kind == "choice":
            wanted = ("list", "keys", "multi") if isinstance(part, int) else ("group", "map", "texts")
            current = next((o for o in current.options if o.kind in wanted), None)
            if current is None:
                return None
        if current.kind in ("list", "keys", "multi") and isinstance(part, int):
            if part >= current.max_items:
                raise RequestError(f"a list of this field holds at most {current.max_items} items",
                                   field=dotted(path[:depth + 1]))
            if current.kind != "list":
                return current if depth == len(path) - 1 else None
            current = current.children[0]
        elif current.kind == "map" and isinstance(part, str) and MAP_KEY.fullmatch(part):
            current = current.children[0]
        elif current.kind == "group" and isinstance(part, str):
            current = next((c for c in current.children if c.path[-1] == part), None)
        elif current.kind == "texts" and part in LANGUAGE_KEYS and depth == len(path) - 1:
            return Widget(path, "text", current.title, current.description)
        else:
            return None
    return current


def _typed(value: str, kind: str):
    value = value.replace("\r\n", "\n").strip()   # a browser posts a textarea's lines with CR LF
    if value == BAD_INPUT:
        return BAD_INPUT
    if kind == "datetime":
        return value.replace("T", " ")[:16]
    if kind == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) and _real_date(value):
        return dt.date.fromisoformat(value)   # written back as a date, as the clerk would type it
    if kind in ("number", "choice") and re.fullmatch(r"\d{1,15}", value):
        return int(value)
    if kind == "bool" and value in ("true", "false"):
        return value == "true"
    return value


def put_path(data: dict, path: tuple, value) -> None:
    node = data
    for part, following in zip(path, path[1:]):
        if isinstance(node, list):
            while len(node) <= part:
                node.append({} if isinstance(following, str) else [])
            node = node[part]
        else:
            node = node.setdefault(part, {} if isinstance(following, str) else [])
    last = path[-1]
    if isinstance(node, list):
        while len(node) <= last:
            node.append(None)
        node[last] = value
    else:
        node[last] = value


def _prune(node):
    """Drop what the clerk left empty: empty texts, empty optional groups, holes in lists."""
    if isinstance(node, dict):
        kept = {key: _prune(value) for key, value in node.items()}
        return {key: value for key, value in kept.items() if value not in ("", None, {}, [])}
    if isinstance(node, list):
        return [item for item in (_prune(value) for value in node) if item not in ("", None, {})]
    return node


def form_data(pairs, schema: dict) -> dict:
    """The spec's data from the posted (name, value) pairs; names that are not fields of the form are ignored,
    an index past a list's limit is refused (RequestError)."""
    data: dict = {}
    known, emptied = set(schema["properties"]), []
    for name, value in pairs:
        if name.startswith(LIST_MARK):  # a list field on the page: [] when the clerk emptied it
            emptied.append(name[len(LIST_MARK):])
            continue
        path = parse_path(name)
        if not path or path[0] not in known:
            continue
        found = widget_at(path, schema)
        if found is None:
            continue
        kind = found.kind
        if kind == "choice" and not any(option.kind == "number" for option in found.options):
            kind = "text"   # a count only where the choice has one (enclosures: 11); a ref's "0123" stays text
        if kind == "multi" and (len(path) == 1 or not isinstance(path[-1], int)):
            items = get_path(data, path) or []
            if len(items) >= found.max_items:
                raise RequestError(f"a list of this field holds at most {found.max_items} items", field=name[:80])
            put_path(data, path + (len(items),), value)
            continue
        if kind in ("group", "map", "texts", "list") or kind == "keys" and not isinstance(path[-1], int):
            continue  # a value posted for a whole group or list: not a field of the page
        put_path(data, path, _typed(value, kind))
    data = _prune(data)
    for name in emptied:
        if name in known and name not in data:
            data[name] = []
    return data


def without_defaults(data: dict, original, schema: dict, node: dict | None = None) -> dict:
    """``data`` less the fields the page always posts (a select, a checkbox) that the spec did not have and
    whose value is the schema's default, so that saving adds nothing the clerk did not write.

    >>> from verbale.facts.schema import spec_schema
    >>> without_defaults({"urgency": "none", "languages": ["en", "ru", "kk"], "meeting": {"format": "in-person"}},
    ...                  {"meeting": {}}, spec_schema())
    {'meeting': {}}
    """
    node = _resolve(node or schema, schema)
    node = next((_resolve(v, schema) for v in node.get("anyOf", []) if "properties" in _resolve(v, schema)), node)
    properties = node.get("properties", {})
    kept = {}
    for key, value in data.items():
        sub = _resolve(properties.get(key, {}), schema)
        had = isinstance(original, dict) and key in original
        if not had and "default" in sub and value == sub["default"]:
            continue
        if isinstance(value, dict) and properties.get(key):
            value = without_defaults(value, original.get(key) if had else None, schema, properties[key])
        kept[key] = value
    return kept


def get_path(data, path: tuple):
    for part in path:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data


# -- what the page posts, and what the clerk changed ---------------------------------------------------------

class _PostedFields(HTMLParser):
    """The (name, value) pairs a browser posts for a form's HTML: inputs as their types sanitise them, checked
    boxes, each select's chosen option (else its first), textareas."""

    DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
    MOMENT = re.compile(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?")
    NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pairs: list[tuple[str, str]] = []
        self.area: list | None = None
        self.select: dict | None = None
        self.option: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {name: (value if value is not None else "") for name, value in attrs}
        if tag == "input" and a.get("name") and "disabled" not in a:
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self.pairs.append((a["name"], a.get("value", "on")))
            elif kind not in ("button", "submit", "reset", "image", "file"):
                self.pairs.append((a["name"], self._sanitised(kind, a.get("value", ""))))
        elif tag == "textarea" and a.get("name"):
            self.area = [a["name"], ""]
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "chosen": None, "first": None}
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "text": "", "selected": "selected" in a}

    def handle_data(self, data):
        if self.area is not None:
            self.area[1] += data
        if self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.area is not None:
            name, text = self.area
            self.pairs.append((name, text[1:] if text.startswith("\n") else text))  # as HTML drops it
            self.area = None
        elif tag == "option" and self.option is not None:
            self._option_done()
        elif tag == "select" and self.select is not None:
            self._option_done()
            chosen = self.select["chosen"] if self.select["chosen"] is not None else self.select["first"]
            if chosen is not None:
                self.pairs.append((self.select["name"], chosen))
            self.select = None

    def _option_done(self):
        if self.option is None or self.select is None:
            return
        value = self.option["value"] if self.option["value"] is not None else " ".join(self.option["text"].split())
        if self.select["first"] is None:
            self.select["first"] = value
        if self.option["selected"]:
            self.select["chosen"] = value
        self.option = None

    def _sanitised(self, kind: str, value: str) -> str:
        """The value a browser keeps for an input of this type (HTML's value sanitisation algorithm)."""
        if kind == "date":
            return value if self.DATE.fullmatch(value) and _real_date(value) else ""
        if kind == "datetime-local":
            match = self.MOMENT.fullmatch(value)
            return f"{match[1]}T{match[2]}" if match and _real_date(match[1]) else ""
        if kind == "number":
            return value if self.NUMBER.fullmatch(value) else ""
        return value.replace("\r", "").replace("\n", "")


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def posted_pairs(html: str) -> list[tuple[str, str]]:
    """What a browser posts for the form's HTML, untouched by the clerk.

    >>> posted_pairs('<input name="a" value="x &amp; y"><input type="number" name="n" value="many">'
    ...              '<select name="s"><option>one</option><option selected value="2">two</option></select>'
    ...              '<textarea name="t">\\nline</textarea><input type="checkbox" name="c" value="en">')
    [('a', 'x & y'), ('n', ''), ('s', '2'), ('t', 'line')]
    """
    parser = _PostedFields()
    parser.feed(html)
    parser.close()
    return parser.pairs


_MISSING = object()


def _key(value) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def with_changes(original, shown, mine):
    """``original`` (the spec as read) with only what the clerk changed: the difference between ``shown`` (the
    form's data as the page showed it) and ``mine`` (as posted). What the form does not show (a language the
    spec leaves out, fields of another variant) and what the clerk left as it was stay as they are in the file.

    >>> original = {"languages": ["en"], "purpose": {"en": "a", "ru": "б", "kk": "в"}, "recipients": ["x", "y"]}
    >>> shown = {"purpose": {"en": "a"}, "recipients": ["x", "y"]}
    >>> with_changes(original, shown, {"purpose": {"en": "A"}, "recipients": ["y"]})
    {'languages': ['en'], 'purpose': {'en': 'A', 'ru': 'б', 'kk': 'в'}, 'recipients': ['y']}
    >>> with_changes(original, shown, shown) is original
    True
    """
    if _key(shown) == _key(mine):
        return original
    if isinstance(original, dict) and isinstance(shown, dict) and isinstance(mine, dict):
        result = dict(original)
        for key in dict.fromkeys([*shown, *mine]):
            before, after = shown.get(key, _MISSING), mine.get(key, _MISSING)
            if before is not _MISSING and after is not _MISSING and _key(before) == _key(after):
                continue
            if after is _MISSING:
                result.pop(key, None)
            elif key in original and before is not _MISSING:
                result[key] = with_changes(original[key], before, after)
            else:
                result[key] = after
        return result
    if isinstance(original, list) and isinstance(shown, list) and isinstance(mine, list) and len(original) == len(shown):
        result = []
        matcher = difflib.SequenceMatcher(None, [_key(v) for v in shown], [_key(v) for v in mine], autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                result += original[i1:i2]
            elif op == "replace":
                paired = min(i2 - i1, j2 - j1)
                result += [with_changes(original[i1 + k], shown[i1 + k], mine[j1 + k]) for k in range(paired)]
                result += mine[j1 + paired:j2]
            elif op == "insert":
                result += mine[j1:j2]
        return result
    return mine

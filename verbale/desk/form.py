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

import re
from dataclasses import dataclass, field

from ..facts.yamlsource import dotted

DATETIME_PATTERN = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$"
KEY_PATTERN = "^[a-z0-9][a-z0-9-]*$"
LANGUAGE_KEYS = ("en", "ru", "kk")
BAD_INPUT = "(not a date)"   # what the page posts for a date the browser could not read (desk.js)
LIST_MARK = "__list__."   # posted beside a list's items, so that an emptied list reads back as []
PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


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
                      if w.kind == "choice" else w.options, [moved(c) for c in w.children])
    return moved(item)


def parse_path(name: str) -> tuple:
    """``'paragraphs[0].en'`` -> ``('paragraphs', 0, 'en')``."""
    return tuple(int(index) if index else key for key, index in PATH_PART.findall(name))


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
        item = _resolve(node.get("items", {}), schema)
        if "enum" in item:
            return Widget(path, "multi", title, description, required, tuple(item["enum"]))
        if item.get("pattern") == KEY_PATTERN:
            return Widget(path, "keys", title, description, required)
        return Widget(path, "list", title, description, required, children=[widget(path + (0,), item, schema, True)])
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


def _kind_at(path: tuple, schema: dict) -> str:
    """The widget kind of the field at ``path`` (list indexes step into the items)."""
    tree = {w.path: w for w in widgets(schema)}
    current = tree.get(path[:1])
    for depth in range(1, len(path)):
        if current is None:
            return "text"
        if current.kind == "choice":
            wanted = ("list", "keys") if isinstance(path[depth], int) else ("group", "map", "texts")
            current = next((o for o in current.options if o.kind in wanted), current.options[0])
        if current.kind in ("list", "map"):
            current = current.children[0]
            continue
        if current.kind == "group":
            current = next((c for c in current.children if c.path[-1] == path[depth]), None)
            continue
        return "text"
    if current is not None and current.kind == "choice":
        # one value of a choice is a count only where the choice has a number (enclosures: 11); a ref's number
        # "0123" stays the text it is
        return "choice" if any(option.kind == "number" for option in current.options) else "text"
    return current.kind if current is not None else "text"


def _typed(value: str, kind: str):
    value = value.strip()
    if value == BAD_INPUT:
        return BAD_INPUT
    if kind == "datetime":
        return value.replace("T", " ")[:16]
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
    """The spec's data from the posted (name, value) pairs; names not of the form are ignored."""
    data: dict = {}
    known, emptied = set(schema["properties"]), []
    for name, value in pairs:
        if name.startswith(LIST_MARK):  # a list field on the page: [] when the clerk emptied it
            emptied.append(name[len(LIST_MARK):])
            continue
        path = parse_path(name)
        if not path or path[0] not in known:
            continue
        kind = _kind_at(path, schema)
        if kind == "multi":
            put_path(data, path + (len(get_path(data, path) or []),), value)
            continue
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

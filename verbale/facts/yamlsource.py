"""Safe YAML loading that remembers where every value stands and refuses duplicate keys.

>>> doc = load_yaml_text("number: 1\\nmeeting:\\n  zone: Asia/Almaty\\n", "x.yaml")
>>> doc.data["meeting"]["zone"], doc.line_of(("meeting", "zone"))
('Asia/Almaty', 3)
"""
from __future__ import annotations

from dataclasses import dataclass, field

import re

import yaml

from ..errors import SpecError



FastSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when PyYAML has it


def _core_schema_resolvers() -> dict:
    """YAML 1.2 core-schema plain scalars (no 1.1 surprises: ``0624``, ``010``, ``17:10``, ``yes`` stay text),
    stricter still for integers: decimal only, without a leading zero.  Dates stay dates."""
    rules = [
        ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN"),
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
        ("tag:yaml.org,2002:float", r"^(?:[-+]?(?:\.[0-9]+|(?:0|[1-9][0-9]*)(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+.0123456789"),
    ]
    resolvers: dict = {}
    for tag, pattern, first in rules:
        for char in first:
            resolvers.setdefault(char, []).append((tag, re.compile(pattern)))
    for char, entries in yaml.SafeLoader.yaml_implicit_resolvers.items():
        for tag, pattern in entries:
            if tag == "tag:yaml.org,2002:timestamp":
                resolvers.setdefault(char, []).append((tag, pattern))
    resolvers[""] = resolvers["~"]  # the empty scalar
    return resolvers


class _Loader(FastSafeLoader):
    """A safe loader of the YAML 1.2 core schema: no tag builds objects or runs code, and no value changes
    type by the way it is typed."""

    yaml_implicit_resolvers = _core_schema_resolvers()

    def construct_yaml_timestamp(self, node):
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"'{node.value}' is not a real date ({exc})", node.start_mark) from None

    def construct_yaml_int(self, node):
        try:
            return int(node.value)
        except ValueError:  # past Python's 4,300 digits
            raise yaml.constructor.ConstructorError(
                None, None, f"a number of {len(node.value):,} digits is too long", node.start_mark) from None

    def construct_yaml_float(self, node):
        value = node.value.lower()
        if value.endswith("nan"):
            return float("nan")
        if value.endswith("inf"):
            return float("-inf") if value.startswith("-") else float("inf")
        return float(value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)
_Loader.add_constructor("tag:yaml.org,2002:int", _Loader.construct_yaml_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _Loader.construct_yaml_float)


@dataclass
class YamlDoc:
    data: object
    file: str
    lines: dict = field(default_factory=dict)
    typed: dict = field(default_factory=dict)  # path -> a plain scalar as typed (for text fields like number)

    def line_of(self, path: tuple) -> int:
        """The line of the value at ``path``, or of its nearest recorded parent."""
        path = tuple(path)
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)


MAX_NODES = 20_000  # a note spec has a few hundred; aliases must not expand into millions ("billion laughs")


def _walk(node, path, lines, file, budget=None, typed=None):
    budget = budget if budget is not None else [MAX_NODES]
    budget[0] -= 1
    if budget[0] < 0 or len(path) > 50:
        raise SpecError("the document is too large or too deeply nested", field="(yaml)",
                        hint="a note spec has a few dozen fields; check for runaway anchors (&) and aliases (*)",
                        file=file, line=lines.get(path[:1], node.start_mark.line + 1))
    if isinstance(node, yaml.MappingNode):
        seen: dict = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = key_node.start_mark.line + 1
            if key in seen:
                raise SpecError(f"duplicate key '{key}' (first on line {seen[key]})", field=dotted(path + (key,)),
                                hint="a mapping may name each key once; delete one of them",
                                file=file, line=line)
            seen[key] = line
            lines.setdefault(path + (key,), line)
            _walk(value_node, path + (key,), lines, file, budget, typed)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.setdefault(path + (index,), item.start_mark.line + 1)
            _walk(item, path + (index,), lines, file, budget, typed)
    elif isinstance(node, yaml.ScalarNode) and typed is not None and not node.style:  # plain (libyaml says "" or None)
        typed[path] = node.value


def dotted(path: tuple) -> str:
    """``('paragraphs', 1, 'ru')`` -> ``'paragraphs[1].ru'``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text




def load_yaml_text(text: str, file: str) -> YamlDoc:
    lines: dict = {}
    typed: dict = {}
    loader = None
    try:
        loader = _Loader(text)
        node = loader.get_single_node()
        if node is None:
            raise SpecError("the file is empty", field="(spec)", hint="start from a spec in notes/", file=file, line=1)
        lines[()] = node.start_mark.line + 1
        _walk(node, (), lines, file, typed=typed)
        data = loader.construct_document(node)
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise SpecError(f"character #x{exc.character:04x} is not allowed in YAML", field="(file)",
                        hint="delete the control character", file=file, line=line) from None
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else 1
        paths = [path for path, at in lines.items() if at == line and path]
        raise SpecError(exc.problem or "unreadable value", field=dotted(min(paths, key=len)) if paths else "(yaml)",
                        hint="plain values only: no tags; dates as YYYY-MM-DD", file=file, line=line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        problem = (exc.problem or exc.context or "YAML syntax error").strip()
        raise SpecError(f"YAML syntax error{column}: {problem}", field="(yaml)",
                        hint="check indentation, colons and quotes", file=file, line=line) from None
    except (yaml.YAMLError, ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise SpecError(f"unreadable YAML: {exc}", field="(yaml)", hint="check the file is a plain YAML mapping",
                        file=file, line=1) from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDoc(data, file, lines, typed)


MAX_BYTES = 1_000_000


def load_yaml_bytes(raw: bytes, file: str) -> YamlDoc:
    if len(raw) > MAX_BYTES:
        raise SpecError(f"the file is {len(raw):,} bytes; a spec is a few kilobytes", field="(file)",
                        hint="is it really a YAML spec?", file=file, line=1)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise SpecError("the file is not UTF-8 text", field="(file)",
                        hint="save it as UTF-8 in your editor", file=file, line=line) from None
    if "\x00" in text:
        raise SpecError("the file holds NUL bytes", field="(file)", hint="is it really a YAML spec?", file=file, line=1)
    return load_yaml_text(text, file)

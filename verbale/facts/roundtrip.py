"""Writing a spec back as the clerk wrote it: comments, key order and the style of untouched values kept.

ruamel.yaml's round-trip mode keeps comments and order; only the values that changed are replaced, so an
untouched folded text stays folded and its comment stays beside it.

>>> text = "# my note\\nnumber: 17-1/1   # from the register\\ndate: 2021-09-23\\npurpose:\\n  en: >-\\n    forward\\n    it\\n"
>>> print(updated_text(text, {"number": "17-1/2", "date": "2021-09-23", "purpose": {"en": "forward it"}}), end="")
# my note
number: 17-1/2   # from the register
date: 2021-09-23
purpose:
  en: >-
    forward
    it
"""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from ..errors import SpecError


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 110
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _same(old, new) -> bool:
    if isinstance(old, (dt.date, dt.datetime)):
        return str(old) == str(new) or old == new
    if isinstance(old, str) and isinstance(new, str):
        return " ".join(old.split()) == " ".join(new.split())  # a folded text read back unchanged
    return old == new and type(old) is type(new)


def _styled(old, new):
    """``new`` in the style of ``old`` (a folded or quoted string stays folded or quoted)."""
    from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

    if isinstance(new, str) and isinstance(old, (FoldedScalarString, LiteralScalarString)):
        return type(old)(new)
    if isinstance(new, str) and type(old) is not str and isinstance(old, str):
        try:
            return type(old)(new)
        except TypeError:
            return new
    return new


def merge(node, new):
    """``node`` (ruamel's) changed in place to hold ``new``; returns what stands in the parent."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(node, CommentedMap) and isinstance(new, dict):
        for key in [k for k in node if k not in new]:
            del node[key]
        for key, value in new.items():
            node[key] = merge(node[key], value) if key in node else value
        return node
    if isinstance(node, CommentedSeq) and isinstance(new, list):
        del node[len(new):]
        for index, value in enumerate(new):
            if index < len(node):
                node[index] = merge(node[index], value)
            else:
                node.append(value)
        return node
    return node if _same(node, new) else _styled(node, new)


def updated_text(original: str, data: dict) -> str:
    """The spec's text with ``data``'s values, the clerk's comments and order kept."""
    yaml = _yaml()
    document = yaml.load(original) if original.strip() else None
    if document is None:
        from ruamel.yaml.comments import CommentedMap
        document = CommentedMap()
    document = merge(document, data)
    stream = io.StringIO()
    yaml.dump(document, stream)
    return stream.getvalue()


def write_spec(path: Path, data: dict) -> str:
    """Write ``data`` into the spec at ``path`` (atomically), keeping what the clerk wrote around it."""
    from ..files import write_atomic

    try:
        original = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(f"cannot read the spec to update it: {exc}", field="(file)", file=str(path), line=1) from None
    text = updated_text(original, data)
    try:
        write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        raise SpecError(f"cannot write the spec: {exc.strerror}", field="(file)", file=str(path), line=1,
                        hint="check the folder is writable") from None
    return text

"""The allocated number written into the spec in place of ``auto``: every other byte (comments, key order,
quoting, line endings, a byte-order mark) stays as the clerk wrote it, and the file is replaced whole.

>>> replace_number("# a note\\nnumber: auto   # from the register\\ndate: 2025-12-15\\n", "17-1/625")
'# a note\\nnumber: 17-1/625   # from the register\\ndate: 2025-12-15\\n'
>>> replace_number("number: 'auto'\\n", "17-1/625 #2")
'number: "17-1/625 #2"\\n'
"""
from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..errors import RegisterError
from ..files import write_atomic

BOM = b"\xef\xbb\xbf"


def yaml_scalar(value: str) -> str:
    """``value`` as a YAML scalar that reads back as the same text: plain where it can be, else quoted."""
    try:
        plain_ok = yaml.safe_load(f"k: {value}\n") == {"k": value} and "\n" not in value
    except yaml.YAMLError:
        plain_ok = False
    return value if plain_ok else json.dumps(value, ensure_ascii=False)


def replace_number(text: str, number: str) -> str:
    """``text`` with the value of its top-level ``number:`` replaced; raises ValueError when it has none."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)  # the pure-Python parser: its marks count characters
    if not isinstance(root, yaml.MappingNode):
        raise ValueError("the spec is not a mapping")
    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "number" and isinstance(value, yaml.ScalarNode):
            if value.style in ("|", ">"):
                raise ValueError("the number is a block scalar")
            start, end = value.start_mark.index, value.end_mark.index
            changed = text[:start] + yaml_scalar(number) + text[end:]
            check = yaml.safe_load(changed)
            if check.get("number") != number or {**check, "number": None} != {**yaml.safe_load(text), "number": None}:
                raise ValueError("the result would not read back")  # never write a spec we cannot read again
            return changed
    raise ValueError("the spec has no number field")


def write_number(spec: Path, expected: bytes, number: str, line: int = 1) -> None:
    """Write ``number`` into ``spec``, provided the file still holds ``expected`` (the bytes that were built:
    another run that numbered it in the meantime wins, and this one fails)."""
    try:
        current = spec.read_bytes()
    except OSError as exc:
        raise RegisterError(f"cannot read the spec again: {exc.strerror}", field="number", file=str(spec),
                            line=line) from None
    if current != expected:
        raise RegisterError(f"the spec changed while number {number} was allocated for it", field="number",
                            hint="another run numbered it, or it was edited; run again", file=str(spec), line=line)
    bom = BOM if current.startswith(BOM) else b""
    try:
        text = current[len(bom):].decode("utf-8")
        changed = replace_number(text, number)
    except (ValueError, yaml.YAMLError) as exc:
        raise RegisterError(f"cannot write number {number} into the spec: {exc}", field="number",
                            hint=f"type number: {number} in it by hand", file=str(spec), line=line) from None
    try:
        write_atomic(spec, bom + changed.encode("utf-8"))
    except OSError as exc:
        raise RegisterError(f"cannot write number {number} into the spec: {exc.strerror}", field="number",
                            hint=f"it is registered for this spec; type number: {number} in it by hand",
                            file=str(spec), line=line) from None


def spec_writable(spec: Path) -> bool:
    """Whether the spec can be replaced (its folder takes a new file, and the file itself is not read-only)."""
    import os

    return os.access(spec.parent, os.W_OK) and os.access(spec, os.W_OK)

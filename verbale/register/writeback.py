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


def _decoded(data: bytes) -> tuple[bytes, str]:
    bom = BOM if data.startswith(BOM) else b""
    return bom, data[len(bom):].decode("utf-8")


def _read(spec: Path, line: int) -> bytes:
    try:
        return spec.read_bytes()
    except OSError as exc:
        raise RegisterError(f"cannot read the spec again: {exc.strerror}", field="number", file=str(spec),
                            line=line) from None


def _number_in(data: bytes, spec: Path, line: int) -> str:
    try:
        parsed = yaml.safe_load(_decoded(data)[1])
    except (ValueError, yaml.YAMLError) as exc:
        raise RegisterError(f"the spec no longer reads as YAML: {str(exc).splitlines()[0]}", field="number",
                            hint="it was edited while it was being numbered; run again", file=str(spec),
                            line=line) from None
    value = parsed.get("number") if isinstance(parsed, dict) else None
    return "" if value is None else str(value)


def carried_number(spec: Path, line: int = 1) -> str:
    """The ``number:`` the spec holds now, as text (``auto`` while it waits for one)."""
    return _number_in(_read(spec, line), spec, line)


def write_number(spec: Path, number: str, line: int = 1) -> None:
    """Write ``number`` into ``spec`` in place of ``auto``. A spec that carries this number already is left as
    it is (another run of the same spec wrote it); one that carries another number is refused."""
    current = _read(spec, line)
    carried = _number_in(current, spec, line)
    if carried == number:
        return
    if carried != "auto":
        raise RegisterError(f"the spec changed while number {number} was allocated for it: it now says "
                            f"number: {carried or '(nothing)'}", field="number",
                            hint=f"it was edited; cancel {number} if it is not used, or run again",
                            file=str(spec), line=line)
    bom, text = _decoded(current)
    try:
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

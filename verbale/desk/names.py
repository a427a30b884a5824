"""Names without YAML."""
from __future__ import annotations


def routes() -> list:
    return []

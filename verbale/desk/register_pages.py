"""The register's pages in the desk."""
from __future__ import annotations


def routes() -> list:
    return []

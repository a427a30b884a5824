"""Registers to test against: an SQLite file, and a database on a throwaway PostgreSQL cluster started once per
session (pgcluster.py: initdb and pg_ctl, as 'nobody' when the tests run as root, on a Unix socket)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pgcluster import Cluster, ClusterUnavailable  # noqa: E402


@pytest.fixture(scope="session")
def postgres_cluster():
    try:
        cluster = Cluster()
    except ClusterUnavailable as exc:
        pytest.skip(str(exc))
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_database(postgres_cluster) -> str:
    """A fresh database on the session's cluster."""
    return postgres_cluster.new_database()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request, tmp_path) -> str:
    """A fresh, empty register in each database."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'register.sqlite').as_posix()}"
    return request.getfixturevalue("postgres_database")

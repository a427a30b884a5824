"""The throwaway PostgreSQL cluster (verbale/register/throwaway.py) as pytest fixtures."""
from __future__ import annotations

import pytest

from verbale.register.throwaway import Cluster, ClusterUnavailable, postgres_bin  # noqa: F401  (re-exported)

# Fixtures: a test module imports them by name (`from pgcluster import register_url, ...`); a conftest.py here
# would shadow tests/conftest.py, which other tests import as `conftest`.
_SHARED: list = []  # one cluster for the session, whichever test module asks first


@pytest.fixture(scope="session")
def postgres_cluster():
    if not _SHARED:
        try:
            _SHARED.append(Cluster())
        except ClusterUnavailable as exc:
            _SHARED.append(exc)
    if isinstance(_SHARED[0], ClusterUnavailable):
        pytest.skip(str(_SHARED[0]))
    yield _SHARED[0]
    _SHARED[0].stop()


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

"""Registers to test against: an SQLite file, and a database on a throwaway PostgreSQL cluster started once per
session (initdb and pg_ctl from Debian's postgresql, as the unprivileged user 'nobody' when the tests run as root,
listening only on a Unix socket in its own temporary folder)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest


def postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


@pytest.fixture(scope="session")
def postgres_server():
    """The URL of the cluster's maintenance database."""
    if os.name == "nt":
        pytest.skip("the throwaway PostgreSQL cluster uses a Unix socket")
    binaries = postgres_bin()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql): initdb not found")
    base = Path(tempfile.mkdtemp(prefix="vpg-"))  # short: a socket path has at most 107 bytes
    run_as: dict = {}
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        import pwd

        nobody = pwd.getpwnam("nobody")
        os.chown(base, nobody.pw_uid, nobody.pw_gid)
        run_as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
    data, log = base / "data", base / "log"
    options = f"-k {base} -c listen_addresses='' -p 5432 -c fsync=off -c full_page_writes=off -c max_connections=60"
    try:
        subprocess.run([binaries / "initdb", "-D", data, "-U", "verbale", "-A", "trust", "-E", "UTF8", "--locale=C",
                        "--no-sync"], cwd=base, check=True, capture_output=True, **run_as)
        subprocess.run([binaries / "pg_ctl", "-D", data, "-l", log, "-w", "-o", options, "start"], cwd=base,
                       check=True, capture_output=True, **run_as)
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        shutil.rmtree(base, ignore_errors=True)
        pytest.skip(f"cannot start a PostgreSQL cluster: {exc} {detail.decode(errors='replace')[-300:]}")
    try:
        yield f"postgresql+psycopg://verbale@/postgres?host={base}&port=5432"
    finally:
        subprocess.run([binaries / "pg_ctl", "-D", data, "-m", "immediate", "stop"], cwd=base, capture_output=True,
                       **run_as)
        shutil.rmtree(base, ignore_errors=True)


def new_database(server_url: str) -> str:
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    host = server_url.split("host=")[1].split("&")[0]
    with psycopg.connect(host=host, port=5432, user="verbale", dbname="postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.replace("/postgres?", f"/{name}?")


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request, tmp_path) -> str:
    """A fresh, empty register in each database."""
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'register.sqlite').as_posix()}"
    return new_database(request.getfixturevalue("postgres_server"))


@pytest.fixture
def postgres_database(postgres_server) -> str:
    """A fresh database on the session's cluster."""
    return new_database(postgres_server)

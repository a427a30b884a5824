"""A throwaway PostgreSQL cluster (initdb and pg_ctl from Debian's postgresql) in a temporary folder, as the
unprivileged user 'nobody' when run as root, listening only on a Unix socket in that folder. Used by the tests
and by benchmarks/register.py (so it is part of the package: the benchmarks run with ``pip install .[bench]``)."""
from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class ClusterUnavailable(Exception):
    """Why no cluster could be started (the tests skip with it)."""


def postgres_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(versions[-1]).parent if versions else None


class Cluster:
    def __init__(self, fsync: bool = False):
        if os.name == "nt":
            raise ClusterUnavailable("the throwaway PostgreSQL cluster uses a Unix socket")
        self.binaries = postgres_bin()
        if self.binaries is None:
            raise ClusterUnavailable("PostgreSQL is not installed (apt-get install postgresql): initdb not found")
        self.base = Path(tempfile.mkdtemp(prefix="vpg-"))  # short: a socket path has at most 107 bytes
        self.run_as: dict = {}
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            import pwd

            nobody = pwd.getpwnam("nobody")
            os.chown(self.base, nobody.pw_uid, nobody.pw_gid)
            self.run_as = {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}
        self.data = self.base / "data"
        # a process keeps one connection to each register it used (verbale/register/store.py): a test session
        # that makes a database per test holds one per database, so the cluster admits a few hundred
        options = f"-k {self.base} -c listen_addresses='' -p 5432 -c max_connections=300"
        if not fsync:
            options += " -c fsync=off -c full_page_writes=off"
        try:
            self._run("initdb", "-D", self.data, "-U", "verbale", "-A", "trust", "-E", "UTF8", "--locale=C",
                      "--no-sync")
            # -t: waited for up to 5 minutes (pg_ctl's own 60 s can pass on a loaded machine, and the tests that
            # need the cluster would then skip)
            self._run("pg_ctl", "-D", self.data, "-l", self.base / "log", "-w", "-t", "300", "-o", options, "start")
        except (subprocess.CalledProcessError, OSError) as exc:
            detail = (getattr(exc, "stderr", b"") or b"").decode(errors="replace")[-300:]
            shutil.rmtree(self.base, ignore_errors=True)
            raise ClusterUnavailable(f"cannot start a PostgreSQL cluster: {exc} {detail}") from None

    def _run(self, program: str, *args, check: bool = True):
        return subprocess.run([self.binaries / program, *args], cwd=self.base, check=check, capture_output=True,
                              **self.run_as)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://verbale@/{database}?host={self.base}&port=5432"

    def new_database(self) -> str:
        import uuid

        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(host=str(self.base), port=5432, user="verbale", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def stop(self) -> None:
        if not self.base.exists():
            return
        self._run("pg_ctl", "-D", self.data, "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)

"""The on-disk cache of derived data: the same notes with it, without it, and with a broken one."""
from __future__ import annotations

import subprocess
import sys

from conftest import NOTES, ROOT
from verbale import cache


def generate(out, cache_setting: str) -> dict[str, bytes]:
    env = {**__import__("os").environ, "VERBALE_CACHE": cache_setting}
    subprocess.run([sys.executable, str(ROOT / "generate.py"), str(NOTES / "17-1-624.yaml"), "-o", str(out)],
                   check=True, capture_output=True, env=env)
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_the_same_bytes_with_a_cold_cache_a_warm_cache_and_none(tmp_path):
    folder = tmp_path / "cache"
    cold = generate(tmp_path / "cold", str(folder))
    assert any(folder.glob("termbase-*.pickle")) and any(folder.glob("numbers-ru-*.pickle"))
    assert any(folder.glob("cldr-ru-*.pickle")) and any((folder / "jinja").iterdir())
    warm = generate(tmp_path / "warm", str(folder))
    none = generate(tmp_path / "none", "off")
    assert cold == warm == none


def test_a_broken_cache_entry_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("VERBALE_CACHE", str(tmp_path))
    key = cache.digest("test")
    (tmp_path / f"thing-{key}.pickle").write_bytes(b"not a pickle")
    assert cache.cached("thing", key, lambda: {"built": True}) == {"built": True}
    assert cache.cached("thing", key, lambda: {"built": False}) == {"built": True}  # stored the second time


def test_changed_data_gets_a_new_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("VERBALE_CACHE", str(tmp_path))
    assert cache.cached("thing", cache.digest("v1"), lambda: 1) == 1
    assert cache.cached("thing", cache.digest("v2"), lambda: 2) == 2
    assert len(list(tmp_path.glob("thing-*.pickle"))) == 2


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VERBALE_CACHE", str(blocker / "cache"))
    assert cache.cached("thing", cache.digest("x"), lambda: 7) == 7
    monkeypatch.setenv("VERBALE_CACHE", "off")
    assert cache.cache_dir() is None

"""The on-disk cache of derived data: the same notes with it, without it, and with a broken or foreign one.
No entry can run code (JSON only), and a folder someone else can write is not used at all (issue #15)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import NOTES, ROOT
from verbale import cache

posix_only = pytest.mark.skipif(os.name == "nt", reason="owners and modes are POSIX")


def generate(out, cache_setting: str) -> dict[str, bytes]:
    env = {**os.environ, "VERBALE_CACHE": cache_setting}
    subprocess.run([sys.executable, str(ROOT / "generate.py"), str(NOTES / "17-1-624.yaml"), "-o", str(out)],
                   check=True, capture_output=True, env=env, timeout=120)
    return {p.name: p.read_bytes() for p in out.iterdir()}


def test_the_same_bytes_with_a_cold_cache_a_warm_cache_and_none(tmp_path):
    folder = tmp_path / "cache"
    cold = generate(tmp_path / "cold", str(folder))
    names = {p.name.rsplit("-", 1)[0] for p in folder.iterdir()}
    assert {"termbase", "numbers-ru", "cldr-ru", "places-kk"} <= names
    assert all(p.suffix == ".json" for p in folder.iterdir())  # no pickle, no compiled templates
    warm = generate(tmp_path / "warm", str(folder))
    none = generate(tmp_path / "none", "off")
    assert cold == warm == none


def test_a_pickle_in_the_cache_is_never_loaded(tmp_path):
    """A pickle planted under any name the old cache used runs no code."""
    folder = tmp_path / "cache"
    generate(tmp_path / "first", str(folder))
    marker = tmp_path / "pwned"
    payload = b"cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR."
    for entry in list(folder.iterdir()):
        entry.with_suffix(".pickle").write_bytes(payload)
    generate(tmp_path / "second", str(folder))
    assert not marker.exists()


@posix_only
def test_a_data_entry_in_a_folder_others_can_write_changes_nothing(tmp_path):
    folder = tmp_path / "shared"
    expected = generate(tmp_path / "honest", str(folder))
    for entry in folder.glob("termbase-*.json"):  # "The Embassy of Atlantis"
        forged = entry.read_text(encoding="utf-8").replace("Secretariat", "Embassy of Atlantis")
        assert forged != entry.read_text(encoding="utf-8")
        entry.write_text(forged, encoding="utf-8")
    folder.chmod(0o777)
    assert generate(tmp_path / "shared-out", str(folder)) == expected
    folder.chmod(0o700)  # the same forged entry in a folder of ours is trusted: it is how the test can fail
    assert generate(tmp_path / "own-out", str(folder)) != expected


@posix_only
def test_only_a_folder_of_ours_that_no_one_else_can_write_is_used(tmp_path, monkeypatch):
    folder = tmp_path / "c"
    monkeypatch.setenv("VERBALE_CACHE", str(folder))
    assert cache.cache_dir() == folder
    for mode in (0o777, 0o775, 0o757):
        folder.chmod(mode)
        assert cache.cache_dir() is None
    folder.chmod(0o700)
    link = tmp_path / "link"
    link.symlink_to(folder)
    monkeypatch.setenv("VERBALE_CACHE", str(link))
    assert cache.cache_dir() is None
    if os.getuid() == 0:
        os.chown(folder, 12345, 12345)
        monkeypatch.setenv("VERBALE_CACHE", str(folder))
        assert cache.cache_dir() is None


def entry_path(folder, name, key):
    return folder / f"{name}-{key}.json"


@pytest.mark.parametrize("content", [b"not json", b"\xff\xfe", b"[1, 2]", b'{"key": "other", "value": 1}',
                                     b'{"key": "K", "value": {"a": "not a number"}}',
                                     b'{"key": "K", "value": {"$date": 5}}'])
def test_a_broken_cache_entry_is_rebuilt(tmp_path, monkeypatch, content):
    monkeypatch.setenv("VERBALE_CACHE", str(tmp_path))
    key = cache.digest("test")
    path = entry_path(tmp_path, "thing", key)
    path.write_bytes(content.replace(b"K", key.encode()))
    path.chmod(0o600)
    shape = lambda value: cache.shaped(value, {str: int})  # noqa: E731
    assert cache.cached("thing", key, lambda: {"built": 1}, shape) == {"built": 1}
    assert json.loads(path.read_text(encoding="utf-8"))["value"] == {"built": 1}  # stored again, whole
    assert cache.cached("thing", key, lambda: {"built": 2}, shape) == {"built": 1}


@posix_only
def test_a_fifo_or_unreadable_or_foreign_entry_degrades_to_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VERBALE_CACHE", str(tmp_path))
    key = cache.digest("fifo")
    os.mkfifo(entry_path(tmp_path, "thing", key))  # would hang a plain open()
    assert cache.cached("thing", key, lambda: 3) == 3
    key = cache.digest("unreadable")
    entry_path(tmp_path, "thing", key).write_text(json.dumps({"key": key, "value": 9}), encoding="utf-8")
    entry_path(tmp_path, "thing", key).chmod(0o622)  # group/world-writable: not ours alone
    assert cache.cached("thing", key, lambda: 4) == 4


def test_the_whole_run_survives_a_corrupt_cache(tmp_path):
    folder = tmp_path / "cache"
    expected = generate(tmp_path / "first", str(folder))
    for entry in folder.iterdir():
        entry.write_bytes(b'{"key": "' + entry.stem.rsplit("-", 1)[1].encode() + b'", "value": [1, {"$date": "x"}]}')
    assert generate(tmp_path / "second", str(folder)) == expected


def test_changed_data_gets_a_new_entry(tmp_path, monkeypatch):
    monkeypatch.setenv("VERBALE_CACHE", str(tmp_path))
    assert cache.cached("thing", cache.digest("v1"), lambda: 1) == 1
    assert cache.cached("thing", cache.digest("v2"), lambda: 2) == 2
    assert len(list(tmp_path.glob("thing-*.json"))) == 2


def test_an_unwritable_cache_only_costs_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VERBALE_CACHE", str(blocker / "cache"))
    assert cache.cached("thing", cache.digest("x"), lambda: 7) == 7
    monkeypatch.setenv("VERBALE_CACHE", "off")
    assert cache.cache_dir() is None

"""Issue #24: a link in the workspace to outside it never breaks the desk's list (it was a 500 for every clerk)
and is never followed: the list shows each such file as a note that says why, and nothing of it."""
from __future__ import annotations

import os
import shutil

import pytest
from starlette.testclient import TestClient

from desk_fixtures import NOTES, workspace  # noqa: F401 - a fixture
from verbale.desk.app import create_app

pytestmark = pytest.mark.skipif(os.name == "nt", reason="links")


def test_links_to_outside_the_workspace_are_notes_on_the_list(workspace, tmp_path):
    outside = tmp_path / "outside"
    (outside / "kk").mkdir(parents=True)
    secret = outside / "secret.yaml"
    secret.write_text((NOTES / "17-1-624.yaml").read_text(encoding="utf-8").replace("17-1/624", "SECRET-77"),
                      encoding="utf-8")
    (workspace / "verbale.yaml").write_text("languages: [en, ru, kk]\n", encoding="utf-8")
    (workspace / "termbase").mkdir()
    (workspace / "termbase" / "kk").symlink_to(outside / "kk")
    (workspace / "stolen.yaml").symlink_to(secret)
    (workspace / "drafts").mkdir()
    (workspace / "drafts" / "gone.YML").symlink_to(tmp_path / "nowhere.yaml")
    shutil.copy(NOTES / "osce-brussels-2006.yaml", workspace / "drafts" / "UPPER.YAML")
    client = TestClient(create_app(workspace, port=8765, token="t"), base_url="http://127.0.0.1:8765")
    page = client.get("/?token=t")
    assert page.status_code == 200, page.text
    text = page.text
    assert "SECRET-77" not in text and 'href="/spec/stolen.yaml"' not in text
    assert 'href="/spec/drafts/UPPER.YAML"' in text, "found by its extension in any case"
    assert f"stolen.yaml: a link to outside the workspace ({workspace}), left out" in text
    assert "drafts/gone.YML: a link to nothing or a loop of links" in text
    assert "termbase/kk:1: (file): a link to outside the workspace" in text
    assert client.get("/spec/stolen.yaml").status_code == 404

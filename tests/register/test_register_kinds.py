"""The register records the kind of document a number was given to (NOTE-SPEC §11), on SQLite and a real
PostgreSQL server: the example's personal note and aide-mémoire, numbered with `number: auto`; `register show`
says the kind, and the aide-mémoire's recipient is whom it was handed to.  A note verbale is recorded as before
(no row in register_kinds), so a register made before kinds reads the same."""
from __future__ import annotations

from kinds_workspace import registry_workspace
from pgcluster import postgres_cluster, postgres_database, register_url  # noqa: F401  (fixtures)

from verbale.cli import main as verbale
from verbale.register.store import Register


def test_the_register_records_each_kind(tmp_path, monkeypatch, capsys, register_url):
    root, register_url = registry_workspace(tmp_path, register_url)
    (root / "notes" / "note-verbale.yaml").write_text(
        "number: auto\ndate: 2026-03-25\nrecipients: [mfa-russia]\n"
        "purpose: {en: inform the Ministry, ru: сообщить, kk: хабарлауды}\n", encoding="utf-8")
    monkeypatch.chdir(root)
    for name in ("personal-absence", "aide-memoire-consultations", "note-verbale"):
        assert verbale(["generate", f"notes/{name}.yaml", "-o", "out"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    kinds = {record.entry["spec_path"]: (record.number, record.document_kind, record.entry["recipients"])
             for record in Register(register_url).records()}
    assert kinds == {"notes/personal-absence.yaml": ("04-1/1", "personal-note", "minister-russia"),
                     "notes/aide-memoire-consultations.yaml": ("04-1/2", "aide-memoire", "mfa-russia"),
                     "notes/note-verbale.yaml": ("04-1/3", "note-verbale", "mfa-russia")}
    assert verbale(["register", "show", "04-1/2"]) == 0
    shown = capsys.readouterr().out.splitlines()
    assert shown[1:3] == ["kind:       aide-memoire", "date:       2026-03-24"]
    assert "recipients: mfa-russia" in shown

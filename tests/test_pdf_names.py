"""Issue #24: a spec's file name never reaches LibreOffice as an option.  With ``-o .`` the DOCX names are what the
specs are called (``--norestore-x.en.docx``); soffice is given only copies with names of its own, by absolute
path, so no file name steers the office, and one odd name never costs the others their PDF.  Real LibreOffice."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from conftest import spec_yaml
from verbale.cli.generate import main

needs_office = pytest.mark.skipif(not all(map(shutil.which, ("soffice", "pdftotext"))),
                                  reason="needs LibreOffice and poppler-utils (apt-get install "
                                         "libreoffice-writer-nogui poppler-utils)")
STEERING = ["--norestore-x.yaml", "-env:UserInstallation=file:evil.yaml", "--outdir.yaml", "--headless.yaml",
            "-o.yaml", "--pt-printer.yaml", "my note.yaml", "a=b.yaml", "new\nline.yaml", "good.yaml"]


@needs_office
@pytest.mark.skipif(os.name == "nt", reason="names with a newline or a colon")
def test_file_names_that_look_like_options_do_not_steer_the_office(tmp_path, monkeypatch, capsys):
    specs, out = tmp_path / "specs", tmp_path / "out"
    specs.mkdir()
    out.mkdir()
    for number, name in enumerate(STEERING):
        (specs / name).write_text(spec_yaml(number=f"9/{number}", languages=["en"]), encoding="utf-8")
    monkeypatch.chdir(out)
    status = main([str(specs), "-o", ".", "--pdf", "--jobs", "1"])
    said = capsys.readouterr()
    assert status == 0, said.err
    docx = sorted(p.name for p in out.glob("*.docx"))
    assert len(docx) == 3 * len(STEERING)
    assert sorted(p.name for p in out.iterdir()) == sorted(docx + [name[:-5] + ".pdf" for name in docx]), \
        "a PDF beside each DOCX, and nothing else: no profile or folder named by a spec"
    for name in ("--norestore-x.en.pdf", "-env_UserInstallation_file_evil.en.pdf", "new_line.en.pdf"):
        text = subprocess.run(["pdftotext", "--", name, "-"], capture_output=True, text=True, check=True).stdout
        assert "has the honour" in text, name
    assert not (tmp_path / "evil").exists() and not (out / "evil").exists()


def test_the_office_is_called_once_with_absolute_names_of_its_own(tmp_path, monkeypatch, capsys):
    """What soffice is given (a stand-in records its arguments): after the options, only absolute paths of
    copies named 0.docx, 1.docx…; one call when every PDF is made."""
    import json

    from test_pdf import fake_office

    calls = tmp_path / "calls.jsonl"
    launcher = fake_office(tmp_path, f"""import sys, json, pathlib
open({str(calls)!r}, 'a').write(json.dumps(sys.argv[1:]) + '\\n')
args = sys.argv[1:]
out = pathlib.Path(args[args.index('--outdir') + 1])
for name in args[args.index('--outdir') + 2:]:
    (out / (pathlib.Path(name).stem + '.pdf')).write_bytes(b'%PDF-1.7\\n%%EOF\\n')
""")
    monkeypatch.setenv("VERBALE_SOFFICE", str(launcher))
    specs, out = tmp_path / "specs", tmp_path / "out"
    specs.mkdir()
    out.mkdir()
    for name in ("--norestore-x.yaml", "good.yaml"):
        (specs / name).write_text(spec_yaml(languages=["en"]), encoding="utf-8")
    monkeypatch.chdir(out)
    assert main([str(specs), "-o", ".", "--pdf"]) == 0, capsys.readouterr().err
    argv = [json.loads(line) for line in calls.read_text().splitlines()]
    assert len(argv) == 1
    files = argv[0][argv[0].index("--outdir") + 2:]
    assert sorted(os.path.basename(f) for f in files) == [f"{n}.docx" for n in range(6)]
    assert all(os.path.isabs(f) and not f.startswith("-") for f in files + [argv[0][argv[0].index("--outdir") + 1]])
    assert len(list(out.glob("*.pdf"))) == 6


@pytest.mark.skipif(not hasattr(os, "symlink") or os.name == "nt", reason="links")
def test_a_docx_that_became_a_link_costs_only_its_own_pdf(tmp_path, monkeypatch):
    """convert() (the command line's and the desk's) never reads through a link; the other files get PDFs."""
    from test_pdf import WHOLE_PDF, office_writing
    from verbale.pdf import convert

    monkeypatch.setenv("VERBALE_SOFFICE", str(office_writing(tmp_path, WHOLE_PDF)))
    good, bad = tmp_path / "good.docx", tmp_path / "bad.docx"
    good.write_bytes(b"PK docx")
    (tmp_path / "secret").write_bytes(b"not yours")
    bad.symlink_to(tmp_path / "secret")
    conversion = convert([good, bad])
    assert list(conversion.pdfs) == [good] and "not a DOCX file to read" in conversion.failures[bad].problem

"""The workspace's spec files as the desk sees them: found, opened, saved, generated, copied.

Every name a request gives is resolved inside the workspace; nothing outside it is read or written.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from pathlib import Path

from ..errors import NoteError, SpecError
from ..facts.roundtrip import write_spec
from ..facts.yamlsource import load_yaml_bytes

SKIPPED_FOLDERS = {"termbase", "out", "node_modules", "__pycache__"}
NOT_SPECS = {"verbale.yaml"}
SAMPLE = Path(__file__).resolve().parents[2] / "notes"


class SpecFiles:
    def __init__(self, root: Path):
        self.root = root.resolve()

    def all(self) -> list[Path]:
        return self.found().files

    def found(self):
        """The workspace's specs, and those left out with why (a link to outside the workspace, to nothing)."""
        from ..facts.folders import spec_files

        return spec_files(self.root, self.root, recursive=True, skipped=frozenset(SKIPPED_FOLDERS))

    def left_out(self) -> list[str]:
        """A note for each file of the workspace that looks like a spec and is not listed."""
        return [f"{path.relative_to(self.root).as_posix()}: {why} ({hint})"
                for path, why, hint in self.found().left_out]

    def name(self, path: Path) -> str:
        return path.resolve().relative_to(self.root).as_posix()

    def path(self, name: str, must_exist: bool = True) -> Path:
        """The spec ``name`` (relative to the workspace); refused unless it is a YAML spec inside it (not a file
        of the termbase, the output folder or a hidden folder)."""
        candidate = (self.root / name).resolve()
        inside = candidate.is_relative_to(self.root) and candidate != self.root and not any(
            part.startswith(".") or part in SKIPPED_FOLDERS for part in candidate.relative_to(self.root).parts[:-1]
        ) if candidate.is_relative_to(self.root) else False
        if not inside or candidate.suffix.lower() not in (".yaml", ".yml") or candidate.name in NOT_SPECS:
            raise SpecError(f"no spec '{name}' in this workspace", field="(file)", hint="pick one from the list")
        if must_exist and not candidate.is_file():
            raise SpecError(f"no spec '{name}' in this workspace", field="(file)", hint="pick one from the list")
        return candidate

    def read(self, path: Path) -> tuple[dict | None, str]:
        """The spec's data, or None and the line that says why it cannot be opened."""
        try:
            doc = load_yaml_bytes(path.read_bytes(), self.name(path))
        except NoteError as exc:
            return None, str(exc)
        except OSError as exc:
            return None, f"{self.name(path)}:1: (file): cannot read it: {exc.strerror}"
        if not isinstance(doc.data, dict):
            return None, f"{self.name(path)}:1: (spec): a spec is a mapping of fields"
        return doc.data, ""

    def sharing_outputs(self, path: Path) -> list[str]:
        """The workspace's other specs whose files in the output folder have this spec's names (one stem, in any
        case and Unicode form, as Windows' and macOS's folders compare names): a Generate of one would replace
        the other's files, which the command line does only with --force."""
        from ..build import safe_stem

        def key(spec: Path) -> str:
            return unicodedata.normalize("NFC", safe_stem(spec)).casefold()

        mine = key(path)
        return sorted(self.name(other) for other in self.all() if other.resolve() != path.resolve()
                      and key(other) == mine)

    def generate(self, path: Path, out: Path, workspace, draft: bool = False) -> tuple[list[str], list[str]]:
        """Write the spec's files (replacing the desk's earlier ones) and, where LibreOffice is installed, a PDF
        beside each DOCX: the names of the files, and a line for each PDF that could not be made. As `verbale
        generate --pdf`: the note is numbered and recorded where the workspace keeps a register, and so are its
        PDFs (their SHA-256 under its number); a ``draft`` takes no number and is recorded nowhere."""
        from ..build import build
        from ..register.outgoing import record_made_files, write_registered

        built = build(path, workspace=workspace, draft=draft)
        write_registered(built, out, force=True)   # numbered and recorded where the workspace keeps a register
        names = sorted(built.files)
        made, problems = self._pdfs([out / name for name in names if name.endswith(".docx")])
        if made and not draft:
            root = getattr(workspace, "root", None)
            record_made_files(path, made, str(root) if root else None)
        return sorted(names + list(made)), problems

    @staticmethod
    def _pdfs(docx: list[Path]) -> tuple[dict[str, bytes], list[str]]:
        from ..pdf import PdfError, find_office, pdf_path, write_pdf
        from .office import convert

        try:
            find_office()
        except PdfError:
            return {}, ["No PDF: LibreOffice is not installed here (the Word files are written)."]
        conversion = convert(docx)
        made, problems = {}, [error.problem for error in conversion.failures.values()]
        for source, data in conversion.pdfs.items():
            try:  # the command line's rules: never through a link, a FIFO or a device
                write_pdf(pdf_path(source), data)
                made[pdf_path(source).name] = data
            except (PdfError, OSError) as exc:
                problems.append(f"no PDF for {source.name}: {getattr(exc, 'problem', None) or exc}")
        return made, problems

    def samples(self) -> list[str]:
        """What a new spec may start from: the workspace's own specs, then the built-in samples."""
        own = [self.name(path) for path in self.all()]
        built_in = [f"sample:{p.name}" for p in sorted(SAMPLE.glob("*.yaml"))] if SAMPLE.is_dir() else []
        return own + built_in

    def _sample(self, name: str) -> Path | None:
        if name not in self.samples():
            return None
        return SAMPLE / name.split(":", 1)[1] if name.startswith("sample:") else self.path(name)

    def _free(self, stem: str, folder: Path) -> Path:
        stem = re.sub(r"[^\w.-]+", "-", stem).strip(".-")[:100] or "note"
        stem = re.sub(r"\.ya?ml$", "", stem, flags=re.I) or "note"
        candidate, number = folder / f"{stem}.yaml", 2
        while candidate.exists():
            candidate, number = folder / f"{stem}-{number}.yaml", number + 1
        return candidate

    def create(self, name: str, sample: str, numbered: bool = False, today: dt.date | None = None) -> Path:
        """A new spec from a sample (the workspace's own specs or the built-in ones), or an empty one, for the
        next note: ``number: auto`` where the workspace numbers its notes (else left for the clerk) and today's
        date; the rest of the sample (its comments and all) as it is."""
        source = self._sample(sample)
        text = source.read_text(encoding="utf-8-sig") if source else ""
        folder = self.root / "notes" if (self.root / "notes").is_dir() else self.root
        target = self._free(name or "new-note", folder)
        text = _next_note(text, numbered, today or dt.date.today())
        with target.open("x", encoding="utf-8") as stream:   # never over a file that appeared meanwhile
            stream.write(text)
        return target

    def duplicate(self, path: Path, numbered: bool = False, today: dt.date | None = None) -> Path:
        """A copy beside the spec for the next note (comments and all), without the original's number (`auto`
        where the workspace numbers its notes, else empty for the clerk to fill in) and dated today."""
        target = self._free(path.stem, path.parent)
        text = _next_note(path.read_text(encoding="utf-8-sig"), numbered, today or dt.date.today())
        with target.open("x", encoding="utf-8") as stream:
            stream.write(text)
        return target

    def renamed(self, path: Path, to: str) -> Path:
        """Give the spec another file name in its folder (never over another file)."""
        stem = re.sub(r"\.ya?ml$", "", to.strip(), flags=re.I)
        if not re.fullmatch(r"[\w][\w.-]{0,99}", stem) or stem.startswith("."):
            raise SpecError(f"'{to[:60]}' is not a file name for a note", field="(file)",
                            hint="letters, digits, dots, hyphens and underscores", file=self.name(path), line=1)
        target = path.parent / f"{stem}{path.suffix}"
        if target.exists():
            raise SpecError(f"{self.name(target)} exists already", field="(file)", hint="choose another name",
                            file=self.name(path), line=1)
        with target.open("xb") as stream:
            stream.write(path.read_bytes())
        path.unlink()
        return target

    def free_like(self, name: str) -> Path:
        """Where a spec once called ``name`` goes back: that name if free, else the next free one beside it."""
        wanted = self.path(name, must_exist=False)
        return wanted if not wanted.exists() else self._free(wanted.stem, wanted.parent)


def _next_note(text: str, numbered: bool, today: dt.date) -> str:
    """A spec's text for the next note: its number `auto` (numbered workspace) or empty, and today's date.

    >>> print(_next_note("# a note\\nnumber: 17-1/624   # typed\\ndate: 2021-09-23\\n", True, dt.date(2026, 3, 2)), end="")
    # a note
    number: auto       # typed
    date: 2026-03-02
    >>> print(_next_note("", False, dt.date(2026, 3, 2)), end="")
    number:
    date: 2026-03-02
    """
    from ..facts.roundtrip import updated_text

    try:
        data = load_yaml_bytes(text.encode("utf-8"), "sample").data if text.strip() else {}
    except NoteError:
        data = None
    if not isinstance(data, dict):
        return text
    return updated_text(text, {"number": "auto" if numbered else None, "date": today, **{
        key: value for key, value in data.items() if key not in ("number", "date")}})

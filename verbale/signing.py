"""PAdES signatures of a note's PDFs with pyHanko (NOTE-SPEC §12): signing with the office's key, and checking
a signed file.  pyHanko comes with the optional extra ``verbale[sign]``; without it each function raises one
clear SignError.

- Signing is PAdES baseline B-B: a CAdES detached signature (``ETSI.CAdES.detached``) with the signer's
  certificate, no time-stamp, invisible (no widget drawn, so no font is added: a PDF/A stays PDF/A), appended as
  an incremental update: the bytes before it stay as they were.  pyHanko keeps the XMP metadata (with its PDF/A
  identification) and the document information in step; ``sign_pdf`` checks with pikepdf that the PDF/A
  identification and the output intent are still there, and refuses to give a file where they are not.
- Checking: every signature of the file, its integrity (the signed bytes' digest and the signature itself), what
  it covers (the whole file, or a revision with later changes), and, given the office's CA, whether the signer's
  certificate leads to it.  Nothing is fetched from the network (no revocation look-up): the report says so.
"""
from __future__ import annotations

import io
import logging
from dataclasses import dataclass
from pathlib import Path

from .errors import NoteError

MAX_KEY = 1024 * 1024     # a PKCS#12 file with its chain is some kilobytes
INSTALL_HINT = 'install the signing extra: pip install "verbale[sign]"'


class SignError(NoteError):
    """A key that cannot be used, a file that cannot be signed, or the signing extra is missing."""


def require() -> None:
    """SignError (one line) unless pyHanko, the signing extra, is installed."""
    try:
        import pikepdf  # noqa: F401
        import pyhanko  # noqa: F401
        from pyhanko.sign import signers  # noqa: F401
    except ImportError:
        raise SignError("signing needs pyHanko and pikepdf, which are not installed", field="(sign)",
                        hint=INSTALL_HINT) from None
    for name in ("pyhanko", "pyhanko_certvalidator"):  # its own log lines (tracebacks) are not for a clerk
        logging.getLogger(name).setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class Key:
    signer: object          # pyhanko.sign.signers.SimpleSigner
    subject: str            # the certificate's subject, as people read it (RFC 4514, most significant last)
    issuer: str
    serial: str


def load_key(path: Path, password: bytes) -> Key:
    """The office's key and certificate from a PKCS#12 file; SignError (one line) if it cannot be opened."""
    require()
    from cryptography.hazmat.primitives.serialization import pkcs12
    from pyhanko.sign import signers

    data = _read_key(path)
    try:
        key, certificate, others = pkcs12.load_key_and_certificates(data, password or None)
    except ValueError:
        raise SignError(f"cannot open the key {path}: wrong password, or not a PKCS#12 file", field="--key",
                        hint="type the password again, or check VERBALE_KEY_PASSWORD") from None
    if key is None or certificate is None:
        raise SignError(f"the key file {path} holds no private key with its certificate", field="--key",
                        hint="export the office's key with its certificate (.p12)")
    signer = signers.SimpleSigner.load_pkcs12_data(data, (), passphrase=password or None)   # the bytes read once
    if signer is None:
        raise SignError(f"pyHanko cannot use the key {path}", field="--key", hint="export it again as PKCS#12")
    return Key(signer, certificate.subject.rfc4514_string(), certificate.issuer.rfc4514_string(),
               format(certificate.serial_number, "x"))


def _read_key(path: Path, field: str = "--key") -> bytes:
    """The key file's bytes: a regular file (a link to one is the clerk's own), never a FIFO or a device that
    would make the command wait, at most MAX_KEY bytes."""
    import os
    import stat

    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise SignError(f"cannot read the key {path}: {exc.strerror}", field=field,
                        hint="name the office's .p12 file") from None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_KEY:
            raise SignError(f"cannot read the key {path}: not a regular file, or larger than "
                            f"{MAX_KEY // 1024} KiB", field=field, hint="name the office's .p12 file")
        return stream.read(MAX_KEY + 1)


def pdfa_identity(pdf: bytes) -> tuple[str, bool]:
    """The PDF/A part and conformance the file's XMP declares (``2B``, or '') and whether it has an output
    intent; read with pikepdf."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as document:
        status = document.open_metadata().pdfa_status or ""
        return status, "/OutputIntents" in document.Root and len(document.Root.OutputIntents) > 0


def sign_pdf(pdf: bytes, key: Key, field_name: str = "Signature1") -> bytes:
    """``pdf`` signed (PAdES B-B) as an incremental update; a PDF/A stays PDF/A (checked)."""
    require()
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        names = _field_names(writer)
        while field_name in names:
            field_name = _next_name(field_name)
        metadata = signers.PdfSignatureMetadata(field_name=field_name, subfilter=SigSeedSubFilter.PADES,
                                                md_algorithm="sha256")
        signed = signers.sign_pdf(writer, metadata, signer=key.signer).getvalue()
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        raise SignError(f"the PDF cannot be signed: {exc}", field="(sign)",
                        hint="make the PDF again with verbale generate --pdf") from None
    before = pdfa_identity(pdf)
    if before[0] and pdfa_identity(signed) != before:
        raise SignError("signing would lose the PDF/A identification or its output intent", field="(sign)",
                        hint="report it with the file")
    return signed


def _field_names(writer) -> set[str]:
    from pyhanko.sign.fields import enumerate_sig_fields

    return {name for name, _, _ in enumerate_sig_fields(writer)}


def _next_name(name: str) -> str:
    """``Signature1`` -> ``Signature2``."""
    stem = name.rstrip("0123456789")
    return f"{stem}{int(name[len(stem):] or 1) + 1}"


@dataclass(frozen=True)
class Signature:
    """One signature of a PDF as checked."""

    signer: str             # the signer's certificate subject
    intact: bool            # the signed bytes are unchanged and the signature is the signer's
    whole_file: bool        # it covers the file to its end (nothing appended after signing)
    trusted: bool | None    # the certificate leads to the trusted CA (None: no CA was given)
    problem: str = ""       # what is wrong, in words

    @property
    def good(self) -> bool:
        return self.intact and self.whole_file and self.trusted is not False


def signatures(pdf: bytes, trust: list[Path] | None = None) -> list[Signature]:
    """Every signature of ``pdf``, checked; [] for an unsigned file.  ``trust`` names the CA certificates (PEM
    or DER) the signer's certificate must lead to."""
    require()
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        embedded = PdfFileReader(io.BytesIO(pdf), strict=False).embedded_signatures
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        return [Signature("", False, False, None, f"the file cannot be read as a PDF ({exc})")]
    roots = []
    for path in trust or []:
        try:
            roots += list(load_certs_from_pemder_data(_read_key(path, "--trust")))
        except (ValueError, TypeError) as exc:
            raise SignError(f"cannot read the trusted certificate {path}: {exc}", field="--trust",
                            hint="name the office's CA certificate (.pem or .cer)") from None
        except SignError as exc:
            raise SignError(exc.problem.replace("the key", "the trusted certificate"), field="--trust",
                            hint="name the office's CA certificate (.pem or .cer)") from None
    found = []
    for embedded_signature in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)   # never the system's trust list
        try:
            status = validate_pdf_signature(embedded_signature, context)
        except Exception as exc:  # noqa: BLE001 - a damaged signature is a finding, not a crash
            found.append(Signature(_subject_of(embedded_signature), False, False, None,
                                   f"the signature cannot be checked ({type(exc).__name__}: {exc})"))
            continue
        whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        trusted = bool(status.trusted) if roots else None
        problem = "" if status.intact and status.valid else "the signed bytes were changed or the signature is broken"
        if status.intact and status.valid and not whole:
            problem = "the file was changed after it was signed (bytes appended after the signature)"
        elif status.intact and status.valid and trusted is False:
            problem = "the signer's certificate does not lead to the trusted CA"
        found.append(Signature(_subject(status.signing_cert) if status.signing_cert else "",
                               bool(status.intact and status.valid), whole, trusted, problem))
    return found


def _subject(certificate) -> str:
    """An asn1crypto certificate's subject as RFC 4514 text, as ``load_key`` gives it (cryptography's)."""
    from cryptography import x509

    return x509.load_der_x509_certificate(certificate.dump()).subject.rfc4514_string()


def _subject_of(embedded_signature) -> str:
    try:
        return _subject(embedded_signature.signer_cert)
    except Exception:  # noqa: BLE001
        return ""


CHECK_SECONDS = 120
CHECK_MEMORY = 768 * 2**20   # pyHanko checking a signed note of some hundred KB takes ~100 MB


def checked_signatures(pdf: bytes, trust: list[Path] | None = None) -> list[Signature]:
    """:func:`signatures`, checked in a process of its own within the bounds of ``verbale/bounded.py``: pyHanko
    reads a PDF in Python, and a crafted file of 300 KB whose cross-reference stream names 33 million objects
    took it 100 s and 2.4 GB before a MemoryError.  Past a bound, the file is one finding, not a crash."""
    import json
    import os
    import sys
    import tempfile
    from dataclasses import fields

    from .bounded import Overrun, run_bounded

    require()
    package_root = str(Path(__file__).resolve().parents[1])
    with tempfile.TemporaryDirectory(prefix="verbale-signatures-") as work:
        (Path(work) / "note.pdf").write_bytes(pdf)
        command = [sys.executable, "-m", "verbale.signing", "note.pdf", *[str(Path(t).absolute()) for t in trust or []]]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
        try:
            done = run_bounded(command, timeout=CHECK_SECONDS, output_limit=2**20, cwd=Path(work), env=env,
                               memory=CHECK_MEMORY)
        except Overrun as exc:
            return [Signature("", False, False, None, f"the file cannot be read as a PDF (checking it {exc})")]
        except OSError as exc:
            raise SignError(f"the signatures cannot be checked: {exc.strerror}", field="(verify)") from None
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        why = "too much memory" if b"MemoryError" in done.stderr else f"exit status {done.returncode}"
        return [Signature("", False, False, None, f"the file cannot be read as a PDF (checking it took {why})")]
    if "error" in answer:
        raise SignError(answer["error"]["problem"], field=answer["error"]["field"], hint=answer["error"]["hint"])
    names = {f.name for f in fields(Signature)}
    return [Signature(**{k: v for k, v in found.items() if k in names}) for found in answer["signatures"]]


def _check_in_this_process(argv: list[str]) -> None:
    """``python -m verbale.signing PDF [CA…]``: the signatures of PDF as JSON on stdout (for checked_signatures)."""
    import json
    from dataclasses import asdict

    try:
        found = signatures(Path(argv[0]).read_bytes(), [Path(name) for name in argv[1:]])
    except SignError as exc:
        print(json.dumps({"error": {"problem": exc.problem, "field": exc.field, "hint": exc.hint}}))
        return
    print(json.dumps({"signatures": [asdict(signature) for signature in found]}))


if __name__ == "__main__":
    import sys

    _check_in_this_process(sys.argv[1:])

"""The *.fieldsync container, format version 1 (docs/sync-format.md).

Plain container (what is signed):

    FIELDSYNC/1\\n
    <manifest length in bytes, decimal>\\n
    <manifest: canonical JSON, UTF-8>\\n
    <Ed25519 signature over CONTEXT + manifest bytes, base64>\\n
    <payload: JSON Lines, exactly manifest.payload_bytes bytes, sha256 = manifest.payload_sha256>

When the sender has an HQ recipient the whole container is encrypted in the age format
(binary, X25519 recipients). Not zipfile (Python 3.11.7 lacks the gh-109858 zip-bomb fix);
no compression at all, so the plaintext is never larger than the file plus age's overhead.

Reading copies (or decrypts) the file once into a private anonymous temporary file, so the
stick cannot change under us between verification and application, and memory stays bounded
(one line at a time).
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from fieldapp.core.errors import FieldappError, InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.revision import canonical_json
from fieldapp.core.safejson import loads_strict

FORMAT_VERSION = 1
MAGIC_PREFIX = b"FIELDSYNC/"
CONTEXT = b"fieldsync-manifest-v1\x00"
AGE_MAGIC = b"age-encryption.org/"
AGE_ARMOR = b"-----BEGIN AGE ENCRYPTED FILE-----"
SUFFIX = ".fieldsync"
CHUNK = 1 << 20


@dataclass(frozen=True)
class Caps:
    """Limits on anything read from outside (docs/sync-format.md "Caps")."""

    max_file_bytes: int = 512 * 1024 * 1024
    max_manifest_bytes: int = 256 * 1024
    max_line_bytes: int = 8 * 1024 * 1024
    max_records: int = 2_000_000
    max_depth: int = 8


DEFAULT_CAPS = Caps()


class Rejected(InvalidInput):
    """A file refused before anything was written; the message says why, in one line."""


# -- small I/O helpers --------------------------------------------------------------------
class _HashingWriter:
    """Writes through to `fh`, hashing and counting; refuses to grow past `cap`."""

    def __init__(self, fh: BinaryIO, cap: int | None = None):
        self.fh, self.cap = fh, cap
        self.sha = hashlib.sha256()
        self.size = 0

    def write(self, data) -> int:
        data = bytes(data)
        self.size += len(data)
        if self.cap is not None and self.size > self.cap:
            raise Rejected(_("the file is larger than the limit of {n} bytes")
                           .format(n=self.cap))
        self.sha.update(data)
        self.fh.write(data)
        return len(data)

    def flush(self) -> None:
        self.fh.flush()


class _HashingReader:
    def __init__(self, fh: BinaryIO):
        self.fh = fh
        self.sha = hashlib.sha256()

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.sha.update(data)
        return data


class _ChainReader:
    """read(n) over a bytes prefix then a file (what pyrage.encrypt_io consumes)."""

    def __init__(self, head: bytes, tail: BinaryIO):
        self.head, self.tail = head, tail

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            out, self.head = self.head + self.tail.read(), b""
            return out
        if self.head:
            out, self.head = self.head[:n], self.head[n:]
            return out
        return self.tail.read(n)


def sha256_file(path: Path) -> str:
    sha = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            sha.update(chunk)
    return sha.hexdigest()


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every platform (Windows): the rename is still atomic
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- writing --------------------------------------------------------------------------------
@dataclass
class Written:
    path: Path
    manifest: dict
    encrypted: bool
    size: int
    sha256: str
    verified: str          # what the read-back checked


def build_payload(records: Iterable[dict], tmp: BinaryIO) -> tuple[dict, int, int, str]:
    """Write JSON Lines to `tmp`; return (counts per kind, records, bytes, sha256)."""
    sha = hashlib.sha256()
    counts: dict[str, int] = {}
    size = n = 0
    buf: list[bytes] = []
    from fieldapp.core.sync.canon import canonical

    for rec in records:
        line = canonical(rec).encode("utf-8") + b"\n"
        counts[rec["k"]] = counts.get(rec["k"], 0) + 1
        n += 1
        size += len(line)
        buf.append(line)
        if len(buf) >= 2048:
            blob = b"".join(buf)
            sha.update(blob)
            tmp.write(blob)
            buf.clear()
    blob = b"".join(buf)
    sha.update(blob)
    tmp.write(blob)
    return counts, n, size, sha.hexdigest()


def header_bytes(manifest_bytes: bytes, signature: bytes) -> bytes:
    import base64

    return (MAGIC_PREFIX + str(FORMAT_VERSION).encode() + b"\n"
            + str(len(manifest_bytes)).encode() + b"\n" + manifest_bytes + b"\n"
            + base64.b64encode(signature) + b"\n")


def write_package(path: Path, manifest: dict, records: Iterable[dict],
                  sign: Callable[[bytes], bytes], recipients: list[str],
                  verify_with: Callable[[Path], str] | None = None) -> Written:
    """Write a signed (and, with recipients, age-encrypted) file atomically, then read it back.

    `manifest` gets counts, records, payload_bytes and payload_sha256 filled in. The file is
    written to a temporary name in the target folder, fsynced, read back and checked (its
    bytes against what was written; `verify_with` runs the full import-side verification
    when this installation can read the file), then renamed into place and the folder fsynced.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    with tempfile.TemporaryFile() as payload:
        try:
            counts, n, size, digest = build_payload(records, payload)
        except OSError as exc:  # the temporary folder is full (or past the file-size limit)
            raise FieldappError(_("cannot prepare the sync file in the temporary folder: "
                                  "{err}").format(err=exc.strerror or exc)) from None
        manifest = {**manifest, "counts": counts, "records": n, "payload_bytes": size,
                    "payload_sha256": digest}
        manifest_bytes = canonical_json(manifest).encode("utf-8")
        head = header_bytes(manifest_bytes, sign(CONTEXT + manifest_bytes))
        payload.seek(0)
        try:
            fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
        except OSError as exc:
            raise FieldappError(_("cannot write {path}: {err}")
                                .format(path=path, err=exc.strerror or exc)) from None
        tmp = Path(tmp_name)
        try:
            with os.fdopen(fd, "wb") as out:
                writer = _HashingWriter(out)
                if recipients:
                    import pyrage
                    from pyrage import x25519

                    keys = [x25519.Recipient.from_str(r) for r in recipients]
                    pyrage.encrypt_io(_ChainReader(head, payload), writer, keys)
                else:
                    writer.write(head)
                    while chunk := payload.read(CHUNK):
                        writer.write(chunk)
                out.flush()
                os.fsync(out.fileno())
            if sha256_file(tmp) != writer.sha.hexdigest():
                raise FieldappError(_("the file read back from {path} differs from what was "
                                      "written; the medium may be faulty").format(path=folder))
            verified = _("bytes read back match")
            if verify_with is not None:
                verified = verify_with(tmp)
            os.replace(tmp, path)
            _fsync_dir(folder)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise FieldappError(_("cannot write {path}: {err}")
                                .format(path=path, err=exc.strerror or exc)) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return Written(path, manifest, bool(recipients), writer.size, writer.sha.hexdigest(),
                   verified)


# -- reading --------------------------------------------------------------------------------
@dataclass
class Package:
    """A file copied/decrypted into a private temp file, header parsed, signature checked."""

    path: Path
    manifest: dict
    encrypted: bool
    file_sha256: str
    file_size: int
    _tmp: BinaryIO = field(repr=False)
    _payload_at: int = field(repr=False, default=0)

    def lines(self, caps: Caps = DEFAULT_CAPS) -> Iterator[bytes]:
        """Raw payload lines (without the newline), bounded by caps; checks framing only."""
        self._tmp.seek(self._payload_at)
        left = self.manifest["payload_bytes"]
        pending = b""
        while left > 0:
            chunk = self._tmp.read(min(CHUNK, left))
            if not chunk:
                raise Rejected(_("the file is truncated (payload shorter than its manifest "
                                 "says)"))
            left -= len(chunk)
            pending += chunk
            parts = pending.split(b"\n")
            pending = parts.pop()
            for part in (*parts, pending):
                if len(part) > caps.max_line_bytes:
                    raise Rejected(_("a record is longer than the limit of {n} bytes")
                                   .format(n=caps.max_line_bytes))
            yield from parts
        if pending:
            raise Rejected(_("the payload does not end with a complete record"))
        if self._tmp.read(1):
            raise Rejected(_("the file has unexpected bytes after its payload"))

    def close(self) -> None:
        self._tmp.close()

    def __enter__(self) -> "Package":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _dup_hook(pairs: list[tuple[str, object]]) -> dict:
    out: dict = {}
    for key, value in pairs:
        if key in out:
            raise Rejected(_("duplicate key {key!r} in a record").format(key=key[:40]))
        out[key] = value
    return out


def _bad_constant(name: str):
    raise Rejected(_("JSON constant {name} is not allowed").format(name=name))


# One decoder for every line (json.loads with hooks builds a new decoder per call: ~30 % slower).
_DECODER = json.JSONDecoder(object_pairs_hook=_dup_hook, parse_constant=_bad_constant)


def parse_line(line: bytes, caps: Caps = DEFAULT_CAPS) -> object:
    """One payload line: strict UTF-8 JSON, no duplicate keys, no NaN, bounded depth.

    Counting brackets (C speed) bounds the depth from above; only a line with more brackets
    than the limit (e.g. a note whose text contains many) pays for the exact scan.
    """
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(_("a record is not valid UTF-8")) from None
    if line.count(b"[") + line.count(b"{") > caps.max_depth:
        try:
            return loads_strict(text, max_depth=caps.max_depth)
        except Rejected:
            raise
        except InvalidInput as exc:
            raise Rejected(str(exc)) from None
    if "\x00" in text:
        raise Rejected(_("a record contains a NUL character"))
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as exc:
        raise Rejected(_("a record is not valid JSON ({msg})").format(msg=exc.msg)) from None
    except RecursionError:
        raise Rejected(_("a record is nested too deeply")) from None


def sniff(path: Path) -> str:
    """'age', 'plain', or raise Rejected for anything else."""
    try:
        with open(path, "rb") as fh:
            start = fh.read(64)
    except OSError as exc:
        raise Rejected(_("cannot read {path}: {err}")
                       .format(path=path, err=exc.strerror or exc)) from None
    if start.startswith(AGE_MAGIC) or start.startswith(AGE_ARMOR):
        return "age"
    if start.startswith(MAGIC_PREFIX):
        return "plain"
    raise Rejected(_("{name} is not a fieldapp sync file").format(name=Path(path).name))


_VERSION_LINE = re.compile(rb"FIELDSYNC/([0-9]{1,6})")
_LENGTH_LINE = re.compile(rb"[0-9]{1,9}")
_SIG_LINE = re.compile(rb"[A-Za-z0-9+/]{86}==")


def _read_line(fh: BinaryIO, limit: int, what: str) -> bytes:
    line = fh.readline(limit + 1)
    if not line.endswith(b"\n"):
        raise Rejected(_("damaged file: {what} is missing or too long").format(what=what))
    return line[:-1]


def open_package(path: Path, identities: list[str], caps: Caps = DEFAULT_CAPS) -> Package:
    """Copy or decrypt `path` into a private temp file, parse the header, check the signature.

    The payload is not read here (see `Package.lines`); the caller checks trust (deployment,
    pinned keys) from the manifest first, then streams and verifies the payload.
    """
    import base64

    from fieldapp.core.sync.identity import unb64, verify

    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Rejected(_("cannot read {path}: {err}")
                       .format(path=path, err=exc.strerror or exc)) from None
    if size > caps.max_file_bytes:
        raise Rejected(_("the file is larger than the limit of {n} bytes")
                       .format(n=caps.max_file_bytes))
    kind = sniff(path)
    tmp = tempfile.TemporaryFile()
    try:
        writer = _HashingWriter(tmp, caps.max_file_bytes)
        with open(path, "rb") as src:
            reader = _HashingReader(src)
            if kind == "age":
                _decrypt(reader, writer, identities)
            else:
                while chunk := reader.read(CHUNK):
                    writer.write(chunk)
            while reader.read(CHUNK):  # hash what age did not need (it refuses trailing data)
                pass
        file_sha = reader.sha.hexdigest()
        tmp.seek(0)
        m = _VERSION_LINE.fullmatch(_read_line(tmp, 24, _("the format line")))
        if not m:
            raise Rejected(_("damaged file: the format line is not FIELDSYNC/<version>"))
        version = int(m.group(1))
        if version > FORMAT_VERSION:
            raise Rejected(_("this file uses sync format {v}; it needs a newer version of the "
                             "app (this one reads format {mine})")
                           .format(v=version, mine=FORMAT_VERSION))
        if version < 1:
            raise Rejected(_("damaged file: sync format {v} does not exist").format(v=version))
        length_line = _read_line(tmp, 10, _("the manifest length"))
        if not _LENGTH_LINE.fullmatch(length_line):
            raise Rejected(_("damaged file: the manifest length is not a number"))
        length = int(length_line)
        if length > caps.max_manifest_bytes:
            raise Rejected(_("the manifest is larger than the limit of {n} bytes")
                           .format(n=caps.max_manifest_bytes))
        manifest_bytes = tmp.read(length)
        if len(manifest_bytes) != length or tmp.read(1) != b"\n":
            raise Rejected(_("damaged file: the manifest is truncated"))
        sig_line = _read_line(tmp, 88, _("the signature"))
        if not _SIG_LINE.fullmatch(sig_line):
            raise Rejected(_("damaged file: the signature line is malformed"))
        payload_at = tmp.tell()
        try:
            manifest = loads_strict(manifest_bytes.decode("utf-8"), max_depth=4)
        except UnicodeDecodeError:
            raise Rejected(_("damaged file: the manifest is not UTF-8")) from None
        except InvalidInput as exc:
            raise Rejected(_("damaged manifest: {err}").format(err=exc)) from None
        from fieldapp.core.sync.manifest import check_manifest

        manifest = check_manifest(manifest)
        try:
            public = unb64(manifest["public_key"], "public key", 32)
        except InvalidInput as exc:
            raise Rejected(_("damaged manifest: {err}").format(err=exc)) from None
        signature = base64.b64decode(sig_line)
        if base64.b64encode(signature) != sig_line:  # one encoding only (padding bits zero)
            raise Rejected(_("damaged file: the signature line is malformed"))
        if not verify(public, signature, CONTEXT + manifest_bytes):
            raise Rejected(_("the signature does not match: the file was altered after it was "
                             "signed, or was not signed by the device it names"))
        if payload_at + manifest["payload_bytes"] != writer.size:
            if payload_at + manifest["payload_bytes"] > writer.size:
                raise Rejected(_("the file is truncated (payload shorter than its manifest "
                                 "says)"))
            raise Rejected(_("the file has unexpected bytes after its payload"))
        return Package(path, manifest, kind == "age", file_sha, size, tmp, payload_at)
    except BaseException:
        tmp.close()
        raise


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:100]


def _decrypt(reader, writer, identities: list[str]) -> None:
    import pyrage
    from pyrage import x25519

    keys = [x25519.Identity.from_str(i) for i in identities]
    if not keys:
        raise Rejected(_("this file is encrypted and this installation has no key to read it "
                         "(only the HQ of its deployment can)"))
    try:
        pyrage.decrypt_io(reader, writer, keys)
    except pyrage.DecryptError as exc:
        if "no matching keys" in str(exc).lower():
            raise Rejected(_("this file is encrypted for another recipient (the HQ of its "
                             "deployment); this installation cannot read it")) from None
        raise Rejected(_("the encrypted file is damaged or was altered ({err})")
                       .format(err=_one_line(exc))) from None
    except OSError as exc:
        raise Rejected(_("the encrypted file is damaged or was altered ({err})")
                       .format(err=_one_line(exc))) from None
    except Rejected:
        raise
    except Exception as exc:  # pyrage surfaces some header errors as other exception types
        if isinstance(exc, FieldappError):
            raise
        raise Rejected(_("the encrypted file is damaged or was altered ({err})")
                       .format(err=_one_line(exc))) from None

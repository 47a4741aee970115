"""Passphrase-protected databases: SQLCipher (sqlcipher3) with a key derived by Argon2id.

The passphrase is never stored. The 32-byte key is Argon2id(passphrase, salt) with the
parameters below; the salt is SQLCipher's own plaintext file salt (the first 16 bytes of an
encrypted database file, which we choose when the file is written), so there is no second
file to lose and a backup or copy of the database opens with the same passphrase.

Converting (encrypt, decrypt, change passphrase) always writes a new file with
`sqlcipher_export`, checks that every table has the same row count and content hash as the
source, and only then swaps it in atomically; on any failure the original is untouched.
"""
from __future__ import annotations

import os
from pathlib import Path

from fieldapp.core.errors import FieldappError, InvalidInput

PLAIN_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
KEY_BYTES = 32
# Argon2id, RFC 9106 "second recommended" (low-memory) profile: fits any field laptop.
ARGON2 = {"time_cost": 3, "memory_cost": 64 * 1024, "parallelism": 4}
MIN_PASSPHRASE = 8
MAX_PASSPHRASE = 1024


class WrongPassphrase(FieldappError):
    """The passphrase does not open this database (nothing was changed)."""


class PassphraseRequired(FieldappError):
    """The database is encrypted and no passphrase was given."""


def cipher_unavailable_reason() -> str | None:
    """None when SQLCipher and Argon2 can be used here, else a one-line explanation."""
    try:
        import argon2.low_level  # noqa: F401
        from sqlcipher3 import dbapi2  # noqa: F401
    except ImportError as exc:
        return (f"database encryption needs the sqlcipher3 and argon2-cffi packages, which "
                f"are not available in this installation ({exc.name})")
    return None


# First bytes of each database file this process has looked at, by inode. Reading the file
# with open()/close() while SQLite holds it would drop this process's POSIX locks on it (a
# close() on any descriptor releases them all: "How To Corrupt An SQLite Database", 2.2), so
# the header is read once per file, before our connections exist, and served from here after.
_HEADERS: dict[tuple[str, int, int], bytes] = {}
_HEAD_BYTES = max(len(PLAIN_HEADER), SALT_BYTES)


def _head(path: str | Path) -> tuple[bytes, int] | None:
    """(first bytes, current size) of `path`, None when it does not exist."""
    try:
        st = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    key = (str(Path(path).resolve()), st.st_dev, st.st_ino)
    head = _HEADERS.get(key)
    if head is None:
        try:
            with open(path, "rb") as fh:
                head = fh.read(_HEAD_BYTES)
        except IsADirectoryError:
            return None
        if len(head) == _HEAD_BYTES:  # a file still being created is not cached
            _HEADERS[key] = head
    return head, st.st_size


def forget_header(path: str | Path) -> None:
    """Drop what is known of `path`'s header (after this process replaced the file)."""
    name = str(Path(path).resolve())
    for key in [k for k in _HEADERS if k[0] == name]:
        del _HEADERS[key]


def is_encrypted(path: str | Path) -> bool:
    """True for a file shaped like a SQLCipher database: not a plain SQLite header, and a
    whole number of pages (≥ 512 bytes each) — other files are left to SQLite's own error."""
    found = _head(path)
    if found is None:
        return False
    head, size = found
    return head[:len(PLAIN_HEADER)] != PLAIN_HEADER and size >= 512 and size % 512 == 0


def file_salt(path: str | Path) -> bytes:
    found = _head(path)
    salt = found[0][:SALT_BYTES] if found else b""
    if len(salt) != SALT_BYTES:
        raise FieldappError(f"{path} is too short to be an encrypted fieldapp database")
    return salt


def check_passphrase(passphrase: str) -> str:
    if not isinstance(passphrase, str) or "\x00" in passphrase:
        raise InvalidInput("the passphrase must be text without NUL characters")
    if len(passphrase) < MIN_PASSPHRASE:
        raise InvalidInput(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    if len(passphrase) > MAX_PASSPHRASE:
        raise InvalidInput(f"the passphrase must have at most {MAX_PASSPHRASE} characters")
    return passphrase


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """Argon2id(passphrase, salt) → 32 raw key bytes for SQLCipher."""
    reason = cipher_unavailable_reason()
    if reason:
        raise FieldappError(reason)
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(passphrase.encode("utf-8"), salt, hash_len=KEY_BYTES,
                           type=Type.ID, **ARGON2)


def key_for(path: str | Path, passphrase: str) -> bytes:
    """The key of an existing encrypted database file (salt read from its header)."""
    return derive_key(passphrase, file_salt(path))


# Keys of the databases this process has unlocked (never the passphrases), so that other
# connections of the same process (the search thread, the PDF thread) open them too.
_SESSION_KEYS: dict[tuple[str, bytes], bytes] = {}


def _session_id(path: Path) -> tuple[str, bytes]:
    return str(Path(path).resolve()), file_salt(path)


def remember_key(path: Path, key: bytes) -> None:
    _SESSION_KEYS[_session_id(path)] = key


def session_key(path: str | Path) -> bytes | None:
    """The key this process already used to open `path` (None if plain or never opened)."""
    if not is_encrypted(path):
        return None
    return _SESSION_KEYS.get(_session_id(Path(path)))


def open_key(path: Path, passphrase: str | None) -> bytes | None:
    """Key to open `path` with (None for a plain database); raises when one is needed."""
    if not is_encrypted(path):
        return None
    reason = cipher_unavailable_reason()
    if reason:
        raise FieldappError(f"{path} is encrypted, but {reason}")
    if passphrase is None:
        known = session_key(path)
        if known is not None:
            return known
        raise PassphraseRequired(f"{path} is encrypted (or not a fieldapp database): a "
                                 f"passphrase is needed to open it")
    return key_for(path, passphrase)


# -- conversion ------------------------------------------------------------------------------
def table_digests(conn) -> dict[str, tuple[int, str]]:
    """{table: (row count, sha256 of its rows in a stable order)} for every real table."""
    names = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
    out = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        ncols = len(conn.execute(f"SELECT * FROM {quoted} LIMIT 0").description)
        order = ", ".join(str(i + 1) for i in range(ncols))
        import hashlib  # here, not at import: the app opens with is_encrypted() only

        digest, count = hashlib.sha256(), 0
        for row in conn.execute(f"SELECT * FROM {quoted} ORDER BY {order}"):
            digest.update(repr(row).encode("utf-8", "surrogatepass"))
            count += 1
        out[name] = (count, digest.hexdigest())
    return out


def _cipher_module():
    reason = cipher_unavailable_reason()
    if reason:
        raise FieldappError(reason)
    from sqlcipher3 import dbapi2

    return dbapi2


def _open_source(path: Path, key: bytes | None):
    """A SQLCipher connection on the source, refused while another connection (any process)
    has it open."""
    dbapi2 = _cipher_module()
    conn = dbapi2.connect(str(path), isolation_level=None)
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        if key is not None:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except dbapi2.DatabaseError:
            raise WrongPassphrase(f"wrong passphrase for {path} (nothing was changed)") from None
        conn.execute("PRAGMA busy_timeout = 2000")
        try:
            # Leaving WAL mode needs every other connection (any process) to be closed, so a
            # running window cannot keep writing to the file that is about to be replaced.
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
            if mode.lower() != "delete":
                raise dbapi2.OperationalError(mode)
        except dbapi2.OperationalError:
            raise FieldappError(f"{path} is in use: close fieldapp (window and commands) and "
                                f"try again (nothing was changed)") from None
    except BaseException:
        conn.close()
        raise
    return conn


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
    if os.name != "nt":
        fd = os.open(str(path.parent), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def convert(path: str | Path, old_key: bytes | None, new_passphrase: str | None) -> dict:
    """Rewrite the database at `path` encrypted with `new_passphrase` (None: plain).

    Returns {"path", "encrypted", "tables", "rows"}. The original stays in place, unchanged,
    unless the new file was written, verified table by table and swapped in.
    """
    from fieldapp.core.store.connection import connect

    path = Path(path)
    if not path.exists():
        raise FieldappError(f"no database at {path}")
    tmp = path.with_name(path.name + ".converting")
    for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        p.unlink(missing_ok=True)
    new_key = salt = None
    if new_passphrase is not None:
        salt = os.urandom(SALT_BYTES)
        new_key = derive_key(check_passphrase(new_passphrase), salt)
    src = _open_source(path, old_key)
    try:
        version = src.execute("PRAGMA user_version").fetchone()[0]
        target = "''" if new_key is None else f"\"x'{new_key.hex()}{salt.hex()}'\""
        src.execute(f"ATTACH DATABASE ? AS converted KEY {target}", (str(tmp),))
        src.execute("SELECT sqlcipher_export('converted')")
        src.execute(f"PRAGMA converted.user_version = {int(version)}")
        src.execute("DETACH DATABASE converted")
        try:  # from here to the swap, nobody writes to the source
            src.execute("BEGIN EXCLUSIVE")
        except _cipher_module().OperationalError:
            raise FieldappError(f"{path} is in use: close fieldapp (window and commands) and "
                                f"try again (nothing was changed)") from None
        before = table_digests(src)
        dest = connect(tmp, key=new_key)
        try:
            after = table_digests(dest)
            check = dest.execute("PRAGMA integrity_check").fetchall()
            dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dest.close()
        if before != after or check != [("ok",)]:
            bad = sorted(t for t in set(before) | set(after) if before.get(t) != after.get(t))
            raise FieldappError(f"the converted copy differs from {path.name} "
                                f"({', '.join(bad[:3]) or 'integrity check failed'}); "
                                f"nothing was changed")
        _fsync(tmp)
    except BaseException:
        src.close()
        for p in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
            p.unlink(missing_ok=True)
        raise
    src.close()
    _swap(path, tmp, scrub=old_key is None and new_key is not None)
    return {"path": str(path), "encrypted": new_key is not None, "tables": len(after),
            "rows": sum(n for n, _h in after.values())}


def _swap(path: Path, tmp: Path, scrub: bool) -> None:
    """Atomically replace `path` by `tmp`; when leaving a plain file behind, overwrite it."""
    old = path.with_name(path.name + ".plain-old")
    linked = False
    if scrub:
        old.unlink(missing_ok=True)
        try:
            os.link(path, old)  # a second name for the plain bytes, to overwrite them after
            linked = True
        except OSError:
            linked = False
    os.replace(tmp, path)
    forget_header(path)  # a new file: its inode number may be one the cache saw before
    _fsync(path)
    for p in (Path(f"{path}-wal"), Path(f"{path}-shm")):
        p.unlink(missing_ok=True)
    if linked:
        size = old.stat().st_size
        with open(old, "rb+") as fh:
            for start in range(0, size, 1 << 20):
                fh.write(b"\x00" * min(1 << 20, size - start))
            fh.flush()
            os.fsync(fh.fileno())
        old.unlink()

"""This installation's sync identity: device ID, Ed25519 signing key, age X25519 identity.

Where the keys live: in the database's `meta` table, not in a key file next to it.
Why: the device ID already lives there, and the pair (device ID, key) must travel together.
HQ pins a device's key on first contact and refuses another key for the same device ID, so a
key file that got separated from its database (a restored backup, a copied database, a
cleaned-up folder) would lock the device out of its own deployment for good. In the database
the key is covered by the same protection as the notes it signs (the notes are at least as
sensitive as the key), is included in every backup, and is written atomically by SQLite.
The cost, stated in docs/sync-format.md: whoever holds a copy of the database can sign as
this device — the same person could read and edit every note anyway.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass

from fieldapp.core.errors import InvalidInput

SIGN_KEY = "sync_signing_key"      # base64 of the raw 32-byte Ed25519 private key
AGE_KEY = "sync_age_identity"      # "AGE-SECRET-KEY-1…" (X25519), to read HQ packages


@dataclass(frozen=True)
class Identity:
    device_id: str
    private_key: bytes            # raw Ed25519 private key (32 bytes)
    public_key: bytes             # raw Ed25519 public key (32 bytes)
    age_identity: str             # secret
    age_recipient: str            # "age1…", public

    @property
    def public_b64(self) -> str:
        return b64(self.public_key)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def sign(self, message: bytes) -> bytes:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        return Ed25519PrivateKey.from_private_bytes(self.private_key).sign(message)


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: object, what: str, length: int | None = None) -> bytes:
    """Strict base64 (no whitespace, no junk); exact length when given."""
    if not isinstance(text, str) or len(text) > 4096:
        raise InvalidInput(f"{what} is not base64 text")
    try:
        raw = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise InvalidInput(f"{what} is not valid base64") from None
    if base64.b64encode(raw).decode("ascii") != text:
        raise InvalidInput(f"{what} is not canonical base64")
    if length is not None and len(raw) != length:
        raise InvalidInput(f"{what} has {len(raw)} bytes, expected {length}")
    return raw


def fingerprint(public_key: bytes) -> str:
    """Short human-comparable fingerprint: 20 base32 characters of sha256, in groups of 4."""
    import hashlib  # on use: importing it loads OpenSSL (app start-up)

    digest = base64.b32encode(hashlib.sha256(public_key).digest()).decode("ascii")[:20]
    return "-".join(digest[i:i + 4] for i in range(0, 20, 4))


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except (InvalidSignature, ValueError):
        return False
    return True


def generate_signing_key() -> tuple[bytes, bytes]:
    """(raw private, raw public) Ed25519."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    raw = serialization.Encoding.Raw
    private = key.private_bytes(raw, serialization.PrivateFormat.Raw,
                                serialization.NoEncryption())
    public = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
    return private, public


def public_from_private(private: bytes) -> bytes:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    return Ed25519PrivateKey.from_private_bytes(private).public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def generate_age_identity() -> str:
    from pyrage import x25519

    return str(x25519.Identity.generate())


def age_recipient_of(identity: str) -> str:
    from pyrage import x25519

    return str(x25519.Identity.from_str(identity).to_public())


def check_age_recipient(text: object, what: str = "age recipient") -> str:
    from pyrage import RecipientError, x25519

    if not isinstance(text, str) or not text.startswith("age1") or len(text) > 200:
        raise InvalidInput(f"{what} is not an age X25519 recipient (age1…)")
    try:
        x25519.Recipient.from_str(text)
    except (RecipientError, ValueError):
        raise InvalidInput(f"{what} is not a valid age recipient") from None
    return text


def ensure_identity(store) -> Identity:
    """This installation's identity, created (device ID and both key pairs) on first use."""
    from fieldapp.core.store import device_id

    dev = device_id(store)
    sign = store.sync_meta_get(SIGN_KEY)
    age = store.sync_meta_get(AGE_KEY)
    if sign is None or age is None:
        with store.transaction():
            sign = store.sync_meta_get(SIGN_KEY)
            age = store.sync_meta_get(AGE_KEY)
            if sign is None:
                sign = b64(generate_signing_key()[0])
                store.sync_meta_set(SIGN_KEY, sign)
            if age is None:
                age = generate_age_identity()
                store.sync_meta_set(AGE_KEY, age)
    private = base64.b64decode(sign)
    return Identity(dev, private, public_from_private(private), age, age_recipient_of(age))


def load_identity(store) -> Identity | None:
    """The identity if it exists, without creating anything (the import path writes nothing
    before a file has been fully verified)."""
    dev = store.sync_meta_get("device_id")
    sign = store.sync_meta_get(SIGN_KEY)
    age = store.sync_meta_get(AGE_KEY)
    if dev is None or sign is None or age is None:
        return None
    private = base64.b64decode(sign)
    return Identity(dev, private, public_from_private(private), age, age_recipient_of(age))

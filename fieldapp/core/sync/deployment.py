"""Deployments: HQ creates one (`sync hq-init`), field installations join it (`sync join`).

A deployment file carries the deployment ID and name, HQ's device ID, HQ's Ed25519 signing
key and HQ's age recipient, signed by that key. The signature proves the file is intact and
that its author holds HQ's key; it cannot prove the file came from *your* HQ — that is what
the fingerprint shown on joining is for (compare it with HQ by phone or radio).
"""
from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from fieldapp.core.errors import FieldappError, InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.revision import canonical_json, new_id
from fieldapp.core.safejson import load_json_file
from fieldapp.core.sync.identity import (check_age_recipient, ensure_identity, fingerprint,
                                         unb64, verify)

DEPLOYMENT_KEY = "sync_deployment"   # meta: canonical JSON of the deployment body
ROLE_KEY = "sync_role"               # meta: 'hq' on the HQ installation, 'field' once joined
CONTEXT = b"fieldapp-deployment-v1\x00"
FILE_FORMAT = "fieldapp-deployment"
MAX_BYTES = 64 * 1024


@dataclass(frozen=True)
class Deployment:
    deployment_id: str
    name: str
    created: str
    hq_device_id: str
    hq_signing_key: str     # base64 raw Ed25519 public key
    hq_recipient: str       # age1…

    @property
    def hq_fingerprint(self) -> str:
        return fingerprint(base64.b64decode(self.hq_signing_key))

    def body(self) -> dict:
        return {"format": FILE_FORMAT, "version": 1, "deployment_id": self.deployment_id,
                "name": self.name, "created": self.created, "hq_device_id": self.hq_device_id,
                "hq_signing_key": self.hq_signing_key, "hq_recipient": self.hq_recipient}


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def current(store) -> Deployment | None:
    """The deployment this installation belongs to (as HQ or as a field device), if any."""
    raw = store.sync_meta_get(DEPLOYMENT_KEY)
    if raw is None:
        return None
    from fieldapp.core.safejson import loads_strict

    return _from_body(loads_strict(raw))


def role(store) -> str:
    """'hq', 'field' (joined) or 'standalone' (no deployment: signed, unencrypted files)."""
    return store.sync_meta_get(ROLE_KEY) or "standalone"


def _from_body(body: object) -> Deployment:
    if not isinstance(body, dict):
        raise InvalidInput(_("not a deployment file"))
    expected = {"format", "version", "deployment_id", "name", "created", "hq_device_id",
                "hq_signing_key", "hq_recipient"}
    if body.get("format") != FILE_FORMAT or set(body) != expected:
        raise InvalidInput(_("not a fieldapp deployment file"))
    if body["version"] != 1:
        raise InvalidInput(_("this deployment file needs a newer version of the app"))
    from fieldapp.core.sync.manifest import HEX32, ISO_TIME

    for key in ("deployment_id", "hq_device_id"):
        if not isinstance(body[key], str) or not HEX32.fullmatch(body[key]):
            raise InvalidInput(_("deployment file: {field} is malformed").format(field=key))
    if not isinstance(body["name"], str) or not 0 < len(body["name"]) <= 200:
        raise InvalidInput(_("deployment file: the name is missing or too long"))
    if not isinstance(body["created"], str) or not ISO_TIME.fullmatch(body["created"]):
        raise InvalidInput(_("deployment file: the creation time is malformed"))
    unb64(body["hq_signing_key"], "HQ signing key", 32)
    check_age_recipient(body["hq_recipient"], "HQ recipient")
    return Deployment(body["deployment_id"], body["name"], body["created"],
                      body["hq_device_id"], body["hq_signing_key"], body["hq_recipient"])


def hq_init(store, out: Path, name: str) -> Deployment:
    """Make this installation the HQ of a new deployment; write the file field devices join."""
    name = (name or "").strip()
    if not name or len(name) > 200 or any(ord(ch) < 32 for ch in name):
        raise InvalidInput(_("give the deployment a name (one line, up to 200 characters)"))
    existing = current(store)
    if existing is not None:
        if role(store) == "hq":
            raise InvalidInput(_("this installation is already the HQ of deployment {name!r}; "
                                 "use `sync hq-init --reissue` to write its file again")
                               .format(name=existing.name))
        raise InvalidInput(_("this installation has joined deployment {name!r} as a field "
                             "device; use a separate database for HQ").format(name=existing.name))
    ident = ensure_identity(store)
    dep = Deployment(new_id(), name, now_iso(), ident.device_id, ident.public_b64,
                     ident.age_recipient)
    write_deployment_file(store, dep, out)
    with store.transaction():
        store.sync_meta_set(DEPLOYMENT_KEY, canonical_json(dep.body()))
        store.sync_meta_set(ROLE_KEY, "hq")
    return dep


def write_deployment_file(store, dep: Deployment, out: Path) -> Path:
    from fieldapp.core.atomic import write_text_atomic
    from fieldapp.core.sync.identity import b64

    ident = ensure_identity(store)
    if ident.public_b64 != dep.hq_signing_key:
        raise FieldappError(_("only the HQ installation can write its deployment file"))
    body = dep.body()
    signature = ident.sign(CONTEXT + canonical_json(body).encode("utf-8"))
    doc = {"deployment": body, "signature": b64(signature)}
    import json

    return write_text_atomic(Path(out), json.dumps(doc, indent=1, ensure_ascii=False) + "\n")


def reissue(store, out: Path) -> Deployment:
    dep = current(store)
    if dep is None or role(store) != "hq":
        raise InvalidInput(_("this installation is not the HQ of a deployment"))
    write_deployment_file(store, dep, out)
    return dep


def read_deployment_file(path: Path) -> Deployment:
    """Parse and verify a deployment file (strict JSON, size cap, signature by HQ's key)."""
    doc = load_json_file(Path(path), max_bytes=MAX_BYTES, max_depth=4)
    if not isinstance(doc, dict) or set(doc) != {"deployment", "signature"}:
        raise InvalidInput(_("{path} is not a fieldapp deployment file").format(path=path))
    dep = _from_body(doc["deployment"])
    signature = unb64(doc["signature"], "signature", 64)
    message = CONTEXT + canonical_json(doc["deployment"]).encode("utf-8")
    if not verify(base64.b64decode(dep.hq_signing_key), signature, message):
        raise InvalidInput(_("the deployment file's signature does not match: it was altered"))
    return dep


def join(store, path: Path, *, replace: bool = False) -> Deployment:
    """Join the deployment described by a deployment file (field installation)."""
    dep = read_deployment_file(path)
    ident = ensure_identity(store)
    if ident.device_id == dep.hq_device_id or role(store) == "hq":
        raise InvalidInput(_("this installation is the HQ of a deployment; it cannot join one"))
    existing = current(store)
    if existing is not None and existing.deployment_id != dep.deployment_id and not replace:
        raise InvalidInput(_("this installation already belongs to deployment {name!r}; "
                             "joining another needs --replace").format(name=existing.name))
    with store.transaction():
        store.sync_meta_set(DEPLOYMENT_KEY, canonical_json(dep.body()))
        store.sync_meta_set(ROLE_KEY, "field")
    return dep

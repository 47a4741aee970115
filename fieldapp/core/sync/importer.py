"""Import *.fieldsync files: verify everything, then a backup, then one transaction per file.

Order for each file (nothing is written before step 5; a refused file leaves the database
byte-for-byte unchanged and is not logged in it):
  1. copy/decrypt into a private temp file; parse the header; check the signature;
  2. trust: deployment, HQ key or the key pinned for the device, not our own file;
  3. already imported (same file hash)? → nothing to do;
  4. stream the payload: hash, sizes, counts, every record (kinds, fields, revs, links);
  5. backup (SQLite backup API, once per batch), then one transaction: merge every record,
     pin the device, record the sequence number, log the import.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from fieldapp.core.errors import FieldappError, InvalidInput
from fieldapp.core.i18n import _
from fieldapp.core.sync import deployment as deploy
from fieldapp.core.sync.cancel import CancelCheck, Cancelled, check
from fieldapp.core.sync.format import (DEFAULT_CAPS, Caps, Package, Rejected, open_package,
                                       parse_line)
from fieldapp.core.sync.identity import fingerprint, load_identity, unb64
from fieldapp.core.sync.merge import merge, normalize, visible_conflict
from fieldapp.core.sync.wire import HISTORY, check_record

BATCH = 2000
KEEP_BACKUPS = 5
# What a malformed input could still raise past the explicit checks (refused, not a crash).
_HOSTILE = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError,
            UnicodeError)


@dataclass
class FileReport:
    """What happened to one file (shown in the import report, printed by the CLI)."""

    path: str
    status: str = "rejected"            # "imported" | "already" | "rejected"
    reason: str = ""
    package: str = ""
    device_id: str = ""
    fingerprint: str = ""
    first_contact: bool = False
    seq: int = 0
    created: str = ""
    deployment_id: str | None = None
    encrypted: bool = False
    records: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    history: int = 0
    kinds: dict = field(default_factory=dict)
    ack: int | None = None              # HQ package: "HQ has your changes up to #N"
    backup: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def identities(store) -> list[str]:
    ident = load_identity(store)
    return [ident.age_identity] if ident else []


# -- trust ----------------------------------------------------------------------------------
def check_trust(store, m: dict) -> None:
    """Refuse a file that this installation must not accept (read-only)."""
    dep = deploy.current(store)
    my_role = deploy.role(store)
    ident = load_identity(store)
    if m["package"] == "hq":
        if dep is None:
            raise Rejected(_("this is an HQ package for a deployment this installation has not "
                             "joined (use `sync join` with HQ's deployment file first)"))
        if my_role == "hq":
            raise Rejected(_("this is an HQ package; it is meant for field devices, not HQ"))
        if m["deployment_id"] != dep.deployment_id:
            raise Rejected(_("this HQ package belongs to another deployment"))
        if m["public_key"] != dep.hq_signing_key or m["device_id"] != dep.hq_device_id:
            raise Rejected(_("this package is not signed by the HQ key of deployment {name!r}")
                           .format(name=dep.name))
        return
    if ident is not None and m["device_id"] == ident.device_id:
        raise Rejected(_("this file was exported by this installation"))
    if m["deployment_id"] is not None:
        if dep is None:
            raise Rejected(_("this file belongs to a deployment this installation has not "
                             "joined"))
        if m["deployment_id"] != dep.deployment_id:
            raise Rejected(_("this file belongs to another deployment; this installation is in "
                             "deployment {name!r}").format(name=dep.name))
        if m["device_id"] == dep.hq_device_id:
            raise Rejected(_("a field file cannot come from the HQ device"))
    pinned = store.sync_device(m["device_id"])
    if pinned is not None and pinned["public_key"] != m["public_key"]:
        got = fingerprint(unb64(m["public_key"], "public key", 32))
        raise Rejected(_("device {dev} presented a different key ({got}) from the one pinned "
                         "on first contact ({pinned}); refused")
                       .format(dev=m["device_id"][:8], got=got, pinned=pinned["fingerprint"]))


# -- verification of the payload (read-only) --------------------------------------------------
def verify_payload(pkg: Package, caps: Caps = DEFAULT_CAPS,
                   units: set[str] | None = None, measures: set[str] | None = None) -> dict:
    """Stream every line: hash, counts, caps, record checks, links; return counts per kind."""
    m = pkg.manifest
    if m["records"] > caps.max_records:
        raise Rejected(_("the file has {n} records, more than the limit of {max}")
                       .format(n=m["records"], max=caps.max_records))
    sha = hashlib.sha256()
    counts: dict[str, int] = {}
    n = 0
    for line in pkg.lines(caps):
        sha.update(line)
        sha.update(b"\n")
        n += 1
        if n > m["records"]:
            raise Rejected(_("the file has more records than its manifest says"))
        rec = check_record(parse_line(line, caps), n, line)
        kind = rec["k"]
        counts[kind] = counts.get(kind, 0) + 1
        if m["package"] == "hq" and kind in ("note", HISTORY):
            raise Rejected(_("record {n}: an HQ package cannot carry notes").format(n=n))
        c = rec["c"]
        if units is not None and kind in ("note", HISTORY, "task", "contact"):
            unknown = [u for u in c["units"] if u not in units]
            if unknown:
                raise Rejected(_("record {n}: unknown paragraph {id}")
                               .format(n=n, id=unknown[0][:40]))
        if measures is not None and kind == "assessment" and c["measure_id"] not in measures:
            raise Rejected(_("record {n}: unknown priority measure {id}")
                           .format(n=n, id=c["measure_id"][:40]))
    if sha.hexdigest() != m["payload_sha256"]:
        raise Rejected(_("the payload does not match its hash: the file was altered or damaged"))
    if n != m["records"] or counts != {k: v for k, v in m["counts"].items() if v}:
        raise Rejected(_("the record counts do not match the manifest"))
    return counts


def verify_file(path: Path, idents: list[str], caps: Caps = DEFAULT_CAPS) -> dict:
    """Full verification without a database (used to read back a written file)."""
    with open_package(path, idents, caps) as pkg:
        verify_payload(pkg, caps)
        return pkg.manifest


# -- backup -------------------------------------------------------------------------------
def backup_before_import(store) -> Path:
    """Consistent copy (SQLite backup API) in backups/ next to the database; keep the last 5."""
    folder = store.path.parent / "backups"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    dest = store.backup(folder / f"{store.path.stem}-pre-import-{stamp}.db")
    old = sorted(folder.glob(f"{store.path.stem}-pre-import-*.db"))
    for stale in old[:-KEEP_BACKUPS]:
        stale.unlink(missing_ok=True)
    return dest


# -- apply --------------------------------------------------------------------------------
class _Applier:
    """Merges the versions of one verified file inside the caller's transaction."""

    def __init__(self, store, report: FileReport, now: str):
        self.store = store
        self.report = report
        self.now = now
        self.change_seq: int | None = None
        self.clock = store.clock()

    def seq(self) -> int:
        if self.change_seq is None:
            from fieldapp.core.store import next_change_seq

            self.change_seq = next_change_seq(self.store.conn)
        return self.change_seq

    def normalize_all(self) -> None:
        """Put back max(F) as head where a local edit left it out of order (see merge.py)."""
        for kind, rid in self.store.sync_conflicted_records():
            frontier = self._frontiers(kind, [rid]).get(rid)
            if not frontier:
                continue
            best = normalize(frontier)
            if best is not None:
                self._set_frontier(kind, rid, frontier, [best] + [f for f in frontier
                                                                  if f is not best], [])

    def _frontiers(self, kind: str, ids: list[str]) -> dict[str, list[dict]]:
        rows = self.store.sync_rows(kind, ids)
        extra = self.store.sync_frontier_rows(kind, ids)
        return {rid: [head] + [x["version"] for x in extra.get(rid, [])]
                for rid, head in rows.items()}

    def _set_frontier(self, kind: str, rid: str, old: list[dict], new: list[dict],
                      superseded: list[str]) -> None:
        head = new[0]
        if head["rev"] != old[0]["rev"]:
            self.store.sync_write_version(head, self.seq())
        else:
            self.store.sync_touch(kind, rid, self.seq())
        losers = [(f, "open" if visible_conflict(f, head) else "identical") for f in new[1:]]
        left = list(superseded)
        if any(f["rev"] == head["rev"] for f in old[1:]):
            left.append(head["rev"])
        self.store.sync_put_frontier(kind, rid, head, losers, left, self.now)

    def apply_batch(self, records: list[dict]) -> None:
        by_kind: dict[str, list[str]] = {}
        for rec in records:
            if rec["k"] != HISTORY:
                by_kind.setdefault(rec["k"], []).append(rec["id"])
        state: dict[tuple[str, str], tuple[list[dict], set[str]]] = {}
        for kind, ids in by_kind.items():
            ids = list(dict.fromkeys(ids))
            frontiers = self._frontiers(kind, ids)
            known = self.store.sync_known(kind, ids)
            for rid in ids:
                state[(kind, rid)] = (frontiers.get(rid, []), known.get(rid, set()))
        new_notes: list[dict] = []
        new_edges: list[tuple] = []
        latest = ""
        for rec in records:
            kind = rec["k"]
            if kind == HISTORY:
                self._flush(new_notes)
                self.store.sync_add_history(rec)
                self.report.history += 1
                continue
            if rec["hlc"] > latest:
                latest = rec["hlc"]
            frontier, known = state[(kind, rec["id"])]
            out = merge(frontier, known.__contains__, rec)
            per = self.report.kinds.setdefault(kind, {"new": 0, "updated": 0, "unchanged": 0,
                                                      "conflicts": 0})
            key = "conflicts" if out.status == "conflict" else out.status
            per[key] += 1
            setattr(self.report, key, getattr(self.report, key) + 1)
            if out.status == "unchanged" and not out.frontier:
                continue
            edges = [(rec["rev"], rec["parent_rev"])] + [tuple(e) for e in rec["anc"]]
            new_edges.extend((kind, rec["id"], c, p or "") for c, p in edges)
            known.add(rec["rev"])
            known.update(c for c, _p in edges)
            known.update(p for _c, p in edges if p)
            if out.status == "new" and kind == "note":
                new_notes.append(rec)
            elif out.status == "new":
                self.store.sync_write_version(rec, self.seq())
            else:
                self._flush(new_notes)  # the record may be one of them
                self._set_frontier(kind, rec["id"], frontier, out.frontier, out.superseded)
            state[(kind, rec["id"])] = (out.frontier, known)
        self._flush(new_notes)
        self.store.sync_add_edge_rows(new_edges)
        if latest:
            self.clock.observe(latest)  # hlc strings sort in clock order

    def _flush(self, new_notes: list[dict]) -> None:
        """Write the notes that are new here in bulk (before anything that refers to them)."""
        if new_notes:
            self.store.sync_insert_new_notes(new_notes, self.seq())
            new_notes.clear()


def _records(pkg: Package, caps: Caps) -> Iterable[list[dict]]:
    """The verified lines again, parsed plainly: the private temp file cannot have changed
    since verify_payload checked every line (strictly) and the hash of them all."""
    import json

    batch: list[dict] = []
    for line in pkg.lines(caps):
        batch.append(json.loads(line))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def import_file(store, path: Path, *, caps: Caps = DEFAULT_CAPS,
                backup: Callable[[], str] | None = None,
                on_progress: Callable[[int, int], None] | None = None,
                cancel: CancelCheck | None = None) -> FileReport:
    """Verify and import one file; a refused file gives status "rejected" and a reason.

    `cancel` is polled before the backup and after every batch, last right before the
    commit: when it returns True, Cancelled is raised and the transaction rolls back."""
    report = FileReport(path=str(path))
    try:
        pkg = open_package(Path(path), identities(store), caps)
    except InvalidInput as exc:  # Rejected and any other validation error
        report.reason = str(exc)
        return report
    except _HOSTILE as exc:  # never let a hostile file crash the import: refuse it
        report.reason = _("malformed file ({err})").format(err=type(exc).__name__)
        return report
    with pkg:
        m = pkg.manifest
        report.package, report.device_id, report.seq = m["package"], m["device_id"], m["seq"]
        report.created, report.deployment_id = m["created"], m["deployment_id"]
        report.encrypted, report.records = pkg.encrypted, m["records"]
        report.fingerprint = fingerprint(unb64(m["public_key"], "public key", 32))
        try:
            check_trust(store, m)
            done = store.sync_import_logged(pkg.file_sha256)
            if done is not None:
                report.status = "already"
                report.reason = _("already imported on {when}; nothing changed").format(
                    when=done["imported_at"][:16].replace("T", " "))
                report.unchanged = m["records"]
                return report
            verify_payload(pkg, caps, store.known_units(), store.sync_measure_ids())
        except InvalidInput as exc:
            report.reason = str(exc)
            return report
        except _HOSTILE as exc:
            report.reason = _("malformed file ({err})").format(err=type(exc).__name__)
            return report
        report.first_contact = store.sync_device(m["device_id"]) is None
        check(cancel)
        if backup is not None:
            report.backup = backup()
        now = now_iso()
        with store.bulk_cache(), store.transaction():
            applier = _Applier(store, report, now)
            applier.normalize_all()
            done_n = 0
            for batch in _records(pkg, caps):
                applier.apply_batch(batch)
                done_n += len(batch)
                if on_progress:
                    on_progress(done_n, m["records"])
                check(cancel)
            store.sync_pin_device(m["device_id"], m["public_key"], report.fingerprint,
                                  m["age_recipient"], m["deployment_id"], m["seq"],
                                  m["base_seq"], now)
            if m["package"] == "hq":
                for dev, seq in m["acks"].items():
                    store.sync_set_ack(dev, seq, m["created"], now)
                me = load_identity(store)
                report.ack = m["acks"].get(me.device_id) if me else None
            store.sync_log_import({
                "file_sha256": pkg.file_sha256, "file_name": Path(path).name[:200],
                "package": m["package"], "device_id": m["device_id"], "seq": m["seq"],
                "deployment_id": m["deployment_id"], "encrypted": int(pkg.encrypted),
                "created": m["created"], "imported_at": now, "records": m["records"],
                "new": report.new, "updated": report.updated, "unchanged": report.unchanged,
                "conflicts": report.conflicts})
            check(cancel)  # the last moment: COMMIT follows
        report.status = "imported"
        return report


def import_files(store, paths: Iterable[Path], *, caps: Caps = DEFAULT_CAPS,
                 make_backup: bool = True,
                 on_progress: Callable[[str, int, int], None] | None = None,
                 cancel: CancelCheck | None = None) -> list[FileReport]:
    """Import a batch, one report per file. One backup before the first file that writes.

    On cancel, Cancelled is raised with `.reports` holding the files already finished
    (committed); the file being imported is rolled back and those after it are not read."""
    reports: list[FileReport] = []
    taken: list[str] = []

    def backup() -> str:
        if not taken:
            try:
                taken.append(str(backup_before_import(store)))
            except FieldappError as exc:
                raise FieldappError(_("no import without a backup: {err}").format(err=exc)) \
                    from None
        return taken[0]

    for path in paths:
        progress = (lambda d, t, p=str(path): on_progress(p, d, t)) if on_progress else None
        try:
            check(cancel)
            reports.append(import_file(store, Path(path), caps=caps,
                                       backup=backup if make_backup else None,
                                       on_progress=progress, cancel=cancel))
        except Cancelled as exc:
            raise Cancelled(str(exc), reports) from None
    return reports

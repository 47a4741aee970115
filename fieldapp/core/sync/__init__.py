"""Sync by file (DESIGN.md "Sync by file"; format in docs/sync-format.md).

identity    this installation's device ID and keys (Ed25519 signing, age X25519 decryption)
deployment  HQ's deployment file: hq-init, join
format      the *.fieldsync container: framing, manifest, signature, age encryption, caps
wire        record versions on the wire: kinds, content validation
merge       pure merge decisions over revision DAGs (no I/O)
exporter    build and write a file;  importer: verify everything, then apply in one transaction
No SQL here (fieldapp/core/store/sync_sql.py), no Qt.
"""

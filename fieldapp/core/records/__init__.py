"""Field records: validation, content dictionaries (shared with sync) and file formats.

No SQL here (that lives in fieldapp/core/store/), no Qt.
"""

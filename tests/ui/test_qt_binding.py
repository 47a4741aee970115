"""Guard: the pinned PySide6 must keep Python's reference counts right.

PySide6 6.12.0 on Python 3.11 returned None/True from void calls and signal emits without a
reference: every call leaked one, and after enough use the process aborted with "Fatal Python
error: none_dealloc" (requirements.txt pins 6.11.3 for that reason)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QLineEdit


class _Emitter(QObject):
    fired = Signal(str)


def test_void_calls_and_emits_do_not_leak_references(qapp):
    field, emitter = QLineEdit(), _Emitter()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(1000):
        field.setText("x")
        emitter.fired.emit("x")
    assert sys.getrefcount(None) > none_before - 500
    assert sys.getrefcount(True) > true_before - 500

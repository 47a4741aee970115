"""PyInstaller run-time hook of the desktop bundle (build.spec), in place of PyInstaller's own
PySide6 hook.

PyInstaller's hook imports PySide6.QtCore when the bundle starts, for every command: ~100 ms
before `fieldapp show` prints a line, and before the app's own import of PySide6 with its
support code cached (fieldapp/ui/qt_import.py). What the bundle needs from it is where Qt's
plugins are (the wheel layout); the embedded qt.conf it would also register is made by
PySide6's own QtCore when the window imports it.
"""
import os
import sys


def _qt_plugin_path() -> None:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None:  # not a bundle: nothing to set
        return
    qt = os.path.join(bundle, "PySide6") if sys.platform == "win32" else os.path.join(
        bundle, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")


_qt_plugin_path()

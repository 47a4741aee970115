"""Window settings (QSettings "fieldapp"/"fieldapp"): reading position, layout, languages.

Tests inject a QSettings on an INI file in a temporary folder, so they never touch the real
user settings and a "restart" is a new window over the same file.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from fieldapp.ui.app import APP, ORG

TEXT_MODES = ("en", "fr", "both")


def default_settings() -> QSettings:
    return QSettings(ORG, APP)


def ini_settings(path: str) -> QSettings:
    return QSettings(path, QSettings.Format.IniFormat)


class WindowSettings:
    """Typed access to the keys the window uses (bad or missing values fall back)."""

    def __init__(self, qsettings: QSettings):
        self.q = qsettings

    def _str(self, key: str, default: str = "") -> str:
        value = self.q.value(key, default)
        return value if isinstance(value, str) else default

    def _int(self, key: str, default: int) -> int:
        try:
            return int(self.q.value(key, default))
        except (TypeError, ValueError):
            return default

    # languages
    @property
    def ui_language(self) -> str:
        """'en', 'fr' or '' (follow the system)."""
        value = self._str("ui/language")
        return value if value in ("en", "fr") else ""

    @ui_language.setter
    def ui_language(self, value: str) -> None:
        self.q.setValue("ui/language", value)

    @property
    def text_mode(self) -> str:
        value = self._str("reader/text_mode", "en")
        return value if value in TEXT_MODES else "en"

    @text_mode.setter
    def text_mode(self, value: str) -> None:
        self.q.setValue("reader/text_mode", value)

    # reading position
    @property
    def page(self) -> str:
        return self._str("reader/page", "unit:op1")

    @page.setter
    def page(self, value: str) -> None:
        self.q.setValue("reader/page", value)

    @property
    def scroll(self) -> int:
        return self._int("reader/scroll", 0)

    @scroll.setter
    def scroll(self, value: int) -> None:
        self.q.setValue("reader/scroll", int(value))

    @property
    def zoom(self) -> int:
        """Zoom steps relative to the default text size (-5 … +10)."""
        return max(-5, min(10, self._int("reader/zoom", 0)))

    @zoom.setter
    def zoom(self, value: int) -> None:
        self.q.setValue("reader/zoom", int(value))

    # layout
    @property
    def navigator_tab(self) -> int:
        return self._int("window/navigator_tab", 0)

    @navigator_tab.setter
    def navigator_tab(self, value: int) -> None:
        self.q.setValue("window/navigator_tab", int(value))

    def blob(self, key: str) -> QByteArray | None:
        value = self.q.value(f"window/{key}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_blob(self, key: str, value: QByteArray) -> None:
        self.q.setValue(f"window/{key}", value)

    def sync(self) -> None:
        self.q.sync()

"""The app's own preferences on this computer (not clinical settings): window geometry, last folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from consultapp.runtime.files import make_private, private_dir


class UiSettings:
    """Typed access to an INI file; every key has its default here."""

    def __init__(self, path: Path) -> None:
        private_dir(path.parent)  # 0700: the file Qt writes in it names folders (an export's carries a family's)
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @property
    def window_geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @window_geometry.setter
    def window_geometry(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self.qsettings.setValue("window/state", value)

    @property
    def export_folder(self) -> str:
        return str(self.qsettings.value("folders/export", "") or "")

    @export_folder.setter
    def export_folder(self, value: str) -> None:
        self.qsettings.setValue("folders/export", value)

    def sync(self) -> None:
        self.qsettings.sync()
        make_private(self.qsettings.fileName())

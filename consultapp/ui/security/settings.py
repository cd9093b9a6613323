"""This computer's security preferences: the idle time before the lock, where daily backups go."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from consultapp.ui.security.lock import DEFAULT_IDLE_MINUTES


class SecuritySettings:
    """Typed keys over the app's QSettings (or a plain dict when the window has none, as in some tests)."""

    IDLE_KEY = "security/idle_minutes"
    BACKUPS_KEY = "backups/folder"

    def __init__(self, qsettings: Any | None, default_backups: Path) -> None:
        self.qsettings = qsettings
        self._memory: dict[str, object] = {}
        self.default_backups = default_backups

    def _get(self, key: str, default: object) -> object:
        if self.qsettings is None:
            return self._memory.get(key, default)
        return self.qsettings.value(key, default)

    def _set(self, key: str, value: object) -> None:
        if self.qsettings is None:
            self._memory[key] = value
        else:
            self.qsettings.setValue(key, value)

    @property
    def idle_minutes(self) -> int:
        try:
            return max(1, int(str(self._get(self.IDLE_KEY, DEFAULT_IDLE_MINUTES))))
        except ValueError:
            return DEFAULT_IDLE_MINUTES

    @idle_minutes.setter
    def idle_minutes(self, minutes: int) -> None:
        self._set(self.IDLE_KEY, int(minutes))

    def lock_pin(self, key: str) -> str:
        """The Argon2id hash of a database's lock PIN ("" when none is set; ``lock_secret.pin_key``)."""
        return str(self._get(key, "") or "")

    def set_lock_pin(self, key: str, hashed: str) -> None:
        self._set(key, hashed)

    @property
    def backups_folder(self) -> Path:
        value = str(self._get(self.BACKUPS_KEY, "") or "")
        return Path(value) if value else self.default_backups

    @backups_folder.setter
    def backups_folder(self, folder: Path) -> None:
        self._set(self.BACKUPS_KEY, str(folder))

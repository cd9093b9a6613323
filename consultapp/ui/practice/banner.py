"""A strip above the pages saying a save is waiting for the server (or that it went through)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

WAITING_STYLE = "background:#fff3cd; color:#5c4400; padding:8px 12px; border-bottom:1px solid #e0c36a;"
DONE_STYLE = "background:#e6f4ea; color:#1e4620; padding:8px 12px; border-bottom:1px solid #9bc7a4;"


class ConnectionBanner(QLabel):
    """Hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionBanner")
        self.setAccessibleName("Connection")
        self.setWordWrap(True)
        self.hide()

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.setStyleSheet(DONE_STYLE if text.startswith("Saved") else WAITING_STYLE)
        self.setVisible(bool(text))

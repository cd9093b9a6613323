"""The visit editor: one module per section, and the editor that holds them together."""

from consultapp.ui.visit.editor import VisitEditor

__all__ = ["VisitEditor"]

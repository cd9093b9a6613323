"""Regression: PySide6 6.12.0 on Python 3.11 aborted the app ("Fatal Python error: bool_dealloc").

Every bool passed to a Qt method (``setChecked(True)``, ``setEnabled(False)``) dropped a reference
to the bool singleton, so after a few thousand checkbox ticks Python aborted and unsaved typing
was lost. The pin in pyproject.toml avoids that release; this test fails on any release that has it.
"""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QCheckBox
app = QApplication([])
box = QCheckBox()
for _ in range(30000):
    box.setChecked(not box.isChecked())
    box.setEnabled(True)
print("survived")
"""


def test_many_bool_arguments_do_not_abort_python() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "survived"

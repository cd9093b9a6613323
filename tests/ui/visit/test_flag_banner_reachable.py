"""Six flags on a visit: the banner keeps its three-line slot (the form does not move), counts them, most
severe first, and every one is reachable whole - in its tooltip and behind "Show all…"."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QScrollArea
from pytestqt.qtbot import QtBot
from ui.helpers import click, create_client, ctrl, go, tick, type_into

from consultapp.domain.flags import FlagInputs, Severity, red_flags
from consultapp.ui.flag_banner import FlagBanner, flag_count
from consultapp.ui.shell.window import MainWindow
from consultapp.ui.visit.parent import SYMPTOMS


def plain(rich: str) -> str:
    doc = QTextDocument()
    doc.setHtml(rich)
    return " ".join(doc.toPlainText().split())


def test_six_flags_are_counted_and_each_is_reachable(qtbot: QtBot, window: MainWindow) -> None:
    create_client(qtbot, window, "Amara", "Okafor", "Noah")
    ctrl(qtbot, window.home.search, Qt.Key.Key_N)
    go(qtbot, window, 6)
    editor = window.visit_editor
    parent, banner = editor.parent_section, editor.banner
    height = banner.height()
    watched = [parent.temperature, *parent.checks.values(), editor.nav_buttons[0]]
    before = [w.mapTo(window, QPoint(0, 0)) for w in watched]
    type_into(qtbot, parent.temperature.edit, "39.4")
    for name, _label in SYMPTOMS:
        tick(qtbot, parent.checks[name])
    qtbot.waitUntil(lambda: len(banner.flags) >= 6)
    flags = banner.flags
    assert [w.mapTo(window, QPoint(0, 0)) for w in watched] == before and banner.height() == height
    severities = [f.severity for f in flags]
    assert severities == sorted(severities, key=lambda s: s is not Severity.RED)  # the most severe first
    shown = plain(banner.label.text())
    assert shown.startswith(flag_count(flags)), shown
    red = severities.count(Severity.RED)
    assert flag_count(flags) == f"{len(flags)} flags: " + ", ".join(
        part for part in (f"{red} red" if red else "", f"{len(flags) - red} amber" if len(flags) > red else "") if part
    )
    assert banner.findChildren(QScrollArea) == []  # no scroll bar of its own
    tip = banner.label.toolTip()
    reasons = [line.split(": ", 1)[1] for line in banner.text().splitlines()]
    assert len(reasons) == len(flags)
    for reason in reasons:
        assert reason in tip

    assert banner.show_all_button.isVisible()
    click(qtbot, banner.show_all_button)
    dialog = banner.list_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    listed = plain(dialog.label.text())
    for reason in reasons:  # every flag, whole, with its source
        assert " ".join(reason.split()) in listed, reason
    assert listed.count("Source: ") == len(flags)
    dialog.close()


def test_red_and_amber_are_counted_apart_the_red_first(qtbot: QtBot) -> None:
    red = red_flags(FlagInputs(maternal_temperature_c=39.0, chills=True, spreading_redness=True))
    amber = red_flags(FlagInputs(birth_weight_g=3400, current_weight_g=3150, days_since_birth=11))
    banner = FlagBanner()
    qtbot.addWidget(banner)
    banner.resize(900, banner.height())
    banner.show()
    banner.set_flags([*amber, *red, *amber, *amber])
    reds = sum(f.severity is Severity.RED for f in banner.flags)
    ambers = len(banner.flags) - reds
    assert reds and ambers and len(banner.flags) > 3
    assert plain(banner.label.text()).startswith(f"{len(banner.flags)} flags: {reds} red, {ambers} amber")
    assert [f.severity for f in banner.flags[:reds]] == [Severity.RED] * reds

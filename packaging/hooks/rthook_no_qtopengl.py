"""Runtime hook of the frozen app: a stand-in for PySide6.QtOpenGL, which the bundle leaves out (issue 15).

The QtOpenGL binding is 8.7 MB. pyqtgraph imports it when it loads (PlotCurveItem, PColorMeshItem,
Qt/OpenGLHelpers, RawImageWidget) but uses its classes only to draw with OpenGL (``useOpenGL`` or a
GraphicsViewGLWidget), which the app never turns on: its charts draw with QPainter. The stand-in is
found only when the real module is not (it is the last finder asked), and any name read from it fails
with an error that says why. ``consultapp --self-test`` draws the app's charts with it.
"""

import importlib.abc
import importlib.machinery
import sys

_NAME = "PySide6.QtOpenGL"


def _missing(name):
    raise AttributeError(f"{_NAME}.{name}: this build of ConsultApp leaves out Qt's OpenGL binding (packaging/README.md)")


class _StandInLoader(importlib.abc.Loader):
    def create_module(self, spec):
        return None  # the default module object

    def exec_module(self, module):
        module.__getattr__ = _missing


class _StandInFinder(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname != _NAME:
            return None
        return importlib.machinery.ModuleSpec(fullname, _StandInLoader())


sys.meta_path.append(_StandInFinder())

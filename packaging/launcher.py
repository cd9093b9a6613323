"""Entry script of the frozen app (PyInstaller): the same command line as ``python -m consultapp``."""

import multiprocessing
import sys

from consultapp.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # the load test (store/loadtest.py) and future workers may start processes
    sys.exit(main())

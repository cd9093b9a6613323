"""Allow ``python -m consultapp``."""

from consultapp.cli import main

raise SystemExit(main())

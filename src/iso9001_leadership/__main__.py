"""``python -m iso9001_leadership``: the command line."""

from __future__ import annotations

import sys

from iso9001_leadership.cli import main

if __name__ == "__main__":
    sys.exit(main())

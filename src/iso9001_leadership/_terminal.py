"""Terminal helpers: ANSI colour only when a terminal is attached, and a progress line."""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

__all__ = ["Progress", "Style"]

_CODES = {"bold": "1", "dim": "2", "red": "31", "green": "32", "yellow": "33", "blue": "34", "magenta": "35"}


class Style:
    """ANSI styling that is on only for a terminal (``NO_COLOR`` turns it off, ``FORCE_COLOR`` on)."""

    def __init__(self, stream: object, *, color: bool | None = None) -> None:
        if color is None:
            if os.environ.get("NO_COLOR"):
                color = False
            elif os.environ.get("FORCE_COLOR"):
                color = True
            else:
                color = bool(getattr(stream, "isatty", lambda: False)())
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles:
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\033[{codes}m{text}\033[0m"


class Progress:
    """A one-line progress display on a terminal; silent when not a terminal or for quick jobs.

    It stays quiet for the first ``delay`` seconds, so small models show nothing.
    """

    def __init__(self, stream: TextIO | None = None, *, label: str = "checking", delay: float = 0.5) -> None:
        self.stream = stream or sys.stderr
        self.enabled = bool(getattr(self.stream, "isatty", lambda: False)())
        self.label = label
        self.start = time.monotonic()
        self.delay = delay
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or time.monotonic() - self.start < self.delay:
            return
        self.shown = True
        self.stream.write(f"\r{self.label} {done}/{total} requirements")
        self.stream.flush()

    def close(self) -> None:
        """Clear the progress line, if one was shown."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()

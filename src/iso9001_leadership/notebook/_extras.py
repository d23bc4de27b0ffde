"""The optional packages of the notebook helpers (pandas, matplotlib), imported only when needed.

Each helper that draws or builds a DataFrame asks for its package here, naming itself; when
the package is not installed it gets :class:`~iso9001_leadership.exceptions.MissingExtraError`,
which says what to install. Nothing else in the notebook package imports pandas or matplotlib
at run time.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

from iso9001_leadership.exceptions import MissingExtraError

__all__ = ["need", "need_pandas", "need_pyplot"]


def need(module: str, needed_by: str) -> ModuleType:
    """Import an optional module for ``needed_by`` (such as ``"to_frame()"``).

    Raises
    ------
    MissingExtraError
        If the module's package is not installed; its :attr:`package` is the top-level name.

    Examples
    --------
    >>> need("collections.abc", "a doctest").__name__
    'collections.abc'
    >>> need("no_such_package.sub", "a doctest")
    Traceback (most recent call last):
    ...
    iso9001_leadership.exceptions.MissingExtraError: a doctest needs no_such_package, which is not installed; ...
    """
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise MissingExtraError(module.split(".", 1)[0], needed_by) from error


def need_pandas(needed_by: str) -> Any:
    """The ``pandas`` module (typed ``Any``: pandas is optional and may have no stubs)."""
    return need("pandas", needed_by)


def need_pyplot(needed_by: str) -> Any:
    """The ``matplotlib.pyplot`` module (typed ``Any``, as :func:`need_pandas`)."""
    return need("matplotlib.pyplot", needed_by)

"""The cattrs converter between plain data and the model, and the translation of its errors.

The converter is strict where cattrs is lenient by default: text must be text (``str(3)`` is not
a title), whole numbers must not be booleans, a list must be a list (not a string to iterate
character by character), dates must be ISO dates, and unknown keys are refused. Its errors, an
exception group with a note per field, become :class:`~iso9001_leadership.Problem` records with
the path of each offending field.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from iso9001_leadership._names import suggest
from iso9001_leadership.exceptions import Problem
from iso9001_leadership.model import Period

from ._yaml import join_path

__all__ = [
    "InvalidValueError",
    "converter",
    "describe_type",
    "make_converter",
    "problems_from_exception",
    "unknown_field",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class InvalidValueError(ValueError):
    """A value of the wrong shape, with what was found and what was expected.

    Structure hooks raise it; :func:`problems_from_exception` turns it into a
    :class:`~iso9001_leadership.exceptions.Problem` at the path of the offending value.

    Parameters
    ----------
    message
        What is wrong, in a few words: ``"not a mapping"``.
    found
        The offending value; kept as its plain type name and a short rendering.
    expected
        What would have been accepted.
    suggestion
        The nearest valid value, for a misspelt name.

    Examples
    --------
    >>> error = InvalidValueError(message="not text", found=3, expected="text")
    >>> error.found
    'a whole number 3'
    >>> problems_from_exception(error, "roles[0].title")[0].message
    'not text'
    """

    def __init__(self, *, message: str, found: Any, expected: str, suggestion: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.found = f"{_type_name(found)} {_show(found)}"
        self.expected = expected
        self.suggestion = suggestion


def _show(found: Any) -> str:
    text = repr(found)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_name(value: Any) -> str:
    return {
        bool: "a boolean",
        int: "a whole number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "a mapping",
        type(None): "nothing (null)",
    }.get(type(value), type(value).__name__)


def describe_type(tp: Any) -> str:
    """A plain description of what a field of this type accepts, as the loader's errors word it.

    Examples
    --------
    >>> describe_type(tuple[str, ...])
    'a list of text'
    >>> describe_type(int | None)
    'a whole number (or nothing)'
    """
    origin = get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in get_args(tp) if a is not type(None)]
        return " or ".join(describe_type(a) for a in inner) + " (or nothing)"
    if origin is tuple:
        return f"a list of {describe_type(get_args(tp)[0])}"
    if _is_enum(tp):
        return "one of " + ", ".join(repr(m.value) for m in tp)
    if _is_attrs(tp) and tp is not Period:
        return f"a mapping with the fields of {tp.__name__}"
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        dt.date: "a date written YYYY-MM-DD",
        Period: Period.FORMS,
    }.get(tp, getattr(tp, "__name__", str(tp)))


def _structure_str(value: Any, _: type) -> str:
    if not isinstance(value, str):
        raise InvalidValueError(message="not text", found=value, expected="text (quote it if it looks like a number)")
    return value


def _structure_bool(value: Any, _: type) -> bool:
    if not isinstance(value, bool):
        raise InvalidValueError(message="not true or false", found=value, expected="true or false")
    return value


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidValueError(message="not a whole number", found=value, expected="a whole number")
    return value


def _structure_float(value: Any, _: type) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValueError(message="not a number", found=value, expected="a number")
    return float(value)


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError as exc:
            raise InvalidValueError(
                message=f"not a real date: {exc}", found=value, expected="a date written YYYY-MM-DD"
            ) from None
    raise InvalidValueError(message="not a date", found=value, expected="a date written YYYY-MM-DD")


def _structure_period(value: Any, _: type) -> Period:
    if isinstance(value, Period):
        return value
    if isinstance(value, str):
        try:
            return Period.parse(value)
        except ValueError:
            pass
    raise InvalidValueError(message="not a period", found=value, expected=Period.FORMS)


@functools.cache
def _enum_hook(cls: type[enum.Enum]) -> Any:
    values = {m.value: m for m in cls}

    def structure(value: Any, _: type) -> enum.Enum:
        if isinstance(value, cls):
            return value
        if isinstance(value, str) and value in values:
            return values[value]
        allowed = ", ".join(repr(v) for v in values)
        hint = suggest(value, values) if isinstance(value, str) else None
        raise InvalidValueError(
            message=f"not a valid {cls.__name__}", found=value, expected=f"one of {allowed}", suggestion=hint
        )

    return structure


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    structure: Callable[[Any, type], enum.Enum] = _enum_hook(cls)
    return structure(value, cls)


def _is_tuple(tp: Any) -> bool:
    return get_origin(tp) is tuple


def _tuple_hook(conv: cattrs.Converter) -> Any:
    def factory(tp: Any) -> Any:
        element = get_args(tp)[0]
        handler = conv.get_structure_hook(element)

        def structure(value: Any, _: type) -> tuple[Any, ...]:
            if not isinstance(value, list | tuple):
                raise InvalidValueError(
                    message="not a list", found=value, expected=f"a list of {describe_type(element)}"
                )
            if element is str and all(type(item) is str for item in value):
                return tuple(value)  # the most common list: ids, plain text
            try:
                return tuple([handler(item, element) for item in value])
            except Exception:  # read again below, item by item, to report every bad one
                pass
            out: list[Any] = []
            errors: list[Exception] = []
            for index, item in enumerate(value):
                try:
                    out.append(handler(item, element))
                except Exception as exc:
                    # cattrs reads the element's index from this note, as from its own hooks.
                    exc.__notes__ = [  # type: ignore[attr-defined,unused-ignore]
                        *getattr(exc, "__notes__", []),
                        IterableValidationNote(f"Structuring {tp} @ index {index}", index, element),
                    ]
                    errors.append(exc)
            if errors:
                msg = f"While structuring {tp!r}"
                raise IterableValidationError(msg, errors, tp)
            return tuple(out)

        return structure

    return factory


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args


def _optional_hook(conv: cattrs.Converter) -> Any:
    """``X | None``: None as it is, anything else through X's hook, looked up once (not per value)."""

    def factory(tp: Any) -> Any:
        inner = next(arg for arg in get_args(tp) if arg is not type(None))
        handler = conv.get_structure_hook(inner)

        def structure(value: Any, _: type) -> Any:
            return None if value is None else handler(value, inner)

        return structure

    return factory


def _is_attrs(tp: Any) -> bool:
    return isinstance(tp, type) and attrs.has(tp)


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def make_converter() -> cattrs.Converter:
    """A new strict converter between plain data and attrs classes, as the organization files use.

    Text must be text, whole numbers must not be booleans, a list must be a list, dates must be
    ISO dates, enums are read by value and unknown keys are refused; every refusal is an
    :class:`InvalidValueError` or a cattrs error that :func:`problems_from_exception` reads.
    Each call gives a fresh converter, for a caller that registers hooks of its own.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Point:
    ...     x: int
    >>> make_converter().structure({"x": 3}, Point)
    Point(x=3)
    >>> try:
    ...     make_converter().structure({"x": "3"}, Point)
    ... except Exception as exc:
    ...     print(problems_from_exception(exc, "point")[0])
    point.x: not a whole number (found text '3'); expected a whole number
    """
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True, detailed_validation=True)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.date, dt.date.isoformat)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_unstructure_hook(Period, str)
    # Registered for Enum itself, so it applies to every enum by its class: cattrs 24.1
    # registers ``Enum`` this way with its own hook, which would win over a hook factory.
    conv.register_structure_hook(enum.Enum, _structure_enum)
    conv.register_unstructure_hook_func(_is_enum, lambda e: e.value)
    conv.register_structure_hook_factory(_is_tuple, _tuple_hook(conv))
    conv.register_structure_hook_factory(_is_optional, _optional_hook(conv))
    conv.register_unstructure_hook_func(_is_tuple, lambda items: [conv.unstructure(i) for i in items])

    def attrs_mapping_guard(tp: type) -> Any:
        inner: Callable[[Any, Any], Any] = cattrs.gen.make_dict_structure_fn(tp, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: Any, _: type) -> Any:
            if not isinstance(value, dict):
                raise InvalidValueError(message="not a mapping", found=value, expected=describe_type(tp))
            return inner(value, tp)

        return structure

    conv.register_structure_hook_factory(_is_attrs, attrs_mapping_guard)
    return conv


#: The one converter used for organization files, in both directions.
converter = make_converter()


def problems_from_exception(exc: BaseException, path: str, cls: type | None = None) -> list[Problem]:
    """Every problem inside a (possibly nested) cattrs structuring error, each with its path.

    Parameters
    ----------
    exc
        What the converter raised: a cattrs exception group, an :class:`InvalidValueError`, or
        anything else (reported as unreadable).
    path
        The path of the value that was being structured, such as ``roles[3]``.
    cls
        The class being structured, when known.

    Examples
    --------
    >>> import attrs
    >>> @attrs.frozen
    ... class Point:
    ...     x: int
    >>> try:
    ...     converter.structure({"y": 1}, Point)
    ... except Exception as exc:
    ...     problems = problems_from_exception(exc, "points[0]")
    >>> [str(p) for p in problems]  # doctest: +NORMALIZE_WHITESPACE
    ["points[0].x: required field 'x' is missing; expected a whole number",
     "points[0].y: unknown field 'y' for Point; expected one of x"]
    """
    if isinstance(exc, ClassValidationError):
        problems: list[Problem] = []
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            problems.extend(_leaf(sub, join_path(path, note.name), note, exc.cl))
        for sub in without:
            problems.extend(problems_from_exception(sub, path, exc.cl))
        return problems
    if isinstance(exc, IterableValidationError):
        problems = []
        items, rest = exc.group_exceptions()
        for sub, inote in items:
            index = inote.index if isinstance(inote.index, int) else str(inote.index)
            problems.extend(problems_from_exception(sub, join_path(path, index), None))
        for sub in rest:
            problems.extend(problems_from_exception(sub, path, None))
        return problems
    if isinstance(exc, BaseValidationError):
        return [p for sub in exc.exceptions for p in problems_from_exception(sub, path, cls)]
    if isinstance(exc, ForbiddenExtraKeysError):
        fields = [f.name for f in attrs.fields(exc.cl) if f.init]
        return [unknown_field(path, key, fields, owner=exc.cl.__name__) for key in sorted(exc.extra_fields)]
    if isinstance(exc, InvalidValueError):
        return [Problem(path, exc.message, found=exc.found, expected=exc.expected, suggestion=exc.suggestion)]
    return [Problem(path, f"cannot be read: {exc}")]


def unknown_field(path: str, key: str, fields: Iterable[str], *, owner: str) -> Problem:
    """The problem of a key that is not a field of its mapping, with the nearest field suggested.

    :func:`locate` places it at the key (not at its value).

    Parameters
    ----------
    path
        The path of the mapping (``""`` for the document).
    key
        The unknown key.
    fields
        The fields the mapping accepts, in the order to list them.
    owner
        What the mapping is, for the message: a class name, or words such as ``"a catalog file"``.

    Examples
    --------
    >>> print(unknown_field("roles[0]", "titel", ["id", "title"], owner="Role"))
    roles[0].titel: unknown field 'titel' for Role; expected one of id, title; did you mean 'title'?
    """
    names = list(fields)
    return Problem(
        join_path(path, key),
        f"unknown field {key!r} for {owner}",
        expected="one of " + ", ".join(names),
        suggestion=suggest(key, names),
    )


def _leaf(exc: BaseException, path: str, note: AttributeValidationNote, cls: type) -> list[Problem]:
    if isinstance(exc, KeyError):
        return [Problem(path, f"required field {note.name!r} is missing", expected=describe_type(note.type))]
    return problems_from_exception(exc, path, cls)

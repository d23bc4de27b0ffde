"""The rules every organization obeys, checked all at once.

:func:`find_problems` walks an organization's elements generically: ids and references are
found through the field metadata of :mod:`._fields`, so a new element type or reference field
is checked without touching this module.

The check is built to stay linear on hostile input: one pass over the ids, one walk over every
element's fields (references, text, numbers), an index of ids by kind built once for the "did
you mean" search, at most :data:`SUGGESTION_CAP` suggestions, and values echoed cut to a
readable length (:func:`~iso9001_leadership._names.echo`).
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from iso9001_leadership._names import ID_PATTERN, Suggester, clip, digits, echo, suggest
from iso9001_leadership.clauses import CLAUSE_PATTERN, EDITIONS
from iso9001_leadership.exceptions import Problem

from ._entities import (
    Action,
    Evidence,
    Opportunity,
    Person,
    QualityPolicy,
    Risk,
    RiskScale,
    Role,
)
from ._enums import ActionStatus
from ._fields import EntityKind, refs_of

#: The collections of an organization and the kind of element each holds.
COLLECTIONS: tuple[tuple[str, EntityKind], ...] = (
    ("roles", EntityKind.ROLE),
    ("people", EntityKind.PERSON),
    ("authorities", EntityKind.AUTHORITY),
    ("responsibilities", EntityKind.RESPONSIBILITY),
    ("processes", EntityKind.PROCESS),
    ("objectives", EntityKind.OBJECTIVE),
    ("context_issues", EntityKind.CONTEXT_ISSUE),
    ("interested_parties", EntityKind.INTERESTED_PARTY),
    ("risks", EntityKind.RISK),
    ("opportunities", EntityKind.OPPORTUNITY),
    ("actions", EntityKind.ACTION),
    ("communications", EntityKind.COMMUNICATION),
    ("reviews", EntityKind.REVIEW),
    ("resources", EntityKind.RESOURCE),
    ("evidence", EntityKind.EVIDENCE),
)

#: Elements nested inside others that carry ids of their own: (parent kind, field, kind).
NESTED: tuple[tuple[EntityKind, str, EntityKind], ...] = (
    (EntityKind.POLICY, "commitments", EntityKind.COMMITMENT),
    (EntityKind.INTERESTED_PARTY, "requirements", EntityKind.PARTY_REQUIREMENT),
)


#: How many unknown references get a "did you mean" suggestion, per call of :func:`find_problems`
#: (and per mapping of :func:`known_kinds` for :func:`check_raw_references`): the first ones, in
#: file order. Later ones are reported without a suggestion, so a file with thousands of near
#: misses costs no more than one with fifty.
SUGGESTION_CAP = 50

#: The most digits a whole number may have; a longer one is refused as "a number too large". The
#: same limit as the file readers' (``iso9001_leadership.io.MAX_INT_DIGITS``), so an organization
#: built in Python can be written and read back; far below the 4,300 digits Python will print.
MAX_INT_DIGITS = 100

_TOO_LARGE = 10**MAX_INT_DIGITS

#: A lone surrogate: a code point of a UTF-16 pair on its own, which UTF-8 cannot encode.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@attrs.frozen
class Located:
    """An element with an id, where it stands in the organization."""

    kind: EntityKind
    element: Any
    path: str


def iter_elements(parts: Mapping[str, Any]) -> Iterator[Located]:
    """Every element with an id, in file order, nested ones right after their parent."""
    policy = parts.get("policy")
    if policy is not None:
        yield from _with_nested(EntityKind.POLICY, policy, "policy")
    for name, kind in COLLECTIONS:
        for index, element in enumerate(parts.get(name, ())):
            yield from _with_nested(kind, element, f"{name}[{index}]")


def _with_nested(kind: EntityKind, element: Any, path: str) -> Iterator[Located]:
    yield Located(kind, element, path)
    for parent_kind, field_name, child_kind in NESTED:
        if parent_kind is kind:
            for index, child in enumerate(getattr(element, field_name)):
                yield Located(child_kind, child, f"{path}.{field_name}[{index}]")


def _kinds_text(kinds: tuple[EntityKind, ...]) -> str:
    if len(kinds) == len(EntityKind):
        return "the id of any element"
    names = [k.value.replace("_", " ") for k in kinds]
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
    return f"the id of a {joined}"


def find_problems(
    parts: Mapping[str, Any],
    *,
    extra_ids: Mapping[str, EntityKind] | None = None,
    basis: Mapping[str, Any] | None = None,
) -> list[Problem]:
    """Every rule the organization described by ``parts`` breaks.

    What building an :class:`~iso9001_leadership.model.Organization` checks, without building
    one: the loader calls it on what it could read of a file, to report every problem at once.

    Ids must match :data:`~iso9001_leadership._names.ID_PATTERN` and be unique; an id that
    differs from an earlier one only in case (``CEO`` after ``ceo``) is refused too, naming
    where the first one is. Text holding a lone surrogate (which UTF-8 cannot encode, so the
    organization could not be written) is refused with the path of its field; numbers must be
    finite, and whole numbers at most :data:`MAX_INT_DIGITS` digits long. Values are echoed cut
    to a readable length. The first :data:`SUGGESTION_CAP` unknown references get a "did you
    mean" suggestion, later ones none. No number, however large, makes the check raise.

    Parameters
    ----------
    parts
        Each field of :class:`~iso9001_leadership.model.Organization` (by name) to its value;
        fields left out take no part.
    extra_ids
        Ids of elements known to exist but not given (the loader passes the ids of elements it
        could not read, so that references to them are not reported a second time).
    basis
        The elements of a valid organization this one was made from, by id (each value with
        the element's ``kind`` and the ``element``), as :meth:`Organization.evolve` passes them.
        An element that is the very object the basis holds under its id obeyed every rule of
        its own there, so it is looked at again only if it names an id that is gone or changed
        kind; everything else is checked in full. The result is the same as without a basis.

    Examples
    --------
    >>> from iso9001_leadership.model import Process
    >>> [str(p) for p in find_problems({"processes": (Process(id="sales", name="Sales", owner="cfo"),)})]
    ["processes[0].owner: unknown role id 'cfo'; expected the id of a role"]
    >>> find_problems({"processes": (Process(id="sales", name="Sales", owner="cfo"),)}, extra_ids={"cfo": EntityKind.ROLE})
    []
    """
    return check_parts(parts, extra_ids=extra_ids, basis=basis)[0]


def check_parts(
    parts: Mapping[str, Any],
    *,
    extra_ids: Mapping[str, EntityKind] | None = None,
    basis: Mapping[str, Any] | None = None,
) -> tuple[list[Problem], list[Located], dict[str, EntityKind]]:
    """:func:`find_problems`, with what it read on the way: every element where it stands, and the kind of each id.

    :class:`~iso9001_leadership.model.Organization` indexes its elements from these, rather
    than walking them a second time.
    """
    problems: list[Problem] = []
    kinds: dict[str, EntityKind] = dict(extra_ids or {})
    first_path: dict[str, str] = {}
    first_folded: dict[str, tuple[str, str]] = {}  # casefolded id: (the first id, its path)
    located = list(iter_elements(parts))

    name = parts.get("name")
    if isinstance(name, str) and not name.strip():
        problems.append(Problem("name", "the organization needs a name", found="''", expected="a non-empty string"))
    texts = ((field_name, parts.get(field_name)) for field_name in ("name", "scope"))
    problems.extend(found for path, text in texts if isinstance(text, str) and (found := _surrogate(path, text)))

    # Ids: well-formed and unique across the whole organization, even ignoring case.
    for item in located:
        element_id = item.element.id
        path = f"{item.path}.id"
        if not isinstance(element_id, str) or not ID_PATTERN.match(element_id):
            problems.append(
                Problem(
                    path,
                    "malformed id",
                    found=echo(element_id),
                    expected="letters, digits and . _ : / - (starting with a letter or digit, at most 200 characters)",
                )
            )
            continue
        if element_id in first_path:
            problems.append(
                Problem(
                    path,
                    f"duplicate id {echo(element_id)}, already used at {first_path[element_id]}",
                    found=echo(element_id),
                    expected="an id used by no other element",
                )
            )
            continue
        first_path[element_id] = path
        kinds[element_id] = item.kind
        first, where = first_folded.setdefault(element_id.casefold(), (element_id, path))
        if where != path:
            problems.append(
                Problem(
                    path,
                    f"id {echo(element_id)} differs only in case from {echo(first)}, already used at {where}",
                    found=echo(element_id),
                    expected="an id that differs from every other id in more than case",
                )
            )

    hints = _Hints(kinds)

    # References, blank required text, lone surrogates, duplicates in lists, numbers, clause ids.
    fresh = located if basis is None else _fresh(located, kinds, basis)
    # Most elements break no rule: a quick look says so, and only the others are walked again
    # to say what is wrong, where, and what was expected.
    for item in fresh:
        if not _clean(item.element, kinds):
            _check_fields(item.element, item.path, kinds, hints, problems)

    scale = parts.get("risk_scale") or RiskScale()
    problems.extend(_check_scale(scale, parts))
    problems.extend(_check_reporting(parts.get("roles", ()), kinds))
    problems.extend(_check_dates(fresh))
    problems.extend(_check_exclusions(parts.get("exclusions", ())))
    problems.extend(_check_covers(parts.get("covers", ())))
    return problems, located, kinds


class _Hints:
    """The "did you mean" search of one check: an index per set of kinds, built on first use.

    At most :data:`SUGGESTION_CAP` suggestions are looked for; past that, none.
    """

    def __init__(self, kinds: Mapping[str, EntityKind]) -> None:
        self._kinds = kinds
        self._by_kind: dict[EntityKind, list[str]] | None = None
        self._indexes: dict[tuple[EntityKind, ...], Suggester] = {}
        self.left = SUGGESTION_CAP

    def __call__(self, word: str, allowed: tuple[EntityKind, ...]) -> str | None:
        if self.left <= 0:
            return None
        self.left -= 1
        index = self._indexes.get(allowed)
        if index is None:
            if self._by_kind is None:
                self._by_kind = _group(self._kinds)
            by_kind = self._by_kind
            index = self._indexes[allowed] = Suggester(i for k in allowed for i in by_kind.get(k, ()))
        return index(word)


class _Kinds(dict[str, EntityKind]):
    """The kind of every known id, carrying the "did you mean" search over them (see :func:`known_kinds`)."""

    hints: _Hints


def _surrogate(path: str, text: str) -> Problem | None:
    """A problem when ``text`` holds a lone surrogate, which cannot be written as UTF-8."""
    if text.isascii():
        return None
    found = _SURROGATE.search(text)
    if found is None:
        return None
    return Problem(
        path,
        f"text holds a lone surrogate (U+{ord(found.group()):04X}), which cannot be written as UTF-8",
        found=echo(text),
        expected="text without lone surrogates",
    )


def _number(path: str, value: object) -> Problem | None:
    """A problem when a number cannot be a value: not finite, or an integer too large to handle."""
    if isinstance(value, float) and not math.isfinite(value):
        return Problem(path, "not a finite number", found=echo(value), expected="a finite number")
    if isinstance(value, int) and not isinstance(value, bool) and not -_TOO_LARGE < value < _TOO_LARGE:
        return Problem(
            path,
            f"a number too large: {digits(value):,} digits, and the limit is {MAX_INT_DIGITS}",
            found=echo(value),
            expected=f"a whole number of at most {MAX_INT_DIGITS} digits",
        )
    return None


#: The sections of an organization file that ``covers`` may name.
SECTIONS: tuple[str, ...] = (
    "context_issues",
    "interested_parties",
    "processes",
    "roles",
    "people",
    "authorities",
    "responsibilities",
    "policy",
    "objectives",
    "risks",
    "opportunities",
    "actions",
    "communications",
    "reviews",
    "resources",
    "evidence",
)


def _check_covers(covers: Any) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, item in enumerate(covers):
        path = f"covers[{index}]"
        if item in seen:
            problems.append(Problem(path, f"{echo(item)} is named twice", expected="each section or clause once"))
        seen.add(item)
        if item not in SECTIONS and not CLAUSE_PATTERN.match(item):
            problems.append(
                Problem(
                    path,
                    f"{echo(item)} is neither a section of the file nor a clause id",
                    found=echo(item),
                    expected="a section (" + ", ".join(SECTIONS) + ") or a clause id such as '5.3'",
                    suggestion=suggest(item, SECTIONS),
                )
            )
    return problems


def _check_exclusions(exclusions: Any) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[str] = set()
    for index, exclusion in enumerate(exclusions):
        path = f"exclusions[{index}]"
        if exclusion.requirement in seen:
            problems.append(
                Problem(
                    f"{path}.requirement",
                    f"{echo(exclusion.requirement)} is excluded twice",
                    expected="each requirement once",
                )
            )
        seen.add(exclusion.requirement)
        for name in ("requirement", "justification"):
            text = getattr(exclusion, name)
            if not text.strip():
                problems.append(
                    Problem(f"{path}.{name}", f"{name} must not be empty", found=echo(text), expected="some text")
                )
            elif found := _surrogate(f"{path}.{name}", text):
                problems.append(found)
    return problems


def _group(kinds: Mapping[str, EntityKind]) -> dict[EntityKind, list[str]]:
    by_kind: dict[EntityKind, list[str]] = {}
    for element_id, kind in kinds.items():
        by_kind.setdefault(kind, []).append(element_id)
    return by_kind


def check_raw_references(raw: Any, cls: type, path: str, kinds: Mapping[str, EntityKind]) -> list[Problem]:
    """Dangling references in plain data that could not be read into ``cls`` as a whole.

    The loader uses this for elements with other problems, so that one run reports their
    unknown ids too. Values of the wrong shape are skipped: the converter reported those.

    Parameters
    ----------
    raw
        The element as plain data (a mapping), as the file gives it.
    cls
        The class it should have been read into; its reference fields are checked, and the
        fields holding nested classes are walked.
    path
        The element's path, such as ``processes[2]``.
    kinds
        The kind of every known id (see :func:`known_kinds`). A mapping from
        :func:`known_kinds` carries the "did you mean" search over its ids, so calls that share
        it build the index once and share :data:`SUGGESTION_CAP` suggestions between them.

    Examples
    --------
    >>> from iso9001_leadership.model import Process
    >>> raw = {"id": "sales", "owner": "cfo", "name": 3}
    >>> [p.message for p in check_raw_references(raw, Process, "processes[0]", {"ceo": EntityKind.ROLE})]
    ["unknown role id 'cfo'"]
    """
    hints = kinds.hints if isinstance(kinds, _Kinds) else _Hints(kinds)
    return _raw_references(raw, cls, path, kinds, hints)


def _raw_references(raw: Any, cls: type, path: str, kinds: Mapping[str, EntityKind], hints: _Hints) -> list[Problem]:
    if not isinstance(raw, dict) or not attrs.has(cls):
        return []
    problems: list[Problem] = []
    types = typing.get_type_hints(cls)
    for field in attrs.fields(cls):
        if field.name not in raw:
            continue
        raw_value = raw[field.name]
        field_path = f"{path}.{field.name}"
        targets = refs_of(field)
        if targets is not None:
            if isinstance(raw_value, str) and typing.get_origin(types[field.name]) is not tuple:
                problems.extend(_check_ref(field_path, raw_value, targets, kinds, hints))
            elif isinstance(raw_value, list):
                for i, target in enumerate(raw_value):
                    if isinstance(target, str):
                        problems.extend(_check_ref(f"{field_path}[{i}]", target, targets, kinds, hints))
            continue
        nested = next((c for c in classes_in(types[field.name]) if attrs.has(c)), None)
        if nested is None:
            continue
        if isinstance(raw_value, list):
            for i, child in enumerate(raw_value):
                problems.extend(_raw_references(child, nested, f"{field_path}[{i}]", kinds, hints))
        else:
            problems.extend(_raw_references(raw_value, nested, field_path, kinds, hints))
    return problems


def classes_in(hint: Any) -> Iterator[type]:
    """Every class a type hint names: the hint itself if it is a class, then its arguments', depth first.

    The one walker over type hints: filter it for attrs classes (the nested mappings of a
    field) or for enums (its closed vocabularies).

    Examples
    --------
    >>> from iso9001_leadership.model import QualityPolicy, Role
    >>> [c.__name__ for c in classes_in(tuple[Role, ...])]
    ['Role']
    >>> [c.__name__ for c in classes_in(QualityPolicy | None)]
    ['QualityPolicy', 'NoneType']
    """
    if isinstance(hint, type) and typing.get_origin(hint) is None:  # Python 3.10 takes list[int] for a type
        yield hint
    for arg in typing.get_args(hint):
        yield from classes_in(arg)


def known_kinds(parts: Mapping[str, Any], extra_ids: Mapping[str, EntityKind]) -> dict[str, EntityKind]:
    """The kind of every id in ``parts`` and ``extra_ids`` (the first one wins).

    The mapping returned carries the "did you mean" search of :func:`check_raw_references`
    over its ids (built on first use, so do not change the mapping after that).

    Examples
    --------
    >>> from iso9001_leadership.model import Role
    >>> known_kinds({"roles": (Role(id="ceo", title="CEO"),)}, {"qm": EntityKind.ROLE})
    {'qm': <EntityKind.ROLE: 'role'>, 'ceo': <EntityKind.ROLE: 'role'>}
    """
    kinds = _Kinds(extra_ids)
    for item in iter_elements(parts):
        if isinstance(item.element.id, str):
            kinds.setdefault(item.element.id, item.kind)
    kinds.hints = _Hints(kinds)
    return kinds


def _fresh(located: list[Located], kinds: Mapping[str, EntityKind], basis: Mapping[str, Any]) -> list[Located]:
    """The elements to check in full: those not in ``basis`` as they are, and those naming an id gone or changed."""
    gone = {element_id for element_id, entry in basis.items() if kinds.get(element_id) is not entry.kind}
    fresh = []
    for item in located:
        element = item.element
        entry = basis.get(element.id) if isinstance(element.id, str) else None
        if entry is None or entry.element is not element or (gone and _names_any(element, gone)):
            fresh.append(item)
    return fresh


#: Per class: its reference fields, and its fields holding mappings without an id of their own.
_NAMING: dict[type, tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _naming(cls: type) -> tuple[tuple[str, ...], tuple[str, ...]]:
    found = _NAMING.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        refs = tuple(f.name for f in attrs.fields(cls) if refs_of(f) is not None)
        nested = tuple(
            f.name
            for f in attrs.fields(cls)
            if refs_of(f) is None
            and any(
                attrs.has(c) and not any(g.name == "id" for g in attrs.fields(c)) for c in classes_in(hints[f.name])
            )
        )
        found = _NAMING[cls] = (refs, nested)
    return found


def _names_any(element: Any, ids: set[str]) -> bool:
    """Whether ``element`` (or a mapping nested in it) refers to one of ``ids``."""
    refs, nested = _naming(type(element))
    for name in refs:
        value = getattr(element, name)
        if value in ids if type(value) is str else type(value) is tuple and not ids.isdisjoint(value):
            return True
    for name in nested:
        value = getattr(element, name)
        for child in value if type(value) is tuple else (value,):
            if child is not None and _names_any(child, ids):
                return True
    return False


@attrs.frozen
class _Rule:
    """What :func:`_clean` looks at in one field of a class, worked out once per class."""

    name: str
    allowed: frozenset[EntityKind] | None  # the kinds a reference may name; None: not a reference
    self_ref: bool  # a reference that must not name the element itself
    required: bool  # text that must not be blank
    clauses: bool  # clause ids
    non_negative: bool  # a number that must not be negative


_RULES: dict[type, tuple[_Rule, ...]] = {}


def _rules(cls: type) -> tuple[_Rule, ...]:
    rules = _RULES.get(cls)
    if rules is None:
        rules = _RULES[cls] = tuple(
            _Rule(
                name=field.name,
                allowed=None if (targets := refs_of(field)) is None else frozenset(targets),
                self_ref=field.name in {"reports_to", "interacts_with"},
                required=field.default is attrs.NOTHING and field.name != "id",
                clauses=field.name == "clauses",
                non_negative=field.name in {"limit", "amount"},
            )
            for field in attrs.fields(cls)
        )
    return rules


def _clean(element: Any, kinds: Mapping[str, EntityKind]) -> bool:
    """Whether :func:`_check_fields` would find nothing wrong with ``element``: a quick, conservative look.

    ``True`` only when every field is plainly fine (known references of the right kind, each
    once; text that is not blank and holds no lone surrogate; ordinary numbers); anything
    unusual, even if it turns out fine, says ``False`` and the full walk decides. No path or
    message is built. The look is a function written for each class, once (see :func:`_cleaner`).
    """
    cls = type(element)
    cleaner = _CLEANERS.get(cls)
    if cleaner is None:
        cleaner = _CLEANERS[cls] = _cleaner(cls)
    return cleaner(element, kinds)


_CLEANERS: dict[type, Callable[[Any, Mapping[str, EntityKind]], bool]] = {}


def _cleaner(cls: type) -> Callable[[Any, Mapping[str, EntityKind]], bool]:
    """The quick look of :func:`_clean` for one class, as straight-line code over its fields.

    As attrs and cattrs do for their methods: the rules of each field (:func:`_rules`) are
    written out once, so that a look costs an attribute read and a test or two per field.
    """
    if issubclass(cls, Evidence):
        return lambda element, kinds: False  # evidence may cite requirement ids: always the full walk
    names: dict[str, Any] = {
        "_SURROGATE": _SURROGATE,
        "_TOO_LARGE": _TOO_LARGE,
        "CLAUSE_PATTERN": CLAUSE_PATTERN,
        "isfinite": math.isfinite,
        "Enum": enum.Enum,
        "date": dt.date,
        "has": attrs.has,
        "clean": _clean,
        "clean_items": _clean_items,
    }
    body: list[str] = []
    for index, rule in enumerate(_rules(cls)):
        body.append(f"v = e.{rule.name}")
        if rule.allowed is not None:
            allowed = f"A{index}"
            names[allowed] = tuple(rule.allowed)  # a tuple: members compared by identity, not hashed
            own = " or v == e.id" if rule.self_ref else ""
            body += [
                "if v is not None:",
                "    if type(v) is tuple:",
                "        for t in v:",
                f"            if get(t) not in {allowed}:",
                "                return False",
                "        if len(v) > 1 and len(set(v)) != len(v):",
                "            return False",
            ]
            if rule.self_ref:
                body += ["        if e.id in v:", "            return False"]
            body += [
                "    elif type(v) is str:",
                f"        if get(v) not in {allowed}{own}:",
                "            return False",
                "    else:",
                "        return False",
            ]
            continue
        if rule.clauses:
            body += [
                "for c in v:",
                "    if not CLAUSE_PATTERN.match(c):",
                "        return False",
                "if len(v) > 1 and len(set(v)) != len(v):",
                "    return False",
            ]
            continue
        body.append("k = type(v)")
        if rule.non_negative:
            body += ["if v is not None and not (k in (int, float) and v >= 0):", "    return False"]
        blank = "not v.strip() or " if rule.required else ""
        body += [
            "if k is str:",
            f"    if {blank}(not v.isascii() and _SURROGATE.search(v)):",
            "        return False",
            "elif k is tuple:",
            "    if v and not clean_items(v, kinds):",
            "        return False",
            "elif k is int:",
            "    if not -_TOO_LARGE < v < _TOO_LARGE:",
            "        return False",
            "elif k is float:",
            "    if not isfinite(v):",
            "        return False",
            "elif v is None or k is bool or k is date or isinstance(v, Enum):",
            "    pass",
            "elif has(k):",
            "    if not clean(v, kinds):",
            "        return False",
            "else:",
            "    return False",
        ]
    lines = [
        "def look(e, kinds):",
        "    get = kinds.get",
        "    try:",
        *(f"        {line}" for line in body),
        "    except (TypeError, AttributeError):  # an unhashable or odd value: the full walk says what it is",
        "        return False",
        "    return True",
    ]
    exec(compile("\n".join(lines), f"<quick look of {cls.__name__}>", "exec"), names)
    look: Callable[[Any, Mapping[str, EntityKind]], bool] = names["look"]
    return look


#: Values a quick look accepts as they are (besides enums and None).
_PLAIN: frozenset[type] = frozenset({dt.date})


def _clean_items(items: tuple[Any, ...], kinds: Mapping[str, EntityKind]) -> bool:
    """Whether the items of a list field are plainly fine: see :func:`_clean`."""
    first: type = type(items[0])
    if first is str:
        return all(type(item) is str and (item.isascii() or not _SURROGATE.search(item)) for item in items) and len(
            set(items)
        ) == len(items)
    if issubclass(first, enum.Enum):
        return all(type(item) is first for item in items) and len(set(items)) == len(items)
    if attrs.has(first):
        return all(type(item) is first and (hasattr(item, "id") or _clean(item, kinds)) for item in items)
    return False


def _check_fields(
    element: Any,
    path: str,
    kinds: Mapping[str, EntityKind],
    hints: _Hints,
    problems: list[Problem],
) -> None:
    """One pass over an element's fields: references, required text, lone surrogates, numbers, lists."""
    for field in attrs.fields(type(element)):
        value = getattr(element, field.name)
        field_path = f"{path}.{field.name}"
        targets = refs_of(field)
        if targets is not None:
            items = (
                [(field_path, value)]
                if not isinstance(value, tuple)
                else [(f"{field_path}[{i}]", v) for i, v in enumerate(value)]
            )
            seen: set[str] = set()
            for item_path, target in items:
                if target is None:
                    continue
                if target in seen:
                    problems.append(
                        Problem(
                            item_path, f"{echo(target)} is listed twice", found=echo(target), expected="each id once"
                        )
                    )
                    continue
                seen.add(target)
                problems.extend(_check_ref(item_path, target, targets, kinds, hints))
            if field.name in {"reports_to", "interacts_with"}:
                own = getattr(element, "id", None)
                for item_path, target in items:
                    if target is not None and target == own:
                        problems.append(
                            Problem(item_path, "an element cannot refer to itself here", found=echo(target))
                        )
            continue
        if isinstance(value, str):
            # Ids are held to ID_PATTERN (plain ASCII) above; every other text is checked here.
            if field.default is attrs.NOTHING and field.name != "id" and not value.strip():
                problems.append(
                    Problem(field_path, f"{field.name} must not be empty", found="''", expected="some text")
                )
            elif field.name != "id" and (found := _surrogate(field_path, value)):
                problems.append(found)
        elif isinstance(value, int | float):
            if found := _number(field_path, value):
                problems.append(found)
            elif field.name in {"limit", "amount"} and not isinstance(value, bool) and value < 0:
                problems.append(
                    Problem(field_path, f"{field.name} cannot be negative", found=echo(value), expected="zero or more")
                )
        if field.name == "clauses":
            # Evidence may also cite requirement ids, which stay the same from one edition to the next.
            as_id = isinstance(element, Evidence)
            for i, clause in enumerate(value):
                if not isinstance(clause, str) or not (
                    CLAUSE_PATTERN.match(clause) or (as_id and "." in clause and ID_PATTERN.match(clause))
                ):
                    problems.append(
                        Problem(
                            f"{field_path}[{i}]",
                            "not a clause id",
                            found=echo(clause),
                            expected="a clause number with an optional item letter, such as '5.3 a' or '9.3.2'"
                            + (", or a requirement id such as 'awareness.policy'" if as_id else ""),
                        )
                    )
        if attrs.has(type(value)):
            _check_fields(value, field_path, kinds, hints, problems)
        elif isinstance(value, tuple):
            listed: set[object] = set()
            for i, child in enumerate(value):
                if attrs.has(type(child)):
                    if not hasattr(child, "id"):
                        _check_fields(child, f"{field_path}[{i}]", kinds, hints, problems)
                elif isinstance(child, enum.Enum | str):
                    if child in listed:
                        shown = child.value if isinstance(child, enum.Enum) else child
                        problems.append(
                            Problem(
                                f"{field_path}[{i}]",
                                f"{echo(shown)} is listed twice",
                                found=echo(shown),
                                expected="each entry once",
                            )
                        )
                        continue
                    listed.add(child)
                    # A clause id holding a surrogate is not a clause id, which says enough.
                    if (
                        isinstance(child, str)
                        and field.name != "clauses"
                        and (found := _surrogate(f"{field_path}[{i}]", child))
                    ):
                        problems.append(found)
                elif isinstance(child, int | float) and (found := _number(f"{field_path}[{i}]", child)):
                    problems.append(found)


def _check_ref(
    path: str,
    target: Any,
    allowed: tuple[EntityKind, ...],
    kinds: Mapping[str, EntityKind],
    hints: _Hints,
) -> list[Problem]:
    expected = _kinds_text(allowed)
    if not isinstance(target, str):
        return [Problem(path, "a reference must be an id", found=echo(target), expected=expected)]
    actual = kinds.get(target)
    if actual is None:
        label = allowed[0].value.replace("_", " ") if len(allowed) == 1 else "element"
        return [
            Problem(
                path,
                f"unknown {label} id {echo(target)}",
                found=echo(target),
                expected=expected,
                suggestion=hints(target, allowed),
            )
        ]
    if actual not in allowed:
        return [
            Problem(
                path,
                f"{echo(target)} is a {actual.value.replace('_', ' ')}",
                found=echo(target),
                expected=expected,
            )
        ]
    return []


def _check_scale(scale: RiskScale, parts: Mapping[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for name in ("likelihood", "impact"):
        levels = getattr(scale, name)
        if found := _number(f"risk_scale.{name}", levels):
            problems.append(found)
        elif not isinstance(levels, int) or not 2 <= levels <= 10:
            problems.append(
                Problem(
                    f"risk_scale.{name}",
                    "risk scale out of range",
                    found=echo(levels),
                    expected="a whole number from 2 to 10",
                )
            )
    if problems:
        return problems
    for collection, second in (("risks", "impact"), ("opportunities", "benefit")):
        element: Risk | Opportunity
        for index, element in enumerate(parts.get(collection, ())):
            for name, top in (("likelihood", scale.likelihood), (second, scale.impact)):
                level = getattr(element, name)
                if level is None or _number("", level):  # a number that cannot be one is reported with the fields
                    continue
                if not isinstance(level, int | float) or not 1 <= level <= top:
                    problems.append(
                        Problem(
                            f"{collection}[{index}].{name}",
                            f"{name} outside the organization's risk scale",
                            found=echo(level),
                            expected=f"a whole number from 1 to {top}",
                        )
                    )
    return problems


def _check_reporting(roles: tuple[Role, ...], kinds: Mapping[str, EntityKind]) -> list[Problem]:
    """Reporting-line cycles and top management reporting outside top management."""
    problems: list[Problem] = []
    by_id: dict[str, tuple[int, Role]] = {}
    for index, role in enumerate(roles):
        by_id.setdefault(role.id, (index, role))
    state: dict[str, int] = {}  # 1: on the current walk, 2: done
    for start in by_id:
        walk: list[str] = []
        current: str | None = start
        while current is not None and current in by_id and state.get(current) is None:
            state[current] = 1
            walk.append(current)
            nxt = by_id[current][1].reports_to
            current = nxt if nxt != current else None  # self-reference is reported elsewhere
        if current is not None and state.get(current) == 1:
            cycle = walk[walk.index(current) :]
            index = by_id[cycle[0]][0]
            chain = " -> ".join(clip(i) for i in [*cycle, cycle[0]])
            problems.append(
                Problem(
                    f"roles[{index}].reports_to",
                    f"reporting lines form a cycle: {chain}",
                    found=echo(by_id[cycle[0]][1].reports_to),
                    expected="a reporting line that ends at a role reporting to no one",
                )
            )
        for element_id in walk:
            state[element_id] = 2
    for index, role in enumerate(roles):
        boss = by_id.get(role.reports_to) if role.reports_to else None
        if role.top_management and boss is not None and not boss[1].top_management:
            problems.append(
                Problem(
                    f"roles[{index}].reports_to",
                    f"top-management role {echo(role.id)} reports to {echo(role.reports_to)}, which is not top management",
                    found=echo(role.reports_to),
                    expected="another top-management role, or nothing",
                )
            )
    return problems


#: Pairs of dates that must come in order: (class, path of the later date, path of the earlier date,
#: what it means when they do not). A path is a field name, or "nested.field" inside a nested mapping.
_ORDERED_DATES: tuple[tuple[type, str, str, str], ...] = (
    (QualityPolicy, "next_review", "approved_on", "the next review falls before the approval"),
    (Evidence, "valid_until", "dated", "the evidence expires before it is dated"),
    (Person, "left", "joined", "the person leaves before joining"),
    (Action, "effectiveness.evaluated_on", "completed_on", "effectiveness evaluated before the action was completed"),
)


def _dates_in_order(element: Any, path: str, later: str, earlier: str, message: str) -> Problem | None:
    """A problem when the date at ``later`` falls before the one at ``earlier`` (both dotted field paths)."""

    def read(dotted: str) -> Any:
        value = element
        for name in dotted.split("."):
            value = getattr(value, name, None) if value is not None else None
        return value

    late, early = read(later), read(earlier)
    if late is None or early is None or late >= early:
        return None
    return Problem(
        f"{path}.{later}", message, found=str(late), expected=f"a date on or after {earlier.split('.')[-1]} ({early})"
    )


def _check_dates(located: list[Located]) -> list[Problem]:
    """Dates that contradict each other."""
    problems: list[Problem] = []
    ordered: dict[type, list[tuple[str, str, str]]] = {}
    for item in located:
        element = item.element
        rules = ordered.get(type(element))
        if rules is None:
            rules = ordered[type(element)] = [
                (later, earlier, message) for cls, later, earlier, message in _ORDERED_DATES if isinstance(element, cls)
            ]
        for later, earlier, message in rules:
            if found := _dates_in_order(element, item.path, later, earlier, message):
                problems.append(found)
        if isinstance(element, Person):
            for index, holding in enumerate(element.holdings):
                path = f"{item.path}.holdings[{index}]"
                found = _dates_in_order(holding, path, "until", "since", "the role is given up before it is taken up")
                if found is not None:
                    problems.append(found)
        if isinstance(element, Evidence) and element.edition is not None and element.edition not in EDITIONS:
            problems.append(
                Problem(
                    f"{item.path}.edition",
                    f"unknown edition {echo(element.edition)}",
                    found=echo(element.edition),
                    expected=" or ".join(repr(e) for e in EDITIONS),
                    suggestion=suggest(element.edition, EDITIONS),
                )
            )
        if isinstance(element, Action) and element.completed_on is not None and element.status is not ActionStatus.DONE:
            problems.append(
                Problem(
                    f"{item.path}.completed_on",
                    f"a completion date on an action whose status is {element.status.value!r}",
                    found=str(element.completed_on),
                    expected="status 'done', or no completion date",
                )
            )
    return problems

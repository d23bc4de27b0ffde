"""The quick depth test of the JSON reader agrees with the exact scan, and both with the parser."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership.io._json import _BRACKETS, _shallow, _too_deep, parse_json


def _exact_depth(text: str) -> int:
    """The deepest bracket outside strings, by the reader's own tokenizer, one token at a time."""
    depth = deepest = 0
    for match in _BRACKETS.finditer(text):
        char = text[match.start()]
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth = max(depth - 1, 0)
    return deepest


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ab'),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(alphabet='[]{}"ab'), inner, max_size=3),
    max_leaves=30,
)


@given(_json_values, st.integers(min_value=1, max_value=8))
def test_quick_test_never_passes_a_deep_document(value: object, limit: int) -> None:
    """On valid JSON, the quick test says "shallow" exactly when the exact scan finds no deeper bracket."""
    text = json.dumps(value)
    assert _shallow(text, limit) == (_exact_depth(text) <= limit)
    assert (_too_deep(text, limit) is None) == (_exact_depth(text) <= limit)


@given(st.text(alphabet='[]{}"\\a,:'), st.integers(min_value=1, max_value=6))
def test_quick_test_never_lets_a_deep_document_reach_the_parser(text: str, limit: int) -> None:
    """On arbitrary text (unbalanced, unclosed strings, stray escapes), whatever the quick test passes
    and the parser reads is no deeper than the limit."""
    if _shallow(text, limit):
        try:
            value = json.loads(text)
        except ValueError:
            return
        assert _exact_depth(json.dumps(value)) <= limit


@pytest.mark.parametrize(
    ("text", "shallow"),
    [
        ("[" * 5 + "]" * 5, True),
        ("[" * 6 + "]" * 6, False),
        ('["[[[[[[[[["]', True),  # brackets inside a string do not count
        ('{"a": [{"b": [1]}, {"c": {}}]}', True),
        ('[[[[[["unclosed', False),
    ],
)
def test_quick_test_table(text: str, shallow: bool) -> None:
    assert _shallow(text, 5) is shallow


def test_a_document_too_deep_is_refused_where_it_gets_too_deep() -> None:
    data, problems = parse_json('{"a": ' + "[" * 150 + "]" * 150 + "}")
    assert data is None
    assert len(problems) == 1
    assert (problems[0].line, problems[0].column) == (1, 106)
    assert "deeper than 100" in problems[0].message or "100" in problems[0].message

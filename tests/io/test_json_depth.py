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


@given(_json_values, st.integers(min_value=1, max_value=9))
def test_the_shape_does_not_depend_on_where_chunks_end(value: object, chunk: int) -> None:
    """Read a few characters at a time (escapes split at every place), the quotes and brackets are the same."""
    from iso9001_leadership.io import _json

    text = json.dumps(value, ensure_ascii=False)
    whole = _json._shape(text)
    saved = _json._CHUNK
    _json._CHUNK = chunk
    try:
        assert _json._shape(text) == whole
    finally:
        _json._CHUNK = saved


@given(
    st.text(st.sampled_from("a\n\u00e9\U0001f600"), min_size=0, max_size=30).flatmap(
        lambda t: st.integers(0, len(t)).map(lambda i: t[:i] + "\ud800" + t[i:]) | st.just(t)
    ),
    st.integers(min_value=1, max_value=4),
)
def test_lone_surrogates_are_found_whatever_the_chunk(text: str, chunk: int) -> None:
    """check_text finds the first lone surrogate (a megabyte at a time, here a few characters) where it is."""
    from iso9001_leadership.io import _limits

    saved = _limits._CHUNK
    _limits._CHUNK = chunk
    try:
        text = text.lstrip("\ufeff")
        lone = next((i for i, c in enumerate(text) if 0xD800 <= ord(c) <= 0xDFFF), None)
        if lone is None:
            assert _limits.check_text(text) == text
        else:
            with pytest.raises(_limits.Refusal) as refused:
                _limits.check_text(text)
            assert refused.value.problem.line == text.count("\n", 0, lone) + 1
    finally:
        _limits._CHUNK = saved

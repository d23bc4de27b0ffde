"""The RACI matrix, the graph exports and the terminal helpers, on small hand-made organizations."""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from iso9001_leadership import OrgGraph, UnknownIdError, loads
from iso9001_leadership._terminal import Progress, Style
from iso9001_leadership.export import GRAPH_FORMATS, export
from iso9001_leadership.raci import raci_matrix

ORG = loads(
    """
name: 'Acme "Pumps" | Ltd'
roles:
- {id: ceo, title: CEO, top_management: true}
- {id: qm, title: 'Quality <Manager>', reports_to: ceo}
- {id: idle, title: Idle, reports_to: ceo}
responsibilities:
- {id: conformity, title: 'Keep | conforming', accountable: [qm], responsible: [qm, ceo], informed: [ceo]}
- {id: review, title: Review, accountable: [ceo], consulted: [qm]}
"""
)


@pytest.mark.parametrize(
    ("responsibility", "role", "code"),
    [("conformity", "qm", "A/R"), ("conformity", "ceo", "R/I"), ("review", "ceo", "A"), ("review", "qm", "C")],
)
def test_raci_cells_combine_letters_in_a_r_c_i_order(responsibility: str, role: str, code: str) -> None:
    """A role with several parts in one responsibility gets them joined, accountable first."""
    assert raci_matrix(ORG).code(responsibility, role) == code


def test_raci_columns_are_involved_roles_in_file_order() -> None:
    """Roles with no part in any responsibility are left out unless asked for; order follows the file."""
    assert raci_matrix(ORG).roles == ("ceo", "qm")
    assert raci_matrix(ORG, roles=["qm", "idle"]).roles == ("qm", "idle")
    assert raci_matrix(ORG, roles=["idle"]).code("review", "idle") == ""


def test_raci_unknown_role_column_is_refused() -> None:
    """Asking for a column that is not a role raises UnknownIdError."""
    with pytest.raises(UnknownIdError):
        raci_matrix(ORG, roles=["review"])


def test_raci_csv_and_markdown_escape_their_cells() -> None:
    """CSV quotes as the csv module does; Markdown escapes pipes so the table keeps its shape."""
    matrix = raci_matrix(ORG)
    rows = list(csv.reader(io.StringIO(matrix.to_csv())))
    assert rows[1] == ["Keep | conforming", "R/I", "A/R"]
    markdown = matrix.to_markdown().splitlines()
    assert markdown[2] == "| Keep \\| conforming | R/I | A/R |"
    assert {line.count(" | ") for line in markdown} == {2}


def test_exports_escape_labels() -> None:
    """Quotes, angle brackets and pipes in names cannot break DOT, Mermaid or XML."""
    graph = OrgGraph.from_organization(ORG)
    dot = export(graph, "dot")
    assert dot.startswith('digraph "Acme \\"Pumps\\" | Ltd" {')
    mermaid = export(graph, "mermaid")
    assert "Quality #lt;Manager#gt;" in mermaid
    assert nx.read_graphml(io.BytesIO(export(graph, "graphml").encode())).nodes["qm"]["label"] == "Quality <Manager>"
    data = json.loads(export(graph, "json"))
    assert {e["relation"] for e in data["edges"]} >= {"reports_to", "accountable_for", "responsible_for"}


def test_export_refuses_an_unknown_format() -> None:
    """An unknown format is a ValueError naming the ones there are."""
    with pytest.raises(ValueError, match=", ".join(GRAPH_FORMATS)):
        export(OrgGraph.from_organization(ORG), "png")  # type: ignore[arg-type]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_style_follows_the_terminal_and_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on a terminal, none in a pipe; NO_COLOR wins over a terminal, FORCE_COLOR over a pipe."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    assert Style(_Terminal())("x", "red") == "\033[31mx\033[0m"
    assert Style(io.StringIO())("x", "red") == "x"
    monkeypatch.setenv("NO_COLOR", "1")
    assert Style(_Terminal())("x", "red") == "x"
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert Style(io.StringIO())("x", "red") == "\033[31mx\033[0m"


def test_progress_shows_only_on_a_terminal_after_the_delay() -> None:
    """Quick jobs and pipes see no progress line; a slow job on a terminal does, and it is cleared."""
    piped = io.StringIO()
    progress = Progress(piped, delay=0.0)
    progress(1, 10)
    assert piped.getvalue() == ""
    terminal = _Terminal()
    quick = Progress(terminal, delay=60.0)
    quick(1, 10)
    assert terminal.getvalue() == ""
    slow = Progress(terminal, label="checking", delay=0.0)
    slow(3, 10)
    slow.close()
    assert terminal.getvalue() == "\rchecking 3/10 requirements\r\033[K"

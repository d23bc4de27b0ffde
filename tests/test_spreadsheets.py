"""RACI matrices from and to spreadsheets (Excel workbooks and CSV), and findings to them."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iso9001_leadership import (
    LoadError,
    MissingExtraError,
    Organization,
    Responsibility,
    UsageError,
    assess,
    load,
    loads,
)
from iso9001_leadership._escape import printable
from iso9001_leadership.cli import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, main
from iso9001_leadership.spreadsheets import (
    COLUMN_NAMES,
    FINDING_COLUMNS,
    finding_rows,
    raci_rows,
    read_raci,
    write_findings,
    write_raci,
)
from iso9001_leadership.strategies import organizations

openpyxl = pytest.importorskip("openpyxl")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "precision-pumps" / "organization.yaml"
AS_OF = dt.date(2026, 11, 24)

BASE = loads(
    """
name: Acme
roles:
- {id: ceo, title: Chief Executive, top_management: true}
- {id: qm, title: Quality Manager, reports_to: ceo}
- {id: ops, title: Operations Manager, reports_to: ceo}
processes:
- {id: leadership, name: Leadership, owner: ceo}
- {id: production, name: Production, owner: ops}
authorities:
- {id: approve-policy, title: Approve the quality policy}
responsibilities:
- id: review
  title: Run management reviews
  description: Twice a year, with minutes.
  clauses: [9.3.1]
  accountable: [ceo]
  responsible: [qm]
  informed: [ops]
  processes: [leadership]
communications:
- {id: review-minutes, subject: Minutes of the review, about: [review], audience: [ops]}
""",
    source="base.yaml",
)

#: The base without the communication that refers to its responsibility, so that sheets may leave it out.
PLAIN = BASE.evolve(communications=())


def workbook(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    title: str = "RACI",
    merges: Sequence[str] = (),
    before: Sequence[str] = (),
) -> Path:
    """A workbook at ``path`` whose sheet ``title`` holds ``rows`` from A1 (``None``: a blank cell)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for name in before:
        book.create_sheet(name, 0)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    for span in merges:
        sheet.merge_cells(span)
    book.save(path)
    return path


def problems(error: pytest.ExceptionInfo[LoadError]) -> list[str]:
    return [str(p) for p in error.value.problems]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


# -- reading CSV ------------------------------------------------------------------------------

HEADER = ["Activity", "Quality Manager", "Chief Executive", "ops"]


def _csv_bytes(rows: list[list[str]], delimiter: str = ",", *, bom: bytes = b"", encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return bom + buffer.getvalue().encode(encoding)


@pytest.mark.parametrize(
    ("data", "letters"),
    [
        (_csv_bytes([HEADER, ["Audit", "A/R", "I", ""]]), {"qm": "AR", "ceo": "I"}),
        (_csv_bytes([HEADER, ["Audit", "A/R", "I", ""]], ";"), {"qm": "AR", "ceo": "I"}),
        (_csv_bytes([HEADER, ["Audit", "A/R", "I", ""]], "\t"), {"qm": "AR", "ceo": "I"}),
        (_csv_bytes([HEADER, ["Audit", "A/R", "I", ""]], bom=codecs.BOM_UTF8), {"qm": "AR", "ceo": "I"}),
        (
            codecs.BOM_UTF16_LE + _csv_bytes([HEADER, ["Audit", "a", "", "r"]], "\t", encoding="utf-16-le"),
            {"qm": "A", "ops": "R"},
        ),
        (_csv_bytes([HEADER, ["Audit", " r, a ", "c", " i "]]), {"qm": "AR", "ceo": "C", "ops": "I"}),
        (_csv_bytes([HEADER, ["Audit", "ar", "Consulted", "R+I"]]), {"qm": "AR", "ceo": "C", "ops": "RI"}),
        (_csv_bytes([HEADER, ["Audit", "", "", ""]]), {}),
        (b"sep=;\n" + _csv_bytes([HEADER, ["Audit", "A", "", ""]], ";"), {"qm": "A"}),
        (_csv_bytes([["RACI matrix of Acme"], [], HEADER, ["Audit", "A", "", ""]]), {"qm": "A"}),
        (_csv_bytes([HEADER, ["Audit", "A", "", ""], [], ["", "", "", ""]]), {"qm": "A"}),
        (
            _csv_bytes([["Task", "QUALITY MANAGER", "ceo", "Operations  manager"], ["Audit", "A", "", "C"]]),
            {"qm": "A", "ops": "C"},
        ),
        (_csv_bytes([["Activity", "Manager, Quality, Plant, Site (qm)"], ["Audit", "A"]], ";"), {"qm": "A"}),
        (_csv_bytes([["RACI matrix"], ["Activity", "Quality Manager"], ["Audit, yearly", "A"]], ";"), {"qm": "A"}),
    ],
    ids=[
        "comma",
        "semicolon",
        "tab",
        "utf-8 bom",
        "utf-16 unicode text",
        "spaces and lowercase",
        "run together and words",
        "blank cells",
        "excel sep line",
        "title row above the header",
        "blank rows below",
        "headers by id and title in any case",
        "delimiter told by consistency",
        "delimiter told past a title row",
    ],
)
def test_csv_variants_read_the_same_matrix(data: bytes, letters: dict[str, str]) -> None:
    """Delimiters, encodings, case, spacing and combinations of letters all read as the same RACI parts."""
    org = read_raci(io.BytesIO(data), format="csv", base=PLAIN.evolve(responsibilities=()))
    (responsibility,) = org.responsibilities
    assert responsibility.title.startswith("Audit")
    found = {
        role: "".join(
            code for code, field in zip("ARCI", _LETTERS, strict=True) if role in getattr(responsibility, field)
        )
        for role in ("qm", "ceo", "ops")
    }
    assert {role: codes for role, codes in found.items() if codes} == letters


_LETTERS = ("accountable", "responsible", "consulted", "informed")


def test_csv_problems_carry_the_cell_and_its_line_and_column() -> None:
    """A CSV problem names the cell as Excel shows it, with the line and column where it starts in the file."""
    text = 'Activity,Quality Manager\n"Two\nlines",X\n'
    with pytest.raises(LoadError) as error:
        read_raci(io.StringIO(text), format="csv", base=PLAIN)
    (problem,) = error.value.problems
    assert (problem.path, problem.line, problem.column) == ("B2", 3, 8)
    assert "'X' is not a RACI code" in problem.message


def test_csv_that_is_not_utf8_is_refused_with_its_line() -> None:
    """Bytes that are not UTF-8 (Excel's ANSI CSV) are refused, saying how to save the file instead."""
    with pytest.raises(LoadError) as error:
        read_raci(io.BytesIO("Activity,CEO\nRévision,A\n".encode("cp1252")), format="csv")
    (problem,) = error.value.problems
    assert problem.line == 2
    assert "CSV UTF-8" in (problem.expected or "")


def test_malformed_csv_is_a_load_error() -> None:
    """A stray quote is a LoadError with the line, never the csv module's exception."""
    with pytest.raises(LoadError, match="not valid CSV"):
        read_raci(io.StringIO('Activity,CEO\n"Review" x,A\n'), format="csv")


def test_formula_quote_is_taken_off_what_we_wrote() -> None:
    """The single quote the writers put before a formula start is taken off when the file is read back."""
    text = "Activity,Quality Manager\n'=HYPERLINK(\"x\"),A\n''-kept quote,R\n'plain quote,C\n"
    org = read_raci(io.StringIO(text), format="csv", base=PLAIN)
    assert [r.title for r in org.responsibilities] == ['=HYPERLINK("x")', "'-kept quote", "'plain quote"]


# -- reading workbooks ------------------------------------------------------------------------


def test_workbook_with_every_optional_column(tmp_path: Path) -> None:
    """Ids, titles, descriptions, processes (by id or name), clauses (loosely written) and authorities are read."""
    path = workbook(
        tmp_path / "raci.xlsx",
        [
            ["ID", "Activity", "Notes", "Process", "ISO clause", "Authority", "Quality Manager", "CEO (ceo)"],
            ["audit", "Internal audits", "Yearly", "Production; leadership", "9.2, 5.3a", "approve-policy", "A/R", "I"],
            [7, "Numbered", None, None, 5.3, None, "C", "a"],
        ],
    )
    org = read_raci(path, base=PLAIN)
    audit, numbered = org.responsibilities
    assert audit == Responsibility(
        id="audit",
        title="Internal audits",
        description="Yearly",
        clauses=("9.2", "5.3 a"),
        accountable=("qm",),
        responsible=("qm",),
        informed=("ceo",),
        processes=("production", "leadership"),
        authorities_needed=("approve-policy",),
    )
    assert (numbered.id, numbered.clauses, numbered.accountable, numbered.consulted) == (
        "7",
        ("5.3",),
        ("ceo",),
        ("qm",),
    )
    assert org.source == str(path)
    assert org.locations["audit"] == (2, 2)
    assert [r.id for r in org.roles] == [r.id for r in BASE.roles]


def test_without_a_base_roles_processes_and_authorities_are_made(tmp_path: Path) -> None:
    """Without a base, headers make roles (ids from titles, or given as 'Title (id)'), cells make processes."""
    path = workbook(
        tmp_path / "Acme RACI.xlsx",
        [
            ["Acme's RACI matrix"],
            [],
            ["Responsibility", "Quality Manager", "Plant Manager (pm)", "Qualitäts-Leiter", "Processes"],
            ["Run audits", "A", "R", None, "Internal audit"],
            ["Release product", None, "A", "C", "Production; internal AUDIT"],
        ],
        merges=["A1:E1"],
    )
    org = read_raci(path)
    assert org.name == "Acme RACI"
    assert [(r.id, r.title) for r in org.roles] == [
        ("quality-manager", "Quality Manager"),
        ("pm", "Plant Manager"),
        ("qualitats-leiter", "Qualitäts-Leiter"),
    ]
    assert [(p.id, p.name) for p in org.processes] == [
        ("internal-audit", "Internal audit"),
        ("production", "Production"),
    ]
    release = org["release-product"]
    assert isinstance(release, Responsibility)
    assert (release.accountable, release.consulted, release.processes) == (
        ("pm",),
        ("qualitats-leiter",),
        ("production", "internal-audit"),
    )
    assert org.locations["pm"] == (3, 3)
    assert org.locations["internal-audit"] == (4, 5)


def test_missing_accountable_role_is_read_and_left_to_the_assessment() -> None:
    """The model does not require an accountable role: the sheet reads, and the assessment finds the gap."""
    org = read_raci(io.StringIO("Activity,Quality Manager\nRun audits,R\n"), format="csv", base=PLAIN)
    assert org["run-audits"].accountable == ()  # type: ignore[union-attr]
    findings = assess(org, as_of=AS_OF).findings
    assert any("run-audits" in f.subjects for f in findings)


def test_base_responsibility_keeps_what_the_sheet_does_not_say() -> None:
    """A row of a base responsibility replaces only what the sheet has columns for."""
    text = "id,Activity,Quality Manager\nreview,Run the management review,A\n"
    review = read_raci(io.StringIO(text), format="csv", base=BASE).get("review", Responsibility)
    assert review == attrs.evolve(
        BASE.get("review", Responsibility),
        title="Run the management review",
        accountable=("qm", "ceo"),  # qm's column says A; ceo has no column, so its A stays
        responsible=(),
    )


def test_title_finds_the_base_responsibility_without_an_id_column() -> None:
    """Without an id column, a row whose title is a base responsibility's takes its id (and its other fields)."""
    org = read_raci(io.StringIO("Activity,Quality Manager\nrun MANAGEMENT reviews,A\n"), format="csv", base=BASE)
    (review,) = org.responsibilities
    assert (review.id, review.description, review.processes) == (
        "review",
        "Twice a year, with minutes.",
        ("leadership",),
    )


def test_responsibilities_the_sheet_leaves_out_are_dropped_or_kept() -> None:
    """The sheet replaces the base's responsibilities; keep_others keeps those it does not list."""
    text = "Activity,Quality Manager\nInternal audits,A\n"
    assert [r.id for r in read_raci(io.StringIO(text), format="csv", base=PLAIN).responsibilities] == [
        "internal-audits"
    ]
    kept = read_raci(io.StringIO(text), format="csv", base=PLAIN, keep_others=True)
    assert [r.id for r in kept.responsibilities] == ["internal-audits", "review"]


def test_dropping_a_responsibility_the_base_refers_to_names_the_reference() -> None:
    """A base element that refers to a responsibility the sheet left out is reported in the base's terms."""
    with pytest.raises(LoadError) as error:
        read_raci(io.StringIO("Activity,Quality Manager\nInternal audits,A\n"), format="csv", base=BASE)
    (problem,) = error.value.problems
    assert problem.path == "base.yaml: communications[0].about[0]"
    assert "the sheet does not list" in problem.message


# -- every problem, at its cell -------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "where", "words"),
    [
        ([["Activity", "Quality Manager"], ["Audit", "X"]], "RACI!B2", "'X' is not a RACI code"),
        ([["Activity", "Quality Manager"], ["Audit", "S"]], "RACI!B2", "column B is the role 'qm'"),
        ([["Activity", "Qualty Manager"], ["Audit", "A"]], "RACI!B1", "did you mean 'Quality Manager'?"),
        (
            [["Activity", "Quality Manager", None], ["Audit", "A", "R"]],
            "RACI!C1",
            "holds values (C2) but has no header",
        ),
        ([["Activity", "qm", "Quality Manager"], ["Audit", "A", "R"]], "RACI!C1", "names the role 'qm' again"),
        ([["Activity", "Task", "qm"], ["Audit", "Audit", "R"]], "RACI!B1", "names the responsibility column again"),
        ([["id", "Activity", "qm"], ["a", "One", "R"], ["a", "Two", "R"]], "RACI!A3", "duplicate id 'a'"),
        ([["id", "Activity", "qm"], ["a b", "One", "R"]], "RACI!A2", "malformed id"),
        ([["id", "Activity", "qm"], ["qm", "One", "R"]], "RACI!A2", "duplicate id 'qm'"),
        ([["id", "Activity", "qm"], ["new", None, "R"]], "RACI!B2", "no responsibility is named in row 2"),
        ([["Activity", "qm"], ["Audit", "R"], ["audit", "A"]], "RACI!A3", "listed twice (rows 2 and 3)"),
        ([["Activity", "Process", "qm"], ["Audit", "Productoin", "R"]], "RACI!B2", "did you mean 'Production'?"),
        ([["Activity", "Clauses", "qm"], ["Audit", "5.3; nine", "R"]], "RACI!B2", "not a clause id (found 'nine')"),
        ([["Activity", "Authority", "qm"], ["Audit", "sign", "R"]], "RACI!B2", "unknown authority 'sign'"),
        ([["Activity", "qm"], [None, "R"]], "RACI!A2", "no responsibility is named in row 2"),
        ([["Quality Manager", "CEO"], ["A", "R"]], "RACI!A1", "no column for the responsibilities"),
        ([["Activity", "qm"], ["Audit", "#REF!"]], "RACI!B2", "the error value #REF!"),
        ([["Activity", "qm"], ["Audit", '=CONCAT("A","R")']], "RACI!B2", "formula whose result the file does not keep"),
        ([["Just one cell"]], "RACI!A1", "no header row"),
        ([], "RACI", "the sheet is empty"),
    ],
)
def test_each_problem_is_located_at_its_cell(tmp_path: Path, rows: list[list[Any]], where: str, words: str) -> None:
    """Every kind of problem names the cell (or range) it is in and says what was expected."""
    path = workbook(tmp_path / "bad.xlsx", rows)
    with pytest.raises(LoadError) as error:
        read_raci(path, base=PLAIN)
    found = [p for p in error.value.problems if p.path == where]
    assert found, problems(error)
    assert any(words in str(p) for p in found), problems(error)
    assert error.value.source == str(path)


def test_ambiguous_role_title_asks_for_the_id(tmp_path: Path) -> None:
    """A header that is the title of two roles of the base is refused, naming both."""
    base = BASE.evolve(roles=(*BASE.roles, attrs.evolve(BASE.roles[2], id="ops2")))
    path = workbook(tmp_path / "raci.xlsx", [["Activity", "Operations Manager"], ["Audit", "R"]])
    with pytest.raises(LoadError, match=r"RACI!B1: the header 'Operations Manager' is the title of several roles"):
        read_raci(path, base=base)


def test_merged_cells_that_hide_values_are_reported(tmp_path: Path) -> None:
    """A merged range is reported where it would hide a value; a merged title above the header is not."""
    path = workbook(
        tmp_path / "merged.xlsx",
        [["Title of the sheet"], ["Activity", "Process", "qm"], ["Audit", "Production", "R"], ["Review", None, "A"]],
        merges=["A1:C1", "B3:B4"],
    )
    with pytest.raises(LoadError) as error:
        read_raci(path, base=PLAIN)
    assert [p.path for p in error.value.problems] == ["RACI!B3:B4"]
    assert "only B3 holds the value 'Production'" in error.value.problems[0].message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    """Problems in the header and in several rows come in one error, in the order of the sheet."""
    path = workbook(
        tmp_path / "bad.xlsx",
        [
            ["Activity", "Qualty Manager", "ceo", "Process"],
            ["Audit", "A", "Z", "Leadrship"],
            ["Review", None, "q", None],
        ],
    )
    with pytest.raises(LoadError) as error:
        read_raci(path, base=PLAIN)
    assert [p.path for p in error.value.problems] == ["RACI!B1", "RACI!C2", "RACI!D2", "RACI!C3"]
    assert str(error.value).startswith(f"{path}: 4 problems:")


def test_sheets_are_chosen_by_name(tmp_path: Path) -> None:
    """sheet= picks a sheet (ignoring case); an unknown name is refused with the nearest; a wrong first sheet says so."""
    path = workbook(tmp_path / "book.xlsx", [["Activity", "qm"], ["Audit", "A"]], title="RACI 2026", before=["Notes"])
    assert read_raci(path, sheet="raci 2026", base=PLAIN)["audit"].accountable == ("qm",)  # type: ignore[union-attr]
    with pytest.raises(LoadError) as error:
        read_raci(path, sheet="RACI 2025", base=PLAIN)
    assert error.value.problems[0].suggestion == "RACI 2026"
    with pytest.raises(LoadError) as error:
        read_raci(path, base=PLAIN)  # "Notes" is first and empty
    assert "'RACI 2026'" in (error.value.problems[-1].expected or "")


@pytest.mark.parametrize(
    ("call", "error", "words"),
    [
        (lambda p: read_raci(p / "raci.ods"), UsageError, "OpenDocument"),
        (lambda p: read_raci(p / "raci.xls"), UsageError, "old Excel format"),
        (lambda p: read_raci(p / "raci.json"), UsageError, "cannot tell the format"),
        (lambda p: read_raci(p / "raci.csv", sheet="RACI"), UsageError, "sheet= is for workbooks"),
        (lambda p: read_raci(p / "raci.xlsx", delimiter=";"), UsageError, "a workbook has no delimiter"),
        (lambda p: read_raci(p / "raci.csv", delimiter="|"), UsageError, "delimiter must be one of"),
        (lambda p: read_raci(p / "raci.csv", base="org.yaml"), UsageError, "base must be an Organization"),  # type: ignore[arg-type]
        (lambda p: read_raci(p / "fake.xlsx"), LoadError, "not an Excel workbook"),
        (lambda p: read_raci(p / "raci.csv", max_bytes=10), LoadError, "too large"),
        (lambda p: read_raci(p / "raci.xlsx", max_bytes=2000), LoadError, "too large"),
        (lambda p: read_raci(p), LoadError, "not a file that can be read"),
        (lambda p: write_raci(BASE, io.StringIO(), format="xlsx"), UsageError, "binary"),
        (lambda p: write_raci(BASE, io.BytesIO()), UsageError, "needs format="),
        (lambda p: write_raci(BASE, p / "out.csv", delimiter="|"), UsageError, "delimiter must be one of"),
        (lambda p: write_raci(BASE, p / "out.txt", format="pdf"), UsageError, "unknown spreadsheet format"),
        (lambda p: write_findings(BASE, p / "out.csv"), UsageError, "takes an Assessment"),  # type: ignore[arg-type]
    ],
)
def test_misuse_and_unreadable_files(tmp_path: Path, call: Any, error: type[Exception], words: str) -> None:
    """Wrong arguments are UsageErrors; files that cannot be read are LoadErrors; each says why."""
    for name in ("raci.ods", "raci.xls", "raci.json"):
        (tmp_path / name).write_bytes(b"whatever")
    (tmp_path / "fake.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    (tmp_path / "raci.csv").write_text("Activity,Quality Manager\nAudit,A\n", encoding="utf-8")
    workbook(tmp_path / "raci.xlsx", [["Activity", "qm"], ["Audit", "A"]])
    with pytest.raises(error, match=words):
        call(tmp_path)


def test_a_workbook_that_unpacks_past_the_limit_is_refused(tmp_path: Path) -> None:
    """The size limit holds for what a workbook unpacks to, not only for the file."""
    path = workbook(tmp_path / "raci.xlsx", [["Activity", "qm"], *[[f"Duty {i}", "A"] for i in range(200)]])
    with pytest.raises(LoadError, match="the workbook unpacked is too large"):
        read_raci(path, base=PLAIN, max_bytes=path.stat().st_size + 1)


def test_workbook_without_openpyxl_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without openpyxl a workbook cannot be read or written, and the error says how to install it; CSV still works."""
    path = workbook(tmp_path / "raci.xlsx", [["Activity", "qm"], ["Audit", "A"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(MissingExtraError, match=r'pip install openpyxl \(or the package\'s "xlsx" extra\)'):
        read_raci(path, base=BASE)
    with pytest.raises(MissingExtraError, match="openpyxl"):
        write_raci(BASE, tmp_path / "out.xlsx")
    assert read_raci(io.StringIO("Activity,qm\nAudit,A\n"), format="csv", base=PLAIN)


# -- writing ----------------------------------------------------------------------------------


def test_raci_rows_have_one_value_a_cell() -> None:
    """The rows join lists as text and give letters per role; no cell is a Python representation."""
    header, row = raci_rows(BASE)
    assert header == ["id", "responsibility", "description", "processes", "clauses", "Chief Executive",
                      "Quality Manager", "Operations Manager"]  # fmt: skip
    assert row == ["review", "Run management reviews", "Twice a year, with minutes.", "leadership", "9.3.1", "A", "R",
                   "I"]  # fmt: skip
    assert raci_rows(BASE, roles=["qm"], ids=True)[0][-1] == "qm"


def test_role_headers_that_would_be_misread_carry_the_id() -> None:
    """Two roles with one title, or a title that is a column name, head their columns 'Title (id)'."""
    org = Organization(
        name="Acme",
        roles=(
            BASE.roles[0],
            attrs.evolve(BASE.roles[1], title="Manager"),
            attrs.evolve(BASE.roles[2], title="Manager"),
            attrs.evolve(BASE.roles[2], id="notes", title="Process"),
        ),
    )
    assert raci_rows(org)[0][-4:] == ["Chief Executive", "Manager (qm)", "Manager (ops)", "Process (notes)"]


def test_formula_starts_are_neutralised_in_csv_and_workbooks(tmp_path: Path) -> None:
    """User text that starts a formula is quoted in CSV and a quote-prefixed text cell in a workbook; both read back."""
    hostile = ['=HYPERLINK("http://evil")', "+1+1", "-2", "@SUM(A1)", "'=already quoted"]
    org = PLAIN.evolve(
        responsibilities=tuple(Responsibility(id=f"r{i}", title=t, accountable=("qm",)) for i, t in enumerate(hostile))
    )
    write_raci(org, tmp_path / "raci.csv")
    cells = [row[1] for row in csv.reader(io.StringIO((tmp_path / "raci.csv").read_text(encoding="utf-8-sig")))][1:]
    assert cells == ['\'=HYPERLINK("http://evil")', "'+1+1", "'-2", "'@SUM(A1)", "''=already quoted"]
    write_raci(org, tmp_path / "raci.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "raci.xlsx").active
    titles = [sheet.cell(row=r, column=2) for r in range(2, 7)]
    assert [c.value for c in titles] == hostile
    assert [c.data_type for c in titles] == ["s"] * 5
    assert [bool(c.quotePrefix) for c in titles] == [True, True, True, True, False]
    for path in (tmp_path / "raci.csv", tmp_path / "raci.xlsx"):
        assert [r.title for r in read_raci(path, base=org).responsibilities] == hostile


def test_workbook_is_styled_for_people(tmp_path: Path) -> None:
    """Bold tinted header, header and first two columns frozen, a filter, widths set, letters centred."""
    write_raci(BASE, tmp_path / "raci.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "raci.xlsx").active
    assert sheet.title == "RACI"
    assert sheet["A1"].font.b
    assert sheet["A1"].fill.fgColor.rgb == "FFD9E1F2"
    assert sheet.freeze_panes == "C2"
    assert sheet.auto_filter.ref == "A1:H2"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["F"].width
    assert sheet["F2"].alignment.horizontal == "center"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_same_organization_gives_the_same_bytes(tmp_path: Path, suffix: str) -> None:
    """No date or time of writing reaches the file: writing twice gives identical bytes."""
    org = load(EXAMPLE)
    write_raci(org, tmp_path / f"one.{suffix}")
    write_raci(org, tmp_path / f"two.{suffix}")
    assert (tmp_path / f"one.{suffix}").read_bytes() == (tmp_path / f"two.{suffix}").read_bytes()
    if suffix == "xlsx":
        infos = zipfile.ZipFile(tmp_path / "one.xlsx").infolist()
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_csv_for_excel_has_a_byte_order_mark_and_a_text_stream_has_none(tmp_path: Path) -> None:
    """A CSV file starts with UTF-8's byte order mark (Excel needs it); CSV written to a text stream does not."""
    write_raci(BASE, tmp_path / "raci.csv", delimiter=";")
    data = (tmp_path / "raci.csv").read_bytes()
    assert data.startswith(codecs.BOM_UTF8 + b"id;responsibility;")
    stream = io.StringIO()
    write_raci(BASE, stream, format="csv")
    assert stream.getvalue().startswith("id,responsibility,")
    binary = io.BytesIO()
    write_raci(BASE, binary, format="csv")
    assert binary.getvalue().startswith(codecs.BOM_UTF8)


# -- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_example_round_trips(tmp_path: Path, suffix: str) -> None:
    """The example's matrix, written and read back onto the example, gives the very same organization."""
    org = load(EXAMPLE)
    path = tmp_path / f"raci.{suffix}"
    write_raci(org, path)
    assert read_raci(path, base=org) == org


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_round_trip_onto_a_base_without_responsibilities(tmp_path: Path, suffix: str) -> None:
    """Onto a base without responsibilities, every field comes back; the roles of a letter in column order."""
    path = tmp_path / f"raci.{suffix}"
    org = PLAIN.evolve(
        responsibilities=(
            *BASE.responsibilities,
            Responsibility(
                id="policy",
                title="Approve the policy",
                accountable=("ceo",),
                consulted=("ops", "qm"),
                authorities_needed=("approve-policy",),
            ),
        ),
    )
    write_raci(org, path)
    back = read_raci(path, base=org.evolve(responsibilities=()))
    order = [r.id for r in org.roles]
    letters: list[dict[str, Any]] = [
        {f: tuple(sorted(getattr(r, f), key=order.index)) for f in _LETTERS} for r in org.responsibilities
    ]
    expected = tuple(attrs.evolve(r, **fields) for r, fields in zip(org.responsibilities, letters, strict=True))
    assert back.responsibilities == expected


def _as_written(responsibility: Responsibility) -> Responsibility:
    """A responsibility as a sheet gives it back: control characters as visible escapes, text stripped."""
    return attrs.evolve(
        responsibility,
        title=printable(responsibility.title, keep="\n").strip(),
        description=printable(responsibility.description, keep="\n").strip(),
    )


@settings(max_examples=25)
@given(org=organizations(), fmt=st.sampled_from(["xlsx", "csv"]), ids=st.booleans())
def test_any_organization_round_trips(org: Organization, fmt: str, ids: bool) -> None:
    """For any valid organization, its matrix read back onto it gives its responsibilities (text as written)."""
    buffer = io.BytesIO()
    write_raci(org, buffer, format=fmt, ids=ids)
    back = read_raci(io.BytesIO(buffer.getvalue()), format=fmt, base=org)
    assert back.responsibilities == tuple(_as_written(r) for r in org.responsibilities)


# -- findings ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assessment() -> Any:
    return assess(load(EXAMPLE), as_of=AS_OF)


def test_finding_rows_hold_plain_values(assessment: Any) -> None:
    """One row per finding: text, numbers and dates, lists joined with '; ', never a tuple's repr."""
    header, *rows = finding_rows(assessment)
    assert header == list(FINDING_COLUMNS)
    assert len(rows) == len(assessment.findings)
    cells = [cell for row in rows for cell in row]
    assert all(isinstance(c, str | int | dt.date) or c is None for c in cells)
    assert not any(isinstance(c, str) and c.startswith(("(", "[")) and c.endswith((")", "]")) for c in cells)
    several = next(row for row in rows if "; " in str(row[header.index("subjects")]))
    assert len(str(several[header.index("subjects")]).split("; ")) == len(
        str(several[header.index("paths")]).split("; ")
    )
    assert {row[header.index("as_of")] for row in rows} == {AS_OF}


def test_findings_workbook_has_typed_cells(tmp_path: Path, assessment: Any) -> None:
    """In a workbook the severity is a number and the date a date cell; the workbook is stamped with the date."""
    write_findings(assessment, tmp_path / "findings.xlsx")
    book = openpyxl.load_workbook(tmp_path / "findings.xlsx")
    sheet = book["Findings"]
    header = [c.value for c in sheet[1]]
    row = [c.value for c in sheet[2]]
    assert isinstance(row[header.index("severity")], int)
    assert row[header.index("as_of")] == dt.datetime(2026, 11, 24)
    assert sheet.cell(row=2, column=header.index("as_of") + 1).number_format == "yyyy-mm-dd"
    assert book.properties.created == dt.datetime(2026, 11, 24)
    assert sheet.max_row == len(assessment.findings) + 1


def test_findings_of_several_files_make_one_table(tmp_path: Path, assessment: Any) -> None:
    """Several assessments by name give one table with a first column naming each finding's file."""
    write_findings({"a.yaml": assessment, "b.yaml": assessment}, tmp_path / "findings.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "findings.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["file", *FINDING_COLUMNS]
    assert [row[0] for row in rows[1:]] == ["a.yaml"] * len(assessment.findings) + ["b.yaml"] * len(assessment.findings)
    assert rows[1][-1] == "2026-11-24"


# -- the command line -------------------------------------------------------------------------


def test_cli_raci_writes_workbooks_and_csv(tmp_path: Path) -> None:
    """raci --format xlsx needs --output and writes a workbook; csv goes to standard output in the same layout."""
    code, _, err = run("raci", str(EXAMPLE), "--format", "xlsx")
    assert code == EXIT_USAGE
    assert "--output" in err
    assert run("raci", str(EXAMPLE), "--format", "xlsx", "-o", str(tmp_path / "raci.xlsx"))[0] == EXIT_OK
    assert read_raci(tmp_path / "raci.xlsx", base=load(EXAMPLE)) == load(EXAMPLE)
    code, out, _ = run("raci", str(EXAMPLE), "--format", "csv")
    assert code == EXIT_OK
    assert out.startswith("id,responsibility,description,processes,clauses,")
    assert read_raci(io.StringIO(out), format="csv", base=load(EXAMPLE)) == load(EXAMPLE)


def test_cli_import_raci_writes_an_organization_file(tmp_path: Path) -> None:
    """import-raci --base writes the base with the sheet's responsibilities, atomically, as YAML or JSON."""
    write_raci(load(EXAMPLE), tmp_path / "raci.xlsx")
    code, out, _ = run(
        "import-raci", str(tmp_path / "raci.xlsx"), "--base", str(EXAMPLE), "-o", str(tmp_path / "o.json")
    )
    assert code == EXIT_OK
    assert "wrote" in out
    assert load(tmp_path / "o.json") == load(EXAMPLE)
    code, out, err = run("import-raci", str(tmp_path / "raci.xlsx"), "--name", "Nordhavn")
    assert code == EXIT_OK
    made = loads(out)
    assert made.name == "Nordhavn"
    assert len(made.responsibilities) == len(load(EXAMPLE).responsibilities)
    assert "made 37 roles from the sheet" in err


def test_cli_import_raci_says_what_it_left_out(tmp_path: Path) -> None:
    """With --base, the responsibilities the sheet does not list are named on standard error (or kept)."""
    (tmp_path / "base.yaml").write_text(
        "name: Acme\nroles: [{id: qm, title: QM}]\nresponsibilities: [{id: old, title: Old duty}]\n", encoding="utf-8"
    )
    (tmp_path / "raci.csv").write_text("Activity,QM\nNew duty,A\n", encoding="utf-8")
    code, out, err = run("import-raci", str(tmp_path / "raci.csv"), "--base", str(tmp_path / "base.yaml"))
    assert code == EXIT_OK
    assert [r.id for r in loads(out).responsibilities] == ["new-duty"]
    assert "left out 1 responsibility" in err
    assert "old" in err
    code, out, _ = run(
        "import-raci", str(tmp_path / "raci.csv"), "--base", str(tmp_path / "base.yaml"), "--keep-others"
    )
    assert [r.id for r in loads(out).responsibilities] == ["new-duty", "old"]


def test_cli_import_raci_prints_located_problems(tmp_path: Path) -> None:
    """Bad input exits 2 with one line per problem: file:line:column: cell: message."""
    (tmp_path / "raci.csv").write_text("Activity;Quality Manager\nAudit;X\nReview;A\n", encoding="utf-8")
    (tmp_path / "base.yaml").write_text("name: Acme\nroles: [{id: qm, title: Quality Manager}]\n", encoding="utf-8")
    code, out, err = run("import-raci", str(tmp_path / "raci.csv"), "--base", str(tmp_path / "base.yaml"))
    assert (code, out) == (EXIT_USAGE, "")
    expected = (
        f"{tmp_path / 'raci.csv'}:2:7: B2: 'X' is not a RACI code; expected R, A, C or I, or several of them such as "
        "A/R; or nothing (column B is the role 'qm')"
    )
    assert err.splitlines() == [expected]


def test_cli_check_writes_findings_to_a_spreadsheet(tmp_path: Path) -> None:
    """check --findings writes the findings table besides the report; several files share one table."""
    code, _, _ = run("check", str(EXAMPLE), "--as-of", "2026-11-24", "--findings", str(tmp_path / "f.xlsx"))
    assert code == EXIT_FINDINGS
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx")["Findings"]
    assert [c.value for c in sheet[1]] == list(FINDING_COLUMNS)
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(EXAMPLE.read_bytes())
    run("check", str(EXAMPLE), str(copy), "--as-of", "2026-11-24", "--findings", str(tmp_path / "f.csv"))
    rows = list(csv.reader(io.StringIO((tmp_path / "f.csv").read_text(encoding="utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {str(EXAMPLE), str(copy)}


def test_column_names_are_documented() -> None:
    """Every column name the reader knows appears in the how-to, so users can find them."""
    how_to = (ROOT / "docs" / "how-to" / "raci-spreadsheets.md").read_text(encoding="utf-8")
    for names in COLUMN_NAMES.values():
        for name in names:
            assert f"`{name}`" in how_to, name

"""The HTML report: one self-contained, well-formed, escaped page that reads without colour."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership.assessment import Assessment, Finding, RequirementResult, Status
from iso9001_leadership.report import render
from iso9001_leadership.report._common import sentence

_VOID = {"meta", "br", "hr", "img", "input", "link", "source", "col", "wbr"}


class _Page(HTMLParser):
    """Collects tags, attributes and text, and checks that every element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.inside: dict[str, str] = {}
        self.doctype = ""

    def handle_decl(self, decl: str) -> None:
        self.doctype = decl

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in _VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        for tag in self.stack:
            self.inside[tag] = self.inside.get(tag, "") + data


def _parse(text: str) -> _Page:
    page = _Page()
    page.feed(text)
    page.close()
    return page


@pytest.fixture(scope="module")
def page_text(assessment: Assessment) -> str:
    return render(assessment, "html", source="data/organization.yaml")


@pytest.fixture(scope="module")
def page(page_text: str) -> _Page:
    return _parse(page_text)


def test_page_is_well_formed_html5(page: _Page, page_text: str) -> None:
    """The page has a doctype, and every element is closed in the order it was opened."""
    assert page.doctype == "DOCTYPE html"
    assert page.errors == []
    assert page.stack == []
    assert page_text.startswith('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n')


def test_page_declares_language_charset_and_title(page: _Page, assessment: Assessment) -> None:
    """The html element has a lang, the charset is declared first, the title names the organization."""
    assert ("html", {"lang": "en"}) in page.tags
    assert page.tags[2] == ("meta", {"charset": "utf-8"})
    assert page.inside["title"] == f"ISO 9001 leadership assessment: {assessment.organization}"


def test_page_fetches_nothing(page: _Page, page_text: str) -> None:
    """No scripts, no external style sheets, fonts, images or links: only in-page anchors, and a CSP that forbids fetching."""
    tags = {t for t, _ in page.tags}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "video", "audio", "source", "base"}
    for tag, attrs in page.tags:
        assert "src" not in attrs, tag
        if "href" in attrs:
            assert (attrs["href"] or "").startswith("#"), attrs
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
    style = page_text[page_text.index("<style>") : page_text.index("</style>")]
    assert "url(" not in style
    assert "@import" not in style
    assert "@font-face" not in style
    assert "http" not in page_text.lower().replace("http-equiv", "")
    csp = [a for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == [
        {"http-equiv": "Content-Security-Policy", "content": "default-src 'none'; style-src 'unsafe-inline'"}
    ]


def test_in_page_links_point_at_existing_ids(page: _Page) -> None:
    """Every #anchor link targets an element id on the page."""
    ids = {a["id"] for _, a in page.tags if a.get("id")}
    targets = {(a["href"] or "")[1:] for t, a in page.tags if t == "a" and a.get("href")}
    assert targets
    assert targets <= ids


def test_page_has_a_print_style(page_text: str) -> None:
    """A print style sets the page size, keeps findings whole and drops colour from badges."""
    print_css = page_text[page_text.index("@media print") :]
    assert "@page" in print_css
    assert "break-inside: avoid" in print_css
    assert "background: transparent !important" in print_css


def test_header_card_summarises_the_assessment(page_text: str, assessment: Assessment) -> None:
    """The header card names the organization, edition, date, file, score, and counts by status in words."""
    header = page_text[page_text.index("<header") : page_text.index("</header>")]
    assert '<h1 id="title">Kestrel Valves &amp; Fittings Ltd</h1>' in header
    assert assessment.edition_title in header
    assert '<time datetime="2026-11-24">2026-11-24</time>' in header
    assert "<code>data/organization.yaml</code>" in header
    assert f'<span class="score-value">{assessment.score:.1f}</span>' in header
    assert "nonconformity: 3 (1 major, 2 minor)" in header
    assert "not applicable: 1" in header
    assert "not assessed: 1" in header


@pytest.mark.parametrize("status", list(Status))
def test_every_status_is_written_in_words_beside_its_icon(page_text: str, status: Status) -> None:
    """Each status badge carries the status in words, never colour alone."""
    badges = re.findall(
        rf'<span class="badge st-{status.value}(?: major)?"><span class="icon" aria-hidden="true">[^<]+</span> ([^<]+)</span>',
        page_text,
    )
    assert badges
    assert all(b.startswith(status.label) for b in badges)


def test_tables_are_semantic(page: _Page) -> None:
    """Tables have captions, column headers with scope, and row headers."""
    tags = [t for t, _ in page.tags]
    assert tags.count("table") == 4
    assert tags.count("caption") == 4
    assert tags.count("thead") == 4
    scopes = {a.get("scope") for t, a in page.tags if t == "th"}
    assert scopes == {"col", "row"}


def test_findings_section_shows_each_finding(page_text: str, assessment: Assessment) -> None:
    """Every finding appears with its reason, and the elements at fault with their paths."""
    findings = page_text[page_text.index('<section id="findings"') : page_text.index('<section id="requirements"')]
    assert findings.count('<div class="finding">') == len(assessment.findings)
    for finding in assessment.findings:
        first_words = html.escape(finding.reason.split()[1], quote=True)
        assert first_words in findings
    assert '<code>calibration</code> <span class="muted">at <code>processes[1]</code></span>' in findings


def test_text_is_escaped(page_text: str) -> None:
    """Markup in names, titles and reasons reaches the page as text, never as elements."""
    assert "Leadership on the floor | &lt;monthly&gt;" in page_text
    assert "Two walks were missed | March and &lt;April&gt; both during the audit season." in page_text
    assert "<April>" not in page_text
    assert "<monthly>" not in page_text


def test_hostile_names_stay_text(assessment: Assessment) -> None:
    """An organization name and a reason holding script tags and quotes come out escaped."""
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    result = assessment.results[0]
    finding = Finding(result.requirement.id, result.requirement.clause, Status.NEEDS_EVIDENCE, "r", hostile, hostile)
    evil = Assessment(
        hostile,
        assessment.edition,
        hostile,
        assessment.as_of,
        (RequirementResult(result.requirement, Status.NEEDS_EVIDENCE, findings=(finding,), note=hostile),),
        {},
    )
    text = render(evil, "html", source=hostile)
    page = _parse(text)
    assert page.errors == []
    assert not {t for t, _ in page.tags} & {"script", "img"}
    assert "".join(page.text).count('<script>alert("x")</script>') >= 4


@given(data=st.data())
def test_any_assessment_gives_a_well_formed_page(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment]
) -> None:
    """Whatever the text in the assessment, the page parses with every element closed and the name intact."""
    drawn = data.draw(assessments)
    page = _parse(render(drawn, "html"))
    assert page.errors == []
    assert page.stack == []
    assert not {t for t, _ in page.tags} & {"script", "img", "link"}
    assert page.inside.get("h1", "") == drawn.organization


def _article(page_text: str, requirement_id: str) -> str:
    start = page_text.index(f'id="req-{requirement_id}"')
    return page_text[start : page_text.index("</article>", start)]


def test_score_card_says_what_the_score_counts(page_text: str) -> None:
    """Under the score, the card says how many requirements it counts and how many were left out."""
    header = page_text[page_text.index("<header") : page_text.index("</header>")]
    assert '<span class="score-basis">over 9 requirements examined; 1 not assessed, 1 not applicable</span>' in header
    assert "those not applicable and those not assessed are left out" in page_text


def test_no_score_when_nothing_is_examined(assessment: Assessment) -> None:
    """With nothing examined, the card shows n/a and says so, with an empty meter."""
    text = render(evolve(assessment, results=(assessment.result("review.planned"),)), "html")
    assert '<span class="score-value">n/a</span>' in text
    assert 'aria-label="No score: no requirement examined"' in text
    assert "no requirement examined; 1 not assessed, 0 not applicable" in text


def test_warnings_section_when_there_are_warnings(page_text: str, assessment: Assessment) -> None:
    """Warnings get a section of their own, linked from the contents, each escaped; none without warnings."""
    section = page_text[page_text.index('<section id="warnings"') : page_text.index('<section id="findings"')]
    assert [html.unescape(w) for w in re.findall(r"<li>(.*?)</li>", section)] == [
        sentence(w) for w in assessment.warnings
    ]
    assert '<a href="#warnings">Warnings</a>' in page_text
    hostile = render(evolve(assessment, warnings=("<b>cites</b> & more",)), "html")
    assert "<li>&lt;b&gt;cites&lt;/b&gt; &amp; more.</li>" in hostile
    quiet = render(evolve(assessment, warnings=()), "html")
    assert 'id="warnings"' not in quiet
    assert "#warnings" not in quiet


def test_unconfirmed_wording_is_marked(page_text: str) -> None:
    """The requirement, each of its findings and its row in the closing table are marked 'wording unconfirmed'."""
    article = _article(page_text, "objective-plans.responsible")
    assert article.count(">wording unconfirmed</span>") == 2
    assert "wording unconfirmed" not in _article(page_text, "roles.process-outputs")
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page_text) if "<code>objective-plans.responsible</code>" in row]
    assert len(rows) == 1
    assert ">wording unconfirmed</span>" in rows[0]
    assert page_text.count(">wording unconfirmed</span>") == 4  # requirement, finding, row, legend


def test_each_finding_shows_its_own_status(page_text: str) -> None:
    """Under a minor nonconformity, the observation beside it has an observation badge, not a nonconformity one."""
    article = _article(page_text, "roles.assigned")
    heads = re.findall(r'<div class="finding-head">(.*?)</div>', article)
    assert ["st-nonconformity" in h for h in heads] == [True, False]
    assert 'class="badge st-observation"' in heads[1]
    assert "nonconformity" not in heads[1]


def test_not_assessed_row_in_the_closing_table(page_text: str) -> None:
    """A requirement not assessed is listed with its badge and reason, and has no findings article."""
    rows = [row for row in re.findall(r"<tr>.*?</tr>", page_text) if "<code>review.planned</code>" in row]
    assert len(rows) == 1
    assert 'class="badge st-not_assessed"' in rows[0]
    assert "outside what the file describes (covers: 5, 6, 7)" in rows[0]
    assert 'id="req-review.planned"' not in page_text

"""The HTML report: one self-contained, well-formed, escaped page that reads without colour."""

from __future__ import annotations

import base64
import html
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from attrs import evolve
from hypothesis import given
from hypothesis import strategies as st

from iso9001_leadership.assessment import POINTS, Assessment, Finding, Grade, RequirementResult, Status
from iso9001_leadership.report import Logo, ReportError, render
from iso9001_leadership.report._common import sentence
from iso9001_leadership.report._html import TOP_ACTIONS

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
    """The header card names the title, organization, edition, date, file and the score with what it counts."""
    header = page_text[page_text.index("<header") : page_text.index("</header>")]
    assert '<p class="eyebrow">ISO 9001 leadership assessment</p>' in header
    assert '<h1 id="title">Kestrel Valves &amp; Fittings Ltd</h1>' in header
    assert assessment.edition_title in header
    assert '<time datetime="2026-11-24">2026-11-24</time>' in header
    assert "<code>data/organization.yaml</code>" in header
    assert f'<span class="score-value">{assessment.score:.1f}</span>' in header
    assert '<a class="score-link" href="#score">How the score is worked out</a>' in header
    assert "<img" not in header


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
    assert tags.count("table") == 5  # points by status, status, theme, clause, all requirements
    assert tags.count("caption") == 5
    assert tags.count("thead") == 5
    scopes = {a.get("scope") for t, a in page.tags if t == "th"}
    assert scopes == {"col", "row"}


def test_findings_section_shows_each_finding(page_text: str, assessment: Assessment) -> None:
    """Every finding appears once, numbered from 1 in page order, with its reason and its elements at fault."""
    findings = page_text[page_text.index('<section id="findings"') : page_text.index('<section id="summary"')]
    assert findings.count('<div class="finding"') == len(assessment.findings)
    numbers = [int(n) for n in re.findall(r'<div class="finding" id="finding-(\d+)">', findings)]
    assert numbers == list(range(1, len(assessment.findings) + 1))
    for finding in assessment.findings:
        first_words = html.escape(finding.reason.split()[1], quote=True)
        assert first_words in findings
    assert '<code class="element" title="processes[1] in the organization file">calibration</code>' in findings


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


# -- the executive summary, the order of the findings, names, the score, branding -------------------

#: Names the engine would give the hand-built assessment's elements (some left without one).
NAMES = {
    "calibration": "Calibration of gauges",
    "service-lead": "Service Lead",
    "resp-warranty": "Decide warranty claims",
    "obj-oee": "Raise machining OEE to 80 % <by 2027>",
    "ev-org-chart": "Organization chart",
}


def _only(assessment: Assessment, *statuses: Status) -> Assessment:
    """The assessment cut down to the requirements of these statuses."""
    return evolve(assessment, results=tuple(r for r in assessment.results if r.status in statuses))


def _section_of(page_text: str, id: str) -> str:
    start = page_text.index(f'<section id="{id}"')
    return page_text[start : page_text.index("</section>", start)]


def _verdict(page_text: str) -> str:
    found = re.search(r'<p class="verdict sev-[a-z_]+">(.*?)</p>', page_text)
    assert found, "no verdict"
    return html.unescape(found.group(1))


def test_executive_summary_opens_the_page(page: _Page, page_text: str) -> None:
    """The executive summary is the first section and the first entry of the contents; the findings follow it."""
    sections = [a["id"] for t, a in page.tags if t == "section"]
    assert sections == ["executive", "warnings", "findings", "summary", "requirements"]
    assert page_text.index('<nav class="toc"') < page_text.index('<a href="#executive">Executive summary</a>')
    executive = _section_of(page_text, "executive")
    assert '<h2 id="executive-title">Executive summary</h2>' in executive
    assert executive.index('class="verdict') < executive.index('class="severity"') < executive.index('id="actions"')


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        (
            tuple(Status),
            (
                "Not ready for certification: 1 major nonconformity (a requirement not addressed at all, or a fault "
                "throughout the system) must be corrected, and the correction shown to work, before certification can "
                "be recommended. 2 minor nonconformities also need corrective action. 1 requirement was not assessed "
                "(outside what the file describes, or nothing in it to examine)."
            ),
        ),
        (
            (Status.NONCONFORMITY, Status.CONFORMS),
            (
                "Not ready for certification: 1 major nonconformity (a requirement not addressed at all, or a fault "
                "throughout the system) must be corrected, and the correction shown to work, before certification can "
                "be recommended. 2 minor nonconformities also need corrective action."
            ),
        ),
        (
            (Status.NEEDS_EVIDENCE, Status.OBSERVATION, Status.CONFORMS),
            (
                "No nonconformity in what the file describes; 1 requirement still needs documented evidence before an "
                "auditor can confirm it."
            ),
        ),
        (
            (Status.OBSERVATION, Status.OPPORTUNITY, Status.CONFORMS, Status.NOT_APPLICABLE),
            "Conforms: no nonconformity; 2 observations and 1 opportunity for improvement to consider.",
        ),
        ((Status.CONFORMS, Status.NOT_APPLICABLE), "Conforms: every requirement examined is met."),
        (
            (Status.NOT_ASSESSED, Status.NOT_APPLICABLE),
            "No verdict: no requirement was examined (each is excluded or outside what the file describes).",
        ),
    ],
)
def test_verdict_is_the_line_an_auditor_would_write(
    assessment: Assessment, statuses: tuple[Status, ...], expected: str
) -> None:
    """The verdict follows the worst finding: major, then minor, then evidence, then observations; then conformity."""
    assert _verdict(render(_only(assessment, *statuses), "html")) == expected


def test_verdict_for_minor_nonconformities_only(assessment: Assessment) -> None:
    """Without a major nonconformity, the verdict counts the minor ones and asks for corrective action plans."""
    results = tuple(r for r in assessment.results if r.requirement.id != "roles.process-outputs")
    text = _verdict(render(evolve(assessment, results=results), "html"))
    assert text.startswith(
        "Largely in place, with 2 minor nonconformities to correct: no major nonconformity was found"
    )
    assert "corrective action plan" in text


def test_findings_are_counted_by_severity(page_text: str, assessment: Assessment) -> None:
    """The severity strip counts findings (and the requirements they are under) per kind, worst first."""
    strip = re.findall(
        r'<li class="sev-([a-z_]+)(?: none)?"><span class="sev-count">(\d+)</span>'
        r'<span class="sev-label">([^<]+)</span><span class="sev-note">([^<]+)</span></li>',
        page_text,
    )
    kinds = {
        "major": lambda f: f.status is Status.NONCONFORMITY and f.grade is Grade.MAJOR,
        "minor": lambda f: f.status is Status.NONCONFORMITY and f.grade is Grade.MINOR,
        "observation": lambda f: f.status is Status.OBSERVATION,
        "opportunity": lambda f: f.status is Status.OPPORTUNITY,
        "needs_evidence": lambda f: f.status is Status.NEEDS_EVIDENCE,
    }
    assert [key for key, *_ in strip] == list(kinds)
    for key, count, _, note in strip:
        matching = [f for f in assessment.findings if kinds[key](f)]
        assert int(count) == len(matching), key
        under = len({f.requirement for f in matching})
        assert note == (f"under {under} requirement{'s' * (under != 1)}" if matching else "none found")
    assert ("observation", "3", "observations", "under 3 requirements") in strip


def test_actions_come_worst_first_then_in_clause_order(page_text: str) -> None:
    """'What to do first' lists the first five findings by severity then clause, each linked to its finding."""
    actions = page_text[
        page_text.index('<ol class="actions">') : page_text.index("</ol>", page_text.index('<ol class="actions">'))
    ]
    items = re.findall(r"<li>(.*?)</li>", actions)
    assert len(items) == TOP_ACTIONS
    badges = [re.search(r'class="badge st-([a-z_]+)( major)?"', item).groups() for item in items]  # type: ignore[union-attr]
    assert badges == [
        ("nonconformity", " major"),
        ("nonconformity", None),
        ("nonconformity", None),
        ("observation", None),
        ("observation", None),
    ]
    clauses = [re.search(r'<span class="action-where">([^ ]+ ?[a-z]?) ', item).group(1).strip() for item in items]  # type: ignore[union-attr]
    assert clauses == ["5.3 b", "5.3", "6.2.2 c", "5.3", "6.1.2 a"]
    assert "Name one role as owner of &#x27;calibration&#x27;." in items[0]
    targets = [int(n) for n in re.findall(r'href="#finding-(\d+)"', actions)]
    assert targets == [1, 2, 4, 3, 5]
    assert '3 more findings in <a href="#findings">Findings</a>.' in page_text


def test_findings_are_grouped_worst_first_in_clause_order(page_text: str, assessment: Assessment) -> None:
    """Major, then minor nonconformities, observations, opportunities, needs evidence; clause order within each."""
    findings = _section_of(page_text, "findings")
    groups = re.findall(r'<h3 class="group" id="findings-([a-z_]+)">', findings)
    assert groups == ["major", "minor", "observation", "opportunity", "needs_evidence"]
    articles = re.findall(r'<article class="requirement sev-[a-z_]+" id="req-([^"]+)">', findings)
    assert articles == [
        "roles.process-outputs",
        "roles.assigned",
        "objective-plans.responsible",
        "planning.actions-planned",
        "kestrel.gemba-walks",
        "objectives.consistent-with-policy",
        "leadership.accountability",
    ]
    clause_order = [r.requirement.id for r in sorted(assessment.results, key=lambda r: r.requirement.sort_key)]
    assert clause_order.index("planning.actions-planned") < clause_order.index("kestrel.gemba-walks")
    assert findings.index('id="findings-major"') < findings.index('id="req-roles.process-outputs"')


def test_a_requirements_findings_come_worst_first(assessment: Assessment) -> None:
    """Under one requirement, a nonconformity comes before an observation, whatever order the result holds them in."""
    result = assessment.result("roles.assigned")
    flipped = evolve(result, findings=tuple(reversed(result.findings)))
    results = tuple(flipped if r is result else r for r in assessment.results)
    text = render(evolve(assessment, results=results), "html")
    article = _article(text, "roles.assigned")
    heads = re.findall(r'<div class="finding-head">(.*?)</div>', article)
    assert ["st-nonconformity" in h for h in heads] == [True, False]


def test_elements_are_named_with_their_ids_beside(assessment: Assessment) -> None:
    """With names, an element reads 'Name (id)'; without, its id; where it stands in the file is only a tooltip."""
    text = render(evolve(assessment, element_names=NAMES), "html")
    findings = _section_of(text, "findings")
    assert (
        '<span class="element" title="processes[1] in the organization file">Calibration of gauges '
        '<span class="element-id">(calibration)</span></span>'
    ) in findings
    assert '<code class="element" title="authorities[0] in the organization file">auth-warranty</code>' in findings
    assert "Raise machining OEE to 80 % &lt;by 2027&gt;" in findings
    assert 'Organization chart <span class="element-id">(ev-org-chart)</span>' in findings
    visible = "".join(_parse(text).text)
    assert "processes[1]" not in visible
    assert "roles[2]" not in visible
    actions = text[text.index('<ol class="actions">') : text.index("</ol>", text.index('<ol class="actions">'))]
    assert 'Calibration of gauges <span class="element-id">(calibration)</span>' in actions


def test_long_names_are_cut_at_a_word(assessment: Assessment) -> None:
    """A name of hundreds of characters is cut near 100 at a word and marked with an ellipsis; the id stays whole."""
    name = "Calibration " + "and control of measuring equipment " * 10
    text = render(evolve(assessment, element_names={"calibration": name}), "html")
    shown = re.search(r'<span class="element"[^>]*>([^<]*) <span class="element-id">\(calibration\)</span>', text)
    assert shown
    assert shown.group(1).endswith("\u2026")
    assert len(shown.group(1)) <= 101
    assert name.startswith(shown.group(1)[:-1])


def test_score_is_explained_with_its_sum(page_text: str, assessment: Assessment) -> None:
    """The points table gives each status its points, the requirements examined and the sum that makes the score."""
    explained = page_text[page_text.index('<div class="score-explained">') : page_text.index("</section>")]
    rows = re.findall(
        r'<tr(?: class="zero")?><th scope="row"><span class="badge st-([a-z_]+)(?: major)?">.*?</span></th>'
        r'<td class="num">([\d.]+)</td><td class="num">(\d+)</td><td class="num">([\d.]+)</td></tr>',
        explained,
    )
    assert len(rows) == len(POINTS)
    for (status, grade), (row_status, each, count, earned) in zip(POINTS, rows, strict=True):
        members = [r for r in assessment.results if r.status is status and (r.grade is grade or grade is None)]
        assert (row_status, float(each), int(count)) == (status.value, POINTS[(status, grade)], len(members))
        assert float(earned) == len(members) * POINTS[(status, grade)]
    total = sum(r.points for r in assessment.results if r.points is not None)
    assert total == 5.5
    assert f'<td class="num">{assessment.examined}</td><td class="num">5.5</td></tr></tfoot>' in explained
    assert (
        "Here: 100 &times; 5.5 points &divide; 9 requirements examined = <strong>61.1</strong> out of 100."
    ) in explained
    assert round(100 * total / assessment.examined, 1) == assessment.score == 61.1
    assert "here 1 not applicable and 1 not assessed" in explained
    assert "it is not a certification verdict" in explained


def test_no_sum_when_nothing_is_examined(assessment: Assessment) -> None:
    """With nothing examined, the explanation says there is no score, and the table counts nothing."""
    text = render(_only(assessment, Status.NOT_ASSESSED), "html")
    assert "Here no requirement was examined, so there is no score." in text
    assert "<strong>" not in text[text.index('<div class="score-explained">') :]


def test_no_findings_no_actions(assessment: Assessment) -> None:
    """Without findings there is nothing to do first, and every count is zero."""
    text = render(_only(assessment, Status.CONFORMS), "html")
    assert '<p class="muted">Nothing to do: there are no findings.</p>' in text
    assert re.findall(r'<span class="sev-count">(\d+)</span>', text) == ["0"] * 5


SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10" fill="#0b5d8f"/></svg>'


def test_title_replaces_the_default_in_the_header_and_the_tab(assessment: Assessment) -> None:
    """A title goes above the organization's name and into <title>, escaped and on one line; blank means the default."""
    text = render(assessment, "html", title="Management review <Q4>\n 2026")
    page = _parse(text)
    assert page.inside["title"] == "Management review <Q4> 2026: Kestrel Valves & Fittings Ltd"
    assert '<p class="eyebrow">Management review &lt;Q4&gt; 2026</p>' in text
    assert render(assessment, "html", title="  \n") == render(assessment, "html")


def test_logo_is_embedded_and_nothing_else_is_allowed(assessment: Assessment) -> None:
    """A logo is an <img> with a data: URI at the top of the header; the CSP then allows data: images, nothing more."""
    text = render(assessment, "html", logo=Logo.from_bytes(SVG, name="logo.svg"))
    page = _parse(text)
    images = [a for t, a in page.tags if t == "img"]
    assert images == [
        {"class": "logo", "src": "data:image/svg+xml;base64," + base64.b64encode(SVG).decode(), "alt": ""}
    ]
    header = text[text.index("<header") : text.index("</header>")]
    assert header.index('<img class="logo"') < header.index('<p class="eyebrow">')
    csp = [a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert csp == ["default-src 'none'; style-src 'unsafe-inline'; img-src data:"]
    assert "http" not in text.lower().replace("http-equiv", "")


def test_logo_may_be_given_as_a_path(assessment: Assessment, tmp_path: Path) -> None:
    """render() reads a logo from a path, the same as from a Logo; a bad one raises ReportError before rendering."""
    path = tmp_path / "logo.svg"
    path.write_bytes(SVG)
    assert render(assessment, "html", logo=path) == render(assessment, "html", logo=Logo.from_bytes(SVG, name="x"))
    (tmp_path / "logo.gif").write_bytes(b"GIF89a")
    with pytest.raises(ReportError, match="not a PNG, JPEG or SVG image"):
        render(assessment, "html", logo=tmp_path / "logo.gif")


@given(data=st.data())
def test_any_assessment_orders_its_findings_and_actions(
    data: st.DataObject, assessments: st.SearchStrategy[Assessment]
) -> None:
    """For any assessment: each finding once, numbered in order; groups and actions never go from worse to better."""
    drawn = data.draw(assessments)
    text = render(drawn, "html")
    numbers = [int(n) for n in re.findall(r'<div class="finding" id="finding-(\d+)">', text)]
    assert numbers == list(range(1, len(drawn.findings) + 1))
    order = ["major", "minor", "ungraded", "observation", "opportunity", "needs_evidence", "other"]
    groups = re.findall(r'<h3 class="group" id="findings-([a-z_]+)">', text)
    assert groups == sorted(groups, key=order.index)
    assert len(set(groups)) == len(groups)
    start = text.find('<ol class="actions">')
    if drawn.findings:
        actions = text[start : text.index("</ol>", start)]
        kinds = [
            "major" if major else ("minor" if status == "nonconformity" else status)
            for status, major in re.findall(r'class="badge st-([a-z_]+)( major)?"', actions)
        ]
        assert len(kinds) == min(TOP_ACTIONS, len(drawn.findings))
        assert kinds == sorted(kinds, key=order.index)
    else:
        assert start == -1

"""`ai-resolution report` on the fixtures: a self-contained HTML file whose charts all render offline in
headless Chromium without errors. Saves a screenshot to artifacts/report.png."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from ai_resolution.report.numbers import pct
from helpers.dbt_run import query
from helpers.paths import BIN_DIR, FIXTURES_DIR, PROJECT_DIR, read_csv

pytestmark = pytest.mark.engines("duckdb")  # the CLI reads DuckDB files

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHART_SECTIONS = ("trend", "gap", "after-hours", "readiness", "releases", "guardrails")
ARTIFACT = PROJECT_DIR / "artifacts" / "report.png"
EVERY_CHART_DRAWN = """() => {
    const charts = [...document.querySelectorAll('.chart')];
    return charts.length > 0 && charts.every(c => c.querySelector('svg, canvas'))
        && document.body.hasAttribute('data-charts-done');
}"""


def write_report(db_path: Path, out: Path) -> subprocess.CompletedProcess[str]:
    args = [str(BIN_DIR / "ai-resolution"), "report", "--db", str(db_path), "--out", str(out)]
    return subprocess.run(args, capture_output=True, text=True, check=True)


@pytest.fixture(scope="module")
def report(fixture_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    result = write_report(fixture_db, out)
    assert str(out.resolve()) in result.stdout
    return out


def chromium_path() -> str:
    """The system Chromium; the suite fails (never skips) without it."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not os.access(path, os.X_OK):
        pytest.fail("Chromium is missing: run `make browser` (apt-get install chromium) to render the report")
    return path


def test_report_is_self_contained(report: Path) -> None:
    html = report.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.IGNORECASE), "scripts must be inlined"
    assert not re.search(r"<link\b", html, re.IGNORECASE), "no external stylesheets or fonts"
    assert not re.search(r"@import|@font-face", html, re.IGNORECASE)
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.IGNORECASE)
    assert not re.search(r"<(img|iframe|embed|object)\b[^>]*\b(src|data)\s*=\s*['\"]?(https?:)?//", html, re.I)
    for section in CHART_SECTIONS:
        assert f'data-spec="spec-{section}"' in html
    assert html.count("How is this computed?") >= len(CHART_SECTIONS)


def test_report_headline_matches_the_hand_worked_outcomes(report: Path, fixture_db: Path) -> None:
    rows = read_csv(FIXTURES_DIR / "expected_conversations.csv")
    mature = [r for r in rows if r["outcome"] not in ("excluded", "pending")]
    involved = sum(r["is_ai_involved"] == "true" for r in mature)
    resolved = sum(r["outcome"].startswith("ai_resolved") for r in mature)
    pending = sum(r["outcome"] == "pending" for r in rows)
    html = report.read_text(encoding="utf-8")
    assert f"{resolved:,} of {involved:,} AI-involved" in html
    assert pct(resolved, involved) in html
    assert f"n = {involved:,} · {pending:,} pending, not yet counted" in html
    # Verified resolution rate: customer_confirmed + workflow_completed, hand-worked per ticket.
    evidence = [r["resolution_evidence"] for r in read_csv(FIXTURES_DIR / "expected_resolution_evidence.csv")]
    verified = sum(e in ("customer_confirmed", "workflow_completed") for e in evidence)
    workflows = evidence.count("workflow_completed")
    assert (verified, workflows) == (23, 20)
    assert "Verified resolution rate" in html
    assert f"{verified:,} of {involved:,} AI-involved: confirmed or a completed workflow" in html
    assert pct(verified, involved) in html
    assert f"n = {involved:,} · {workflows:,} by workflow · {pending:,} pending, not yet counted" in html
    # After-hours coverage: the after-hours conversations recounted from fct_conversations.
    [after] = query(
        fixture_db,
        "select count(*) filter (where is_in_rate_population and not is_created_in_business_hours) as n, "
        "count(*) filter (where is_ai_resolved and not is_created_in_business_hours) as resolved "
        "from main.fct_conversations",
    )
    assert 0 < after["resolved"] < after["n"]
    assert f"{after['resolved']:,} of {after['n']:,} after-hours conversations resolved by the AI" in html
    assert "AI resolution rate after hours" in html
    # Data quality: the fixture's unknown channel (carrier_pigeon) and unmapped gift_card issue type.
    assert "fct_conversations.channel = &#x27;unknown&#x27;" in html
    assert "gift_card (1 ticket)" in html


def test_report_renders_offline_in_chromium(report: Path, tmp_path: Path) -> None:
    executable = chromium_path()
    from playwright.sync_api import sync_playwright

    problems: list[str] = []
    requests: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(report.as_uri())
            page.wait_for_function(EVERY_CHART_DRAWN, timeout=30_000)
            drawn = page.eval_on_selector_all(
                ".chart", "cs => cs.map(c => c.querySelectorAll('svg path, svg text').length)"
            )
            failed = page.locator(".chart", has_text="could not be drawn").count()
            ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACT), full_page=True)
            page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        finally:
            browser.close()
    assert len(drawn) == len(CHART_SECTIONS)
    assert all(marks > 20 for marks in drawn), f"a chart drew (almost) nothing: {drawn}"
    assert failed == 0
    assert problems == []
    assert [u for u in requests if not u.startswith(("file:", "data:", "blob:", "about:"))] == []
    assert ARTIFACT.stat().st_size > 20_000


def test_report_shows_the_data_quality_mart_only_when_it_exists(fixture_db: Path, tmp_path: Path) -> None:
    title = '<p class="table-title">fct_data_quality_summary</p>'
    with_mart, without_mart = tmp_path / "with.duckdb", tmp_path / "without.duckdb"
    shutil.copy(fixture_db, with_mart)
    shutil.copy(fixture_db, without_mart)
    with duckdb.connect(str(with_mart)) as con:
        con.execute(
            "create or replace table main.fct_data_quality_summary as "
            "select 'tickets|unknown_value|channel' as dq_key, 'tickets' as raw_table, "
            "'unknown_value_check' as disposition, 7 as row_count, cast(0.2468 as double) as share_of_raw_rows"
        )
    with duckdb.connect(str(without_mart)) as con:
        con.execute("drop table if exists main.fct_data_quality_summary")
    write_report(with_mart, tmp_path / "with.html")
    write_report(without_mart, tmp_path / "without.html")
    html = (tmp_path / "with.html").read_text(encoding="utf-8")
    assert title in html
    assert "unknown_value_check" in html and "share of raw rows" in html
    # The mart's row: a count with separators, a share (a double, as in the mart) as a
    # percentage with one decimal; 24.7% appears nowhere else on the page.
    assert '<td class="text">unknown_value_check</td><td class="num">7</td><td class="num">24.7%</td>' in html
    assert "tickets|unknown_value|channel" not in html  # surrogate keys are left out
    assert title not in (tmp_path / "without.html").read_text(encoding="utf-8")


VERDICT_SECTION = '<section class="card" id="verdicts">'


def test_report_shows_verdicts_beside_ours(report: Path) -> None:
    """The fixtures land verdicts (tests/fixtures/expected_verdicts.csv): llm_judge claims 8 of
    10 compared conversations resolved, our rules 4, and they agree on 4."""
    html = report.read_text(encoding="utf-8")
    assert VERDICT_SECTION in html
    assert 'href="#verdicts"' in html
    section = html.split(VERDICT_SECTION, 1)[1].split("</section>", 1)[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", section)
    llm = cells[cells.index("llm_judge") : cells.index("llm_judge") + 8]
    assert llm == ["llm_judge", "13", "1", "2", "10", "80.0%", "40.0%", "40.0%"]
    qa = cells[cells.index("qa_team") : cells.index("qa_team") + 8]
    assert qa == ["qa_team", "3", "0", "0", "3", "0.0%", "0.0%", "100.0%"]
    assert "llm_judge says resolved; ours is ai_reopened (reopened_by_customer_message)" in section


@pytest.mark.parametrize("state", ["absent", "empty"])
def test_report_has_no_verdict_section_without_verdicts(fixture_db: Path, tmp_path: Path, state: str) -> None:
    db_path = tmp_path / "warehouse.duckdb"
    shutil.copy(fixture_db, db_path)
    with duckdb.connect(str(db_path)) as con:
        for mart in ("fct_verdict_comparison_monthly", "fct_verdict_disagreements_monthly"):
            con.execute(f"drop table main.{mart}" if state == "absent" else f"delete from main.{mart}")
    write_report(db_path, tmp_path / "report.html")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert VERDICT_SECTION not in html
    assert 'href="#verdicts"' not in html
    assert '<section class="card" id="quality">' in html  # the rest of the report is intact


def test_report_default_path(fixture_db: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(BIN_DIR / "ai-resolution"), "report"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={**os.environ, "AI_RESOLUTION_DB": str(fixture_db)},
    )
    expected = tmp_path / "reports" / "ai_resolution_report.html"
    assert expected.is_file()
    assert str(expected.resolve()) in result.stdout

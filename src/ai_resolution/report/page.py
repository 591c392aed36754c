"""The report's HTML page: tiles, sections, tables, and the inlined chart libraries."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from html import escape
from importlib import resources
from typing import Any

# Inlined in this order: vega-embed needs vega and vega-lite (see assets/NOTICE.md).
ASSET_FILES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
LIBRARY_VERSIONS = "Vega 6.4.0, Vega-Lite 6.4.3 and vega-embed 7.3.0 (BSD-3-Clause)"


@dataclass(frozen=True)
class Tile:
    """One headline number with its sample size."""

    label: str
    value: str
    fraction: str
    sample: str
    color: str


@dataclass(frozen=True)
class Table:
    """A small table; columns after the first are right-aligned."""

    headers: list[str]
    rows: list[list[str]]


@dataclass
class Section:
    """A report section: an optional chart, its definition and its numbers."""

    anchor: str
    title: str
    lead: str
    how: str  # trusted HTML
    spec: dict[str, Any] | None = None
    table: Table | None = None
    table_open: bool = False
    extra: list[tuple[str, Table]] = field(default_factory=list)


CSS = """
:root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --bg: #f4f5f7; --card: #ffffff; --link: #1f4f8a; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font: 14px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 40px; }
header h1 { font-size: 26px; margin: 0 0 2px; letter-spacing: -0.01em; }
header p { margin: 0; color: var(--muted); font-size: 13px; }
header .question { color: #374151; font-size: 15px; margin: 6px 0 4px; }
nav { margin: 14px 0 0; font-size: 13px; }
nav a { color: var(--link); text-decoration: none; margin-right: 14px; }
.tiles { display: grid; grid-template-columns: repeat(5, minmax(0, 1fr)); gap: 14px; margin: 20px 0 6px; }
.tile { background: var(--card); border: 1px solid var(--line); border-top: 4px solid var(--accent);
  border-radius: 10px; padding: 12px 16px 10px; }
.tile .label { font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: 0.04em;
  color: var(--muted); }
.tile .value { font-size: 31px; font-weight: 700; color: var(--accent); line-height: 1.2; margin: 2px 0;
  font-variant-numeric: tabular-nums; }
.tile .fraction { font-size: 13px; color: #374151; min-height: 20px; }
.tile .sample { font-size: 12px; color: var(--muted); margin-top: 6px; padding-top: 6px;
  border-top: 1px dashed var(--line); }
section.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px 14px;
  margin: 18px 0; }
section h2 { font-size: 19px; margin: 0 0 2px; }
section .lead { color: #374151; margin: 0 0 12px; max-width: 880px; }
.chart { overflow-x: auto; min-height: 120px; }
details { margin-top: 10px; border-top: 1px solid var(--line); padding-top: 8px; }
details + details { border-top: none; margin-top: 2px; padding-top: 0; }
summary { cursor: pointer; color: var(--link); font-weight: 600; font-size: 13px; }
details .how { max-width: 880px; color: #1f2937; }
details .how p { margin: 6px 0; }
details .how ul { margin: 6px 0; padding-left: 20px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; background: #f3f4f6;
  padding: 1px 4px; border-radius: 4px; }
table { border-collapse: collapse; font-size: 12.5px; margin: 8px 0 4px; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; color: #374151; background: #f9fafb; }
th.num, td.num { text-align: right; white-space: nowrap; }
td:first-child { white-space: nowrap; }
td.status { font-weight: 600; font-size: 11.5px; text-transform: uppercase; letter-spacing: 0.03em; }
td.status.ok { color: #2e9d5b; }
td.status.check { color: #b45309; }
td.status.info { color: #6b7280; }
.table-title { font-weight: 600; margin: 14px 0 0; }
footer { color: var(--muted); font-size: 12px; margin-top: 22px; }
@media (max-width: 1100px) { .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
"""

EMBED_JS = """
(function () {
  var jobs = [];
  document.querySelectorAll("[data-spec]").forEach(function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute("data-spec")).textContent);
    var job = vegaEmbed(el, spec, { actions: false, renderer: "svg", mode: "vega-lite" }).catch(function (error) {
      el.textContent = "This chart could not be drawn: " + error;
      console.error(error);
    });
    jobs.push(job);
  });
  Promise.all(jobs).then(function () { document.body.setAttribute("data-charts-done", "true"); });
})();
"""


@cache
def library_js() -> str:
    """The vendored chart libraries, concatenated."""
    folder = resources.files("ai_resolution.report") / "assets"
    return "\n".join(script_safe((folder / name).read_text(encoding="utf-8")) for name in ASSET_FILES)


def script_safe(text: str) -> str:
    """Text that cannot close the <script> element it is inlined in."""
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


NUMERIC_CELL = re.compile(r"^[-+]?[\d,.]+(%| h| min)?( – [-+]?[\d,.]+%)?$|^n/a$|^–$")
STATUS_CELLS = {"ok", "check", "info"}


def cell_class(index: int, cell: str) -> str:
    """Numbers right-aligned, text left; data-quality statuses coloured."""
    if cell in STATUS_CELLS:
        return f"status {cell}"
    return "num" if index > 0 and NUMERIC_CELL.match(cell) else "text"


def render_table(table: Table) -> str:
    numeric = [
        i > 0 and bool(table.rows) and all(NUMERIC_CELL.match(row[i]) for row in table.rows)
        for i in range(len(table.headers))
    ]
    head = "".join(
        f'<th class="{"num" if numeric[i] else "text"}">{escape(h)}</th>' for i, h in enumerate(table.headers)
    )
    body = "".join(
        "<tr>"
        + "".join(f'<td class="{cell_class(i, cell)}">{escape(cell)}</td>' for i, cell in enumerate(row))
        + "</tr>"
        for row in table.rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def render_tile(tile: Tile) -> str:
    return (
        f'<div class="tile" style="--accent: {escape(tile.color)}">'
        f'<div class="label">{escape(tile.label)}</div>'
        f'<div class="value">{escape(tile.value)}</div>'
        f'<div class="fraction">{escape(tile.fraction)}</div>'
        f'<div class="sample">{escape(tile.sample)}</div></div>'
    )


def render_section(section: Section) -> str:
    parts = [
        f'<section class="card" id="{escape(section.anchor)}">',
        f"<h2>{escape(section.title)}</h2>",
        f'<p class="lead">{escape(section.lead)}</p>',
    ]
    if section.spec is not None:
        spec_id = f"spec-{section.anchor}"
        spec_json = script_safe(json.dumps(section.spec, default=str, separators=(",", ":")))
        parts.append(f'<div class="chart" id="chart-{escape(section.anchor)}" data-spec="{spec_id}"></div>')
        parts.append(f'<script type="application/json" id="{spec_id}">{spec_json}</script>')
    parts.append(f'<details><summary>How is this computed?</summary><div class="how">{section.how}</div></details>')
    if section.table is not None:
        opened = " open" if section.table_open else ""
        label = "The numbers" if section.spec is not None else "Details"
        parts.append(f"<details{opened}><summary>{label}</summary>{render_table(section.table)}</details>")
    for title, table in section.extra:
        parts.append(f'<p class="table-title">{escape(title)}</p>{render_table(table)}')
    parts.append("</section>")
    return "\n".join(parts)


def render_page(
    title: str,
    question: str,
    meta: str,
    tiles: list[Tile],
    tiles_how: str,
    sections: list[Section],
    footer: str,
) -> str:
    """The whole self-contained page."""
    nav = "".join(f'<a href="#{escape(s.anchor)}">{escape(s.title)}</a>' for s in sections)
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{escape(title)}</title>",
            f"<style>{CSS}</style>",
            "</head><body><main>",
            f'<header><h1>{escape(title)}</h1><p class="question">{escape(question)}</p>',
            f"<p>{escape(meta)}</p><nav>{nav}</nav></header>",
            f'<div class="tiles">{"".join(render_tile(t) for t in tiles)}</div>',
            f'<details><summary>How are these computed?</summary><div class="how">{tiles_how}</div></details>',
            *(render_section(s) for s in sections),
            f"<footer>{escape(footer)}</footer>",
            "</main>",
            f"<script>{library_js()}</script>",
            f"<script>{EMBED_JS}</script>",
            "</body></html>",
        ]
    )

"""``DiffReport`` → one self-contained HTML page for an analyst's browser.

Summary counts, the changed headings, then each area with its added, removed,
renamed, moved, renumbered and agency-changed tasks, old and new side by side,
deleted words in ``<del>`` and inserted words in ``<ins>``; the unchanged tasks
folded behind a checkbox and its label (open on paper: ``@media print``). No script, no external resource (a Content Security
Policy forbids both), inline CSS only. Everything from a document passes
through ``html.escape``.
"""

from __future__ import annotations

from html import escape

from .. import __version__

from .models import CHANGES, STATUSES, DiffReport, Edition, Entry, NodeRef
from .sections import (
    Section,
    agency_change_text,
    handed_over,
    heading_name,
    headings_by_id,
    headline,
    section_name,
    sections,
)
from .words import Run, word_diff

# No network and no script, whatever a document holds: the page may only use its own <style>.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

STYLE = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --bg-soft: #f6f8fa;
  --added: #1a7f37; --added-bg: #dafbe1; --removed: #cf222e; --removed-bg: #ffebe9;
  --changed: #9a6700; --changed-bg: #fff8c5; --accent: #0969da; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; color: var(--fg); line-height: 1.5;
  font: 15px/1.55 "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic", system-ui, sans-serif; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
.files { color: var(--muted); font-size: 13px; margin: 0; }
.files code { font-size: 12px; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; margin: 12px 0 16px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 16px; min-width: 120px; }
.card b { display: block; font-size: 26px; line-height: 1.2; }
.card.added b { color: var(--added); } .card.removed b { color: var(--removed); }
.card.changed b { color: var(--changed); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: var(--bg-soft); font-weight: 600; font-size: 13px; }
table.counts { width: auto; font-variant-numeric: tabular-nums; }
table.counts td { text-align: right; } table.counts td:first-child { text-align: left; }
.identical { color: var(--added); font-weight: 600; }
nav ol { padding-left: 24px; margin: 4px 0; }
nav a { color: var(--accent); text-decoration: none; }
.area-note { color: var(--muted); margin: 4px 0 10px; }
table.pairs, table.plain { table-layout: fixed; }
table.pairs col.kind { width: 150px; }
table.plain col.id { width: 150px; } table.plain col.agencies { width: 30%; }
tr.added td.old, tr.removed td.new { background: var(--bg-soft); }
tr.added { box-shadow: inset 4px 0 var(--added); } tr.removed { box-shadow: inset 4px 0 var(--removed); }
tr.changed { box-shadow: inset 4px 0 var(--changed); }
.badge { display: inline-block; font-size: 12px; padding: 0 8px; margin: 1px 2px 1px 0; border-radius: 10px;
  border: 1px solid currentColor; }
.badge.added { color: var(--added); } .badge.removed { color: var(--removed); }
.badge.renamed, .badge.moved, .badge.renumbered, .badge.agencies { color: var(--changed); }
.id { font: 12px ui-monospace, "SFMono-Regular", Menlo, monospace; color: var(--muted); margin-right: 6px; }
.agencies, .where, .note { font-size: 13px; color: var(--muted); margin-top: 2px; }
.sim { font-size: 12px; color: var(--muted); }
.agency-change { font-size: 13px; margin-top: 2px; }
.agency-change.reassigned, .agency-change.added, .agency-change.removed { color: var(--changed); font-weight: 600; }
.agency-change.successor, .agency-change.renamed { color: var(--muted); }
.none { color: var(--muted); }
del { background: var(--removed-bg); color: var(--removed); text-decoration: line-through; }
ins { background: var(--added-bg); color: var(--added); text-decoration: none; }
table.plain td { font-size: 13px; padding: 3px 10px; }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
.headline { font-size: 16px; margin: 4px 0 0; }
/* Folded rows: a checkbox and its label open them (no script); on paper they are always open. */
input.fold { position: absolute; opacity: 0; width: 1px; height: 1px; }
label.fold { display: block; cursor: pointer; color: var(--muted); margin: 10px 0 0; }
label.fold::before { content: "▸ "; } input.fold:checked + label.fold::before { content: "▾ "; }
input.fold:focus-visible + label.fold { outline: 2px solid var(--accent); }
input.fold:not(:checked) + label.fold + .folded { display: none; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav, label.fold::before { display: none; }
  input.fold + label.fold + .folded { display: table; }
  tr, .card { break-inside: avoid; }
  h2 { break-after: avoid; }
  del, ins, .badge { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
""".strip()


PLAIN_TABLE = '<table class="plain"><colgroup><col class="id"><col><col class="agencies"></colgroup><tbody>'
FOLDED_TABLE = PLAIN_TABLE.replace('class="plain"', 'class="plain folded"')


def render_html(report: DiffReport, *, made: str | None = None) -> str:
    """The page; ``made`` (an ISO time) is printed in the footer with the tool's version."""
    old_headings, new_headings = headings_by_id(report)
    title = f"{_edition_name(report.old)} → {_edition_name(report.new)}"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="ko">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Diff: {escape(title)}</title>",
        f"<style>\n{STYLE}\n</style>",
        "</head>",
        "<body>",
        "<header>",
        f"<h1>{escape(title)}</h1>",
        f'<p class="files">old: {_file(report.old)}<br>new: {_file(report.new)}</p>',
        "</header>",
    ]
    parts += _summary(report)
    areas = sections(report)
    parts += _contents(areas)
    parts += _headings(report, old_headings, new_headings)
    for number, section in enumerate(areas, 1):
        parts += _section(number, section, report, old_headings, new_headings)
    when = f" on {escape(made)}" if made else ""
    parts += [
        f"<footer>Made by plan-extract {escape(__version__)} diff{when}. Tasks and headings are matched by"
        " content (title, agencies, position), not by number; see docs/diff.md.</footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _edition_name(edition: Edition) -> str:
    return edition.title or edition.path


def _side_name(edition: Edition, side: str) -> str:
    return f"{edition.year} ({side})" if edition.year else side


def _file(edition: Edition) -> str:
    return f"<code>{escape(edition.path)}</code> · sha256 <code>{escape(edition.sha256[:12])}…</code>"


def _summary(report: DiffReport) -> list[str]:
    tasks = report.summary.tasks
    out = ['<section id="summary">', "<h2>Summary</h2>"]
    if report.summary.identical:
        out.append('<p class="identical">The two editions have the same headings and tasks.</p>')
    else:
        out.append(f'<p class="headline">{escape(headline(report))}</p>')
    out.append('<div class="cards">')
    out.append(f'<div class="card"><b>{tasks.old} → {tasks.new}</b>tasks</div>')
    cards = [("changed", tasks.status.changed - tasks.renumbered_only, "changed")]
    cards += [("renumbered", tasks.renumbered_only, "only renumbered")] if tasks.renumbered_only else []
    cards += [(s, getattr(tasks.status, s), s) for s in ("added", "removed", "unchanged")]
    for css, count, name in cards:
        out.append(f'<div class="card {css}"><b>{count}</b>{name}</div>')
    out.append("</div>")
    columns = ("old", "new", *STATUSES, *CHANGES)
    out.append(
        '<table class="counts"><thead><tr><th></th>'
        + "".join(f"<th>{c}</th>" for c in columns)
        + "</tr></thead><tbody>"
    )
    for name in ("tasks", "headings"):
        counts = getattr(report.summary, name)
        values = [counts.old, counts.new, *(getattr(counts.status, s) for s in STATUSES)]
        values += [getattr(counts.changes, c) for c in CHANGES]
        out.append(f"<tr><td>{name}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>")
    out += ["</tbody></table>", "</section>"]
    return out


def _contents(areas: list[Section]) -> list[str]:
    out = ["<nav>", "<h2>Areas</h2>", "<ol>"]
    for number, section in enumerate(areas, 1):
        changed = len(section.changed)
        note = (
            f"{changed} of {len(section.tasks)} tasks changed" if changed else f"{len(section.tasks)} tasks, unchanged"
        )
        out.append(
            f'<li><a href="#area-{number}">{_section_title(section.heading)}</a> <span class="sim">{note}</span></li>'
        )
    out += ["</ol>", "</nav>"]
    return out


def _headings(report: DiffReport, old_headings, new_headings) -> list[str]:
    changed = [e for e in report.headings if e.status != "unchanged"]
    out = ['<section id="headings">', "<h2>Headings</h2>"]
    if not changed:
        return out + ['<p class="none">No heading changed.</p>', "</section>"]
    out += _pair_table(changed, report, old_headings, new_headings)
    return out + ["</section>"]


def _section(number: int, section: Section, report: DiffReport, old_headings, new_headings) -> list[str]:
    out = [f'<section class="area" id="area-{number}">', f"<h2>{_section_title(section.heading)}</h2>"]
    heading = section.heading
    if heading is not None and heading.status == "changed" and heading.old is not None:
        out.append(f'<p class="area-note">{_badges(heading)} was {_heading_name(heading.old)}</p>')
    changed = section.changed
    if changed:
        out.append(f'<p class="area-note">{len(changed)} of {len(section.tasks)} tasks changed, added or removed.</p>')
        out += _pair_table(changed, report, old_headings, new_headings)
    else:
        out.append(f'<p class="area-note">All {len(section.tasks)} tasks unchanged.</p>')
    if section.moved_out:
        out.append(f'<p class="area-note">{len(section.moved_out)} moved to another area:</p>{PLAIN_TABLE}')
        for entry in section.moved_out:
            assert entry.old is not None and entry.new is not None
            out.append(
                f'<tr><td><span class="id">{escape(entry.old.id)} → {escape(entry.new.id)}</span></td>'
                f"<td>{escape(entry.new.title)}{_where(entry.new, new_headings, 'now in')}</td>"
                f'<td class="agencies">{_agencies(entry.new, set(), "")}</td></tr>'
            )
        out.append("</tbody></table>")
    unchanged = section.unchanged
    if unchanged:
        fold = f"fold-{number}"
        out.append(
            f'<input type="checkbox" class="fold" id="{fold}"><label class="fold" for="{fold}">'
            f"{len(unchanged)} unchanged tasks</label>{FOLDED_TABLE}"
        )
        for entry in unchanged:
            assert entry.old is not None and entry.new is not None
            ids = (
                escape(entry.new.id)
                if entry.old.id == entry.new.id
                else f"{escape(entry.old.id)} → {escape(entry.new.id)}"
            )
            out.append(
                f'<tr><td><span class="id">{ids}</span></td><td>{escape(entry.new.title)}</td>'
                f'<td class="agencies">{_agencies(entry.new, set(), "")}</td></tr>'
            )
        out.append("</tbody></table>")
    return out + ["</section>"]


def _pair_table(entries: list[Entry], report: DiffReport, old_headings, new_headings) -> list[str]:
    out = [
        '<table class="pairs"><colgroup><col class="kind"><col><col></colgroup><thead><tr><th>change</th>'
        f"<th>{escape(_side_name(report.old, 'old'))}</th>"
        f"<th>{escape(_side_name(report.new, 'new'))}</th></tr></thead><tbody>"
    ]
    for entry in entries:
        out.append(f'<tr class="{entry.status}">{_pair_cells(entry, old_headings, new_headings)}</tr>')
    out.append("</tbody></table>")
    return out


def _pair_cells(entry: Entry, old_headings, new_headings) -> str:
    kind = f'<td class="kind">{_badges(entry)}'
    if entry.similarity is not None:
        kind += f'<div class="sim">similarity {entry.similarity:.2f}</div>'
    kind += "</td>"
    if entry.old is None or entry.new is None:
        ref = entry.old or entry.new
        assert ref is not None
        cell = f"{_id(ref)}{escape(ref.title)}{_label(ref, None, '')}{_agencies_block(ref, set(), '')}"
        empty = '<span class="none">—</span>'
        if entry.related:
            side = "new" if entry.status == "removed" else "old"
            empty += (
                f'<div class="note">most like {side} {escape(entry.related.id)} ({entry.related.similarity:.2f})</div>'
            )
        if entry.status == "removed":
            return f'{kind}<td class="old">{cell}</td><td class="new">{empty}</td>'
        return f'{kind}<td class="old">{empty}</td><td class="new">{cell}</td>'
    old_runs, new_runs = word_diff(entry.old.title, entry.new.title)
    moved = "moved" in entry.changes
    gave_up, took = handed_over(entry)
    old_cell = (
        _id(entry.old)
        + _runs(old_runs, "del")
        + _label(entry.old, entry.new, "del")
        + _agencies_block(entry.old, gave_up, "del")
        + (_where(entry.old, old_headings, "was in") if moved else "")
    )
    new_cell = (
        _id(entry.new)
        + _runs(new_runs, "ins")
        + _label(entry.new, entry.old, "ins")
        + _agencies_block(entry.new, took, "ins")
        + (_where(entry.new, new_headings, "now in") if moved else "")
        + _agency_changes(entry)
    )
    return f'{kind}<td class="old">{old_cell}</td><td class="new">{new_cell}</td>'


def _agency_changes(entry: Entry) -> str:
    """One line per agency change, its relation as a class: a reorganisation reads apart from a handover."""
    return "".join(
        f'<div class="agency-change {c.relation}">{escape(agency_change_text(c))}</div>' for c in entry.agency_changes
    )


def _badges(entry: Entry) -> str:
    names = entry.changes if entry.status == "changed" else [entry.status]
    return "".join(f'<span class="badge {name}">{name}</span>' for name in names)


def _id(ref: NodeRef) -> str:
    """The id, and for a heading its marker too (a renumbered 3-2. → 3-3. shows in it)."""
    marker = f"{escape(ref.marker)} " if ref.agencies is None and ref.marker else ""
    return f'<span class="id">{escape(ref.id)}</span>{marker}'


def _runs(runs: list[Run], tag: str) -> str:
    return "".join(f"<{tag}>{escape(r.text)}</{tag}>" if r.changed else escape(r.text) for r in runs)


def _label(ref: NodeRef, other: NodeRef | None, tag: str) -> str:
    if not ref.label:
        return ""
    if other is None or ref.label == other.label or not tag:
        return f" ({escape(ref.label)})"
    return f" (<{tag}>{escape(ref.label)}</{tag}>)"


def _agencies(ref: NodeRef, marked: set[str], tag: str) -> str:
    if ref.agencies is None:
        return ""
    if not ref.agencies:
        return "(no agency)"
    return ", ".join(
        f"<{tag}>{escape(a.text)}</{tag}>" if tag and (a.name or a.text) in marked else escape(a.text)
        for a in ref.agencies
    )


def _agencies_block(ref: NodeRef, marked: set[str], tag: str) -> str:
    text = _agencies(ref, marked, tag)
    return f'<div class="agencies">{text}</div>' if text else ""


def _where(ref: NodeRef, headings: dict[str, NodeRef], how: str) -> str:
    parent = headings.get(ref.parent) if ref.parent else None
    place = f"{escape(parent.id)} {escape(parent.title)}" if parent else "the top level"
    return f'<div class="where">{how} {place}</div>'


def _section_title(entry: Entry | None) -> str:
    title = escape(section_name(entry))
    if entry is not None and entry.status in ("added", "removed"):
        title += f' <span class="badge {entry.status}">{entry.status}</span>'
    return title


def _heading_name(ref: NodeRef) -> str:
    return escape(heading_name(ref))

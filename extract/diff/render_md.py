"""``DiffReport`` → a Markdown report: summary counts, changed headings, then each area's
changed tasks, with deleted words ~~struck~~ and inserted words in **bold** (``<del>``,
``<ins>`` inside a word, where Markdown's ``~~``/``**`` would not take: ``추진<del>(대상발굴 …)</del>``).

Everything taken from a document is escaped, so a title can neither break the
layout nor smuggle in HTML; ids and file names stand in code spans, which show their
text as it is and so are never escaped (``code``).
"""

from __future__ import annotations

import html

import regex

from .models import CHANGES, STATUSES, DiffReport, Entry, NodeRef
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

# Characters with a meaning inside a Markdown line; `<`, `>` and `&` become entities first.
MARKDOWN_SPECIAL = str.maketrans({ch: "\\" + ch for ch in "\\`*_[]|~#"})


# Markdown's own marks for a changed run, and the HTML tags for one inside a word.
MARKS = {"~~": "del", "**": "ins"}
LONGEST_BACKTICKS = regex.compile(r"`+")


def escape(text: str) -> str:
    return html.escape(text, quote=False).translate(MARKDOWN_SPECIAL)


def code(text: str) -> str:
    """A code span showing ``text`` as it is: fenced by more backticks than it holds in a row,
    padded when it starts or ends with one (CommonMark strips one space from each side)."""
    text = " ".join(text.splitlines())
    fence = "`" * (max((len(m) for m in LONGEST_BACKTICKS.findall(text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def render_markdown(report: DiffReport) -> str:
    lines = [f"# Diff: {_edition_name(report.old)} → {_edition_name(report.new)}", ""]
    lines += [f"- old: {code(report.old.path)} (sha256 {report.old.sha256[:12]}…)"]
    lines += [f"- new: {code(report.new.path)} (sha256 {report.new.sha256[:12]}…)", ""]
    lines += ["## Summary", ""]
    if report.summary.identical:
        lines += ["The two editions have the same headings and tasks.", ""]
    else:
        lines += [headline(report), ""]
    columns = ("old", "new", *STATUSES, *CHANGES)
    lines += ["| | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for name in ("tasks", "headings"):
        counts = getattr(report.summary, name)
        values = [counts.old, counts.new, *(getattr(counts.status, s) for s in STATUSES)]
        values += [getattr(counts.changes, c) for c in CHANGES]
        lines.append(f"| {name} | " + " | ".join(str(v) for v in values) + " |")
    lines.append("")
    old_headings, new_headings = headings_by_id(report)
    changed_headings = [e for e in report.headings if e.status != "unchanged"]
    lines += ["## Headings", ""]
    lines += [_entry(e, old_headings, new_headings) for e in changed_headings] or ["No heading changed."]
    lines.append("")
    for section in sections(report):
        lines += _section(section, old_headings, new_headings)
    return "\n".join(lines).rstrip("\n") + "\n"


def _edition_name(edition) -> str:
    return escape(edition.title or edition.path)


def _section(section: Section, old_headings, new_headings) -> list[str]:
    lines = [f"## {_section_title(section.heading)}", ""]
    changed, total = len(section.changed), len(section.tasks)
    if changed:
        lines += [f"{changed} of {total} tasks changed, added or removed.", ""]
        lines += [_entry(e, old_headings, new_headings) for e in section.changed]
    else:
        lines += [f"All {total} tasks unchanged."]
    if section.moved_out:
        lines += ["", f"Moved out of this area ({len(section.moved_out)}):", ""]
        lines += [f"- {code(e.old.id)} → {code(e.new.id)} {_plain(e.new)}" for e in section.moved_out]  # type: ignore[union-attr]
    return lines + [""]


def _section_title(entry: Entry | None) -> str:
    title = escape(section_name(entry))
    if entry is None:
        return title
    if entry.status == "removed":
        return f"{title} (removed)"
    if entry.status == "added":
        return f"{title} (added)"
    if entry.old and "renamed" in entry.changes:
        return f"{title} (was: {_heading_name(entry.old)})"
    return title


def _heading_name(ref: NodeRef) -> str:
    return escape(heading_name(ref))


def _entry(entry: Entry, old_headings: dict[str, NodeRef], new_headings: dict[str, NodeRef]) -> str:
    tag = ", ".join(entry.changes) if entry.status == "changed" else entry.status
    if entry.old is None or entry.new is None:
        ref = entry.old or entry.new
        assert ref is not None
        line = f"- **{tag}** {code(ref.id)} {_plain(ref)}"
        if entry.related:
            side = "new" if entry.status == "removed" else "old"
            line += f" (most like {side} {code(entry.related.id)}, {entry.related.similarity:.2f})"
        return line
    ids = code(entry.old.id) + (f" → {code(entry.new.id)}" if entry.new.id != entry.old.id else "")
    line = f"- **{tag}** {ids} (similarity {entry.similarity:.2f})"
    if not {"renamed", "agencies"} & set(entry.changes):
        line += f" {_plain(entry.new)}"
    else:
        old_runs, new_runs = word_diff(entry.old.title, entry.new.title)
        old_line = _runs(old_runs, "~~") + _label(entry.old, entry.new, "~~")
        new_line = _runs(new_runs, "**") + _label(entry.new, entry.old, "**")
        gave_up, took = handed_over(entry)
        old_line += _agencies(entry.old, gave_up, "~~")
        new_line += _agencies(entry.new, took, "**")
        line += f"\n  - old: {old_line}\n  - new: {new_line}"
    if entry.agency_changes:
        line += "\n  - agencies: " + "; ".join(escape(agency_change_text(c)) for c in entry.agency_changes)
    if "moved" in entry.changes:
        line += f"\n  - moved from {_parent(entry.old, old_headings)} to {_parent(entry.new, new_headings)}"
    return line


def _label(ref: NodeRef, other: NodeRef, mark: str) -> str:
    if not ref.label:
        return ""
    return f" ({escape(ref.label)})" if ref.label == other.label else f" ({mark}{escape(ref.label)}{mark})"


def _plain(ref: NodeRef) -> str:
    text = escape(ref.title) + (f" ({escape(ref.label)})" if ref.label else "")
    return text + _agencies(ref, set(), "")


def _runs(runs: list[Run], mark: str) -> str:
    out = []
    for i, run in enumerate(runs):
        if not run.changed:
            out.append(escape(run.text))
            continue
        # ~~x~~ and **x** only take between spaces (or the line's ends): CommonMark will not open
        # ``~~(`` after a letter. Inside a word the HTML tag marks the same run.
        alone = (i == 0 or runs[i - 1].text[-1].isspace()) and (i == len(runs) - 1 or runs[i + 1].text[0].isspace())
        tag = MARKS[mark]
        out.append(f"{mark}{escape(run.text)}{mark}" if alone else f"<{tag}>{escape(run.text)}</{tag}>")
    return "".join(out)


def _agencies(ref: NodeRef, marked: set[str], mark: str) -> str:
    if ref.agencies is None:
        return ""
    names = [f"{mark}{escape(a.text)}{mark}" if (a.name or a.text) in marked else escape(a.text) for a in ref.agencies]
    return " — " + (", ".join(names) if names else "(no agency)")


def _parent(ref: NodeRef, headings: dict[str, NodeRef]) -> str:
    if ref.parent is None or ref.parent not in headings:
        return "the top level"
    parent = headings[ref.parent]
    return f"{code(parent.id)} {escape(parent.title)}"


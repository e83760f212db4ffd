"""The lossless check: every non-space character of the input lands in exactly one place."""

from __future__ import annotations

from collections import Counter

from extract.models import iter_nodes
from extract.pipeline import Parsed

# Characters that are syntax, not content: the `|` of `분야 1 |`, a label's
# parentheses, the separators of an agency list, a `전략 1:` colon.
SYNTAX = set("|():,，、·/.")
CONTAINERS = {"title", "label", "agencies", "plan-title"}  # furniture inside them is noise's


def assert_lossless(parsed: Parsed) -> None:
    text = parsed.text.value
    noise = [p for p in parsed.parts if p.role == "noise"]
    in_noise = [False] * len(text)
    for part in noise:
        for i in range(part.start, part.end):
            in_noise[i] = True
    owner: list[str | None] = [None] * len(text)
    for part in parsed.parts:
        for i in range(part.start, part.end):
            if text[i].isspace() or (part.role in CONTAINERS and in_noise[i]):
                continue
            assert owner[i] is None, f"{text[i]!r} at {i} claimed by both {owner[i]} and {part.role}"
            owner[i] = part.role
    lost = [(i, text[i]) for i, ch in enumerate(text) if not ch.isspace() and owner[i] is None]
    assert not lost, f"characters in no place: {lost[:10]}"

    # And the output says what the input says: nothing invented, only syntax unaccounted.
    document = parsed.document
    fields = [document.title or ""]
    for node in iter_nodes(document.children):
        fields += [node.marker, node.title, node.label or ""]
        fields += [a.text for a in node.agencies or ()]
        fields += node.references or []
    fields += [n.text for n in document.noise]
    written = Counter(ch for ch in "".join(fields) if not ch.isspace())
    source = Counter(ch for ch in text if not ch.isspace())
    assert not written - source, f"output has characters the input lacks: {written - source}"
    unaccounted = source - written
    assert set(unaccounted) <= SYNTAX, f"input characters in no output field: {unaccounted}"

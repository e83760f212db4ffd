"""Profiles: the data that says what a marker, furniture and an agency list look like.

``load_profile(path=None)`` → ``Profile`` (compiled patterns, numbering tables).
The default profile is ``extract/profiles/default.toml``; ``--profile FILE``
swaps it for a plan whose markers the default does not know.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

import regex

from ..records import NamedTuple
from .. import DATA_DIR, PROFILES_DIR
from ..errors import ExitCode, PlanError
from ..stored import compile_regex, is_toml_error, loads_toml

# Numbering schemes: the character (or digits) written → the ordinal it stands for.
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
CIRCLED_SANS = "➀➁➂➃➄➅➆➇➈➉"  # DINGBAT CIRCLED SANS-SERIF DIGIT ONE…TEN, drawn like ①…⑩
ROMAN = "ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩⅪⅫ"
HANGUL = "가나다라마바사아자차카타파하"
DINGBAT = "➊➋➌➍➎➏➐➑➒➓"
DINGBAT_NEGATIVE = "❶❷❸❹❺❻❼❽❾❿"
CIRCLED_HANGUL = "㉮㉯㉰㉱㉲㉳㉴㉵㉶㉷㉸㉹㉺㉻"  # ㉮ … ㉻: 가 … 하 in a circle
PARENTHESIZED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"  # ⑴ … ⒇: (1) … (20) as one character
LATIN_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")  # I. … X.: where a plan has no Ⅰ

ORDINAL_TABLES: dict[str, dict[str, int]] = {
    "circled": {ch: i for i, ch in enumerate(CIRCLED, 1)} | {ch: i for i, ch in enumerate(CIRCLED_SANS, 1)},
    # A font without Ⅵ-Ⅷ, Ⅺ, Ⅻ: the PDF text layer spells them Ⅴ or Ⅹ and Latin I's (ⅤI, ⅥI).
    "roman": {ch: i for i, ch in enumerate(ROMAN, 1)}
    | {"ⅤI": 6, "ⅤII": 7, "ⅤIII": 8, "ⅥI": 7, "ⅥII": 8, "ⅦI": 8, "ⅩI": 11, "ⅩII": 12, "ⅪI": 12}
    | {written: i for i, written in enumerate(LATIN_ROMAN, 1)},
    "hangul": {ch: i for i, ch in enumerate(HANGUL, 1)} | {ch: i for i, ch in enumerate(CIRCLED_HANGUL, 1)},
    "parenthesized": {ch: i for i, ch in enumerate(PARENTHESIZED, 1)},
    "dingbat": {ch: i for i, ch in enumerate(DINGBAT, 1)} | {ch: i for i, ch in enumerate(DINGBAT_NEGATIVE, 1)},
}
NUMBERINGS = ("arabic", "bullet", *ORDINAL_TABLES)

# The one rendering per numbering, for writing synthetic plans.
SPELLINGS: dict[str, str] = {
    "circled": CIRCLED,
    "roman": ROMAN,
    "hangul": HANGUL,
    "dingbat": DINGBAT,
    "parenthesized": PARENTHESIZED,
}

# Added around every marker and furniture pattern: it stands as whole words.
WORD_START = r"(?<!\S)"
WORD_END = r"(?!\S)"
# Where a marker ends: a blank, the line's end, or an opening bracket or quote it touches:
# '1)「광주광역시교육청 … 조례」' (a numbered item whose title is a statute's name, set without
# a space). Every family but a glued one (see _compile); run-on text too.
MARKER_END = r"(?= \s | $ | [「『“‘\[(<〈《] )"

AgencyPolicy = Literal["always", "leaf", "never"]

DEFAULT_PROFILE = "default.toml"
# This bounds a tree's depth (and the recursion that writes and validates it; pydantic-core's
# JSON writer stops near 127): a profile with more families is refused, and the tree builder
# opens no level past it (a family may hold several levels of a PDF's printed lines).
MAX_LEVELS = 100


class Family(NamedTuple):
    name: str
    kind: str
    pattern: str
    numbering: str
    strong: bool
    continuous: bool  # numbered across the whole plan, not restarting under each parent
    parent_family: str | None
    label: str | None
    agencies: AgencyPolicy
    lines_only: bool = False  # a heading only at the start of a reader's line (PDF, HWP, HWPX), never in run-on text
    glued: bool = False  # the marker may touch the word after it (a bullet: ``·ICT``); only with lines_only
    top: bool = False  # a heading of the whole plan (붙임 1): it closes every open heading
    outer: bool = False  # a chapter (Ⅰ.): at the top of the plan, or of the appendix sheet it is in
    sheet: bool = False  # an appendix sheet (붙임 1, 참고 2): chapters numbered from Ⅰ again inside it are its own
    group_of: str | None = None  # a group row of this family's items (✓ over ▸ rows): one level with them

    def ordinal(self, written: str | None) -> int | None:
        """The number ``written`` stands for; None for bullets."""
        if self.numbering == "bullet" or written is None:
            return None
        if self.numbering == "arabic":
            return int(written)
        return ORDINAL_TABLES[self.numbering][written]

    def spell(self, number: int) -> str:
        """The inverse of ``ordinal`` (for bullets, the empty string)."""
        if self.numbering == "arabic":
            return str(number)
        if self.numbering == "bullet":
            return ""
        return SPELLINGS[self.numbering][number - 1]

    @property
    def max_number(self) -> int:
        if self.numbering in SPELLINGS:
            return len(SPELLINGS[self.numbering])
        return 999


class FurnitureRule(NamedTuple):
    kind: str
    pattern: regex.Pattern[str]
    at_end: bool


class Layout(NamedTuple):
    """``[layout]``: what a document's lines look like beyond its heading markers."""

    body_bullet: regex.Pattern[str]  # a line opening with one is body text under a heading
    toc_title: regex.Pattern[str]  # 목 차, 순 서: a table of contents follows
    toc_entry: regex.Pattern[str]  # a line ending in dot leaders and a page number
    script: regex.Pattern[str]  # the letters the plan is written in (Hangul)
    min_script_share: float  # below this share of the text's characters, the text layer is unusable


class Profile(NamedTuple):
    name: str
    families: tuple[Family, ...]
    marker_pattern: regex.Pattern[str]  # all families, one alternation; family i's groups renamed f{i}_…
    group_family: tuple[int | None, ...]  # marker_pattern group index → the index of the family it belongs to
    protected: regex.Pattern[str] | None
    furniture: tuple[FurnitureRule, ...]
    year_pattern: regex.Pattern[str]
    registry_file: str
    stopwords_file: str
    separators: str
    unknown_agency: regex.Pattern[str]
    source: str
    pdf_agency_header: regex.Pattern[str] | None = None  # the agency column's header in a PDF table
    aside_header: regex.Pattern[str] | None = None  # a schedule, budget or remarks column's header: never the title
    title_header: regex.Pattern[str] | None = None  # the header of the column that holds a task row's title
    layout: Layout | None = None  # how a document's own lines are read (extract/stages/layout.py)
    task_kinds: tuple[str, ...] = ()  # node kinds that are a plan's tasks (diff: when no node carries agencies)
    date_pattern: regex.Pattern[str] | None = None  # a full date in the title: (?P<year>…)(?P<month>…)(?P<day>…)?
    extra_registries: tuple[str, ...] = ()  # --registry files: their entries win over registry_file's

    def family(self, name: str) -> Family:
        for fam in self.families:
            if fam.name == name:
                return fam
        raise KeyError(name)


def load_profile(path: str | Path | None = None, registries: tuple[str, ...] = ()) -> Profile:
    """Load and compile a profile; a bad profile is a ``PlanError`` (exit 2) naming the file.

    ``registries``: agency registry files (``--registry``) whose entries add to, or replace
    (by ``name``, or by an alias they also write), those of the profile's registry.
    """
    if path is None:
        shown = f"<default profile {DEFAULT_PROFILE}>"
        raw = (PROFILES_DIR / DEFAULT_PROFILE).read_text(encoding="utf-8")
        base = None
    else:
        shown = str(path)
        base = Path(path).parent
        try:
            raw = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise PlanError("no such profile file", path=shown, code=ExitCode.USAGE) from None
        except IsADirectoryError:
            raise PlanError("the profile is a directory, not a TOML file", path=shown, code=ExitCode.USAGE) from None
        except OSError as exc:
            raise PlanError(f"cannot read the profile: {exc.strerror or exc}", path=shown, code=ExitCode.USAGE) from None
        except UnicodeDecodeError:
            raise PlanError("the profile is not UTF-8 text", path=shown, code=ExitCode.USAGE) from None
    try:
        data = loads_toml(raw, PROFILES_DIR / DEFAULT_PROFILE if path is None else None)  # extract/stored.py
        profile = _compile(data, shown)
    except KeyError as exc:
        raise PlanError(f"invalid profile: the key {exc.args[0]!r} is missing", path=shown, code=ExitCode.USAGE) from None
    except (TypeError, ValueError, regex.error) as exc:
        if is_toml_error(exc):
            raise PlanError(f"profile is not valid TOML: {exc}", path=shown, code=ExitCode.USAGE) from None
        raise PlanError(f"invalid profile: {exc}", path=shown, code=ExitCode.USAGE) from None
    return profile._replace(
        registry_file=_data_file(profile.registry_file, base, "registry", shown),
        stopwords_file=_data_file(profile.stopwords_file, base, "stopwords", shown),
        extra_registries=tuple(_registry_file(r) for r in registries),
    )


def _data_file(name: str, base: Path | None, key: str, shown: str) -> str:
    """A profile's ``[agencies]`` file: beside the profile file, else the package's own by that name."""
    candidates = ([base / name] if base is not None else []) + [DATA_DIR / name]
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate.resolve())
    raise PlanError(
        f"invalid profile: [agencies] {key} = {name!r} is neither a file beside the profile "
        "nor one that comes with plan-extract",
        path=shown,
        code=ExitCode.USAGE,
    )


def _registry_file(path: str) -> str:
    """A ``--registry`` file, checked now so that a typo fails before any input is read."""
    from .agencies import read_entries

    resolved = str(Path(path).resolve())
    try:
        read_entries(resolved)
    except OSError as exc:
        raise PlanError(f"cannot read the registry: {exc.strerror or exc}", path=path, code=ExitCode.USAGE) from None
    except (UnicodeDecodeError, KeyError, TypeError, ValueError) as exc:  # tomllib.TOMLDecodeError is a ValueError
        detail = f"the key {exc.args[0]!r} is missing" if isinstance(exc, KeyError) else str(exc)
        raise PlanError(f"invalid registry: {detail}", path=path, code=ExitCode.USAGE) from None
    return resolved


@lru_cache(maxsize=1)
def default_profile() -> Profile:
    """The default profile, compiled once per process: a parse without a profile
    would otherwise spend ~2 ms reading and compiling it again."""
    return load_profile()


def _compile(data: dict, shown: str) -> Profile:
    if not data.get("family"):
        raise ValueError("it has no [[family]] table; a profile needs at least one marker family")
    if len(data["family"]) > MAX_LEVELS:
        raise ValueError(f"{len(data['family'])} marker families; at most {MAX_LEVELS} (each may open a level)")
    families = tuple(_family(entry) for entry in data["family"])
    names = [fam.name for fam in families]
    if len(set(names)) != len(names):
        raise ValueError("family names must be unique")
    for fam in families:
        if fam.parent_family and fam.parent_family not in names:
            raise ValueError(f"family {fam.name!r}: unknown parent_family {fam.parent_family!r}")
    # No capturing group around each family: the `regex` module pays for every
    # group at every attempt, and dropping those 14 made the bare scan ~7% faster.
    # A match's family is that of the group that closed last (``group_family``).
    # A marker ends its word (``1.`` in ``1.5배`` is no marker) or touches an opening bracket or
    # quote (``1)「…」``: MARKER_END), except a glued bullet family's (``·ICT 융합 …``: PDFs
    # often set a bullet against its text).
    alternation = "|".join(
        f"(?:{_rename_groups(fam.pattern, i)})" + ("" if fam.glued else MARKER_END) for i, fam in enumerate(families)
    )
    marker_pattern = compile_regex(WORD_START + "(?:" + alternation + ")", regex.VERBOSE)
    protected_patterns = [entry["pattern"] for entry in data.get("protected", [])]
    protected = (
        compile_regex("|".join(f"(?:{p})" for p in protected_patterns), regex.VERBOSE) if protected_patterns else None
    )
    furniture = tuple(
        FurnitureRule(
            kind=entry["kind"],
            pattern=compile_regex(
                WORD_START + "(?:" + entry["pattern"] + ")" + (r"\s*\Z" if entry.get("at_end") else WORD_END),
                regex.VERBOSE,
            ),
            at_end=bool(entry.get("at_end", False)),
        )
        for entry in data.get("furniture", [])
    )
    agencies = data["agencies"]
    return Profile(
        name=data["name"],
        families=families,
        marker_pattern=marker_pattern,
        group_family=_group_family(families, marker_pattern),
        protected=protected,
        furniture=furniture,
        year_pattern=compile_regex(data["title"]["year"], regex.VERBOSE),
        registry_file=agencies["registry"],
        stopwords_file=agencies["stopwords"],
        separators=agencies["separators"],
        unknown_agency=compile_regex(agencies["unknown"], regex.VERBOSE),
        source=shown,
        pdf_agency_header=_optional_pattern(data.get("pdf", {}).get("agency_header")),
        aside_header=_optional_pattern(data.get("pdf", {}).get("aside_header")),
        title_header=_optional_pattern(data.get("pdf", {}).get("title_header")),
        layout=_layout(data.get("layout")),
        task_kinds=_task_kinds(data.get("task_kinds", []), families),
        date_pattern=_optional_pattern(data["title"].get("date")),
    )


def _task_kinds(kinds: list, families: tuple[Family, ...]) -> tuple[str, ...]:
    known = {fam.kind for fam in families}
    for kind in kinds:
        if kind not in known:
            raise ValueError(f"task_kinds: no family has kind {kind!r}")
    return tuple(kinds)


def _layout(entry: dict | None) -> Layout | None:
    if not entry:
        return None
    return Layout(
        body_bullet=compile_regex(entry["body_bullet"], regex.VERBOSE),
        toc_title=compile_regex(entry["toc_title"], regex.VERBOSE),
        toc_entry=compile_regex(entry["toc_entry"], regex.VERBOSE),
        script=compile_regex(entry["script"], regex.VERBOSE),
        min_script_share=float(entry["min_script_share"]),
    )


def _optional_pattern(pattern: str | None) -> regex.Pattern[str] | None:
    return compile_regex(pattern, regex.VERBOSE) if pattern else None


def _family(entry: dict) -> Family:
    numbering = entry.get("numbering", "arabic")
    if numbering not in NUMBERINGS:
        raise ValueError(f"family {entry.get('name')!r}: numbering must be one of {', '.join(NUMBERINGS)}")
    policy = entry.get("agencies", "leaf")
    if policy not in ("always", "leaf", "never"):
        raise ValueError(f"family {entry.get('name')!r}: agencies must be always, leaf or never")
    pattern = entry["pattern"]
    compiled = compile_regex(pattern, regex.VERBOSE)  # fails early, naming the family via the caller
    if "marker" not in compiled.groupindex:
        raise ValueError(f"family {entry['name']!r}: pattern needs a (?P<marker>…) group")
    if numbering != "bullet" and "number" not in compiled.groupindex:
        raise ValueError(f"family {entry['name']!r}: pattern needs a (?P<number>…) group")
    glued = bool(entry.get("glued", False))
    if glued and not (numbering == "bullet" and entry.get("lines_only")):
        raise ValueError(f"family {entry['name']!r}: glued is for bullet families with lines_only")
    return Family(
        name=entry["name"],
        kind=entry["kind"],
        pattern=pattern,
        numbering=numbering,
        strong=bool(entry.get("strong", False)),
        continuous=bool(entry.get("continuous", False)),
        parent_family=entry.get("parent_family"),
        label=entry.get("label"),
        agencies=policy,
        lines_only=bool(entry.get("lines_only", False)),
        glued=glued,
        top=bool(entry.get("top", False)),
        outer=bool(entry.get("outer", False)),
        sheet=bool(entry.get("sheet", False)),
    )


def _group_family(families: tuple[Family, ...], combined: regex.Pattern[str]) -> tuple[int | None, ...]:
    """For each group index of ``combined`` (0, the whole match, has none), its family's index.

    The alternation numbers each family's groups after those of the families
    before it, so family i owns as many consecutive indices as its pattern has groups.
    """
    owners: list[int | None] = [None]
    for i, fam in enumerate(families):
        owners += [i] * compile_regex(fam.pattern, regex.VERBOSE).groups
    if len(owners) != combined.groups + 1:
        raise ValueError("the families' groups do not add up to the combined pattern's")
    return tuple(owners)


def _rename_groups(pattern: str, index: int) -> str:
    """Prefix named groups so all families fit in one alternation: marker → f3_marker."""
    return compile_regex(r"\(\?P<(\w+)>").sub(lambda m: f"(?P<f{index}_{m.group(1)}>", pattern)

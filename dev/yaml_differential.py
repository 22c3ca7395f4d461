#!/usr/bin/env python3
"""Differential-testing oracle for qgate's hand-written YAML-subset parser.

Generates YAML documents that stay inside the subset qgate supports (YAML 1.2
core schema, block + flow collections, all scalar styles, comments, BOM, CRLF)
and records what PyYAML parses each one to.  The output is a fixture corpus:

    NNNN.yaml            the document, exact bytes
    NNNN.expected.json   PyYAML's result in a type-tagged JSON encoding
    manifest.json        per fixture: origin (handwritten/random) and features

PyYAML implements YAML 1.1, so the generator only emits forms on which 1.1 and
1.2-core agree.  Every plain scalar is resolved twice -- with the 1.2 core
rules below and with PyYAML -- and only emitted plain when both agree.  Each
random document is generated together with the value the *generator* intends
(the "model"); a document is kept only if PyYAML (pure-Python and libyaml
loaders) reproduces that model exactly, so a divergence can never slip into
the fixtures silently.

Usage (from the repository root):
    python3 dev/yaml_differential.py                 # regenerate fixtures
    python3 dev/yaml_differential.py --check         # only verify fixtures
    python3 dev/yaml_differential.py --seed 7 --count 50 --out /tmp/fx
"""
from __future__ import annotations

import argparse
import functools
import json
import math
import random
import re
import sys
from pathlib import Path

import yaml

DEFAULT_SEED = 20240611
DEFAULT_COUNT = 400
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "yaml-differential"


# ---------------------------------------------------------------------------
# Typed value comparison
# ---------------------------------------------------------------------------

def same(a, b) -> bool:
    """Strict structural equality: types must match exactly (True != 1,
    1 != 1.0), dict order matters, NaN equals NaN and -0.0 differs from 0.0."""
    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return len(a) == len(b) and all(
            same(ka, kb) and same(va, vb)
            for (ka, va), (kb, vb) in zip(a.items(), b.items()))
    return a == b


# ---------------------------------------------------------------------------
# Scalar resolution: YAML 1.2 core schema vs. PyYAML (YAML 1.1)
# ---------------------------------------------------------------------------

_CORE_INT = re.compile(r"[-+]?[0-9]+\Z")
_CORE_OCT = re.compile(r"0o[0-7]+\Z")
_CORE_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_CORE_INF = re.compile(r"[-+]?\.(inf|Inf|INF)\Z")
_CORE_NAN = re.compile(r"\.(nan|NaN|NAN)\Z")


def resolve_core12(text: str):
    """Resolve a plain scalar with the YAML 1.2 core schema (qgate's rules)."""
    if text in ("", "~", "null", "Null", "NULL"):
        return None
    if text in ("true", "True", "TRUE"):
        return True
    if text in ("false", "False", "FALSE"):
        return False
    if _CORE_INT.match(text):
        return int(text, 10)
    if _CORE_OCT.match(text):
        return int(text[2:], 8)
    if _CORE_HEX.match(text):
        return int(text[2:], 16)
    if _CORE_FLOAT.match(text):
        return float(text)
    if _CORE_INF.match(text):
        return -math.inf if text[0] == "-" else math.inf
    if _CORE_NAN.match(text):
        return math.nan
    return text


_UNRESOLVABLE = object()


@functools.lru_cache(maxsize=None)
def resolve_pyyaml(text: str):
    """Resolve a plain scalar the way PyYAML does (loads it as a document)."""
    try:
        return yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return _UNRESOLVABLE


def plain_agrees(text: str, value) -> bool:
    """True if `text`, written plain, means `value` under both schemas."""
    return same(resolve_core12(text), value) and same(resolve_pyyaml(text), value)


# ---------------------------------------------------------------------------
# Characters and vocabularies
# ---------------------------------------------------------------------------

def raw_safe(ch: str) -> bool:
    """May `ch` appear unescaped in any scalar style?  Excludes controls, C1
    (NEL is a line break in YAML 1.1), NBSP, BOM, LS/PS and non-characters."""
    o = ord(ch)
    if o < 0x20 or o == 0x7F or 0x80 <= o <= 0x9F:
        return False
    if o in (0xA0, 0xFEFF, 0x2028, 0x2029, 0xFFFE, 0xFFFF):
        return False
    return not 0xD800 <= o <= 0xDFFF


WORDS = [
    "alpha", "beta", "gamma", "delta", "config", "value", "port", "host",
    "name", "path", "timeout", "retries", "enabled", "threshold", "mode",
    "level", "item", "rule", "data-set", "snake_case", "CamelCase", "v1.2",
    "a/b", "x.y.z", "50%", "C++", "a#b", "e=mc2", "(paren)", "semi;colon",
    "it's", 'say"hi"', "at@sign", "amp&", "star*", "bang!", "pipe|", "gt>",
    "q?", "tilde~x", "http://example.com/p", "café", "naïve", "résumé", "é",
    "Straße", "Ωmega", "日本", "東京", "日本語", "中文", "한국어", "Привет",
    "مرحبا", "😀", "🚀", "👍🏽", "emoji😀mix", "x", "z", "n1", "42abc", "3rd",
]

KEY_WORDS = [
    "name", "port", "host", "timeout", "max", "min", "enabled", "rules",
    "paths", "include", "exclude", "level", "threshold", "coverage", "metrics",
    "id", "type", "value", "key with spaces", "é", "clé", "日本", "配置",
    "emoji😀", "🚀", "Ω", "x", "a.b", "under_score", "dash-key", "CamelKey",
    "k1", "k2", "v2.0", "it's", "a#b", "http://x.org",
]

# Plain-looking strings near the resolver boundaries.  Only those that are
# strings under *both* schemas survive `plain_agrees`; the rest get quoted.
NEAR_MISS = [
    "nulls", "Nullable", "NULLs", "truthy", "Falsey", "TRUE1", ".infinity",
    ".Nan1", "nan", "inf", "Infinity", "NaN", "None", "1.2.3", "0x", "0xG1",
    "12abc", "1e", "e3", "-foo", "~home", "~~", "0.5.1", "1,000", "1/2",
    "3-4", "..5", "+", "-x1", ".e5", "0x1.8", "1__0",
    # YAML 1.1 / 1.2 disagreements (always rejected by plain_agrees):
    "yes", "No", "on", "OFF", "0o17", "0777", "09", "0b101", "1e3", "1_000",
    "1:20", "2001-12-14", "-0x1F", "-.5", "+.5", "1.5e3",
]

# Strings that look like other types; emitted quoted so they stay strings.
LOOKALIKES = [
    "true", "False", "yes", "No", "on", "OFF", "y", "n", "null", "~", "123",
    "-7", "0o17", "0777", "0b101", "1e3", "1_000", "1:20", "2001-12-14",
    "2001-12-14T21:59:43.10-05:00", "=", "<<", "-.5", "+.5", ".inf", "0x1F",
    "-0x1F", "3.14", ".NaN", "", " ", "  leading", "trailing  ",
    "key: value", "# not a comment", "a, b", "[x]", "{y: z}", "- item",
    "&anchor", "*alias", "!tag", "|", ">", "%directive", "@at", "`tick`",
]

PUNCT = [": ", " #", "#", ",", "[", "]", "{", "}", "'", '"', "\\", "- ", "? ",
         "&a", "*b", "!t", "|", ">", "%", "@", "`", "  ", " ", ":", "/"]

CONTROL = ["\n", "\t", "\x00", "\x07", "\x08", "\x1b", "\x0c", "\r", "\x0b",
           "\x85", "\xa0", "\u2028", "\u2029", "\x7f", "\ufeff", "\x01", "\x9f"]

COMMENTS = [
    "# comment", "#tight", "# key: value", "# - not an item", "# 日本語 コメント",
    "# 'quoted' \"dq\"", "#", "# [flow] {x: 1}", "# trailing #hash", "# émoji 🚀",
]

INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
FLOW_UNSAFE = set(",[]{}:#?")


def plain_safe(text: str, flow: bool) -> bool:
    """Conservative check that `text` can be written as a single-line plain
    scalar (also usable as an implicit key) in block or flow context."""
    if not text or text != text.strip(" "):
        return False
    if not all(raw_safe(c) for c in text):
        return False
    if text[0] in INDICATORS:
        # Allow "-foo" / "-5": dash followed by a non-indicator, non-space.
        if not (text[0] == "-" and len(text) > 1 and text[1] != " "
                and text[1] not in INDICATORS):
            return False
    if ": " in text or text.endswith(":") or " #" in text:
        return False
    if text.startswith(("---", "...")):
        return False
    if flow and any(c in FLOW_UNSAFE for c in text):
        return False
    return True


# ---------------------------------------------------------------------------
# Generation context
# ---------------------------------------------------------------------------

class Ctx:
    """Per-document random state: RNG, indentation policy, node budget and
    the set of features the document exercises."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.features: set[str] = set()
        mode = rng.choice([2, 2, 3, 4, "mixed"])
        self.mixed = mode == "mixed"
        self.base_width = 2 if self.mixed else mode
        self.feat(f"indent_{mode}")
        self.budget = rng.randint(6, 45)
        # "Tame" documents use only word-like string content and no gratuitous
        # escapes: realistic configs, easier to debug when they fail.
        self.tame = rng.random() < 0.3
        if self.tame:
            self.feat("tame")

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def feat(self, *names: str) -> None:
        self.features.update(names)

    def width(self) -> int:
        """Indentation step for the next nested level."""
        return self.rng.choice([2, 3, 4]) if self.mixed else self.base_width

    def child_count(self) -> int:
        if self.budget <= 0:
            return 1
        k = self.rng.choice([1, 1, 2, 2, 3, 3, 4, 5, 6])
        self.budget -= k
        return k

    def plan(self, depth: int, count: int) -> list[int]:
        """Depth of each child (0 = scalar).  A collection of depth d has
        exactly one "spine" child of depth d-1 so the requested depth is hit."""
        spine = self.rng.randrange(count) if depth > 1 else -1
        out = []
        for i in range(count):
            if i == spine:
                out.append(depth - 1)
            elif depth > 1 and self.budget > 0 and self.chance(0.3):
                out.append(self.rng.randint(1, depth - 1))
            else:
                out.append(0)
        return out

    def comment(self) -> str:
        return self.rng.choice(COMMENTS)

    def trailing_comment(self, p: float = 0.12) -> str:
        """Maybe a ` # comment` suffix for the current line."""
        if self.chance(p):
            self.feat("comment_trailing")
            return " " * self.rng.randint(1, 3) + self.comment()
        return ""


def note_text(ctx: Ctx, s: str) -> None:
    """Record string-content features."""
    if any(ord(c) > 127 for c in s):
        ctx.feat("unicode")
    if s == "":
        ctx.feat("empty_string")
    if len(s) > 100:
        ctx.feat("long_string")


# ---------------------------------------------------------------------------
# String content
# ---------------------------------------------------------------------------

def words_phrase(ctx: Ctx, pool=WORDS, max_words: int = 3) -> str:
    rng = ctx.rng
    sep = "  " if ctx.chance(0.05) else " "
    return sep.join(rng.choice(pool) for _ in range(rng.randint(1, max_words)))


def rich_string(ctx: Ctx, controls: bool, max_len: int = 400) -> str:
    """Arbitrary string content for quoted scalars: punctuation, leading and
    trailing spaces, unicode, type look-alikes, empty and long strings."""
    rng = ctx.rng
    r = rng.random()
    if r < 0.15:
        return rng.choice(LOOKALIKES)
    if ctx.tame:
        return words_phrase(ctx)
    if r < 0.22 and max_len >= 100:
        n = rng.randint(100, max_len)
        s = ""
        while len(s) < n:
            s += rng.choice(WORDS) + rng.choice([" ", " ", ", ", ": ", " # "])
        return s[:n]
    parts = []
    for _ in range(rng.randint(1, 6)):
        t = rng.random()
        if t < 0.55:
            parts.append(rng.choice(WORDS))
        elif t < 0.85 or not controls:
            parts.append(rng.choice(PUNCT))
        else:
            parts.append(rng.choice(CONTROL))
        if ctx.chance(0.5):
            parts.append(" ")
    return "".join(parts)


# ---------------------------------------------------------------------------
# Quoted scalar rendering
# ---------------------------------------------------------------------------

NAMED_ESCAPES = {
    "\x00": "\\0", "\x07": "\\a", "\x08": "\\b", "\t": "\\t", "\n": "\\n",
    "\x0b": "\\v", "\x0c": "\\f", "\r": "\\r", "\x1b": "\\e", '"': '\\"',
    "\\": "\\\\", "\x85": "\\N", "\xa0": "\\_", "\u2028": "\\L", "\u2029": "\\P",
}


def numeric_escape(ctx: Ctx, ch: str) -> str:
    """\\xXX, \\uXXXX or \\UXXXXXXXX for `ch`, random form and hex case."""
    o = ord(ch)
    forms = []
    if o <= 0xFF:
        forms.append("\\x%02X" % o)
    if o <= 0xFFFF:
        forms.append("\\u%04X" % o)
    forms.append("\\U%08X" % o)
    e = ctx.rng.choice(forms)
    return e[:2] + (e[2:].lower() if ctx.chance(0.5) else e[2:])


def escape_double(ctx: Ctx, s: str) -> str:
    """Body of a double-quoted scalar for `s`, mixing every escape form."""
    out = []
    for ch in s:
        if ch in NAMED_ESCAPES:
            if ch not in '"\\' and ctx.chance(0.2):
                out.append(numeric_escape(ctx, ch))
            else:
                out.append(NAMED_ESCAPES[ch])
            ctx.feat("double_escape")
        elif not raw_safe(ch):
            out.append(numeric_escape(ctx, ch))
            ctx.feat("double_escape")
        elif ctx.tame:
            out.append(ch)
        elif ch == "/" and ctx.chance(0.3):
            out.append("\\/")
            ctx.feat("double_escape")
        elif ch == " " and ctx.chance(0.05):
            out.append("\\ ")
            ctx.feat("double_escape")
        elif ctx.chance(0.03):
            out.append(numeric_escape(ctx, ch))
            ctx.feat("double_escape")
        else:
            out.append(ch)
    return "".join(out)


def single_quoted(s: str) -> str:
    assert all(raw_safe(c) for c in s)
    return "'" + s.replace("'", "''") + "'"


def quoted_scalar(ctx: Ctx, s: str) -> str:
    """Single-quote when possible (and chosen), else double-quote."""
    note_text(ctx, s)
    if all(raw_safe(c) for c in s) and ctx.chance(0.45):
        ctx.feat("single")
        return single_quoted(s)
    ctx.feat("double")
    return '"' + escape_double(ctx, s) + '"'


# ---------------------------------------------------------------------------
# Typed plain scalars
# ---------------------------------------------------------------------------

def plain_string(ctx: Ctx, flow: bool, pool=WORDS) -> str:
    for _ in range(200):
        if ctx.chance(0.08):
            text = ctx.rng.choice(NEAR_MISS)
        else:
            text = words_phrase(ctx, pool)
        if plain_safe(text, flow) and plain_agrees(text, text):
            note_text(ctx, text)
            return text
    return "fallback"


def gen_int(ctx: Ctx):
    rng = ctx.rng
    r = rng.random()
    if r < 0.45:
        v = rng.randint(0, 100)
    elif r < 0.65:
        v = -rng.randint(1, 100000)
    elif r < 0.85:
        v = rng.randint(0, 10 ** 12) * rng.choice([1, -1])
    else:
        v = rng.choice([0, 2 ** 31 - 1, -2 ** 31, 2 ** 53, 2 ** 63 - 1, -2 ** 63])
    forms = [str(v)]
    if v >= 0:
        forms.append("0x" + format(v, rng.choice(["x", "X"])))
        forms.append("+" + str(v))
    if v == 0:
        forms.append("-0")
    text = forms[0] if ctx.chance(0.7) else rng.choice(forms)
    if not plain_agrees(text, v):
        text = str(v)
    ctx.feat("int")
    if text.startswith("0x"):
        ctx.feat("int_hex")
    if text.startswith("+"):
        ctx.feat("int_plus")
    return text, v


FLOAT_SPECIALS = [".inf", ".Inf", ".INF", "+.inf", "-.inf", "-.Inf", "-.INF",
                  ".nan", ".NaN", ".NAN"]


def gen_float(ctx: Ctx):
    rng = ctx.rng
    for _ in range(100):
        if ctx.chance(0.15):
            text = rng.choice(FLOAT_SPECIALS)
            ctx.feat("float_special")
        else:
            sign = rng.choice(["", "", "", "-", "-", "+"])
            ip = "" if ctx.chance(0.15) else str(rng.choice([0, 1, 3, 12, rng.randint(0, 10 ** 6)]))
            fp = "".join(rng.choice("0123456789") for _ in range(rng.randint(0 if ip else 1, 17)))
            text = sign + ip + "." + fp
            if ctx.chance(0.3):
                text += rng.choice("eE") + rng.choice("-+") + str(rng.randint(0, 300))
                ctx.feat("float_exp")
        value = resolve_core12(text)
        if isinstance(value, float) and plain_agrees(text, value):
            ctx.feat("float")
            return text, value
    return "0.5", 0.5


def gen_bool(ctx: Ctx):
    ctx.feat("bool")
    text = ctx.rng.choice(["true", "True", "TRUE", "false", "False", "FALSE"])
    return text, text.lower() == "true"


def gen_null_word(ctx: Ctx):
    ctx.feat("null_word")
    return ctx.rng.choice(["null", "Null", "NULL", "~"]), None


def plain_scalar(ctx: Ctx, flow: bool):
    """(text, value) for a single-line plain scalar of any type."""
    r = ctx.rng.random()
    if r < 0.50:
        ctx.feat("plain")
        s = plain_string(ctx, flow)
        return s, s
    if r < 0.68:
        return gen_int(ctx)
    if r < 0.84:
        return gen_float(ctx)
    if r < 0.93:
        return gen_bool(ctx)
    return gen_null_word(ctx)


def inline_scalar(ctx: Ctx, flow: bool):
    """(text, value) for any single-line scalar: plain, '...' or "..."."""
    r = ctx.rng.random()
    if r < 0.6:
        return plain_scalar(ctx, flow)
    if r < 0.8:
        # A string that looks like another type must stay a string.
        s = ctx.rng.choice(LOOKALIKES)
        ctx.feat("str_lookalike")
    else:
        s = rich_string(ctx, controls=True)
    return quoted_scalar(ctx, s), s


def gen_key(ctx: Ctx, existing: dict, flow: bool):
    """(text, value) for a mapping key not equal (in Python terms, as PyYAML
    builds a dict) to any key in `existing`."""
    rng = ctx.rng
    for _ in range(200):
        r = rng.random()
        if r < 0.62:
            text = plain_string(ctx, flow, KEY_WORDS if ctx.chance(0.7) else WORDS)
            value = text
        elif r < 0.70:
            text, value = rng.choice([gen_int, gen_bool, gen_null_word])(ctx)
            if isinstance(value, float):
                continue
            ctx.feat("typed_key")
        else:
            value = rich_string(ctx, controls=True, max_len=60) if ctx.chance(0.6) \
                else rng.choice(KEY_WORDS + LOOKALIKES)
            text = quoted_scalar(ctx, value)
            ctx.feat("quoted_key")
        if value not in existing:
            return text, value
    raise RuntimeError("could not find a fresh key")


# ---------------------------------------------------------------------------
# Multi-line flow scalars (plain, single-quoted, double-quoted)
# ---------------------------------------------------------------------------

def fold_joins(ctx: Ctx, n: int):
    """Line-folding separators between n segments: 0 = fold to a space,
    k > 0 = k blank lines (k newlines in the value)."""
    return [ctx.rng.choice([0, 0, 0, 1, 2]) for _ in range(n - 1)]


def cont_indent(ctx: Ctx, ci: int) -> str:
    """Continuation-line indentation: at least ci, sometimes deeper (leading
    white space on continuation lines is not content)."""
    return " " * (ci + ctx.rng.choice([0, 0, 0, 1, 2]))


def multiline_plain(ctx: Ctx, ci: int):
    """Plain scalar spanning several lines; returns (head, cont_lines, value)."""
    ctx.feat("plain_multiline")
    segs = [plain_string(ctx, False) for _ in range(ctx.rng.randint(2, 4))]
    joins = fold_joins(ctx, len(segs))
    value, cont = segs[0], []
    for seg, k in zip(segs[1:], joins):
        value += " " if k == 0 else "\n" * k
        value += seg
        cont += [""] * k + [cont_indent(ctx, ci) + seg]
    return segs[0], cont, value


def fold_segment(ctx: Ctx, controls: bool) -> str:
    """Quoted-scalar segment with no spaces at its ends (they'd be folded away)."""
    s = rich_string(ctx, controls, max_len=120).strip(" ")
    return s or ctx.rng.choice(WORDS)


def multiline_single(ctx: Ctx, ci: int):
    """Single-quoted scalar spanning lines (with '' escapes and folding)."""
    ctx.feat("single", "single_multiline")
    segs = [fold_segment(ctx, False) for _ in range(ctx.rng.randint(2, 4))]
    segs = [s if all(raw_safe(c) for c in s) else "plain" for s in segs]
    joins = fold_joins(ctx, len(segs))
    value = segs[0]
    lines = ["'" + segs[0].replace("'", "''")]
    for seg, k in zip(segs[1:], joins):
        value += (" " if k == 0 else "\n" * k) + seg
        lines += [""] * k + [cont_indent(ctx, ci) + seg.replace("'", "''")]
    lines[-1] += "'"
    for s in segs:
        note_text(ctx, s)
    return lines[0], lines[1:], value


def multiline_double(ctx: Ctx, ci: int):
    """Double-quoted scalar spanning lines: folding, blank lines, escaped
    line breaks (`\\` at end of line) and `\\n` + continuation."""
    ctx.feat("double", "double_multiline")
    rng = ctx.rng
    segs = [fold_segment(ctx, True) for _ in range(rng.randint(2, 4))]
    value = segs[0]
    lines = ['"' + escape_double(ctx, segs[0])]
    for seg in segs[1:]:
        kind = rng.choice(["fold", "fold", "blank", "escaped", "escaped_nl"])
        if kind == "fold":
            value += " " + seg
        elif kind == "blank":
            k = rng.randint(1, 2)
            value += "\n" * k + seg
            lines += [""] * k
        elif kind == "escaped":
            # Escaped line break: nothing is inserted; white space before the
            # backslash is kept, leading white space of the next line is not.
            ctx.feat("double_line_continuation")
            if ctx.chance(0.3):
                lines[-1] += " "
                value += " "
            lines[-1] += "\\"
            value += seg
        else:
            ctx.feat("double_line_continuation")
            lines[-1] += "\\n\\"
            value += "\n" + seg
        lines.append(cont_indent(ctx, ci) + escape_double(ctx, seg))
    lines[-1] += '"'
    for s in segs:
        note_text(ctx, s)
    return lines[0], lines[1:], value


# ---------------------------------------------------------------------------
# Block scalars (literal | and folded >)
# ---------------------------------------------------------------------------

BLOCK_TOKENS = WORDS + ["#", "# not a comment", "key: value", "- item", "[a, b]",
                        "{k: v}", "'q'", '"dq"', "\\", "\\n", "---", "...", "&x", "*y",
                        "!tag", "|", ">", "%", "@", "`", "~", "null", "123", "1e3"]


def block_line(ctx: Ctx) -> str:
    rng = ctx.rng
    s = " ".join(rng.choice(BLOCK_TOKENS) for _ in range(rng.randint(1, 6)))
    note_text(ctx, s)
    return s


def fold_lines(lines: list[str]) -> str:
    """YAML folded-scalar line folding (spec 8.1.3) of content lines (already
    stripped of indentation; "" = empty line).  Between two non-empty
    lines that both start with a non-space ("text" lines) a single break
    becomes a space and k empty lines become k newlines; breaks next to
    "more-indented" lines (starting with a space) are all kept."""
    out, prev, empties = "", None, 0
    for line in lines:
        if line == "":
            empties += 1
            continue
        if prev is None:
            out += "\n" * empties
        elif not prev.startswith(" ") and not line.startswith(" "):
            out += " " if empties == 0 else "\n" * empties
        else:
            out += "\n" * (empties + 1)
        out += line
        prev, empties = line, 0
    return out


def block_scalar(ctx: Ctx, n: int, ci: int):
    """Literal or folded block scalar owned by a node at indentation n with
    content at column ci.  Returns (header, lines, value); `lines` include
    the trailing empty lines (kept only with `+` chomping)."""
    rng = ctx.rng
    style = rng.choice("|>")
    chomp = rng.choice(["", "", "-", "+"])
    ctx.feat("literal" if style == "|" else "folded")
    if chomp:
        ctx.feat("chomp_strip" if chomp == "-" else "chomp_keep")
    content = []
    for _ in range(rng.randint(1, 6)):
        r = rng.random()
        if r < 0.15:
            content.append("")
        elif r < 0.32:
            content.append(" " * rng.randint(1, 3) + block_line(ctx))
            ctx.feat("more_indented")
        else:
            content.append(block_line(ctx))
    if content[-1] == "":
        content.append(block_line(ctx))
    first = next(c for c in content if c)
    indicator = ""
    if first.startswith(" ") or ctx.chance(0.12):
        indicator = str(ci - n)
        assert 1 <= ci - n <= 9
        ctx.feat("indent_indicator")
    header = style + (indicator + chomp if ctx.chance(0.5) else chomp + indicator)
    header += ctx.trailing_comment(0.15)
    if "#" in header:
        ctx.feat("block_header_comment")
    trailing = rng.choice([0, 0, 0, 1, 2])
    body = "\n".join(content) if style == "|" else fold_lines(content)
    if chomp == "-":
        value = body
    elif chomp == "+":
        value = body + "\n" + "\n" * trailing
    else:
        value = body + "\n"
    lines = [(" " * ci + c) if c else "" for c in content] + [""] * trailing
    return header, lines, value


# ---------------------------------------------------------------------------
# Flow collections
# ---------------------------------------------------------------------------

class LineBuf:
    """Accumulates lines; the last one is the line being written."""

    def __init__(self, start: str = ""):
        self.lines = [start]

    def add(self, s: str) -> None:
        self.lines[-1] += s

    def newline(self, indent: int) -> None:
        self.lines.append(" " * indent)

    def extend(self, sub: list[str]) -> None:
        """Append a rendered node: first line inline, others verbatim."""
        self.add(sub[0])
        self.lines.extend(sub[1:])


def flow_collection(ctx: Ctx, c: int, depth: int):
    """Flow sequence or mapping of the given depth.  Continuation lines are
    indented at column >= c (c is > the owning block indentation).  Returns
    (lines, value); lines[0] continues the current line."""
    rng = ctx.rng
    is_map = ctx.chance(0.45)
    ctx.feat("flow_map" if is_map else "flow_seq")
    opening, closing = ("{", "}") if is_map else ("[", "]")
    value = {} if is_map else []
    if depth == 1 and ctx.chance(0.12):
        ctx.feat("flow_empty")
        return [opening + rng.choice(["", "", " "]) + closing], value
    plan = ctx.plan(depth, ctx.child_count())
    layout = "inline" if ctx.chance(0.65) else rng.choice(["broken", "wrapped"])
    if layout != "inline":
        ctx.feat("flow_multiline")
    pad = " " if ctx.chance(0.25) else ""
    buf = LineBuf(opening)
    for i, cd in enumerate(plan):
        if i == 0:
            if layout == "broken":
                buf.newline(c)
            else:
                buf.add(pad)
        else:
            buf.add(" ," if ctx.chance(0.05) else ",")
            if layout == "broken" or (layout == "wrapped" and ctx.chance(0.4)):
                if ctx.chance(0.15):
                    ctx.feat("flow_comment")
                    buf.add("  " + ctx.comment())
                buf.newline(c)
            else:
                buf.add(rng.choice([" ", " ", " ", "", "  "]))
        if is_map:
            ktext, kval = gen_key(ctx, value, flow=True)
            if cd == 0 and ctx.chance(0.04):
                ctx.feat("flow_null_value")
                buf.add(ktext + ": ")
                value[kval] = None
                continue
            buf.add(ktext + ": ")
        if cd == 0:
            text, v = inline_scalar(ctx, flow=True)
            buf.add(text)
        else:
            sub, v = flow_collection(ctx, c + ctx.width(), cd)
            buf.extend(sub)
        if is_map:
            value[kval] = v
        else:
            value.append(v)
    if ctx.chance(0.15):
        ctx.feat("flow_trailing_comma")
        buf.add(",")
    if layout == "broken" and ctx.chance(0.7):
        buf.newline(c)
        buf.add(closing)
    else:
        buf.add(pad + closing)
    return buf.lines, value


# ---------------------------------------------------------------------------
# Block collections
# ---------------------------------------------------------------------------

def separator(ctx: Ctx, n: int, first: bool, after_block_scalar: bool) -> list[str]:
    """Blank and comment lines before an entry.  Blank lines right after a
    block scalar would belong to it (keep chomping), so none there."""
    out = []
    if not first and not after_block_scalar and ctx.chance(0.12):
        out += [""] * ctx.rng.randint(1, 2)
        ctx.feat("blank_lines")
    if ctx.chance(0.12):
        ctx.feat("comment_line")
        for _ in range(ctx.rng.randint(1, 2)):
            out.append(" " * ctx.rng.choice([n, n, 0]) + ctx.comment())
        if ctx.chance(0.2):
            out.append("")
    return out


def scalar_entry(ctx: Ctx, head: str, n: int):
    """Lines for a scalar value after `head` ("  key:" or "  -"), owned by
    the block collection at column n.  Returns (lines, value, ends_in_block_scalar)."""
    rng = ctx.rng
    ci = n + ctx.width()
    kind = rng.choices(
        ["empty", "inline", "plain_ml", "single_ml", "double_ml", "block"],
        [6, 60, 7, 4, 5, 14])[0]
    if kind == "empty":
        ctx.feat("null_empty")
        return [head + ctx.trailing_comment()], None, False
    if kind == "block":
        header, lines, value = block_scalar(ctx, n, ci)
        return [head + " " + header] + lines, value, True
    if kind == "inline":
        text, value = inline_scalar(ctx, flow=False)
        if ctx.chance(0.05):
            ctx.feat("value_next_line")
            return [head + ctx.trailing_comment(0.3), " " * ci + text + ctx.trailing_comment()], value, False
        return [head + " " + text + ctx.trailing_comment()], value, False
    first, cont, value = {"plain_ml": multiline_plain, "single_ml": multiline_single,
                          "double_ml": multiline_double}[kind](ctx, ci)
    if ctx.chance(0.06):
        ctx.feat("value_next_line")
        lines = [head, " " * ci + first] + cont
    else:
        lines = [head + " " + first] + cont
    lines[-1] += ctx.trailing_comment()
    return lines, value, False


def compact(first_line: str, n: int, w: int) -> str:
    """Turn the first line of a node at column n+w into a `- ` line at n."""
    assert first_line[:n + w] == " " * (n + w) and first_line[n + w] != " ", first_line
    return " " * n + "-" + " " * (w - 1) + first_line[n + w:]


def block_map(ctx: Ctx, n: int, depth: int, compact_first: bool = False):
    """Block mapping at column n.  Returns (lines, value, ends_in_block_scalar)."""
    ctx.feat("block_map")
    lines, value, tail = [], {}, False
    for i, cd in enumerate(ctx.plan(depth, ctx.child_count())):
        if not (compact_first and i == 0):
            lines += separator(ctx, n, i == 0, tail)
        ktext, kval = gen_key(ctx, value, flow=False)
        head = " " * n + ktext
        if ctx.chance(0.03):
            ctx.feat("space_before_colon")
            head += " " * ctx.rng.randint(1, 3)
        head += ":"
        elines, v, tail = map_value(ctx, head, n, cd)
        value[kval] = v
        lines += elines
    return lines, value, tail


def map_value(ctx: Ctx, head: str, n: int, cd: int):
    """Lines for `head` ("key:") plus its value of depth cd (0 = scalar)."""
    if cd == 0:
        return scalar_entry(ctx, head, n)
    w = ctx.width()
    kind = ctx.rng.choices(["map", "seq", "flow"], [4, 4, 2])[0]
    if kind == "flow":
        sub, v = flow_collection(ctx, n + w, cd)
        return join_flow(ctx, head, sub), v, False
    head += ctx.trailing_comment()
    if kind == "map":
        sub, v, tail = block_map(ctx, n + w, cd)
    else:
        indentless = ctx.chance(0.4)
        if indentless:
            ctx.feat("indentless_seq")
        sub, v, tail = block_seq(ctx, n if indentless else n + w, cd)
    return [head] + sub, v, tail


def join_flow(ctx: Ctx, head: str, sub: list[str]) -> list[str]:
    """Lines for `head [flow collection]  # maybe a comment`."""
    lines = [head + " " + sub[0]] + sub[1:]
    lines[-1] += ctx.trailing_comment()
    return lines


def block_seq(ctx: Ctx, n: int, depth: int, compact_first: bool = False):
    """Block sequence with dashes at column n."""
    ctx.feat("block_seq")
    lines, value, tail = [], [], False
    for i, cd in enumerate(ctx.plan(depth, ctx.child_count())):
        if not (compact_first and i == 0):
            lines += separator(ctx, n, i == 0, tail)
        dash = " " * n + "-"
        if cd == 0:
            elines, v, tail = scalar_entry(ctx, dash, n)
        else:
            w = ctx.width()
            kind = ctx.rng.choices(["map", "seq", "flow"], [5, 3, 2])[0]
            if kind == "flow":
                sub, v = flow_collection(ctx, n + w, cd)
                elines, tail = join_flow(ctx, dash, sub), False
            else:
                inline = ctx.chance(0.8)
                gen = block_map if kind == "map" else block_seq
                sub, v, tail = gen(ctx, n + w, cd, compact_first=inline)
                if inline:
                    ctx.feat("compact_map_in_seq" if kind == "map" else "compact_seq_in_seq")
                    elines = [compact(sub[0], n, w)] + sub[1:]
                else:
                    ctx.feat("seq_item_next_line")
                    elines = [dash + ctx.trailing_comment(0.25)] + sub
        value.append(v)
        lines += elines
    return lines, value, tail


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------

def gen_document(rng: random.Random):
    """One random document: (bytes, intended value, sorted feature list)."""
    ctx = Ctx(rng)
    depth = rng.randint(1, 6)
    ctx.feat(f"depth_{depth}")
    lines = []
    if ctx.chance(0.15):
        ctx.feat("comment_line")
        lines.append(ctx.comment())
    if ctx.chance(0.3):
        ctx.feat("doc_start")
        lines.append("---" + ctx.trailing_comment(0.3))
    r = rng.random()
    if r < 0.75:
        body, value, tail = block_map(ctx, 0, depth)
    elif r < 0.93:
        body, value, tail = block_seq(ctx, 0, depth)
    else:
        ctx.feat("top_level_flow")
        body, value = flow_collection(ctx, ctx.width(), depth)
        body[-1] += ctx.trailing_comment()
        tail = False
    lines += body
    if ctx.chance(0.15):
        if not tail and ctx.chance(0.5):
            lines.append("")
        lines.append(ctx.comment())
        ctx.feat("comment_line")
    eol = "\r\n" if ctx.chance(0.12) else "\n"
    if eol == "\r\n":
        ctx.feat("crlf")
    final = eol
    if not tail and ctx.chance(0.08):
        ctx.feat("no_final_newline")
        final = ""
    for line in lines:
        assert "\n" not in line and "\r" not in line and "\t" not in line, repr(line)
    text = eol.join(lines) + final
    data = text.encode("utf-8")
    if ctx.chance(0.1):
        ctx.feat("bom")
        data = b"\xef\xbb\xbf" + data
    return data, value, sorted(ctx.features)


# ---------------------------------------------------------------------------
# Hand-written edge cases: (name, document text, value per the YAML 1.2 spec)
# Each is asserted against PyYAML; a mismatch aborts the run.
# ---------------------------------------------------------------------------

INF, NAN = math.inf, math.nan
LONG_WORDS = " ".join(["lorem", "ipsum", "dolor", "sit", "amet", "日本", "😀"] * 45)

HANDWRITTEN = [
    ("literal_clip",
     "text: |\n  line one\n  line two\n\nnext: 1\n",
     {"text": "line one\nline two\n", "next": 1}),
    ("literal_strip",
     "text: |-\n  first\n    indented\n  last\n\n\nafter: done\n",
     {"text": "first\n  indented\nlast", "after": "done"}),
    ("literal_keep",
     "text: |+\n  kept\n  lines\n\n\nafter: x\n",
     {"text": "kept\nlines\n\n\n", "after": "x"}),
    ("folded_clip",
     "folded: >\n  this is\n  folded into\n  one line\nother: 2\n",
     {"folded": "this is folded into one line\n", "other": 2}),
    ("folded_strip_and_keep",
     "strip: >-\n  a\n  b\n\nkeep: >+\n  c\n  d\n\nend: 1\n",
     {"strip": "a b", "keep": "c d\n\n", "end": 1}),
    ("indentation_indicator",
     "code: |2\n    indented first\n  normal\nseq:\n  - |1\n    two spaces\n",
     {"code": "  indented first\nnormal\n", "seq": [" two spaces\n"]}),
    ("indicator_chomp_orders",
     "a: |2-\n   x\nb: >-2\n   y\n   z\nc: |+1\n  k\n\nd: end\n",
     {"a": " x", "b": " y\n z", "c": " k\n\n", "d": "end"}),
    ("folded_more_indented_spec_8_10",
     "doc: >\n\n  folded\n  line\n\n  next\n  line\n    * bullet\n\n    * list\n"
     "    * lines\n\n  last\n  line\n\n# Comment\ntail: t\n",
     {"doc": "\nfolded line\nnext line\n  * bullet\n\n  * list\n  * lines\n\nlast line\n",
      "tail": "t"}),
    ("literal_blank_lines",
     "lit: |\n\n  a\n\n  b\n",
     {"lit": "\na\n\nb\n"}),
    ("block_header_comments",
     "a: | # literal\n  x\nb: >- # folded, stripped\n  y\n  z\n",
     {"a": "x\n", "b": "y z"}),
    ("block_content_looks_like_yaml",
     "script: |\n  # not a comment\n  key: value\n  - item\n  'single' \"double\" [flow] {map}\n",
     {"script": "# not a comment\nkey: value\n- item\n'single' \"double\" [flow] {map}\n"}),
    ("empty_block_scalars_spec_8_6",
     "strip: >-\n\nclip: >\n\nkeep: |+\n\nlast: 1\n",
     {"strip": "", "clip": "", "keep": "\n", "last": 1}),
    ("keep_at_end_of_file",
     "a: |+\n  x\n\n\n",
     {"a": "x\n\n\n"}),
    ("clip_without_final_newline",
     "a: |\n  x\n  y",
     {"a": "x\ny"}),
    ("folded_leading_more_indented",
     "f: >2\n   indented\n  normal\n  text\n",
     {"f": " indented\nnormal text\n"}),
    ("keep_then_comment_then_blank",
     "a: |+\n  x\n\n# comment\n\nb: 1\n",
     {"a": "x\n\n", "b": 1}),
    ("block_scalars_in_sequence",
     "- |\n  literal in seq\n- >\n  folded\n  in seq\n# lower-indented comment\n- last\n",
     ["literal in seq\n", "folded in seq\n", "last"]),
    ("plain_multiline",
     "key: this is\n  a multi-line\n\n  plain scalar\nother: ok\n",
     {"key": "this is a multi-line\nplain scalar", "other": "ok"}),
    ("plain_multiline_in_sequence",
     "- first item\n  continues here\n# comment between\n- second\n     deeper continuation\n-   third\n",
     ["first item continues here", "second deeper continuation", "third"]),
    ("single_quoted_multiline",
     "s: 'it''s\n  folded\n\n  here  '\n",
     {"s": "it's folded\nhere  "}),
    ("double_quoted_folding_spec_7_5",
     'd: "folded \n  to a space,\n\n  to a line feed, or \\\n  \\ non-content"\n',
     {"d": "folded to a space,\nto a line feed, or  non-content"}),
    ("double_quoted_all_escapes",
     r'e: "\n \t \\ \" \/ \0 \a \b \e \f \r \v \N \_ \L \P \x41 \u00e9 \U0001F600 \ end"' + "\n",
     {"e": "\n \t \\ \" / \x00 \x07 \x08 \x1b \x0c \r \x0b \x85 \xa0 \u2028 \u2029 A é 😀  end"}),
    ("double_quoted_line_continuation",
     'c: "abc\\\n  def \\\n  ghi\\n\\\n  jkl"\n',
     {"c": "abcdef ghi\njkl"}),
    ("double_quoted_continuation_then_blank",
     'c: "a\\\n\n  b"\n',
     {"c": "a\nb"}),
    ("empty_values",
     "a:\nb: # comment only\nc: ~\nlist:\n- \n-\n- # comment\n- x\n",
     {"a": None, "b": None, "c": None, "list": [None, None, None, "x"]}),
    ("null_forms",
     "- null\n- Null\n- NULL\n- ~\n- \"null\"\n- '~'\n-\n",
     [None, None, None, None, "null", "~", None]),
    ("bool_forms",
     "t1: true\nt2: True\nt3: TRUE\nf1: false\nf2: False\nf3: FALSE\ns1: 'true'\ns2: \"False\"\n",
     {"t1": True, "t2": True, "t3": True, "f1": False, "f2": False, "f3": False,
      "s1": "true", "s2": "False"}),
    ("int_forms",
     "zero: 0\nnegzero: -0\nplus: +7\nhex: 0x1F\nhexlower: 0xff\nhexupper: 0xABCDEF\n"
     "neg: -123\nmax: 9223372036854775807\nmin: -9223372036854775808\n",
     {"zero": 0, "negzero": 0, "plus": 7, "hex": 31, "hexlower": 255,
      "hexupper": 0xABCDEF, "neg": -123, "max": 2 ** 63 - 1, "min": -2 ** 63}),
    ("float_forms",
     "- .5\n- 0.5\n- -1.25e-3\n- 1.\n- 6.02E+23\n- +1.5\n- -0.0\n- 1.e-3\n- .5e+2\n"
     "- .inf\n- -.inf\n- +.inf\n- .Inf\n- .INF\n- .nan\n- .NaN\n- .NAN\n"
     "- 0.1000000000000000055511151231257827\n",
     [0.5, 0.5, -1.25e-3, 1.0, 6.02e23, 1.5, -0.0, 1e-3, 50.0,
      INF, -INF, INF, INF, INF, NAN, NAN, NAN, 0.1]),
    ("plain_near_miss_strings",
     "- nulls\n- .infinity\n- 1.2.3\n- 0x\n- 12abc\n- True1\n- -foo\n- a#b\n"
     "- http://example.com/path?q=1\n- ~home\n- nan\n- inf\n- Infinity\n- 1e\n- 50%\n",
     ["nulls", ".infinity", "1.2.3", "0x", "12abc", "True1", "-foo", "a#b",
      "http://example.com/path?q=1", "~home", "nan", "inf", "Infinity", "1e", "50%"]),
    ("quoted_type_lookalikes",
     "a: \"yes\"\nb: 'no'\nc: \"on\"\nd: 'off'\ne: \"0o17\"\nf: '0777'\ng: \"2001-12-14\"\n"
     "h: '1e3'\ni: \"1_000\"\nj: '1:20'\nk: \"=\"\nl: '<<'\nm: \"-.5\"\nn: '0b101'\n",
     {"a": "yes", "b": "no", "c": "on", "d": "off", "e": "0o17", "f": "0777",
      "g": "2001-12-14", "h": "1e3", "i": "1_000", "j": "1:20", "k": "=",
      "l": "<<", "m": "-.5", "n": "0b101"}),
    ("flow_nested_multiline_trailing_comma",
     "key: [a, [b, c], {d: 1, e: [2, 3]},\n  f, \"g, h\", ]  # trailing comment\n"
     "next: {x: [], y: {}}\n",
     {"key": ["a", ["b", "c"], {"d": 1, "e": [2, 3]}, "f", "g, h"],
      "next": {"x": [], "y": {}}}),
    ("flow_broken_with_comments",
     "matrix:\n  - {\n      min: 0.9,   # lower\n      max: 1,\n      tags: [x, y,\n"
     "        z],\n    }\n  - [ ]\n  - { }\n",
     {"matrix": [{"min": 0.9, "max": 1, "tags": ["x", "y", "z"]}, [], {}]}),
    ("flow_quoted_punctuation",
     "q: [\"a, b\", 'c]d', \"e: f\", '#g', \"{h}\", '']\nm: {\"key: 1\": 'v#', 'k,2': \"[x]\", empty: }\n",
     {"q": ["a, b", "c]d", "e: f", "#g", "{h}", ""],
      "m": {"key: 1": "v#", "k,2": "[x]", "empty": None}}),
    ("comments_everywhere",
     "# leading comment\n--- # after document start\n# before first key\na: 1 # trailing\n"
     "  # indented comment line\nb:   # before nested\n  # inside nested\n  c: x   # deep trailing\n"
     "# between\nd:\n  - 1 # item comment\n  # between items\n  - 2\n# final comment\n",
     {"a": 1, "b": {"c": "x"}, "d": [1, 2]}),
    ("bom_crlf_scalars",
     "\ufeffa: |\r\n  line1\r\n  line2\r\nb: >-\r\n  x\r\n  y\r\nc: \"multi\r\n  line\"\r\n"
     "d: 'single\r\n\r\n  quoted'\r\ne: plain\r\n  folded\r\n",
     {"a": "line1\nline2\n", "b": "x y", "c": "multi line", "d": "single\nquoted",
      "e": "plain folded"}),
    ("crlf_structures",
     "# crlf\r\nlist:\r\n- [a,\r\n  b]\r\n- k: v # c\r\n  k2: |+\r\n    keep\r\n\r\nz: {x: 1}\r\n",
     {"list": [["a", "b"], {"k": "v", "k2": "keep\n\n"}], "z": {"x": 1}}),
    ("compact_nested",
     "- - - a\n    - b\n  - c\n- key: v\n  k2:\n  - x\n  - y: 1\n    z: 2\n",
     [[["a", "b"], "c"], {"key": "v", "k2": ["x", {"y": 1, "z": 2}]}]),
    ("seq_same_indent_as_key",
     "key:\n- a\n- b\nother:\n- - c\n  - d\nlast: 1\n",
     {"key": ["a", "b"], "other": [["c", "d"]], "last": 1}),
    ("seq_item_content_on_next_line",
     "-\n  a: 1\n  b: 2\n- # comment\n  - x\n-\n  plain on next line\n",
     [{"a": 1, "b": 2}, ["x"], "plain on next line"]),
    ("indent4_compact",
     "root:\n    -   name: first\n        value: 1\n    -   name: second\n        list:\n"
     "            -   a\n            -   b\n",
     {"root": [{"name": "first", "value": 1}, {"name": "second", "list": ["a", "b"]}]}),
    ("indent3_mixed",
     "a:\n   b:\n     c: 1\n   d:\n   - x\n",
     {"a": {"b": {"c": 1}, "d": ["x"]}}),
    ("unicode",
     "日本: 語\né: \"\\u00e9\"\n\"😀\": emoji\nclé: café au lait\n\"\\u65e5\": 'single 日本'\n",
     {"日本": "語", "é": "é", "😀": "emoji", "clé": "café au lait", "日": "single 日本"}),
    ("empty_strings",
     "'': empty key\n\"e1\": ''\ne2: \"\"\ne3: [ '', \"\" ]\n",
     {"": "empty key", "e1": "", "e2": "", "e3": ["", ""]}),
    ("deep_nesting",
     "l1:\n  l2:\n    - l4:\n        - [l6a, {l7: 1}]\n        - - x\n",
     {"l1": {"l2": [{"l4": [["l6a", {"l7": 1}], ["x"]]}]}}),
    ("top_level_sequence_of_flows",
     "- [1, 2]\n- {a: b}\n- []\n",
     [[1, 2], {"a": "b"}, []]),
    ("top_level_flow_map_multiline",
     "{a: 1, b: [2, 3],\n c: {d: e}}\n",
     {"a": 1, "b": [2, 3], "c": {"d": "e"}}),
    ("comment_without_final_newline",
     "a: 1\n# end",
     {"a": 1}),
    ("document_start_marker",
     "---\nkey: value\n",
     {"key": "value"}),
    ("key_and_value_spacing",
     "key   : spaced key\n\"quoted\" : v\nk:    lots of space    # comment\nplain with   spaces: inner  spaces kept\n",
     {"key": "spaced key", "quoted": "v", "k": "lots of space",
      "plain with   spaces": "inner  spaces kept"}),
    ("long_scalars",
     "plain: " + LONG_WORDS + "\nquoted: \"" + LONG_WORDS + "\"\n",
     {"plain": LONG_WORDS, "quoted": LONG_WORDS}),
    ("scalars_on_next_line",
     "a:\n  plain value\n  continued\nb:\n  \"quoted on\n  next line\"\nc: # comment\n  7\n",
     {"a": "plain value continued", "b": "quoted on next line", "c": 7}),
    ("typed_keys",
     "7: seven\n-2: minus two\ntrue: yes-ish\n~: null key\n\"1\": string one\n",
     {7: "seven", -2: "minus two", True: "yes-ish", None: "null key", "1": "string one"}),
]


# ---------------------------------------------------------------------------
# PyYAML oracle and tagged JSON encoding
# ---------------------------------------------------------------------------

class StrictSafeLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys (PyYAML silently keeps the last)."""

    def construct_mapping(self, node, deep=False):
        seen = []
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if any(same(key, k) or key == k for k in seen):
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.append(key)
        return super().construct_mapping(node, deep=deep)


class OracleError(Exception):
    pass


def pyyaml_load(data: bytes):
    """Parse with PyYAML; raise OracleError if it rejects the document, uses a
    refused construct, or the pure-Python and libyaml loaders disagree."""
    try:
        for event in yaml.parse(data, Loader=yaml.SafeLoader):
            if getattr(event, "anchor", None) is not None:
                raise OracleError("anchor/alias")
            if getattr(event, "tag", None) is not None and not (
                    getattr(event, "implicit", True) is True
                    or (isinstance(event.implicit, tuple) and any(event.implicit))):
                raise OracleError("explicit tag")
        value = yaml.load(data, Loader=StrictSafeLoader)
        if hasattr(yaml, "CSafeLoader"):
            c_value = yaml.load(data, Loader=yaml.CSafeLoader)
            if not same(value, c_value):
                raise OracleError("SafeLoader and CSafeLoader disagree")
    except yaml.YAMLError as e:
        raise OracleError(f"PyYAML rejected: {e}") from e
    check_types(value)
    return value


def check_types(v) -> None:
    if isinstance(v, list):
        for x in v:
            check_types(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            check_types(k)
            check_types(x)
    elif v is not None and not isinstance(v, (bool, int, float, str)):
        raise OracleError(f"unsupported type {type(v).__name__}")


def encode(v):
    """Type-tagged JSON value (see README)."""
    if v is None:
        return {"null": None}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": str(v)}
    if isinstance(v, float):
        if math.isnan(v):
            return {"float": "nan"}
        if math.isinf(v):
            return {"float": "inf" if v > 0 else "-inf"}
        return {"float": v}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, list):
        return {"seq": [encode(x) for x in v]}
    if isinstance(v, dict):
        return {"map": [[encode(k), encode(x)] for k, x in v.items()]}
    raise TypeError(type(v))


def to_json_text(t, level: int = 0) -> str:
    """Pretty JSON for a tagged value: one collection element per line,
    scalars and mapping keys inline."""
    (tag, x), = t.items()
    if tag not in ("seq", "map") or not x:
        return json.dumps(t, ensure_ascii=False, allow_nan=False)
    pad = " " * (level + 1)
    if tag == "seq":
        items = [to_json_text(e, level + 1) for e in x]
    else:
        items = ["[" + to_json_text(k) + ", " + to_json_text(v, level + 1) + "]" for k, v in x]
    return '{"%s": [\n' % tag + ",\n".join(pad + i for i in items) + "\n" + " " * level + "]}"


def decode(t):
    """Inverse of `encode`."""
    (tag, x), = t.items()
    if tag == "null":
        return None
    if tag == "bool":
        return x
    if tag == "int":
        return int(x)
    if tag == "float":
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}.get(x, x) \
            if isinstance(x, str) else float(x)
    if tag == "str":
        return x
    if tag == "seq":
        return [decode(e) for e in x]
    if tag == "map":
        return {decode(k): decode(e) for k, e in x}
    raise ValueError(tag)


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------

FIXTURE_RE = re.compile(r"\d{4}\.(yaml|expected\.json)\Z")


def collect(seed: int, count: int, verbose: bool):
    """All fixtures: hand-written first, then `count` random documents."""
    fixtures = []
    for name, text, expected in HANDWRITTEN:
        data = text.encode("utf-8")
        try:
            value = pyyaml_load(data)
        except OracleError as e:
            sys.exit(f"hand-written case {name!r}: {e}")
        if not same(value, expected):
            sys.exit(f"hand-written case {name!r}: PyYAML gives {value!r}, expected {expected!r}")
        fixtures.append((data, value, {"origin": "handwritten", "name": name}))

    dropped = {"rejected": 0, "model_mismatch": 0}
    for i in range(count):
        for attempt in range(100):
            rng = random.Random(f"{seed}:{i}:{attempt}")
            data, model, features = gen_document(rng)
            try:
                value = pyyaml_load(data)
            except OracleError as e:
                dropped["rejected"] += 1
                if verbose:
                    print(f"--- dropped (random {i}/{attempt}): {e}\n{data.decode('utf-8', 'replace')}",
                          file=sys.stderr)
                continue
            if not same(value, model):
                dropped["model_mismatch"] += 1
                if verbose:
                    print(f"--- dropped (random {i}/{attempt}): model mismatch\n"
                          f"{data.decode('utf-8', 'replace')}\nmodel:  {model!r}\npyyaml: {value!r}",
                          file=sys.stderr)
                continue
            fixtures.append((data, value, {"origin": "random", "seed": f"{seed}:{i}:{attempt}",
                                           "features": features}))
            break
        else:
            sys.exit(f"random document {i}: 100 attempts dropped")
    return fixtures, dropped


def write(out: Path, fixtures) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for p in out.iterdir():
        if FIXTURE_RE.match(p.name):
            p.unlink()
    manifest = {}
    for n, (data, value, meta) in enumerate(fixtures, start=1):
        stem = f"{n:04d}"
        (out / f"{stem}.yaml").write_bytes(data)
        (out / f"{stem}.expected.json").write_text(
            to_json_text(encode(value)) + "\n", encoding="utf-8")
        manifest[stem] = meta
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def check(out: Path) -> int:
    """Re-parse every NNNN.yaml with PyYAML and compare with NNNN.expected.json."""
    failures, n = 0, 0
    for y in sorted(out.glob("[0-9][0-9][0-9][0-9].yaml")):
        n += 1
        expected = decode(json.loads(y.with_suffix(".expected.json").read_text(encoding="utf-8")))
        try:
            value = pyyaml_load(y.read_bytes())
        except OracleError as e:
            print(f"{y.name}: {e}", file=sys.stderr)
            failures += 1
            continue
        if not same(value, expected):
            print(f"{y.name}: PyYAML {value!r} != expected {expected!r}", file=sys.stderr)
            failures += 1
    print(f"checked {n} fixtures, {failures} failures")
    return failures


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--count", type=int, default=DEFAULT_COUNT, help="random documents")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="only verify existing fixtures")
    ap.add_argument("--verbose", action="store_true", help="print dropped documents")
    args = ap.parse_args()
    if not args.check:
        fixtures, dropped = collect(args.seed, args.count, args.verbose)
        write(args.out, fixtures)
        print(f"wrote {len(fixtures)} fixtures ({len(HANDWRITTEN)} hand-written, "
              f"{args.count} random) to {args.out}; dropped {dropped}")
    return 1 if check(args.out) else 0


if __name__ == "__main__":
    sys.exit(main())

"""The event coder's data and its pure helpers: dictionary parsing, pattern matching,
code tables, frames and sub-codes. No spaCy model needed."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from readout.events.lexicon import code_table, frame_of, lexicon, sub_code
from readout.events.patterns import Context, best_pattern, compile_pattern, singular
from readout.records import PLOVER_TYPES

REPO = Path(__file__).resolve().parents[2]


def _build_module():
    spec = importlib.util.spec_from_file_location("build_event_lexicon", REPO / "scripts" / "build_event_lexicon.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_build_lexicon_pattern_line_parsing():
    mod = _build_module()
    elems = mod._tokens("(TO {BANNED PARTIES}) &WEAPON DEAL $")
    assert elems == ["(TO {BANNED PARTIES})", "&WEAPON", "DEAL", "$"]
    prep = mod._element(elems[0])
    assert prep == {"prep": "to", "in": [{"seq": [{"w": "banned"}, {"w": "parties"}]}]}
    assert mod._element("&WEAPON") == {"syn": "weapon"}
    assert mod._element("$") is None
    assert mod._code("[042:043]") == ("042", "043")
    assert mod._code("[:173]") == (None, "173")
    assert mod._code("[---]") == (None, None)


def test_build_lexicon_crosswalk_reading(tmp_path):
    mod = _build_module()
    f = tmp_path / "cw.txt"
    f.write_text("04: CONSULT\n041: CONSULT, phone,   # Discuss by telephone\n"
                 "0841: RETREAT, release,   legal # Return, release person(s)\n", "utf-8")
    cw = mod.read_crosswalk(f)
    assert cw["041"] == ("CONSULT", "phone", "")
    assert cw["0841"] == ("RETREAT", "release", "legal")
    assert "04" not in cw


def test_lexicon_code_table_types_and_quads():
    codes = code_table()
    assert codes["041"].plover == "CONSULT" and codes["041"].mode == "phone"
    assert codes["112"].plover == "ACCUSE" and codes["112"].quad == 3
    assert codes["163"].plover == "SANCTION" and codes["163"].goldstein == -8.0
    assert codes["0874"].plover == "RETREAT" and codes["0874"].quad == 2
    # every code that has a PLOVER type has one of the 16 and a Goldstein value in range
    for info in codes.values():
        if info.plover:
            assert info.plover in PLOVER_TYPES
            assert -10 <= info.goldstein <= 10
    # statements (CAMEO 01) have no PLOVER type and are not coded as events
    assert codes["010"].plover is None


def test_lexicon_code_info_falls_back_to_parent():
    lex = lexicon()
    assert lex.code_info("04").code == "040"          # a bare root takes its x0 code
    assert lex.code_info("0211").plover == "REQUEST"   # appeals are REQUEST in PLOVER
    assert lex.code_info("01") is None


@pytest.mark.parametrize("root, embedded, expected", [
    ("03", "084", "0353"),    # offer to release → express intent to release
    ("03", "062", "0312"),    # agree to cooperate militarily
    ("03", "042", "036"),     # promise to visit → intent to meet
    ("12", "084", "1243"),    # refuse to release
    ("13", "163", "1312"),    # threaten sanctions
    ("13", "190", "1384"),    # threaten an attack
    ("10", "0841", "1053"),   # demand the release of prisoners
    ("02", None, "020"),      # an appeal with no coded action
    ("16", "071", "1621"),    # halt economic aid
    ("08", "163", "085"),     # lift sanctions
])
def test_lexicon_sub_code(root, embedded, expected):
    assert sub_code(root, embedded) == expected


def test_lexicon_frames_choose_by_embedded_code():
    assert frame_of("refuse")[0] == "reject"
    assert frame_of("expect")[0] == "expect"
    # "end" halts aid but lifts a curfew; only for an event noun object
    assert frame_of("end", "071", nominal=True)[0] == "stop"
    assert frame_of("end", "1723", nominal=True)[0] == "ease"
    assert frame_of("end", "071", nominal=False) is None


def test_lexicon_triggers_include_verbs_and_nouns():
    lex = lexicon()
    for w in ("meet", "accuse", "invade", "summit", "sanction", "talks"):
        assert w in lex.trigger_lemmas
    assert lex.verb_codes["say"] == ""          # speech alone is not an event


def test_patterns_singular():
    assert singular("sanctions") == "sanction"
    assert singular("rallies") == "rally"
    assert singular("talks") == "talk"
    assert singular("crisis") == "crisis"


class _Tok:
    """Just enough of a spaCy token for Context.add."""

    def __init__(self, i, text, lemma=None, dep="dobj"):
        self.i, self.lower_, self.lemma_, self.dep_ = i, text.lower(), (lemma or text).lower(), dep
        self.right_edge = self


def test_patterns_most_specific_match_wins():
    synsets = {"weapon": ["missile", "tank"]}
    pats = [compile_pattern(p, synsets, k) for k, p in enumerate([
        {"pre": [], "post": [{"w": "aid"}], "code": "070", "rev": None},
        {"pre": [], "post": [{"seq": [{"w": "military"}, {"w": "aid"}]}], "code": "072", "rev": None},
        {"pre": [], "post": [{"syn": "weapon"}], "code": "072", "rev": None},
        {"pre": [], "post": [{"prep": "to", "in": [{"w": "border"}]}], "code": "154", "rev": None},
    ])]
    ctx = Context()
    for t in (_Tok(3, "military"), _Tok(4, "aid")):
        ctx.add(t, True)
    assert best_pattern(pats, ctx).code == "072" and best_pattern(pats, ctx).order == 1
    ctx = Context()
    ctx.add(_Tok(3, "aid"), True)
    assert best_pattern(pats, ctx).code == "070"
    ctx = Context()
    ctx.add(_Tok(3, "tanks", "tank"), True)
    assert best_pattern(pats, ctx).code == "072"
    ctx = Context()
    to = _Tok(3, "to", dep="prep")
    border = _Tok(5, "border", dep="pobj")
    to.right_edge = border
    for t in (to, _Tok(4, "the", dep="det"), border):
        ctx.add(t, True)
    assert best_pattern(pats, ctx).code == "154"
    ctx = Context()
    ctx.add(_Tok(3, "border"), True)      # the word without its preposition does not match
    assert best_pattern(pats, ctx) is None


def test_lexicon_data_files_name_their_source():
    root = REPO / "src" / "readout" / "knowledge" / "events"
    for f in root.iterdir():
        if f.suffix in (".tsv", ".toml"):
            head = f.read_text("utf-8")[:800].lower()
            assert "source" in head or "codebook" in head or "andybega" in head, f.name
            assert "version" in head, f.name
    import json
    raw = json.loads((root / "verb_patterns.json").read_text("utf-8"))
    assert raw["source"] and raw["version"]

"""The complaint lexicon: concepts said by words and phrases, kept as data."""

from __future__ import annotations

import json

from app.kit.textnorm import NEGATORS, normalize_text
from app.matching.lexicon import SOURCE, build, lexicon


def test_every_shipped_entry_says_something_after_normalisation():
    entries = json.loads(SOURCE.read_text(encoding="utf-8"))
    for concept, terms in entries.items():
        if concept.startswith("_"):
            continue
        assert terms, concept
        for term in terms:
            tokens = normalize_text(term)
            # An entry that normalises to nothing or to a bare "tidak" would be left out silently.
            assert tokens and not all(t in NEGATORS for t in tokens), (concept, term)


def test_words_phrases_and_negations_say_their_concepts():
    small = build(
        {
            "_about": ["not a concept"],
            "bansos": ["bansos", "bantuan pangan"],
            "tidak_diterima": ["belum cair", "tidak"],
            "penerangan": ["lampu jalan"],
        }
    )
    assert small.concepts(normalize_text("BPNT? bantuan pangan belum cair")) == {
        "bansos",
        "tidak_diterima",
    }
    # A negated word ("belum_bansos") still says its word's concept; a bare negation says none.
    assert small.concepts(normalize_text("belum bansos")) == {"bansos"}
    assert small.concepts(normalize_text("tidak ada")) == set()
    # A phrase counts only in its order.
    assert small.concepts(normalize_text("pangan bantuan")) == set()


def test_the_shipped_lexicon_folds_desk_and_citizen_words_together():
    said = lexicon().concepts
    assert said(normalize_text("saluran got mampet")) == said(normalize_text("selokan tersumbat"))
    assert "penerangan" in said(normalize_text("PJU di gang"))
    assert "penerangan" in said(normalize_text("lampu jalan rusak"))
    assert "jaminan_kesehatan" in said(normalize_text("BPJS PBI dinonaktifkan"))

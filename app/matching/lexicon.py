"""Complaint vocabulary as data (lexicon.json): which concepts a complaint's words say.

A citizen writes "kartu kis mati, tlg diaktifin lagi" where the desk writes "kepesertaan KIS
keluarganya nonaktif": few words agree, the concepts (health insurance, switched off) do. Every
entry is normalised as a complaint is (app.kit.textnorm), so an entry matches whatever spelling
the normaliser folds into it; a negated word ("belum_bansos") also says its word's concepts.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app.kit.textnorm import NEGATORS, normalize_text

SOURCE = Path(__file__).with_name("lexicon.json")


@dataclass(frozen=True, slots=True)
class Lexicon:
    words: dict[str, frozenset[str]]  # one normalised word -> its concepts
    phrases: dict[str, tuple[tuple[tuple[str, ...], str], ...]]  # first word -> (words, concept)

    def concepts(self, words: Sequence[str]) -> frozenset[str]:
        """The concepts said by normalised `words` (in their order, for phrases)."""
        found: set[str] = set()
        for i, word in enumerate(words):
            found |= self.words.get(word, frozenset())
            if "_" in word:  # "belum_bansos" says bansos
                found |= self.words.get(word.split("_", 1)[1], frozenset())
            for phrase, concept in self.phrases.get(word, ()):
                if tuple(words[i : i + len(phrase)]) == phrase:
                    found.add(concept)
        return frozenset(found)


def build(entries: dict[str, list[str]]) -> Lexicon:
    """A lexicon from concept -> words or phrases; an entry that normalises to nothing, or to a
    bare negation, says nothing and is left out."""
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for concept, terms in entries.items():
        if concept.startswith("_"):
            continue
        for term in terms:
            tokens = tuple(normalize_text(term))
            if not tokens or all(t in NEGATORS for t in tokens):
                continue
            if len(tokens) == 1:
                words.setdefault(tokens[0], set()).add(concept)
            else:
                phrases.setdefault(tokens[0], []).append((tokens, concept))
    return Lexicon(
        {w: frozenset(c) for w, c in words.items()},
        {w: tuple(sorted(p)) for w, p in phrases.items()},
    )


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon Pintu ships."""
    return build(json.loads(SOURCE.read_text(encoding="utf-8")))

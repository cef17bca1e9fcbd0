"""The matcher: scores earlier reports against a complaint and keeps candidates and decisions.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.matching.features import Side
from app.matching.model import Model
from app.matching.presenter import candidate_out
from app.matching.schemas import CandidateOut
from app.matching.service import (
    DEFAULT_CHANNELS,
    Match,
    also_indexes,
    candidate as stored_pair,
    decisions as decided_pairs,
    find as find_candidates,
    record_decision,
    reference as matching_reference,
    refresh_name_counts,
    remember as remember_candidates,
    review_queue as awaiting_review,
    shown as shown_candidates,
    side_of_complaint,
    train_from_decisions,
)

__all__ = [
    "DEFAULT_CHANNELS",
    "CandidateOut",
    "Match",
    "Model",
    "Side",
    "also_indexes",
    "awaiting_review",
    "candidate_out",
    "decided_pairs",
    "find_candidates",
    "matching_reference",
    "record_decision",
    "refresh_name_counts",
    "remember_candidates",
    "shown_candidates",
    "side_of_complaint",
    "stored_pair",
    "train_from_decisions",
]

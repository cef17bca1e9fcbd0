"""The matcher: scores earlier reports against a complaint and keeps candidates and decisions.

Other packages reach this one only through the names below (an import contract checks it).
"""

from app.matching.features import (
    Side as Side,
)
from app.matching.model import (
    Model as Model,
)
from app.matching.presenter import (
    candidate_out as candidate_out,
)
from app.matching.schemas import (
    CandidateOut as CandidateOut,
)
from app.matching.service import (
    DEFAULT_CHANNELS as DEFAULT_CHANNELS,
)
from app.matching.service import (
    Match as Match,
)
from app.matching.service import (
    candidate as stored_pair,
)
from app.matching.service import (
    decisions as decided_pairs,
)
from app.matching.service import (
    find as find_candidates,
)
from app.matching.service import (
    record_decision as record_decision,
)
from app.matching.service import (
    reference as matching_reference,
)
from app.matching.service import (
    refresh_name_counts as refresh_name_counts,
)
from app.matching.service import (
    remember as remember_candidates,
)
from app.matching.service import (
    review_queue as awaiting_review,
)
from app.matching.service import (
    shown as shown_candidates,
)
from app.matching.service import (
    side_of_complaint as side_of_complaint,
)
from app.matching.service import (
    train_from_decisions as train_from_decisions,
)

__all__ = [
    "DEFAULT_CHANNELS",
    "CandidateOut",
    "Match",
    "Model",
    "Side",
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

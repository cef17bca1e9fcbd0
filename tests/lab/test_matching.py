"""The lab's figures: what `make eval-dedup` prints is computed as documented."""

from __future__ import annotations

from app.matching.model import shipped
from lab.matching import Run, ScoredPair, by_kind, calibration_error, evaluate, rescore


def _pair(walk_in: int, ext: str, score: float, band: str, baseline: float, duplicate: bool):
    return ScoredPair(walk_in, ext, "place", {}, score, band, baseline, duplicate)


def test_precision_recall_and_candidate_recall_of_the_match_band():
    run = Run(
        pairs=[
            _pair(0, "A", 0.97, "match", 0.9, True),  # found and matched
            _pair(0, "B", 0.40, "review", 0.2, True),  # found, only for review
            _pair(1, "C", 0.95, "match", 0.8, False),  # a wrong match
            _pair(2, "D", 0.01, "below", 0.1, True),  # not returned at all
        ],
        truth_total=4,
        seconds=0.3,
    )

    result = evaluate(run, baseline_threshold=0.5)

    assert result["match"]["precision"] == 0.5  # A right, C wrong
    assert result["match"]["recall"] == 0.25  # A of A, B, D and one unreached
    assert result["candidate_recall"] == 0.5  # A and B returned
    # The baseline takes each walk-in's best text match above 0.5: A (right) and C (wrong).
    assert (result["baseline"]["precision"], result["baseline"]["recall"]) == (0.5, 0.25)
    assert result["ms_per_complaint"] == 100.0


def test_per_kind_it_says_where_the_true_reports_ended_up():
    run = Run(
        pairs=[
            _pair(0, "A", 0.97, "match", 0.9, True),
            _pair(0, "B", 0.40, "review", 0.2, True),
            _pair(1, "C", 0.95, "match", 0.8, False),
            _pair(2, "D", 0.01, "below", 0.1, True),
        ],
        truth_total=4,
        truth_sizes=[2, 0, 2],  # walk-in 2 has a true report the queries never brought back
    )

    table = by_kind(run, ["person_twin", "common_name", "person_twin"])

    assert table == {
        "common_name": {
            "walk_ins": 1,
            "true": 0,
            "match": 0,
            "review": 0,
            "hidden": 0,
            "false_matches": 1,
        },
        "person_twin": {
            "walk_ins": 2,
            "true": 4,
            "match": 1,
            "review": 1,
            "hidden": 2,
            "false_matches": 0,
        },
    }


def test_calibration_error_is_the_largest_gap_of_a_bin_with_enough_pairs():
    table = [
        {"from": 0.0, "to": 0.1, "pairs": 500, "mean_score": 0.01, "true_share": 0.03},
        {"from": 0.5, "to": 0.6, "pairs": 12, "mean_score": 0.55, "true_share": 1.0},  # too few
        {"from": 0.9, "to": 1.0, "pairs": 40, "mean_score": 0.96, "true_share": 0.9},
    ]
    assert abs(calibration_error(table) - 0.06) < 1e-9
    assert calibration_error(table, min_pairs=1000) == 0.0


def test_rescoring_keeps_the_pairs_and_changes_only_scores_and_bands():
    comparison = {
        "reporter": "same",
        "distance": "within_50m",
        "street": "same_spot",
        "region": "same_kelurahan",
        "category": "same",
        "text": "high",
        "concepts": "several",
        "chars": "high",
        "polarity": "agree",
        "gap": "within_3d",
        "state": "open",
    }
    run = Run(
        pairs=[ScoredPair(0, "A", "place", comparison, 0.0, "below", 0.3, True)], truth_total=1
    )
    again = rescore(run, shipped())
    [pair] = again.pairs
    assert pair.band == "match" and pair.score > 0.9
    assert (pair.walk_in, pair.external_id, pair.baseline, pair.duplicate) == (0, "A", 0.3, True)
    assert run.pairs[0].band == "below"  # the original is left alone

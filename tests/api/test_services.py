"""The steps behind the routes: vectors from another model, CSV cells, gap lines."""

from __future__ import annotations

import numpy as np

from api.schemas import Shortlist, ShortlistEntry
from api.services import _cell, gap_text, shortlist_csv, usable_vectors
from recommender.candidates import parse_resume
from recommender.matcher import CandidateVectors, Recommender
from recommender.results import Gap
from tests.api.helpers import resume_text


def test_vectors_from_a_model_of_another_size_are_encoded_again(api_recommender: Recommender) -> None:
    candidate = parse_resume(resume_text())
    n = len(candidate.sentences)
    stale = CandidateVectors(np.ones((n, 8), np.float32), np.zeros((0, 8), np.float32))
    fresh = usable_vectors(api_recommender, candidate, stale)
    assert fresh.sentences.shape == (n, api_recommender.encoder.dimension)
    current = api_recommender.encode_candidate(candidate)
    assert usable_vectors(api_recommender, candidate, current) is current


def test_csv_cells_cannot_start_a_formula() -> None:
    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM") == "'@SUM"
    assert _cell("Complaint handling") == "Complaint handling"
    entry = ShortlistEntry(
        candidate_id="abc",
        score=0.5,
        readiness="stretch",
        matched_skills=["=cmd"],
        weak_skills=[],
        missing_skills=[],
        requirement_gaps=[],
    )
    csv_text = shortlist_csv(Shortlist(role_id="r", title="R", candidates_considered=1, candidates=[entry]))
    assert csv_text.splitlines()[1] == "abc,0.500,stretch,'=cmd,,,"


def test_gap_lines_say_what_is_needed_and_what_is_shown() -> None:
    gap = Gap(kind="education", required="bachelor's degree", candidate_has="high-school diploma", action="x")
    assert gap_text(gap) == "education: needs bachelor's degree; high-school diploma"

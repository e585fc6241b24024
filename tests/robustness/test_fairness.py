"""Counterfactual fairness: the same résumé under other names, pronouns, ages and addresses
(:func:`recommender.fairness.counterfactual_variants`) gets the same ranking and scores.

Scores are compared unrounded (the score table, not the report's 4-decimal figures), and
every variant is compared with the résumé as written, without any persona. The largest
change is printed (``pytest -s`` or ``-rP`` shows it).
"""

from __future__ import annotations

import numpy as np
import pytest

from recommender.candidates import parse_resume
from recommender.fairness import PERSONAS, counterfactual_variants
from recommender.matcher import Recommender

# Four résumés of different levels and voices; the pronouns in their bodies are swapped
# by counterfactual_variants along with the persona's header.
RESUMES = {
    "agent, first person": """Customer Service Representative, Brightway Telecom, March 2021 - Present
- I answer 70 inbound calls a day about bills, outages and plan changes.
- I calm down angry callers and fix the problem on the first call where I can.
- I log every call in Salesforce and process refunds and credits.
Education: High school diploma, 2020
""",
    "supervisor, third person": """Profile
She is a contact centre supervisor who coaches her team of 12 advisors every week.
Contact Centre Supervisor, Northwind Energy, 2018 - Present
- She listens to her agents' calls and gives them feedback the same day.
- She handles escalated complaints and her team has the best first-call resolution on the floor.
Customer Service Advisor, Northwind Energy, 2014 - 2018
- Answered billing calls and set up payment plans for customers in arrears.
Education: Associate degree in Business
""",
    "manager, his": """Customer Service Manager, Halcyon Insurance, 2016 - Present
- Runs a 60-seat inbound centre; his five team leaders report to him.
- He owns the service-level targets, the rota and his department's budget.
- He hired and appraised the team leaders and set the complaint-handling policy.
Team Leader, Halcyon Insurance, 2011 - 2016
- Led a team of 10 agents and reported daily service levels.
Education: BA Economics
""",
    "quality analyst, they": """Quality Assurance Analyst, Contoso Bank, 2019 - Present
- They score 120 calls a month against the quality framework and run calibration sessions.
- Their coaching notes go to each agent's team leader; they track trends in complaints.
- They wrote the call-scoring guide their colleagues use.
Customer Service Representative, Contoso Bank, 2016 - 2019
- Answered customer calls about accounts, cards and payments.
Education: Bachelor of Science in Psychology
""",
}


def _score_rows(recommender: Recommender, texts: list[str]) -> np.ndarray:
    """Unrounded scores, one row per text, one column per role."""
    rows = []
    for text in texts:
        candidate = parse_resume(text)
        features = recommender.features(candidate, recommender.encode_candidate(candidate))
        rows.append(recommender.score_table([features]).score[0])
    return np.stack(rows)


def _largest_change(recommender: Recommender) -> tuple[float, int]:
    """Largest score change over every persona of every résumé; asserts the rankings are the same."""
    largest, variants = 0.0, 0
    for name, resume in RESUMES.items():
        variant_texts = counterfactual_variants(resume)
        assert len(variant_texts) == len(PERSONAS)
        scores = _score_rows(recommender, [resume, *variant_texts])
        reference = scores[0]
        for persona, row in zip(PERSONAS, scores[1:], strict=True):
            same_order = np.array_equal(
                np.argsort(-row, kind="stable"), np.argsort(-reference, kind="stable")
            )
            assert same_order, f"{name}: the ranking moved for {persona.name}"
            largest = max(largest, float(np.abs(row - reference).max()))
            variants += 1
    return largest, variants


def test_persona_changes_nothing_with_the_fake_encoder(fake_recommender: Recommender) -> None:
    largest, variants = _largest_change(fake_recommender)
    print(
        f"fairness (hashing encoder): {variants} variants of {len(RESUMES)} résumés, rankings identical, "
        f"largest score change {largest:.2e}"
    )
    assert largest < 1e-6


@pytest.mark.real_model
def test_persona_changes_nothing_with_the_real_model(real_recommender: Recommender) -> None:
    largest, variants = _largest_change(real_recommender)
    print(
        f"fairness (packaged model): {variants} variants of {len(RESUMES)} résumés, rankings identical, "
        f"largest score change {largest:.2e}"
    )
    assert largest < 1e-4

"""Plain signs of customer-service work, read from the candidate's own sentences."""

from __future__ import annotations

import pytest

from recommender.service_context import (
    seeks_service_work,
    service_context,
    service_signs,
    years_in_service_jobs,
)

AGENT = [
    "Answer calls and emails about prescription deliveries",
    "Log every contact in the CRM",
    "Handled refunds and complaints; CSAT 94%",
    "Customer Service Agent, Bluegrass Pharmacy",
]
ENGINEERING_DIRECTOR = [
    "Lead 40 engineers across four teams; own the on-call rota and the escalation path",
    "Worked with customer support on the release notes",
    "Managed a $6M budget and hiring for the platform group",
]


def test_a_terse_agent_shows_every_kind_of_sign() -> None:
    assert set(service_signs(AGENT)) == {"channels", "tools", "customer_problems", "metrics", "service_team"}
    assert service_context(AGENT, kinds_for_full=3) == 1.0


def test_engineering_words_are_not_service_work() -> None:
    # "on-call" and "escalation path" are not channels or customers' problems.
    assert service_signs(ENGINEERING_DIRECTOR) == ("service_team",)
    assert service_context(ENGINEERING_DIRECTOR, kinds_for_full=3) == pytest.approx(1 / 3)


def test_nothing_shown_is_zero() -> None:
    assert service_context(["Baked 400 croissants a night"], kinds_for_full=3) == 0.0
    assert service_context([], kinds_for_full=3) == 0.0


def test_work_wished_for_is_not_work_done() -> None:
    changer = ["Flight attendant for six years looking to move into a ground-based customer care job."]
    assert service_signs(changer) == ()
    # What comes before the wish still counts.
    assert service_signs(["Customer service adviser looking for a new challenge"]) == ("service_team",)


def test_a_job_held_in_a_service_team_is_a_sign_of_its_own() -> None:
    sentences = ["Plan and run new-hire classes"]
    assert service_signs(sentences, titles=["Contact Centre Trainer"]) == ("service_job",)
    assert service_signs(sentences, titles=["Customer Advisor", "Bar Staff"]) == ("service_job",)
    # A title that shares the role's name but not its setting is not.
    assert service_signs(sentences, titles=["Quality Assurance Specialist II", "Trainer"]) == ()
    # Nor is a title the candidate only wants.
    assert service_signs(sentences, titles=["Teacher wanting to move into customer service"]) == ()


def test_social_and_inbox_support_are_channels() -> None:
    shop = [
        "answer insta + tiktok DMs and the help inbox in Gorgias",
        "process returns/refunds under $50",
    ]
    assert set(service_signs(shop)) == {"channels", "tools", "customer_problems"}


def test_a_self_assessments_stated_job_carries_its_setting() -> None:
    from recommender.candidates import jobs_held, parse_self_assessment

    trainer = parse_self_assessment(
        {
            "skills": [{"name": "classroom delivery", "level": 5}],
            "summary": "Trainer in a building society's contact centre, running induction classes.",
        }
    )
    assert "service_job" in service_signs(trainer.sentences, [title for title, _ in jobs_held(trainer)])


def test_years_titled_in_a_service_team_count_on_their_own() -> None:
    director = ["Set service targets with the COO", "Owned a USD 28m budget"]
    jobs = [("Director of Customer Service", 16.0), ("Claims Agent", 4.0)]
    assert service_context(director, kinds_for_full=3, jobs=jobs, years_for_full=2.0) == 1.0
    # A summer on a returns desk is a sign, not a background.
    summer = [("Guest Services (seasonal)", 0.5), ("Science Teacher", 9.0)]
    assert service_context(["Plan and teach five classes a day"], 3, summer, 2.0) == pytest.approx(1 / 3)
    assert years_in_service_jobs(summer) == pytest.approx(0.5)


@pytest.mark.parametrize(
    ("sentence", "seeks"),
    [
        ("Transitioning soldier seeking a supervisory role in customer service.", True),
        ("Hotel front desk agent, now looking for a remote customer care role.", True),
        ("My back can't take it anymore so I'm looking for a phone job where I can help people.", True),
        ("Moving into a supervisor role in customer operations.", True),
        ("Looking for better hours.", False),
        ("Led the move to a single CRM and a new telephony platform", False),
        ("Work with the patient experience team on learning from complaints", False),
    ],
)
def test_a_wish_for_service_work_is_told_from_work_in_the_field(sentence: str, seeks: bool) -> None:
    assert seeks_service_work([sentence]) is seeks

"""Plain signs of customer-service work, read from the candidate's own sentences."""

from __future__ import annotations

import pytest

from recommender.service_context import service_context, service_signs

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

"""Test data and small helpers for the API tests (fixtures live in conftest.py)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from recommender.config import Settings

RECRUITER_KEY = "test-recruiter-key-0123456789"
# Small, so the oversize tests need only a few hundred KB.
MAX_UPLOAD_BYTES = 200_000


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "recruiter_api_key": RECRUITER_KEY,
        "cache_dir": None,
        "max_upload_bytes": MAX_UPLOAD_BYTES,
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ----------------------------------------------------------------------------- candidates

CONTACT_NAME = "Jordan Quill"
CONTACT_EMAIL = "jordan.quill@example.test"
CONTACT_PHONE = "(555) 013-2447"


def resume_text(marker: str = "") -> str:
    """A customer-service résumé with contact details; ``marker`` makes one sentence unique."""
    backlog = f"Cleared the {marker} refund backlog for 40 accounts every week." if marker else ""
    return "\n".join(
        line
        for line in (
            CONTACT_NAME,
            f"{CONTACT_EMAIL} | {CONTACT_PHONE}",
            "Customer Service Representative, Acme Telecom, Jan 2018 - Present",
            "- Answered 70 inbound calls a day about billing, orders and refunds.",
            "- Resolved customer complaints on the first call and escalated disputes to my supervisor.",
            "- Logged every contact in the CRM and ticketing system.",
            f"- {backlog}" if backlog else "",
            "Education: High school diploma",
        )
        if line
    )


SUPERVISOR_RESUME = "\n".join(
    (
        "Contact Centre Supervisor, Northwind Energy, Mar 2015 - Present",
        "- Supervised a team of 14 agents and coached them after listening to their calls.",
        "- Handled escalated complaints and settled billing disputes.",
        "- Planned rotas and reported service levels to the operations manager.",
        "Customer Service Representative, Northwind Energy, 2011 - 2015",
        "- Answered inbound calls and e-mails from customers.",
        "Education: Bachelor of Arts in Business",
    )
)

CHEF_RESUME = "\n".join(
    (
        "Head Chef, The Olive Tree, 2016 - Present",
        "- Designed seasonal menus and cooked for 120 covers a night.",
        "- Ordered produce from local farms and kept the kitchen spotless.",
    )
)

SELF_ASSESSMENT = {
    "skills": [
        {"name": "Handling customer complaints", "level": 4},
        {"name": "Answering inbound calls", "level": 5},
    ],
    "years_experience": 3,
    "education": "high school",
}


def create_candidate(client: TestClient, body: dict[str, object] | None = None) -> dict[str, object]:
    response = client.post("/v1/candidates", json=body or {"resume_text": resume_text()})
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]

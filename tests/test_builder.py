"""The builder: job-description text -> draft RoleProfile, and the ``profiles build`` CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recommender.builder import (
    ExtractedRequirements,
    build_draft,
    build_drafts,
    extract_requirements,
    split_postings,
    write_draft,
)
from recommender.cli_profiles import profiles_app
from recommender.errors import EmptyDocumentError, InvalidInputError
from recommender.profiles import (
    EducationLevel,
    Importance,
    RoleCatalog,
    Seniority,
    load_catalog,
    load_profile,
)
from tests.seed_files import SEED_000, SEED_001, SEED_002, SEED_003, SEED_004, SEEDS_DIR

needs_seeds = pytest.mark.skipif(not SEEDS_DIR.is_dir(), reason=f"seed documents not at {SEEDS_DIR}")


@pytest.fixture(scope="module")
def curated() -> RoleCatalog:
    return load_catalog()


def _seed(name: str) -> str:
    return (SEEDS_DIR / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------
# On the seed documents the drafts agree with the curated profiles
# ---------------------------------------------------------------------------


@needs_seeds
@pytest.mark.parametrize(
    ("seed", "expected_ids"),
    [
        (SEED_000, ["customer_care_executive", "customer_care_supervisor", "customer_care_director",
                    "customer_care_manager"]),
        (SEED_001, ["customer_service_manager"]),
        (SEED_002, ["call_center_manager", "customer_service_clerk"]),
        (SEED_003, ["customer_service_director"]),
        (SEED_004, ["customer_care_supervisor"]),
    ],
)  # fmt: skip
def test_each_posting_in_a_seed_becomes_one_draft_with_the_curated_id(
    seed: str, expected_ids: list[str], curated: RoleCatalog
) -> None:
    drafts = build_drafts(_seed(seed), seed)

    assert [d.id for d in drafts] == expected_ids
    for draft in drafts:
        assert draft.title == curated.get(draft.id).title
        assert draft.seniority is curated.get(draft.id).seniority


# Where a document states education and years, the draft must read them as the curated
# profile does. Not compared, because the document states neither:
# - 001 (customer service manager) names no degree and no years, only duties and a
#   reporting line;
# - 003 (customer service director) names no degree and no years;
# - 004 (customer care supervisor) only advises working as a representative first, with no
#   number, and names no degree; the curated supervisor's bachelor's and 3 years come from 000.
# 002's call-centre manager needs call-centre experience but gives no number of years, so both
# the draft and the curated profile leave the years empty and say so in the note.
@needs_seeds
@pytest.mark.parametrize(
    ("seed", "role_id"),
    [
        (SEED_000, "customer_care_executive"),
        (SEED_000, "customer_care_supervisor"),
        (SEED_000, "customer_care_director"),
        (SEED_000, "customer_care_manager"),
        (SEED_002, "call_center_manager"),
        (SEED_002, "customer_service_clerk"),
    ],
)
def test_draft_education_and_years_agree_with_the_curated_profile(
    seed: str, role_id: str, curated: RoleCatalog
) -> None:
    draft = {d.id: d for d in build_drafts(_seed(seed), seed)}[role_id]
    profile = curated.get(role_id)

    assert draft.education.minimum is profile.education.minimum
    assert draft.education.preferred == profile.education.preferred
    assert draft.education.equivalent_experience_accepted == profile.education.equivalent_experience_accepted
    for years in ("years_total", "years_related", "years_managing", "years_managing_max"):
        assert getattr(draft.experience, years) == getattr(profile.experience, years), years


@needs_seeds
def test_seed_002_salaries_and_fields(curated: RoleCatalog) -> None:
    drafts = {d.id: d for d in build_drafts(_seed(SEED_002), SEED_002)}

    manager, clerk = drafts["call_center_manager"], drafts["customer_service_clerk"]
    assert manager.salary is not None and clerk.salary is not None
    assert (manager.salary.minimum, manager.salary.maximum) == (34000, 52000)
    assert (clerk.salary.minimum, clerk.salary.maximum, clerk.salary.period) == (55000, 55000, "year")
    assert set(manager.education.fields) == set(curated.get("call_center_manager").education.fields)
    assert manager.experience.note is not None and "call center" in manager.experience.note


@needs_seeds
def test_seed_000_reporting_lines() -> None:
    drafts = {d.id: d for d in build_drafts(_seed(SEED_000), SEED_000)}

    assert drafts["customer_care_supervisor"].reports_to == "manager"
    assert drafts["customer_care_manager"].reports_to == "senior manager"
    assert drafts["customer_care_executive"].reports_to == "top management"
    assert set(drafts["customer_care_manager"].education.fields) == {"business", "marketing"}


@needs_seeds
def test_seed_drafts_have_duties_and_skills_from_their_own_posting() -> None:
    drafts = {d.id: d for d in build_drafts(_seed(SEED_002), SEED_002)}

    manager_duties = " ".join(drafts["call_center_manager"].responsibilities)
    clerk_duties = " ".join(drafts["customer_service_clerk"].responsibilities)
    assert "call quality" in manager_duties and "refunds" not in manager_duties
    assert "refunds" in clerk_duties
    skill_names = {s.name for s in drafts["call_center_manager"].skills}
    assert "Problem solving" in skill_names
    training = next(s for s in drafts["call_center_manager"].skills if s.name == "Training")
    # "must have training skills" and a second mention: required, with two examples.
    assert training.importance is Importance.ESSENTIAL


# ---------------------------------------------------------------------------
# Splitting documents
# ---------------------------------------------------------------------------


def test_split_by_job_description_headings() -> None:
    text = (
        "Archive\n\nTeam Leader Job Description\nLeads a team of agents.\n\n"
        "Quality Analyst Job Description\nScores calls against the scorecard.\n"
    )

    parts = split_postings(text)

    assert len(parts) == 2
    assert parts[0].startswith("Archive") and "Leads a team" in parts[0]
    assert parts[1].startswith("Quality Analyst Job Description")


def test_split_by_paragraphs_opening_with_different_titles() -> None:
    text = (
        "The Contact Centre Manager runs the floor and manages team leaders.\n"
        "The Contact Centre Manager also owns the budget.\n"
        "The Workforce Planner forecasts volumes and builds schedules.\n"
    )

    parts = split_postings(text)

    assert len(parts) == 2
    assert "owns the budget" in parts[0]
    assert parts[1].startswith("The Workforce Planner")


def test_a_single_posting_is_not_split() -> None:
    text = "Customer Service Agent\n\nAnswer calls. The Customer Service Agent also answers chats.\n"

    assert split_postings(text) == [text.strip()]


# ---------------------------------------------------------------------------
# Varied postings written for these tests
# ---------------------------------------------------------------------------

POSTING_WORDS = """Senior Customer Support Specialist

About the role
You will handle escalated tickets, coach junior agents and maintain the knowledge base.

Requirements
- Two to four years of experience in a contact centre
- At least three years' experience managing a team is a plus
- Bachelor's degree or equivalent experience
- Excellent written communication skills are required; you must show strong communication skills
- Must be fluent in Zendesk and Salesforce

Pay: £28k - £32k per annum
"""

POSTING_DIGITS = """Job Title: Call Centre Team Leader
Responsibilities:
* Lead a team of 10 agents
* Monitor KPIs and run coaching sessions
Requirements:
* 2-4 years experience in customer service
* Minimum of 1 year supervisory experience
* High school diploma required; associate degree preferred
Salary: $18.50 per hour
"""

POSTING_HEAD = """We are looking for a Head of Customer Experience to lead our service teams.
The Head of Customer Experience reports to the CEO.
You will set the customer strategy, own the budget and build the leadership team.
Requirements: 10+ years of experience, including 6+ years of people management. An MBA is preferred.
Compensation: USD 150,000 to 180,000 a year.
"""

POSTING_VP = """VP of Customer Operations
The VP of Customer Operations directs the global support organisation and approves service policies.
Must have a minimum of eight years of managerial experience and a master's degree in business administration.
Salary up to $220k.
"""

POSTING_AGENT = """Customer Service Agent job description
Answer inbound calls and emails from customers, process refunds and update the CRM.
No degree needed; a high-school diploma or GED is enough. Six months of experience is a plus.
We pay €24,000 a year.
"""

POSTING_PROSE = """Contact Centre Manager
The Contact Centre Manager oversees four team leaders and ensures service levels are met.
The manager reports to the Operations Director.
Candidates need at least five years of experience in a call centre and two to three years
of supervisory experience, plus a degree in business or a related field.
"""


def test_years_in_words_ranges_and_plus_preferences() -> None:
    found = extract_requirements(POSTING_WORDS)

    assert found.title == "Senior Customer Support Specialist"
    assert found.seniority is Seniority.SENIOR_IC
    assert found.years_related == 2  # "two to four years ... in a contact centre"
    assert found.years_managing is None  # only "a plus"
    assert found.education_minimum is EducationLevel.BACHELOR
    assert found.equivalent_experience_accepted
    assert (found.salary_minimum, found.salary_maximum, found.salary_currency) == (28000, 32000, "GBP")


def test_years_in_digits_supervisory_minimum_and_hourly_pay() -> None:
    found = extract_requirements(POSTING_DIGITS)

    assert found.title == "Call Centre Team Leader"
    assert found.seniority is Seniority.SUPERVISOR
    assert found.years_related == 2  # "2-4 years experience in customer service"
    assert found.years_managing == 1  # "Minimum of 1 year supervisory experience"
    assert found.education_minimum is EducationLevel.HIGH_SCHOOL
    assert found.education_preferred is EducationLevel.ASSOCIATE
    assert (found.salary_minimum, found.salary_period, found.salary_currency) == (18.5, "hour", "USD")
    assert found.responsibilities == ("Lead a team of 10 agents", "Monitor KPIs and run coaching sessions")


def test_plus_years_total_and_managing_in_one_sentence() -> None:
    found = extract_requirements(POSTING_HEAD)

    assert found.title == "Head of Customer Experience"
    assert found.years_total == 10
    assert found.years_managing == 6
    assert found.education_minimum is EducationLevel.BACHELOR  # an MBA presupposes a first degree
    assert found.education_preferred is EducationLevel.MASTER
    assert (found.salary_minimum, found.salary_maximum, found.salary_currency) == (150000, 180000, "USD")
    assert found.reports_to == "CEO"


def test_minimum_of_years_in_words_and_required_master() -> None:
    found = extract_requirements(POSTING_VP)

    assert found.title == "VP of Customer Operations"
    assert found.seniority is Seniority.EXECUTIVE
    assert found.years_managing == 8
    assert found.education_minimum is EducationLevel.MASTER
    assert found.education_fields == ("business administration",)
    assert (found.salary_minimum, found.salary_maximum) == (None, 220000)


def test_negated_degree_and_euro_salary() -> None:
    found = extract_requirements(POSTING_AGENT)

    assert found.title == "Customer Service Agent"
    assert found.seniority is Seniority.ENTRY
    assert found.education_minimum is EducationLevel.HIGH_SCHOOL
    assert found.years_total is None and found.years_related is None
    assert (found.salary_minimum, found.salary_currency, found.salary_period) == (24000, "EUR", "year")


def test_at_least_years_and_supervisory_range_across_lines() -> None:
    found = extract_requirements(POSTING_PROSE)

    assert found.title == "Contact Centre Manager"
    assert found.seniority is Seniority.MANAGER
    assert found.years_related == 5
    assert (found.years_managing, found.years_managing_max) == (2, 3)
    assert found.education_minimum is EducationLevel.BACHELOR
    assert found.education_fields == ("business",)
    assert found.reports_to == "Operations Director"


POSTING_UK = """Customer Support Team Lead – Remote (UK)

About us
Acme Energy is a fast-growing supplier with 200k customers.

What you'll do:
• Lead, coach and develop a team of 8–12 Customer Support Advisors
• Own team performance against SLA, CSAT and QA targets
• Handle complex escalations and complaints

What we're looking for:
• 2+ years' experience in a customer service role, with at least 12 months leading a team
• Strong knowledge of Zendesk or similar ticketing tools
• GCSEs in English and Maths (or equivalent)
• Excellent coaching and communication skills

What we offer:
£30,000 - £34,000 per year plus bonus
Reports to: Head of Customer Operations
"""

POSTING_SHOUTING = """CUSTOMER SERVICE REPRESENTATIVE
Job summary: The Customer Service Representative responds to customer inquiries by phone and chat.
Duties include processing orders, issuing refunds and updating customer records in Salesforce.
Qualifications: High school diploma or GED required. 1-2 years of call center experience preferred.
Pay: $17 - $19/hr.
"""


def test_sectioned_posting_with_months_and_a_reporting_line() -> None:
    found = extract_requirements(POSTING_UK)

    assert found.title == "Customer Support Team Lead"
    assert found.seniority is Seniority.SUPERVISOR
    assert (found.years_related, found.years_managing) == (2, 1)  # 12 months leading a team
    assert found.education_minimum is EducationLevel.HIGH_SCHOOL  # GCSEs
    assert found.equivalent_experience_accepted
    assert (found.salary_minimum, found.salary_maximum, found.salary_currency) == (30000, 34000, "GBP")
    assert found.reports_to == "Head of Customer Operations"
    assert len(found.responsibilities) == 3  # the duties, not the requirements
    assert {s.name for s in found.skills} == {
        "Knowledge of Zendesk or similar ticketing tools",
        "Coaching and communication",
    }


def test_preferred_experience_sets_no_minimum_but_is_kept_in_the_note() -> None:
    found = extract_requirements(POSTING_SHOUTING)

    assert found.title == "Customer Service Representative"
    assert found.years_related is None and found.years_total is None
    assert found.experience_note is not None and "preferred" in found.experience_note
    assert any(r.startswith("Duties include processing orders") for r in found.responsibilities)
    assert (found.salary_minimum, found.salary_maximum, found.salary_period) == (17, 19, "hour")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Requires 3+ years of experience.", ("years_total", 3)),
        ("A minimum of 4 years' experience in customer service.", ("years_related", 4)),
        ("At least five years experience.", ("years_total", 5)),
        ("Must have 2 to 4 years of experience in a call centre.", ("years_related", 2)),
        ("Managerial experience of 6 years is required.", ("years_managing", 6)),
        ("You bring 7 years of experience leading teams.", ("years_managing", 7)),
        ("Over the next 5 years the company will grow.", None),
    ],
)
def test_experience_phrasings(sentence: str, expected: tuple[str, float] | None) -> None:
    found = extract_requirements(f"Customer Service Manager\n\nManages the team.\n{sentence}\n")

    values = {k: getattr(found, k) for k in ("years_total", "years_related", "years_managing")}
    if expected is None:
        assert values == {"years_total": None, "years_related": None, "years_managing": None}
    else:
        key, years = expected
        assert values[key] == years


@pytest.mark.parametrize(
    ("sentence", "minimum", "preferred"),
    [
        ("A high school diploma is required.", EducationLevel.HIGH_SCHOOL, None),
        ("Associate degree in business required.", EducationLevel.ASSOCIATE, None),
        ("Bachelor's degree in communications preferred.", EducationLevel.NONE, EducationLevel.BACHELOR),
        ("Requires a bachelor's degree; a master's degree is a plus.", EducationLevel.BACHELOR,
         EducationLevel.MASTER),
        ("May require an advanced degree.", EducationLevel.BACHELOR, EducationLevel.MASTER),
        ("A PhD in statistics is required.", EducationLevel.DOCTORATE, None),
        ("Strong attention to detail and a high degree of accuracy.", EducationLevel.NONE, None),
    ],
)  # fmt: skip
def test_education_levels(sentence: str, minimum: EducationLevel, preferred: EducationLevel | None) -> None:
    found = extract_requirements(f"Customer Service Manager\n\nManages the team.\n{sentence}\n")

    assert found.education_minimum is minimum
    assert found.education_preferred is preferred


@pytest.mark.parametrize(
    ("sentence", "low", "high", "currency", "period"),
    [
        ("Salary: $34000 and $52000 per annum.", 34000, 52000, "USD", "year"),
        ("The salary is about $55,000 per year.", 55000, 55000, "USD", "year"),
        ("Salary £28k.", 28000, 28000, "GBP", "year"),
        ("Pay: $40-50k a year.", 40000, 50000, "USD", "year"),
        ("We pay $15.75 per hour.", 15.75, 15.75, "USD", "hour"),
        ("Salary starting from €2,500 per month.", 2500, None, "EUR", "month"),
    ],
)
def test_salary_formats(sentence: str, low: float, high: float | None, currency: str, period: str) -> None:
    found = extract_requirements(f"Customer Service Manager\n\nManages the team.\n{sentence}\n")

    assert (found.salary_minimum, found.salary_maximum) == (low, high)
    assert (found.salary_currency, found.salary_period) == (currency, period)


def test_money_outside_a_pay_sentence_is_not_a_salary() -> None:
    found = extract_requirements("Customer Service Manager\n\nManages a $2 million service budget.\n")

    assert not found.has_salary


@pytest.mark.parametrize(
    ("title", "seniority"),
    [
        ("Chief Customer Officer", Seniority.EXECUTIVE),
        ("Director of Customer Service", Seniority.DIRECTOR),
        ("Customer Service Manager", Seniority.MANAGER),
        ("Assistant Manager", Seniority.SUPERVISOR),
        ("Team Leader", Seniority.SUPERVISOR),
        ("Quality Analyst", Seniority.SENIOR_IC),
        ("Customer Service Trainer", Seniority.SENIOR_IC),
        ("Call Center Executive", Seniority.ENTRY),
        ("Customer Service Representative", Seniority.ENTRY),
    ],
)
def test_seniority_from_title_words(title: str, seniority: Seniority) -> None:
    found = extract_requirements(f"{title}\n\nHandles customer calls and emails every day.\n")

    assert found.title == title
    assert found.seniority is seniority


def test_executive_title_with_long_managing_experience_is_an_executive() -> None:
    text = (
        "Customer Care Executive\n\nDirects the service function.\n"
        "Requires 8+ years of managerial experience.\n"
    )

    assert extract_requirements(text).seniority is Seniority.EXECUTIVE


def test_required_skill_with_one_mention_stays_important() -> None:
    text = (
        "Customer Service Representative\n\nAnswers calls from customers.\n\nSkills\n"
        "- Must have excellent negotiation skills\n"
        "- Empathy and patience; empathy is essential in this role\n"
    )

    skills = {s.name: s for s in extract_requirements(text).skills}

    assert skills["Negotiation"].importance is Importance.IMPORTANT  # required, but one example
    assert skills["Empathy and patience"].importance is Importance.IMPORTANT


def test_required_skill_with_two_mentions_is_essential() -> None:
    text = (
        "Customer Service Representative\n\nYou will use Zendesk for every ticket.\n\n"
        "Requirements\n- Must have strong Zendesk skills\n"
    )

    skill = next(s for s in extract_requirements(text).skills if s.name == "Zendesk")

    assert skill.importance is Importance.ESSENTIAL
    assert len(skill.phrases) == 2


# ---------------------------------------------------------------------------
# Drafts and files
# ---------------------------------------------------------------------------


def test_draft_is_marked_inferred_and_cites_its_source() -> None:
    draft = build_draft(POSTING_DIGITS, "postings/team_leader.txt")

    assert draft.id == "call_centre_team_leader"
    assert draft.inferred
    assert draft.inferred_from == (
        "draft built by `recommender profiles build` from team_leader.txt; review before use"
    )
    assert draft.sources == ("team_leader.txt",)
    assert all(s.sources == ("team_leader.txt",) for s in draft.skills)
    assert draft.salary is not None and draft.salary.sources == ("team_leader.txt",)
    assert draft.experience.sources == ("team_leader.txt",)


def test_posting_without_skills_gets_skills_from_its_duties() -> None:
    draft = build_draft("Customer Service Agent\n\nAnswers customer calls and processes refunds.\n", "a.txt")

    assert draft.skills[0].name.startswith("Answers customer calls")


def test_write_draft_round_trips_through_load_profile(tmp_path: Path) -> None:
    draft = build_draft(POSTING_HEAD, "head.txt")

    path = write_draft(draft, tmp_path / "drafts")

    assert path == tmp_path / "drafts" / "head_of_customer_experience.yaml"
    assert path.read_text(encoding="utf-8").startswith("# DRAFT")
    assert load_profile(path) == draft


def test_extracted_requirements_is_plain_data() -> None:
    found = extract_requirements(POSTING_VP)

    assert isinstance(found, ExtractedRequirements)
    assert found.evidence["experience"]


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(EmptyDocumentError):
        build_drafts(text, "empty.txt")


def test_text_without_a_role_title_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="no role title"):
        build_draft("We sell shoes online and ship them quickly.", "shoes.txt")


# ---------------------------------------------------------------------------
# ``profiles build``
# ---------------------------------------------------------------------------

runner = CliRunner()


def test_build_writes_drafts_that_load_back(tmp_path: Path) -> None:
    posting = tmp_path / "team_leader.txt"
    posting.write_text(POSTING_DIGITS, encoding="utf-8")
    out = tmp_path / "out"

    result = runner.invoke(profiles_app, ["build", str(posting), "--out", str(out)], env={"COLUMNS": "200"})

    assert result.exit_code == 0, result.output
    assert "call_centre_team_leader" in result.stdout
    profile = load_profile(out / "call_centre_team_leader.yaml")
    assert profile.experience.years_managing == 1
    assert profile.inferred


@needs_seeds
def test_build_json_reports_every_posting_of_every_file(tmp_path: Path) -> None:
    files = [str(SEEDS_DIR / SEED_000), str(SEEDS_DIR / SEED_002)]

    result = runner.invoke(profiles_app, ["build", *files, "--out", str(tmp_path), "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert len(data) == 6
    assert {Path(item["file"]).name for item in data} == {f"{item['profile']['id']}.yaml" for item in data}
    assert len(list(tmp_path.glob("*.yaml"))) == 6


def test_build_numbers_repeated_titles_instead_of_overwriting(tmp_path: Path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(POSTING_DIGITS, encoding="utf-8")
    second.write_text(POSTING_DIGITS, encoding="utf-8")

    result = runner.invoke(profiles_app, ["build", str(first), str(second), "--out", str(tmp_path / "o")])

    assert result.exit_code == 0, result.output
    assert load_profile(tmp_path / "o" / "call_centre_team_leader_2.yaml").id == "call_centre_team_leader_2"


def test_build_empty_file_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")

    result = runner.invoke(profiles_app, ["build", str(empty), "--out", str(tmp_path / "o")])

    assert result.exit_code == 2
    assert "empty.txt" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o").exists()


def test_build_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(profiles_app, ["build", str(tmp_path / "nope.txt")])

    assert result.exit_code == 2
    assert "nope.txt" in result.stderr


def test_build_binary_file_exits_2(tmp_path: Path) -> None:
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\xff\xfe\x00\x81")

    result = runner.invoke(profiles_app, ["build", str(binary)])

    assert result.exit_code == 2
    assert "scan.txt" in result.stderr

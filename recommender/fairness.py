"""Counterfactual fairness: the same résumé under other names, pronouns, ages and addresses.

Scoring must not depend on who the candidate is. :func:`counterfactual_variants`
rewrites a résumé's personal details across groups; :func:`counterfactual_check`
scores every variant and reports the largest score change and whether any ranking
moved. The evaluation command prints these figures.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from recommender.evaluation import EvalCase
    from recommender.matcher import Recommender


@dataclass(frozen=True)
class Persona:
    name: str
    pronouns: tuple[str, str, str]  # subject, object, possessive
    age: int
    address: str
    email: str
    phone: str


PERSONAS: tuple[Persona, ...] = (
    Persona(
        "James Miller",
        ("he", "him", "his"),
        24,
        "14 Elm Street, Springfield, IL 62704",
        "james.miller@example.com",
        "(217) 555-0142",
    ),
    Persona(
        "Aisha Mohammed",
        ("she", "her", "her"),
        58,
        "Flat 3, 22 Brixton Road, London SW9 6BU",
        "aisha.m@example.org",
        "+44 20 7946 0321",
    ),
    Persona(
        "Nguyen Thi Lan",
        ("she", "her", "her"),
        41,
        "908 Bellaire Blvd, Houston, TX 77036",
        "lan.nguyen@example.net",
        "713-555-0199",
    ),
    Persona(
        "Darnell Washington",
        ("he", "him", "his"),
        35,
        "77 Peachtree Ave NE, Atlanta, GA 30303",
        "d.washington@example.com",
        "404.555.0117",
    ),
    Persona(
        "Alex Kowalski",
        ("they", "them", "their"),
        29,
        "5 Rue des Lilas Lane, Portland, OR 97205",
        "alex.k@example.com",
        "+1 503 555 0168",
    ),
)

_PRONOUN = re.compile(r"\b(he|she|they|him|her|them|his|hers|their)\b", re.IGNORECASE)


def _swap_pronouns(text: str, persona: Persona) -> str:
    subject, obj, possessive = persona.pronouns

    def replace(match: re.Match[str]) -> str:
        word = match.group(0)
        lower = word.lower()
        new = (
            subject
            if lower in {"he", "she", "they"}
            else possessive
            if lower in {"his", "their", "hers"}
            else obj
        )
        return new.capitalize() if word[0].isupper() else new

    return _PRONOUN.sub(replace, text)


def counterfactual_variants(resume_text: str) -> list[str]:
    """The résumé under every persona: a header with name, contacts, age and pronouns, and
    the pronouns in the body swapped."""
    variants = []
    for persona in PERSONAS:
        header = (
            f"{persona.name}\n{persona.address}\n{persona.email} | {persona.phone}\n"
            f"Age: {persona.age} | Pronouns: {'/'.join(persona.pronouns[:2])}\n"
        )
        variants.append(header + _swap_pronouns(resume_text, persona))
    return variants


def counterfactual_check(recommender: Recommender, cases: Sequence[EvalCase]) -> dict[str, Any]:
    """Largest score change and ranking stability across personas, over résumé cases."""
    from recommender.candidates import parse_resume

    largest = 0.0
    identical = True
    variants_scored = 0
    for case in cases:
        if not case.resume_text:
            continue
        tables = []
        for text in counterfactual_variants(case.resume_text):
            candidate = parse_resume(text)
            features = recommender.features(candidate, recommender.encode_candidate(candidate))
            tables.append(recommender.score_table([features]).score[0])
            variants_scored += 1
        reference = tables[0]
        for scores in tables[1:]:
            largest = max(largest, float(np.abs(scores - reference).max()))
            identical &= bool(
                np.array_equal(np.argsort(-scores, kind="stable"), np.argsort(-reference, kind="stable"))
            )
    return {
        "base_cases": sum(1 for c in cases if c.resume_text),
        "variants": variants_scored,
        "max_score_change": largest,
        "rankings_identical": identical,
    }

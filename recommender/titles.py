"""How closely the job a candidate holds now is named like each role: a recruiter's first glance.

The three front-line roles (representative, advisor, clerk) ask for almost the same
skills, so sentence evidence barely separates them; what the candidate is *called* does
("Customer Adviser", "Order Desk Clerk", "Reservations Agent"). Only the function words of
a title are compared. Rank words (manager, director, head, senior…) are dropped on both
sides: rank is the seniority estimate's job, and a title must not smuggle it back in.

Pure and model-free: a word TF-IDF fitted on the roles' own names, so a word every role
shares ("customer") counts little and a distinctive one ("clerk", "adviser") a lot.
Nothing is encoded and nothing extra is stored per candidate.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from recommender.candidate_types import CandidateProfile
from recommender.profiles import RoleCatalog, normalise_title

# Rank and filler words: what is left says which job it is, not how senior.
_RANK_WORDS = frozenset(
    (
        *("director", "manager", "mgr", "supervisor", "lead", "leader", "head", "vp", "vice", "president"),
        *("executive", "chief", "officer", "senior", "sr", "junior", "jr", "assistant", "deputy", "acting"),
        *("interim", "principal", "team", "group", "shift", "floor", "i", "ii", "iii", "iv", "global"),
        *("regional", "national", "area", "and", "of", "the", "for", "to", "at", "in"),
    )
)
# Both spellings of a function word count as one ("adviser"/"advisor", "centre"/"center").
_SAME_WORD = {"adviser": "advisor", "centre": "center", "reps": "representative", "rep": "representative"}


def title_words(title: str) -> str:
    """A title reduced to its function words: "Senior Customer Adviser" -> "customer advisor"."""
    words = normalise_title(title).split()
    kept = [_SAME_WORD.get(w, w) for w in words if w not in _RANK_WORDS and not w.isdigit()]
    return " ".join(kept)


class TitleMatcher:
    """Cosine of a candidate's current title(s) against every role's title and aliases."""

    def __init__(self, catalog: RoleCatalog):
        names: list[str] = []
        owner: list[int] = []
        for index, role in enumerate(catalog):
            for name in role.names:
                words = title_words(name)
                if words:
                    names.append(words)
                    owner.append(index)
        self._n_roles = len(catalog)
        self._vectorizer = TfidfVectorizer(token_pattern=r"(?u)\b\w+\b", sublinear_tf=True)
        self._name_matrix = self._vectorizer.fit_transform(names)
        self._owner = np.asarray(owner, dtype=np.int64)
        # Titles repeat across candidates ("Customer Service Representative"), and the
        # vectoriser's input checks cost more than the arithmetic: remember each title's row.
        self._per_title: dict[str, np.ndarray] = {}
        self._per_title_limit = 50_000

    def _title_row(self, words: str) -> np.ndarray:
        """(R,) best cosine of one title's function words against each role's names."""
        row = self._per_title.get(words)
        if row is not None:
            return row
        similarity = (self._vectorizer.transform([words]) @ self._name_matrix.T).toarray()[0]
        # Words no role name uses are invisible to the vectoriser; without this, "Claims
        # Agent" would match "Agent" as well as "Customer Service Agent" does.
        vocabulary = self._vectorizer.vocabulary_
        similarity *= np.sqrt(np.mean([w in vocabulary for w in words.split()]))
        row = np.zeros(self._n_roles, dtype=np.float64)
        np.maximum.at(row, self._owner, similarity)
        if len(self._per_title) < self._per_title_limit:
            self._per_title[words] = row
        return row

    def match(self, titles: Sequence[str]) -> np.ndarray:
        """(R,) in [0, 1]: for each role, the best cosine between any given title and any of its names."""
        best = np.zeros(self._n_roles, dtype=np.float64)
        for words in {w for w in (title_words(t) for t in titles) if w}:
            np.maximum(best, self._title_row(words), out=best)
        return best


def current_titles(candidate: CandidateProfile) -> tuple[str, ...]:
    """The title(s) of the most recent position: where the candidate is now.

    Older titles do not count: a director's first job answering phones says nothing of
    which role fits them today.
    """
    if not candidate.positions:
        return ()
    latest = max(p.end_year for p in candidate.positions)
    return tuple(p.title for p in candidate.positions if p.end_year >= latest - 0.1)

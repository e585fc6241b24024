"""The library's exception hierarchy.

Every error a user can cause derives from :class:`RecommenderError` and carries a
message that says what is wrong and how to fix it. The API maps these classes to
HTTP answers in one place (``api/errors.py``); the CLI prints the message and exits
non-zero.
"""

from __future__ import annotations


class RecommenderError(Exception):
    """Base class of every error the recommender raises on purpose."""


class InvalidInputError(RecommenderError):
    """The candidate input (résumé or self-assessment) cannot be used as given."""


class EmptyDocumentError(InvalidInputError):
    """The document holds no readable text (empty, whitespace, or a scan without a text layer)."""


class UnsupportedFileError(InvalidInputError):
    """The file's content is not a type we read (plain text, PDF, DOCX, JSON)."""


class FileTooLargeError(InvalidInputError):
    """The file or its unpacked content is over the configured size limit."""


class NotFoundError(RecommenderError):
    """A role or candidate that does not exist was asked for."""


class RoleNotFoundError(NotFoundError):
    """No role profile has this id, title or alias."""


class CandidateNotFoundError(NotFoundError):
    """No stored candidate has this id (or it was erased)."""


class ProfileDataError(RecommenderError):
    """A role profile file is missing, unreadable or breaks the schema (message names file and field)."""


class ModelUnavailableError(RecommenderError):
    """The embedding model package is not installed or cannot be loaded offline."""


class EvaluationDataError(RecommenderError):
    """A labelled evaluation file is malformed (message names the line and field)."""

"""Reading a candidate from a request: a JSON body or a multipart file upload.

``POST /v1/candidates`` takes either, so it reads the body itself instead of letting
FastAPI bind one model. The upload is read in chunks and abandoned one byte past the
limit, so an oversized file is never held in memory; its type is told by its content
(:func:`recommender.candidates.read_document`), not by its name or declared type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.datastructures import UploadFile

from api.schemas import MAX_TOP, CandidateInput
from recommender.candidate_types import CandidateProfile
from recommender.candidates import parse_resume, read_document
from recommender.errors import FileTooLargeError, InvalidInputError

UPLOAD_FIELD = "file"
_CHUNK_BYTES = 64 * 1024
# Form fields besides the file ("top") are tiny; refuse anything bigger before buffering it.
_MAX_FORM_FIELD_BYTES = 1024


@dataclass(frozen=True)
class UploadedDocument:
    data: bytes
    filename: str | None
    top: int | None

    def to_profile(self, max_bytes: int) -> CandidateProfile:
        return parse_resume(read_document(self.data, self.filename, max_bytes=max_bytes))


# Documents the hand-read body in the OpenAPI schema (the JSON model is in the components
# because POST /v1/match binds it).
CANDIDATE_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/CandidateInput"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": [UPLOAD_FIELD],
                    "properties": {
                        UPLOAD_FIELD: {
                            "type": "string",
                            "format": "binary",
                            "description": "The résumé: PDF with a text layer, DOCX or plain text.",
                        },
                        "top": {"type": "integer", "minimum": 1, "maximum": MAX_TOP},
                    },
                }
            },
        },
    }
}


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def read_candidate_request(request: Request, max_bytes: int) -> CandidateInput | UploadedDocument:
    media = _media_type(request)
    if media == "application/json" or media.endswith("+json"):
        # The body-size middleware has already capped how much of this can arrive.
        body = await request.body()
        try:
            return CandidateInput.model_validate_json(body)
        except ValidationError as exc:
            raise RequestValidationError(
                [
                    {**e, "loc": ("body", *e["loc"])}
                    for e in exc.errors(include_input=False, include_url=False)
                ]
            ) from None
    if media == "multipart/form-data":
        return await _read_upload(request, max_bytes)
    raise HTTPException(
        415,
        "send the candidate as JSON (application/json: resume_text or self_assessment) "
        f"or upload the résumé as multipart/form-data in the field '{UPLOAD_FIELD}'",
    )


async def _read_upload(request: Request, max_bytes: int) -> UploadedDocument:
    async with request.form(max_files=1, max_fields=4, max_part_size=_MAX_FORM_FIELD_BYTES) as form:
        upload = form.get(UPLOAD_FIELD)
        if not isinstance(upload, UploadFile):
            raise InvalidInputError(
                f"upload the résumé (PDF, DOCX or plain text) in the multipart field '{UPLOAD_FIELD}'"
            )
        top = _form_top(form.get("top"))
        data = await _read_limited(upload, max_bytes)
        return UploadedDocument(data=data, filename=upload.filename, top=top)


def _form_top(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        top = int(str(value))
    except ValueError:
        top = 0
    if not 1 <= top <= MAX_TOP:
        raise RequestValidationError(
            [{"type": "value_error", "loc": ("body", "top"), "msg": f"a whole number from 1 to {MAX_TOP}"}]
        )
    return top


async def _read_limited(upload: UploadFile, max_bytes: int) -> bytes:
    """The upload's bytes, reading at most ``max_bytes + 1`` of them."""
    buffer = bytearray()
    while len(buffer) <= max_bytes:
        chunk = await upload.read(min(_CHUNK_BYTES, max_bytes + 1 - len(buffer)))
        if not chunk:
            return bytes(buffer)
        buffer += chunk
    raise FileTooLargeError(
        f"the file is over the {max_bytes:,}-byte limit; upload a shorter résumé or paste its text"
    )

"""Bad input answers a clear 4xx (never a 500), in one error shape, without echoing the input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.errors import STATUS_BY_ERROR, error_kind, status_for
from recommender import errors
from tests.api.helpers import MAX_UPLOAD_BYTES, SELF_ASSESSMENT, resume_text
from tests.helpers_docs import make_pdf, make_zip_bomb_docx


def _upload(client: TestClient, name: str, data: bytes, content_type: str = "application/octet-stream"):  # type: ignore[no-untyped-def]
    return client.post("/v1/candidates", files={"file": (name, data, content_type)})


def _assert_error(response, status: int, kind: str | None = None) -> dict[str, object]:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) >= {"error", "detail"} and body["detail"]
    if kind is not None:
        assert body["error"] == kind
    return body  # type: ignore[no-any-return]


# ----------------------------------------------------------------------------- uploads


def test_empty_file_is_422(sqlite_client: TestClient) -> None:
    _assert_error(_upload(sqlite_client, "cv.txt", b""), 422, "empty_document")


def test_binary_junk_named_pdf_is_415(sqlite_client: TestClient) -> None:
    junk = bytes(range(256)) * 20
    body = _assert_error(_upload(sqlite_client, "cv.pdf", junk, "application/pdf"), 415, "unsupported_file")
    assert "PDF" in str(body["detail"])


def test_damaged_pdf_is_422(sqlite_client: TestClient) -> None:
    _assert_error(_upload(sqlite_client, "cv.pdf", b"%PDF-1.4\n" + b"\x00garbage" * 100), 422)


def test_pdf_without_text_layer_is_422(sqlite_client: TestClient) -> None:
    _assert_error(_upload(sqlite_client, "scan.pdf", make_pdf(["x"], with_text=False)), 422, "empty_document")


def test_plain_text_upload_is_read(sqlite_client: TestClient) -> None:
    response = _upload(sqlite_client, "cv.txt", resume_text().encode(), "text/plain")
    assert response.status_code == 201


def test_oversize_upload_is_413(sqlite_client: TestClient) -> None:
    data = b"Answered customer calls all day. " * (MAX_UPLOAD_BYTES // 32 + 10)
    assert len(data) > MAX_UPLOAD_BYTES
    body = _assert_error(_upload(sqlite_client, "cv.txt", data, "text/plain"), 413, "file_too_large")
    assert f"{MAX_UPLOAD_BYTES:,}" in str(body["detail"])


def test_upload_exactly_at_the_limit_is_accepted(sqlite_client: TestClient) -> None:
    line = b"Answered customer calls and resolved billing complaints every day.\n"
    data = (line * (MAX_UPLOAD_BYTES // len(line) + 1))[:MAX_UPLOAD_BYTES]
    assert _upload(sqlite_client, "cv.txt", data, "text/plain").status_code == 201


def test_huge_declared_body_is_refused_before_reading(sqlite_client: TestClient) -> None:
    response = sqlite_client.post(
        "/v1/candidates",
        content=b"x" * (3 * MAX_UPLOAD_BYTES),
        headers={"Content-Type": "multipart/form-data; boundary=abc"},
    )
    _assert_error(response, 413, "file_too_large")


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/v1/match", "application/json"),
        ("/v1/candidates", "application/json"),
        ("/v1/candidates", "multipart/form-data; boundary=abc"),
    ],
)
def test_huge_chunked_body_is_cut_off_with_413(
    sqlite_client: TestClient, path: str, content_type: str
) -> None:
    def chunks():  # type: ignore[no-untyped-def]
        # No Content-Length: the size is only known by counting as it arrives.
        for _ in range(3 * MAX_UPLOAD_BYTES // 65536 + 1):
            yield b"x" * 65536

    response = sqlite_client.post(path, content=chunks(), headers={"Content-Type": content_type})
    _assert_error(response, 413, "file_too_large")


def test_zip_bomb_docx_is_413(sqlite_client: TestClient) -> None:
    _assert_error(_upload(sqlite_client, "cv.docx", make_zip_bomb_docx(30)), 413, "file_too_large")


def test_multipart_without_file_field_is_422(sqlite_client: TestClient) -> None:
    response = sqlite_client.post("/v1/candidates", data={"resume": "text"}, files={"other": ("a.txt", b"x")})
    body = _assert_error(response, 422, "invalid_input")
    assert "'file'" in str(body["detail"])


@pytest.mark.parametrize("top", ["0", "51", "lots"])
def test_multipart_bad_top_is_422(sqlite_client: TestClient, top: str) -> None:
    response = sqlite_client.post(
        "/v1/candidates", data={"top": top}, files={"file": ("cv.txt", resume_text().encode(), "text/plain")}
    )
    assert _assert_error(response, 422, "validation_error")["errors"][0]["field"] == "top"  # type: ignore[index]


def test_other_content_types_are_415(sqlite_client: TestClient) -> None:
    response = sqlite_client.post(
        "/v1/candidates", content=resume_text().encode(), headers={"Content-Type": "text/plain"}
    )
    _assert_error(response, 415, "unsupported_media_type")


# ----------------------------------------------------------------------------- JSON bodies


@pytest.mark.parametrize("path", ["/v1/match", "/v1/candidates"])
@pytest.mark.parametrize("body", [b"{not json", b'{"resume_text": "unterminated', b""])
def test_malformed_json_is_422_not_500(sqlite_client: TestClient, path: str, body: bytes) -> None:
    response = sqlite_client.post(path, content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422, response.text
    assert response.json()["error"] == "validation_error"


@pytest.mark.parametrize("path", ["/v1/match", "/v1/candidates"])
@pytest.mark.parametrize(
    ("assessment", "field"),
    [
        ({"skills": [{"name": "Complaints", "level": 9}]}, "self_assessment.skills.0.level"),
        ({"skills": [{"name": "Complaints"}]}, "self_assessment.skills.0.level"),
        ({"skills": [], "years_experience": -2}, "self_assessment.years_experience"),
        ({**SELF_ASSESSMENT, "favourite_colour": "blue"}, "self_assessment.favourite_colour"),
        ({**SELF_ASSESSMENT, "education": "wizard school"}, "self_assessment.education"),
    ],
)
def test_bad_self_assessment_names_the_field(
    sqlite_client: TestClient, path: str, assessment: dict[str, object], field: str
) -> None:
    response = sqlite_client.post(path, json={"self_assessment": assessment})
    body = _assert_error(response, 422, "validation_error")
    assert field in [problem["field"] for problem in body["errors"]]  # type: ignore[union-attr]
    assert field in str(body["detail"])


def test_empty_self_assessment_is_422(sqlite_client: TestClient) -> None:
    body = _assert_error(sqlite_client.post("/v1/match", json={"self_assessment": {}}), 422, "invalid_input")
    assert "skills" in str(body["detail"])


@pytest.mark.parametrize(
    "body",
    [{}, {"resume_text": "x", "self_assessment": SELF_ASSESSMENT}, {"resume": "typo"}],
    ids=["neither", "both", "unknown-field"],
)
def test_exactly_one_input_is_required(sqlite_client: TestClient, body: dict[str, object]) -> None:
    for path in ("/v1/match", "/v1/candidates"):
        _assert_error(sqlite_client.post(path, json=body), 422, "validation_error")


@pytest.mark.parametrize("resume", ["", "   \n  "])
def test_empty_resume_text_is_422(sqlite_client: TestClient, resume: str) -> None:
    _assert_error(sqlite_client.post("/v1/candidates", json={"resume_text": resume}), 422, "empty_document")


def test_oversize_resume_text_is_413(sqlite_client: TestClient) -> None:
    response = sqlite_client.post("/v1/match", json={"resume_text": "a" * (MAX_UPLOAD_BYTES + 1)})
    _assert_error(response, 413, "file_too_large")


def test_validation_errors_do_not_echo_the_input(sqlite_client: TestClient) -> None:
    secret = "jordan.quill@example.test"
    response = sqlite_client.post("/v1/match", json={"resume_text": ["not", "a", "string", secret]})
    assert response.status_code == 422
    assert secret not in response.text


def test_unknown_path_and_wrong_method_use_the_error_shape(sqlite_client: TestClient) -> None:
    _assert_error(sqlite_client.get("/v1/nowhere"), 404, "not_found")
    _assert_error(sqlite_client.put("/v1/match", json={}), 405, "method_not_allowed")


# ----------------------------------------------------------------------------- the mapping


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.EmptyDocumentError("x"), 422),
        (errors.InvalidInputError("x"), 422),
        (errors.UnsupportedFileError("x"), 415),
        (errors.FileTooLargeError("x"), 413),
        (errors.RoleNotFoundError("x"), 404),
        (errors.CandidateNotFoundError("x"), 404),
        (errors.ProfileDataError("x"), 503),
        (errors.ModelUnavailableError("x"), 503),
        (errors.EvaluationDataError("x"), None),
    ],
)
def test_library_errors_map_to_status_codes(error: errors.RecommenderError, status: int | None) -> None:
    assert status_for(error) == status


def test_error_kinds_are_snake_case_class_names() -> None:
    assert error_kind(errors.EmptyDocumentError) == "empty_document"
    assert {error_kind(cls) for cls in STATUS_BY_ERROR} >= {
        "file_too_large",
        "not_found",
        "model_unavailable",
    }


def test_profile_problems_are_503(sqlite_client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise errors.ModelUnavailableError("the model package is missing")

    monkeypatch.setattr(sqlite_client.app.state.recommender, "match", broken)  # type: ignore[attr-defined]
    body = _assert_error(sqlite_client.post("/v1/match", json={"resume_text": resume_text()}), 503)
    assert body == {"error": "model_unavailable", "detail": "the model package is missing"}

"""The command line as a user runs it: match, evaluate, errors and exit codes.

The CLI builds its recommender with ``Recommender.from_settings``; here that is
patched to the session's fake-encoder recommender so the tests stay fast.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from recommender import cli
from recommender.matcher import Recommender
from tests.test_matcher import AGENT, PASTRY_CHEF, TEAM_LEAD

runner = CliRunner()


@pytest.fixture(autouse=True)
def fast_recommender(monkeypatch: pytest.MonkeyPatch, fake_recommender: Recommender) -> None:
    monkeypatch.setattr(Recommender, "from_settings", classmethod(lambda cls, *a, **k: fake_recommender))


def test_match_prints_a_ranked_table_with_gaps(tmp_path: Path) -> None:
    resume = tmp_path / "lead.txt"
    resume.write_text(TEAM_LEAD, encoding="utf-8")
    result = runner.invoke(cli.app, ["match", str(resume), "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "score" in result.output and "readiness" in result.output
    assert "Why " in result.output


def test_match_json_is_the_report_and_respects_top(tmp_path: Path) -> None:
    resume = tmp_path / "agent.txt"
    resume.write_text(AGENT, encoding="utf-8")
    result = runner.invoke(cli.app, ["match", str(resume), "--json", "--top", "2"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert len(report["roles"]) == 2
    assert {"matched", "missing", "gaps", "actions", "why"} <= set(report["roles"][0])


def test_match_reads_a_self_assessment_json(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    path.write_text(
        json.dumps(
            {
                "skills": [{"name": "complaint handling", "level": 4}],
                "years_experience": 2,
                "education": "high school",
            }
        ),
        encoding="utf-8",
    )
    result = runner.invoke(cli.app, ["match", str(path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["candidate"]["source"] == "self_assessment"


def test_batch_of_files_gives_one_report_each(tmp_path: Path) -> None:
    paths = []
    for name, text in (("a.txt", AGENT), ("b.txt", PASTRY_CHEF)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    result = runner.invoke(cli.app, ["match", *paths, "--json"])
    assert result.exit_code == 0, result.output
    assert [r["file"] for r in json.loads(result.stdout)] == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.txt", b""), ("blank.txt", b"   \n\t  \n"), ("junk.pdf", b"\x00\x01\x02binary\xff\xfe" * 50)],
)
def test_unusable_input_is_one_line_and_exit_code_2(tmp_path: Path, name: str, content: bytes) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(cli.app, ["match", str(path)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert result.output.strip().startswith("error:")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(cli.app, ["match", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "nope.txt" in result.output


def test_evaluate_prints_ours_beside_both_baselines(tmp_path: Path) -> None:
    cases = tmp_path / "cases.jsonl"
    lines = [
        {
            "id": "a",
            "resume_text": AGENT,
            "acceptable_top": ["Customer Service Representative", "Customer Care Advisor"],
            "must_not_top3": ["Customer Care Executive"],
            "expected_missing": [],
            "expected_present": [],
            "unrelated": False,
        },
        {"id": "c", "resume_text": PASTRY_CHEF, "acceptable_top": [], "must_not_top3": [], "unrelated": True},
    ]
    cases.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    result = runner.invoke(
        cli.app,
        ["evaluate", str(cases), "--baseline", "tfidf", "--baseline", "keywords", "--json", "--no-fairness"],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert set(figures) == {"ours", "tfidf", "keywords"}
    assert {"top1", "mrr", "top3_violation_rate", "gap_recall", "false_gap_rate", "separation"} <= set(
        figures["ours"]
    )


def test_evaluate_names_the_bad_line(tmp_path: Path) -> None:
    cases = tmp_path / "bad.jsonl"
    cases.write_text(
        '{"id": "x", "resume_text": "hi", "acceptable_top": ["No Such Role"]}\n{oops\n', encoding="utf-8"
    )
    result = runner.invoke(cli.app, ["evaluate", str(cases)])
    assert result.exit_code != 0
    assert "bad.jsonl:2" in result.output

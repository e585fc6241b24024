"""The command line: ``recommender roles | profiles build | match | evaluate | calibrate | serve``."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import track
from rich.table import Table

from recommender.cli_profiles import profiles_app, roles_app
from recommender.errors import InvalidInputError, RecommenderError
from recommender.results import MatchReport

app = typer.Typer(
    help="Rank customer-care roles for a candidate, explain each score and list the gaps.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(roles_app, name="roles")
app.add_typer(profiles_app, name="profiles")

console = Console()
err_console = Console(stderr=True)

EXIT_BAD_INPUT = 2
EXIT_FAILURE = 1


def fail(error: RecommenderError | str) -> NoReturn:
    """Print a one-line message and exit non-zero (2 for bad input, 1 otherwise)."""
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
    code = EXIT_BAD_INPUT if isinstance(error, InvalidInputError | str) else EXIT_FAILURE
    raise typer.Exit(code)


def _recommender():  # type: ignore[no-untyped-def]
    from recommender.matcher import Recommender

    try:
        return Recommender.from_settings()
    except RecommenderError as exc:
        fail(exc)


def _about(years: float | None) -> str:
    return "not stated" if years is None else f"about {years:.1f}"


def print_report(report: MatchReport, name: str, top: int) -> None:
    summary = report.candidate
    facts = [
        f"level shown: [bold]{summary.estimated_level.replace('_', ' ')}[/] ({summary.level_reason})",
        f"years: {_about(summary.years_experience)}",
        f"managing people: {_about(summary.years_managing)}",
        f"education: {(summary.education or 'not stated').replace('_', ' ')}",
    ]
    console.rule(f"[bold]{name}")
    console.print("  " + " · ".join(facts), highlight=False)
    for warning in summary.warnings:
        console.print(f"  [yellow]warning:[/] {warning}", highlight=False)
    table = Table(show_lines=False)
    for column in ("#", "role", "level", "score", "readiness", "skills shown", "top gap"):
        table.add_column(column)
    for rank, role in enumerate(report.roles[:top], start=1):
        total = len(role.matched) + len(role.weak) + len(role.missing)
        first_gap = role.gaps[0].required if role.gaps else (role.missing[0].skill if role.missing else "-")
        colour = {"ready": "green", "stretch": "yellow", "not ready": "red"}[role.readiness]
        table.add_row(
            str(rank),
            role.title + (" (inferred profile)" if role.inferred_profile else ""),
            role.seniority.replace("_", " "),
            f"{role.score:.2f}",
            f"[{colour}]{role.readiness}[/]",
            f"{len(role.matched)}/{total}",
            first_gap,
        )
    console.print(table)
    best = report.roles[0]
    console.print(f"[bold]Why {best.title}:[/] {best.why}", highlight=False)
    for item in best.matched[:5]:
        console.print(f"  [green]✓[/] {item.skill}: “{item.evidence}”", highlight=False)
    for item in best.weak[:3]:
        console.print(f"  [yellow]~[/] {item.skill} (weak evidence): “{item.evidence}”", highlight=False)
    for item in best.missing[:4]:
        console.print(f"  [red]✗[/] {item.skill} ({item.importance})", highlight=False)
    if best.actions:
        console.print("[bold]To raise it:[/]")
        for action in best.actions[:4]:
            console.print(f"  • {action}", highlight=False)
    for step in report.next_steps:
        needs = [g.required for g in step.gaps] + step.missing_skills[:3]
        needs_text = "; ".join(needs) or "nothing more"
        console.print(
            f"[bold]Next:[/] {step.title} (score {step.score:.2f}) needs: {needs_text}", highlight=False
        )


@app.command()
def match(
    files: Annotated[
        list[Path], typer.Argument(help="Résumés (.txt, .pdf, .docx) or self-assessments (.json).")
    ],
    as_json: Annotated[bool, typer.Option("--json", help="Print the machine-readable report.")] = False,
    top: Annotated[int, typer.Option("--top", min=1, max=50, help="How many roles to show.")] = 5,
) -> None:
    """Rank the roles that suit each candidate, with evidence and gaps."""
    from recommender.candidates import load_candidate_file

    # Read every file first: a bad one fails in a second, before the model is loaded.
    candidates = []
    for path in files:
        try:
            candidates.append((path.name, load_candidate_file(path)))
        except RecommenderError as exc:
            fail(f"{path.name}: {exc}")
        except OSError as exc:
            fail(f"{path}: cannot read the file ({exc.strerror})")
    recommender = _recommender()
    reports: list[tuple[str, MatchReport]] = []
    batch = (
        track(candidates, description="Matching", console=err_console) if len(candidates) > 1 else candidates
    )
    for name, candidate in batch:
        reports.append((name, recommender.match(candidate, top=top)))
    if as_json:
        payload = [{"file": name, **r.model_dump(mode="json")} for name, r in reports]
        sys.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2) + "\n")
        return
    for name, report in reports:
        print_report(report, name, top)


@app.command()
def evaluate(
    file: Annotated[Path, typer.Argument(help="Labelled cases, one JSON object per line.")],
    baseline: Annotated[
        list[str] | None,
        typer.Option("--baseline", help="Also run a baseline: tfidf, keywords (repeatable)."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as JSON.")] = False,
    show_failures: Annotated[
        bool, typer.Option("--failures", help="List the cases each matcher got wrong.")
    ] = False,
    fairness: Annotated[
        bool, typer.Option("--fairness/--no-fairness", help="Run the counterfactual check.")
    ] = True,
) -> None:
    """Score a labelled set: top-1, MRR, top-3 violations, gap recall, false gaps, separation."""
    from recommender.evaluation import (
        GapJudge,
        KeywordBaseline,
        OurMatcher,
        TfidfBaseline,
        evaluate,
        load_cases,
    )

    try:
        cases = load_cases(file)
    except RecommenderError as exc:
        fail(exc)
    recommender = _recommender()
    matchers = [OurMatcher(recommender)]
    for name in baseline or []:
        if name == "tfidf":
            matchers.append(TfidfBaseline(recommender.catalog))  # type: ignore[arg-type]
        elif name == "keywords":
            matchers.append(KeywordBaseline(recommender.catalog))  # type: ignore[arg-type]
        else:
            fail(f"unknown baseline {name!r}: choose tfidf or keywords")
    judge = GapJudge(recommender.encoder, recommender.params.gap_match_threshold)
    reports = []
    for matcher in matchers:
        try:
            reports.append(evaluate(cases, matcher, recommender.catalog, judge))
        except RecommenderError as exc:
            fail(exc)
    fairness_figures = None
    if fairness:
        from recommender.fairness import counterfactual_check

        fairness_figures = counterfactual_check(recommender, [c for c in cases if c.resume_text])
    if as_json:
        out = {r.matcher: {**r.figures(), "cases": r.cases, "warnings": r.warnings} for r in reports}
        if show_failures:
            for r in reports:
                out[r.matcher]["failures"] = r.failures  # type: ignore[assignment]
        if fairness_figures is not None:
            out["fairness"] = fairness_figures  # type: ignore[assignment]
        sys.stdout.write(json.dumps(out, indent=2) + "\n")
        return
    table = Table(title=f"{file.name}: {len(cases)} cases")
    table.add_column("metric")
    for r in reports:
        table.add_column(r.matcher, justify="right")
    for metric in reports[0].figures():
        table.add_row(metric, *(f"{r.figures()[metric]:.3f}" for r in reports))
    console.print(table)
    for warning in reports[0].warnings:
        err_console.print(f"[yellow]warning:[/] {warning}", highlight=False)
    if fairness_figures is not None:
        console.print(
            f"fairness: {fairness_figures['variants']} counterfactual variants of "
            f"{fairness_figures['base_cases']} résumés; largest score change "
            f"{fairness_figures['max_score_change']:.2e}; "
            f"rankings identical: {fairness_figures['rankings_identical']}",
            highlight=False,
        )
    if show_failures:
        for r in reports:
            for failure in r.failures:
                console.print(f"[{r.matcher}] {json.dumps(failure)}", highlight=False)


@app.command()
def calibrate(
    train: Annotated[Path, typer.Option(help="Training split to fit on.")] = Path("data/eval/train.jsonl"),
    test: Annotated[Path, typer.Option(help="Held-out split, only reported.")] = Path("data/eval/test.jsonl"),
    write: Annotated[
        bool, typer.Option("--write/--dry-run", help="Write recommender/fitted_params.json.")
    ] = True,
) -> None:
    """Fit the skill threshold and the score weights on the training split (reproducible)."""
    from recommender.calibration import calibrate as run_calibration

    try:
        result = run_calibration(train, test, write=write)
    except RecommenderError as exc:
        fail(exc)
    sys.stdout.write(json.dumps(result, indent=2) + "\n")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Start the HTTP API (SQLite and the packaged model unless configured otherwise)."""
    from api.main import run_server

    run_server(host=host, port=port)


def main() -> None:  # pragma: no cover - console entry point
    logging.basicConfig(level=logging.WARNING)
    app()


if __name__ == "__main__":  # pragma: no cover
    main()

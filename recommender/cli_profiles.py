"""CLI commands for role profiles: ``roles`` (list, show) and ``profiles build``.

``recommender.cli`` mounts these apps::

    app.add_typer(roles_app, name="roles")
    app.add_typer(profiles_app, name="profiles")

``recommender roles`` with no subcommand lists the roles. Exit codes: 0 success, 1 unknown
role or broken profile data, 2 an input file that cannot be read or holds no usable text.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from recommender.builder import build_drafts, write_draft
from recommender.config import Settings
from recommender.errors import InvalidInputError, RecommenderError
from recommender.profiles import RoleCatalog, RoleProfile, load_catalog

EXIT_NOT_FOUND = 1
EXIT_BAD_INPUT = 2

DEFAULT_DRAFT_DIR = Path("drafts")

roles_app = typer.Typer(
    help="List and show the role profiles.",
    invoke_without_command=True,
    no_args_is_help=False,
)
profiles_app = typer.Typer(help="Work with role-profile files: build drafts from job descriptions.")


@profiles_app.callback()
def profiles_main() -> None:
    """Work with role-profile files."""
    # A callback keeps ``build`` a named subcommand even while it is the only one.


ProfilesDirOption = Annotated[
    Path | None,
    typer.Option(
        "--profiles-dir",
        help="Folder of role profile YAML files (default: the project's role_profiles/).",
        file_okay=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _stdout() -> Console:
    return Console()


def _fail(message: str, code: int) -> typer.Exit:
    Console(stderr=True).print(Text(f"error: {message}", style="red"), soft_wrap=True)
    return typer.Exit(code)


def _catalog(profiles_dir: Path | None) -> RoleCatalog:
    try:
        # Without --profiles-dir, the configured folder (RECOMMENDER_PROFILE_DIR), as everywhere else.
        return load_catalog(profiles_dir if profiles_dir is not None else Settings().profile_dir)
    except RecommenderError as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from exc


def _years(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"


def _managing(profile: RoleProfile) -> str:
    low, high = profile.experience.years_managing, profile.experience.years_managing_max
    if low is None:
        return "-"
    return f"{low:g}-{high:g}" if high is not None else f"{low:g}+"


def _experience_years(profile: RoleProfile) -> str:
    experience = profile.experience
    if experience.years_total is None and experience.years_related is None:
        return "-"
    parts = []
    if experience.years_total is not None:
        parts.append(f"{experience.years_total:g} total")
    if experience.years_related is not None:
        parts.append(f"{experience.years_related:g} related")
    return ", ".join(parts)


def _print_json(data: object) -> None:
    typer.echo(json.dumps(data, indent=2, ensure_ascii=False))


def _list_roles(profiles_dir: Path | None, as_json: bool) -> None:
    catalog = _catalog(profiles_dir)
    if as_json:
        _print_json([p.model_dump(mode="json") for p in catalog])
        return
    table = Table(title=f"{len(catalog)} role profiles", show_lines=False)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("title")
    table.add_column("seniority")
    table.add_column("education (min)")
    table.add_column("years")
    table.add_column("managing")
    table.add_column("inferred")
    for profile in catalog:
        table.add_row(
            profile.id,
            Text(profile.title),
            profile.seniority.label,
            profile.education.minimum.label,
            _experience_years(profile),
            _managing(profile),
            "yes" if profile.inferred else "",
        )
    _stdout().print(table)


@roles_app.callback()
def roles_main(
    ctx: typer.Context,
    profiles_dir: ProfilesDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the role profiles (the default) or show one of them."""
    ctx.obj = {"profiles_dir": profiles_dir}
    if ctx.invoked_subcommand is None:
        _list_roles(profiles_dir, as_json)


def _inherited_dir(ctx: typer.Context, profiles_dir: Path | None) -> Path | None:
    if profiles_dir is not None:
        return profiles_dir
    parent = ctx.obj if isinstance(ctx.obj, dict) else {}
    value = parent.get("profiles_dir")
    return Path(value) if value is not None else None


@roles_app.command("list")
def list_roles(
    ctx: typer.Context,
    profiles_dir: ProfilesDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """List every role: id, title, seniority, minimum education, years, managing years, inferred."""
    _list_roles(_inherited_dir(ctx, profiles_dir), as_json)


def _sources(names: tuple[str, ...]) -> str:
    return ", ".join(names) if names else "-"


def _with_note(value: str, note: str | None) -> Text:
    text = Text(value)
    if note:
        text.append(f"\n{note}", style="dim")
    return text


def _print_profile(profile: RoleProfile) -> None:
    console = _stdout()
    header = Text()
    header.append(f"{profile.title}", style="bold")
    header.append(f"  ({profile.id})\n")
    header.append(f"{profile.seniority.label} · family {profile.family}")
    if profile.inferred:
        header.append(" · inferred", style="yellow")
    if profile.aliases:
        header.append(f"\nalso called: {', '.join(profile.aliases)}")
    header.append(f"\n\n{profile.summary}")
    console.print(Panel(header, expand=False))

    if profile.inferred_from:
        console.print(Text(f"Inferred from: {profile.inferred_from}", style="yellow"))

    console.print(Text("Responsibilities", style="bold underline"))
    for item in profile.responsibilities:
        console.print(Text(f"  • {item}"))

    console.print(Text("Skills", style="bold underline"))
    for skill in profile.skills:
        line = Text("  • ")
        line.append(skill.name, style="bold")
        line.append(f" ({skill.id}) - {skill.importance.value} - sources: {_sources(skill.sources)}")
        console.print(line)
        console.print(Text(f"      {skill.description}", style="dim"))
        for example in skill.examples:
            console.print(Text(f"      - {example}"))

    facts = Table(title="Requirements", show_header=True)
    facts.add_column("what")
    facts.add_column("value")
    facts.add_column("sources")
    education = profile.education
    edu_value = education.minimum.label
    if education.preferred is not None:
        edu_value += f" (preferred: {education.preferred.label})"
    if education.fields:
        edu_value += f"; fields: {', '.join(education.fields)}"
    if education.equivalent_experience_accepted:
        edu_value += "; or equivalent"
    facts.add_row("education", _with_note(edu_value, education.note), _sources(education.sources))
    experience = profile.experience
    exp_value = f"years: {_experience_years(profile)}; managing: {_managing(profile)}"
    facts.add_row("experience", _with_note(exp_value, experience.note), _sources(experience.sources))
    if profile.salary is not None:
        salary = profile.salary
        low = f"{salary.minimum:,.0f}" if salary.minimum is not None else "?"
        high = f"{salary.maximum:,.0f}" if salary.maximum is not None else "?"
        value = f"{low} {salary.currency}" if low == high else f"{low} - {high} {salary.currency}"
        value += f" per {salary.period}"
        facts.add_row("salary", _with_note(value, salary.note), _sources(salary.sources))
    facts.add_row("reports to", Text(profile.reports_to or "-"), "")
    facts.add_row("next roles", Text(", ".join(profile.next_roles) or "- (top of the ladder)"), "")
    if profile.related_occupations:
        facts.add_row("related occupations", Text(", ".join(profile.related_occupations)), "")
    console.print(facts)

    if profile.conflicts:
        console.print(Text("Where the sources disagree", style="bold underline"))
        for conflict in profile.conflicts:
            console.print(Text(f"  • {conflict}"))
    console.print(Text(f"Sources: {_sources(profile.sources)}"))


@roles_app.command("show")
def show_role(
    ctx: typer.Context,
    role: Annotated[str, typer.Argument(help="Role id, title or alias (case-insensitive).")],
    profiles_dir: ProfilesDirOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one role profile in full, with the source documents of every fact."""
    catalog = _catalog(_inherited_dir(ctx, profiles_dir))
    try:
        profile = catalog.get(role)
    except RecommenderError as exc:
        raise _fail(str(exc), EXIT_NOT_FOUND) from exc
    if as_json:
        _print_json(profile.model_dump(mode="json"))
    else:
        _print_profile(profile)


def _read_text(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(f"{path}: not a UTF-8 text file", EXIT_BAD_INPUT) from exc
    except OSError as exc:
        raise _fail(f"{path}: cannot read the file ({exc.strerror or exc})", EXIT_BAD_INPUT) from exc
    if not text.strip():
        raise _fail(f"{path}: the file is empty", EXIT_BAD_INPUT)
    return text


def _unique_ids(drafts: list[RoleProfile]) -> list[RoleProfile]:
    """Two postings with the same title would overwrite each other's file; number the repeats."""
    seen: dict[str, int] = {}
    unique = []
    for draft in drafts:
        count = seen.get(draft.id, 0) + 1
        seen[draft.id] = count
        unique.append(draft if count == 1 else draft.model_copy(update={"id": f"{draft.id}_{count}"}))
    return unique


@profiles_app.command("build")
def build_profiles(
    files: Annotated[list[Path], typer.Argument(help="Job-description text files.", show_default=False)],
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the draft YAML files.", file_okay=False)
    ] = DEFAULT_DRAFT_DIR,
    as_json: JsonOption = False,
) -> None:
    """Build draft role profiles from job descriptions and write them as YAML for review."""
    drafts: list[RoleProfile] = []
    origins: list[Path] = []
    for path in files:
        text = _read_text(path)
        try:
            built = build_drafts(text, path.name)
        except InvalidInputError as exc:
            raise _fail(f"{path}: {exc}", EXIT_BAD_INPUT) from exc
        drafts.extend(built)
        origins.extend([path] * len(built))
    drafts = _unique_ids(drafts)
    try:
        written = [write_draft(draft, out) for draft in drafts]
    except OSError as exc:
        raise _fail(f"{out}: cannot write drafts ({exc.strerror or exc})", EXIT_BAD_INPUT) from exc

    if as_json:
        _print_json(
            [
                {"file": str(path), "source": str(origin), "profile": draft.model_dump(mode="json")}
                for draft, path, origin in zip(drafts, written, origins, strict=True)
            ]
        )
        return
    table = Table(title=f"{len(drafts)} draft profile(s) written to {out}/ - review before use")
    table.add_column("source", no_wrap=True)
    table.add_column("id", no_wrap=True, style="bold")
    table.add_column("seniority")
    table.add_column("education")
    table.add_column("years (total/related/managing)")
    table.add_column("salary")
    table.add_column("reports to")
    table.add_column("duties / skills")
    for draft, origin in zip(drafts, origins, strict=True):
        education = draft.education.minimum.label
        if draft.education.preferred is not None:
            education += f" (pref. {draft.education.preferred.label})"
        experience = draft.experience
        years = f"{_years(experience.years_total)} / {_years(experience.years_related)} / {_managing(draft)}"
        salary = "-"
        if draft.salary is not None:
            low, high = draft.salary.minimum, draft.salary.maximum
            amounts = "-".join(f"{v:,.0f}" for v in dict.fromkeys(v for v in (low, high) if v is not None))
            salary = f"{amounts} {draft.salary.currency}/{draft.salary.period}"
        table.add_row(
            origin.name,
            draft.id,
            draft.seniority.label,
            education,
            years,
            salary,
            Text(draft.reports_to or "-"),
            f"{len(draft.responsibilities)} / {len(draft.skills)}",
        )
    _stdout().print(table)

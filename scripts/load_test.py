"""A bounded load test of the API on loopback: concurrent candidates and recruiters, then a count.

Starts the service itself (``scripts/_load_server.py``: uvicorn on a free 127.0.0.1 port,
a fresh SQLite file in a temporary folder, a recruiter key), then for ``--seconds``
runs ``--submitters`` clients posting candidates (JSON résumé text, JSON self-assessments,
.txt and .docx uploads, varied) and ``--recruiters`` clients reading shortlists (JSON),
all at once. Afterwards every accepted submission is read back with its own token and
the database rows are counted. Prints one table and exits non-zero if any request failed
(non-2xx or an exception) or any accepted submission is missing::

    python scripts/load_test.py [--seconds 20] [--submitters 8] [--recruiters 2] [--fake-encoder]

The real model is used unless ``--fake-encoder`` (the hashing encoder: a quick check of
the plumbing, not a measure of the model's speed). Nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import random
import secrets
import sqlite3
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from _load_server import ServerProcess, ServerStartError  # scripts/ is on sys.path when run as a script

REQUEST_TIMEOUT_S = 60.0
MAX_ERROR_SAMPLES = 5

# ----------------------------------------------------------------------------- varied candidates

_EMPLOYERS = ("Acme Telecom", "Northwind Energy", "Contoso Bank", "Brightway Broadband", "Halcyon Insurance")
_DUTIES = (
    "Answered {n} inbound calls a day about billing, orders and refunds.",
    "Resolved customer complaints on the first call and escalated disputes to my supervisor.",
    "Logged every contact in the CRM and ticketing system.",
    "Coached {m} new starters on de-escalation and first-call resolution.",
    "Supervised a team of {m} agents and listened to their calls every week.",
    "Planned the weekly rota and reported service levels to the operations manager.",
    "Scored {n} calls a month against the quality framework and ran calibration sessions.",
    "Designed induction training for new advisors and ran refresher workshops.",
    "Answered customer e-mails and live chats about deliveries and returns.",
    "Managed a contact centre of {n} seats and a budget of {m} million.",
)
_TITLES = (
    "Customer Service Representative",
    "Customer Care Advisor",
    "Team Leader",
    "Contact Centre Supervisor",
    "Quality Assurance Analyst",
    "Customer Service Manager",
)
_EDUCATION = ("High school diploma", "Associate degree in Business", "BA Communications", "MBA")
_SKILLS = (
    "Handling customer complaints",
    "Answering inbound calls",
    "Coaching agents",
    "Workforce planning",
    "Call quality monitoring",
    "Zendesk",
    "Salesforce Service Cloud",
    "De-escalation",
)


def resume(rng: random.Random) -> str:
    start = rng.randint(2005, 2022)
    duties = rng.sample(_DUTIES, k=rng.randint(3, 6))
    lines = [
        f"{rng.choice(_TITLES)}, {rng.choice(_EMPLOYERS)}, {start} - Present",
        *(f"- {d.format(n=rng.randint(20, 90), m=rng.randint(3, 15))}" for d in duties),
        f"Education: {rng.choice(_EDUCATION)}",
        f"Reference number {rng.getrandbits(40):x}.",  # no two résumés alike
    ]
    return "\n".join(lines)


def self_assessment(rng: random.Random) -> dict[str, object]:
    skills = rng.sample(_SKILLS, k=rng.randint(1, 5))
    years = rng.randint(0, 20)
    return {
        "skills": [{"name": s, "level": rng.randint(1, 5)} for s in skills],
        "years_experience": years,
        "years_managing": rng.randint(0, years),
        "education": rng.choice(("high school", "bachelor", "master", None)),
    }


def docx_bytes(text: str) -> bytes:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ----------------------------------------------------------------------------- the run


@dataclass
class Outcomes:
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: {"submit": [], "shortlist": []})
    errors: dict[str, int] = field(default_factory=lambda: {"submit": 0, "shortlist": 0})
    error_samples: list[str] = field(default_factory=list)
    accepted: list[tuple[str, str]] = field(default_factory=list)  # (id, token)

    def record(self, kind: str, started: float, response: httpx.Response | None, problem: str = "") -> None:
        self.latencies_ms[kind].append((time.perf_counter() - started) * 1000)
        if response is not None and response.is_success:
            return
        self.errors[kind] += 1
        if len(self.error_samples) < MAX_ERROR_SAMPLES:
            detail = f"{response.status_code} {response.text[:160]}" if response is not None else problem
            self.error_samples.append(f"{kind}: {detail}")


async def submitter(client: httpx.AsyncClient, rng: random.Random, deadline: float, out: Outcomes) -> None:
    docx_cache = [docx_bytes(resume(rng)) for _ in range(3)]
    while time.monotonic() < deadline:
        shape = rng.choice(("json", "json", "assessment", "txt", "docx"))
        if shape == "json":
            request = {"json": {"resume_text": resume(rng)}}
        elif shape == "assessment":
            request = {"json": {"self_assessment": self_assessment(rng)}}
        elif shape == "txt":
            request = {"files": {"file": ("cv.txt", resume(rng).encode(), "text/plain")}}
        else:
            request = {"files": {"file": ("cv.docx", rng.choice(docx_cache), "application/octet-stream")}}
        started = time.perf_counter()
        try:
            response = await client.post("/v1/candidates", **request)  # type: ignore[arg-type]
        except httpx.HTTPError as exc:
            out.record("submit", started, None, f"{type(exc).__name__}: {exc}")
            continue
        out.record("submit", started, response)
        if response.status_code == 201:
            body = response.json()
            out.accepted.append((body["id"], body["access_token"]))


async def recruiter(
    client: httpx.AsyncClient, rng: random.Random, roles: list[str], key: str, deadline: float, out: Outcomes
) -> None:
    while time.monotonic() < deadline:
        role = rng.choice(roles)
        started = time.perf_counter()
        try:
            response = await client.get(
                f"/v1/roles/{role}/shortlist", params={"limit": 20}, headers={"X-API-Key": key}
            )
        except httpx.HTTPError as exc:
            out.record("shortlist", started, None, f"{type(exc).__name__}: {exc}")
            continue
        out.record("shortlist", started, response)


async def read_back(client: httpx.AsyncClient, accepted: list[tuple[str, str]]) -> tuple[int, list[str]]:
    """How many accepted submissions read back (200) with their own token."""
    limit = asyncio.Semaphore(8)
    problems: list[str] = []

    async def one(candidate_id: str, token: str) -> bool:
        async with limit:
            try:
                response = await client.get(
                    f"/v1/candidates/{candidate_id}", headers={"Authorization": f"Bearer {token}"}
                )
            except httpx.HTTPError as exc:
                problems.append(f"{candidate_id}: {type(exc).__name__}")
                return False
            if response.status_code != 200:
                problems.append(f"{candidate_id}: {response.status_code}")
            return response.status_code == 200

    found = await asyncio.gather(*(one(i, t) for i, t in accepted))
    return sum(found), problems[:MAX_ERROR_SAMPLES]


async def run_load(
    base_url: str, key: str, seconds: float, submitters: int, recruiters: int, seed: int
) -> tuple[Outcomes, float, int, list[str]]:
    limits = httpx.Limits(max_connections=submitters + recruiters + 8, max_keepalive_connections=None)
    async with httpx.AsyncClient(
        base_url=base_url, timeout=REQUEST_TIMEOUT_S, limits=limits, trust_env=False
    ) as client:
        roles = [role["id"] for role in (await client.get("/v1/roles")).raise_for_status().json()]
        out = Outcomes()
        started = time.monotonic()
        deadline = started + seconds
        workers = [
            submitter(client, random.Random(seed * 1000 + i), deadline, out) for i in range(submitters)
        ]
        workers += [
            recruiter(client, random.Random(seed * 1000 + 500 + i), roles, key, deadline, out)
            for i in range(recruiters)
        ]
        await asyncio.gather(*workers)
        elapsed = time.monotonic() - started
        found, read_problems = await read_back(client, out.accepted)
    return out, elapsed, found, read_problems


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * len(ordered) + 0.5) - 1))]


def count_rows(database: Path) -> int:
    connection = sqlite3.connect(database)
    try:
        return int(connection.execute("SELECT count(*) FROM candidates").fetchone()[0])
    finally:
        connection.close()


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=20.0, help="how long to apply load (default 20)")
    parser.add_argument("--submitters", type=int, default=8, help="concurrent candidate clients (default 8)")
    parser.add_argument("--recruiters", type=int, default=2, help="concurrent shortlist clients (default 2)")
    parser.add_argument(
        "--fake-encoder", action="store_true", help="the hashing encoder instead of the model"
    )
    parser.add_argument("--seed", type=int, default=7, help="seed of the varied résumés")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.submitters < 1 or args.recruiters < 0:
        parser.error("--seconds must be positive, --submitters at least 1, --recruiters at least 0")
    return args


def main(argv: list[str] | None = None) -> int:
    args = _parse_args(argv)
    key = secrets.token_urlsafe(24)
    with tempfile.TemporaryDirectory(prefix="load-test-") as tmp:
        workdir = Path(tmp)
        database = workdir / "load.sqlite3"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("RECOMMENDER_")},
            "RECOMMENDER_RECRUITER_API_KEY": key,
        }
        encoder = "hashing encoder (--fake-encoder)" if args.fake_encoder else "packaged model"
        print(f"starting the service ({encoder}, SQLite in {workdir}) ...", flush=True)
        launched = time.monotonic()
        try:
            server = ServerProcess.start(
                workdir, database_url=f"sqlite:///{database}", fake_encoder=args.fake_encoder, env=env
            )
        except ServerStartError as exc:
            print(f"error: the service did not start: {exc}", file=sys.stderr)
            return 1
        print(
            f"ready in {time.monotonic() - launched:.1f} s on {server.base_url}; "
            f"load for {args.seconds:g} s: {args.submitters} submitters, {args.recruiters} recruiters",
            flush=True,
        )
        try:
            out, elapsed, found, read_problems = asyncio.run(
                run_load(server.base_url, key, args.seconds, args.submitters, args.recruiters, args.seed)
            )
        finally:
            server.stop()
        rows = count_rows(database)

    print()
    print(f"{'kind':<10} {'requests':>9} {'req/s':>8} {'p50 ms':>9} {'p99 ms':>9} {'errors':>7}")
    for kind, latencies in out.latencies_ms.items():
        print(
            f"{kind:<10} {len(latencies):>9} {len(latencies) / elapsed:>8.1f} "
            f"{percentile(latencies, 50):>9.1f} {percentile(latencies, 99):>9.1f} {out.errors[kind]:>7}"
        )
    errors = sum(out.errors.values())
    missing = len(out.accepted) - found
    print()
    print(
        f"errors: {errors}   accepted: {len(out.accepted)}   stored and readable: {found}   "
        f"missing: {missing}   rows in database: {rows}   (load phase {elapsed:.1f} s)"
    )
    for sample in out.error_samples + [f"read back: {p}" for p in read_problems]:
        print(f"  {sample}")
    ok = errors == 0 and missing == 0
    print("result: OK" if ok else "result: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

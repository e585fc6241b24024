"""Speed and memory figures, printed as a table: ``make bench`` or ``python -m recommender.bench``.

Nothing here is asserted: machines are shared and noisy, so the figures that matter
are ratios measured in one run (our whole match path vs. the raw encoder on the same
sentences) and how times grow with the number of roles and candidates.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import numpy as np
from rich.console import Console
from rich.table import Table

from recommender.candidates import parse_resume
from recommender.matcher import CandidateFeatures, Recommender
from recommender.profiles import RoleCatalog
from recommender.scoring import CandidateFacts, SkillEvidenceArrays

RESUME_400_WORDS = """Customer Support Team Lead
Summary: Contact-centre team lead with seven years on the phones, chat and e-mail, the last three leading
a pod of nine agents for a subscription retailer. I like turning angry callers into loyal customers and
helping new starters find their feet.
Experience
Team Lead, Inbound Support, March 2021 - present
- Coached a pod of 9 agents with weekly one-to-ones and side-by-side call listening.
- Kept average handle time under six minutes while lifting CSAT from 84% to 92%.
- Built the weekly rota in NICE IEX and re-forecast intraday when volumes spiked.
- Took over escalations from the floor and de-escalated irate callers before they churned.
- Interviewed applicants for the team and wrote their probation reviews.
- Ran the morning huddle on yesterday's stats, queue times and quality scores.
- Wrote a refunds macro library in Zendesk that cut repeat contacts by 15%.
Senior Customer Service Advisor, January 2018 - February 2021
- Handled 80+ inbound calls a day on billing, deliveries and returns.
- Processed refunds, exchanges and chargebacks and kept account notes up to date in Salesforce.
- Mentored new hires on the product range and the complaints procedure.
- Covered the team lead role during holidays and handled second-line complaints.
Customer Service Representative, June 2015 - December 2017
- Answered calls and live chats about orders, payments and account changes.
- Took orders over the phone and upsold delivery plans where they helped the customer.
- Logged every contact in the CRM and followed up on open tickets within 24 hours.
Education
BA (Hons) Business Management, 2015
Skills
Zendesk, Salesforce Service Cloud, Five9, NICE IEX, Excel pivot tables, coaching, call quality scoring,
complaint handling, forecasting and scheduling, calm under pressure, clear writing.
Achievements
Agent of the quarter twice; led the pilot that moved returns to self-service, saving 1,200 calls a month;
trained 30 new starters on the returns and refunds process; reduced absence in the pod by planning fair
shift swaps; presented monthly service reviews to the operations manager.
Volunteering
Answer the phone line for a local food bank two evenings a month, log requests and book
deliveries; trained four new volunteers on the booking sheet and the call script.
Interests
Running, community radio, and teaching my nephew to code in Scratch.
Languages
English (native), conversational Spanish used daily with callers on the Spanish queue.
"""


def _percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(values), q))


def bench_match(rec: Recommender, repeats: int = 30) -> dict[str, float]:
    candidate = parse_resume(RESUME_400_WORDS)
    sentences = list(candidate.sentences)
    rec.match(candidate)  # warm-up: first call pays for lazy initialisation
    ours: list[float] = []
    raw: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        rec.encoder.encode(sentences)
        raw.append(time.perf_counter() - start)
        start = time.perf_counter()
        rec.match(parse_resume(RESUME_400_WORDS))
        ours.append(time.perf_counter() - start)
    return {
        "words": len(RESUME_400_WORDS.split()),
        "sentences": len(sentences),
        "median_ms": statistics.median(ours) * 1000,
        "p95_ms": _percentile(ours, 95) * 1000,
        "raw_encoder_median_ms": statistics.median(raw) * 1000,
        "ratio": statistics.median(ours) / statistics.median(raw),
    }


def bench_cold_start() -> dict[str, float]:
    """A fresh interpreter: import, load model and profiles (disk cache warm), first match."""
    code = (
        "import time, resource; t=time.perf_counter();"
        "from recommender.matcher import Recommender; from recommender.candidates import parse_resume;"
        "from recommender.bench import RESUME_400_WORDS;"
        "rec=Recommender.from_settings(); rec.match(parse_resume(RESUME_400_WORDS));"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    start = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    return {
        "in_process_s": float(out[0]),
        "wall_s": time.perf_counter() - start,
        "peak_rss_mb": int(out[1]) / 1024,
    }


def _synthetic_features(rec: Recommender, n: int, seed: int = 0) -> list[CandidateFeatures]:
    """Stored candidates' derived features (what submission computes once from their embeddings)."""
    rng = np.random.default_rng(seed)
    k, d = rec.roles.n_skills, rec.roles.role_vectors.shape[1]
    strengths = rng.uniform(0.1, 0.8, size=(n, k)).astype(np.float32)
    centroids = rng.normal(size=(n, d)).astype(np.float32)
    centroids /= np.linalg.norm(centroids, axis=1, keepdims=True)
    title_match = rng.uniform(0.0, 1.0, size=(n, rec.roles.n_roles))
    out = []
    for i in range(n):
        evidence = SkillEvidenceArrays(strengths[i], np.zeros(k, np.int64), np.full(k, -1, np.int64))
        facts = CandidateFacts.single(
            float(rng.uniform(0, 20)), float(rng.uniform(0, 10)), 3, int(rng.integers(0, 6))
        )
        out.append(
            CandidateFeatures(
                evidence, centroids[i], facts, rec.catalog[0].seniority, "synthetic", title_match[i]
            )
        )
    return out


def bench_shortlist(
    rec: Recommender, sizes: tuple[int, ...] = (1_000, 10_000, 100_000)
) -> list[dict[str, float | str]]:
    candidate = parse_resume(RESUME_400_WORDS)
    rows: list[dict[str, float | str]] = []
    role = "customer_care_supervisor"
    for n in sizes:
        features = _synthetic_features(rec, n)
        profiles = [(f"c{i}", candidate) for i in range(n)]
        start = time.perf_counter()
        rec.shortlist_features(role, profiles, features, limit=20)
        elapsed = time.perf_counter() - start
        rows.append({"candidates": n, "seconds": elapsed, "candidates_per_s": n / elapsed})
    # From stored embeddings (evidence re-derived, nothing re-encoded), at a size that fits in memory.
    vectors = rec.encode_candidate(candidate)
    for n in (1_000,):
        stored = [(f"c{i}", candidate, vectors) for i in range(n)]
        start = time.perf_counter()
        rec.shortlist(role, stored, limit=20)
        elapsed = time.perf_counter() - start
        rows.append(
            {"candidates": n, "seconds": elapsed, "candidates_per_s": n / elapsed, "from": "embeddings"}
        )
    return rows


def bench_role_scaling(rec: Recommender, factors: tuple[int, ...] = (1, 4, 16)) -> list[dict[str, float]]:
    """Scoring cost (encoding excluded) as the catalog grows: copies of the profiles under new ids."""
    candidate = parse_resume(RESUME_400_WORDS)
    vectors = rec.encode_candidate(candidate)
    rows = []
    for factor in factors:
        profiles = [replace_profile(p, f"{p.id}_{i}") for i in range(factor) for p in rec.catalog]
        bigger = Recommender(RoleCatalog(profiles), rec.encoder, params=rec.params, cache_dir=None)
        bigger.match(candidate, vectors=vectors)
        times = []
        for _ in range(10):
            start = time.perf_counter()
            bigger.match(candidate, vectors=vectors)
            times.append(time.perf_counter() - start)
        rows.append({"roles": len(profiles), "score_and_explain_ms": statistics.median(times) * 1000})
    return rows


def replace_profile(profile, new_id: str):  # type: ignore[no-untyped-def]
    next_roles = tuple(f"{r}_{new_id.rsplit('_', 1)[1]}" for r in profile.next_roles)
    return profile.model_copy(update={"id": new_id, "next_roles": next_roles})


def main() -> None:
    console = Console()
    rec = Recommender.from_settings()
    match = bench_match(rec)
    table = Table(title=f"One match, {match['words']}-word résumé ({match['sentences']} sentences), 30 runs")
    for column in ("median ms", "p95 ms", "raw encoder median ms", "ours / raw encoder"):
        table.add_column(column, justify="right")
    table.add_row(
        f"{match['median_ms']:.1f}",
        f"{match['p95_ms']:.1f}",
        f"{match['raw_encoder_median_ms']:.1f}",
        f"{match['ratio']:.2f}x",
    )
    console.print(table)

    cold = bench_cold_start()
    table = Table(title="Cold start to first result (fresh interpreter, embedding cache warm)")
    for column in ("in-process s", "wall s", "peak RSS MB"):
        table.add_column(column, justify="right")
    table.add_row(f"{cold['in_process_s']:.2f}", f"{cold['wall_s']:.2f}", f"{cold['peak_rss_mb']:.0f}")
    console.print(table)

    table = Table(title="Shortlist one role (stored candidates; nothing re-encoded)")
    for column in ("candidates", "from", "seconds", "candidates/s"):
        table.add_column(column, justify="right")
    for row in bench_shortlist(rec):
        table.add_row(
            f"{int(row['candidates']):,}",
            str(row.get("from", "stored features")),
            f"{float(row['seconds']):.3f}",
            f"{float(row['candidates_per_s']):,.0f}",
        )
    console.print(table)

    table = Table(title="Growth with the number of roles (one candidate, encoding excluded)")
    table.add_column("roles", justify="right")
    table.add_column("score + explain ms", justify="right")
    for growth in bench_role_scaling(rec):
        table.add_row(str(growth["roles"]), f"{growth['score_and_explain_ms']:.1f}")
    console.print(table)


if __name__ == "__main__":
    main()

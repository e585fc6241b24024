"""Try the recommender on the 271 public texts in ../shared/external (read in place, never copied).

Prints, per group, how often each seniority level comes first and the spread of best
scores, and how the unrelated group's best scores compare with the customer-service
groups'. The headlines are weak labels, so this is a sanity check, not an accuracy figure.

    python scripts/external_check.py [--limit N] [--show-group GROUP]
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
from pathlib import Path

from recommender.candidates import jobs_held, parse_resume
from recommender.errors import RecommenderError
from recommender.matcher import Recommender
from recommender.service_context import service_signs

EXTERNAL = Path(__file__).resolve().parents[2] / "shared" / "external" / "external_candidates.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--show-group", default=None, help="print each item of this group")
    args = parser.parse_args()
    if not EXTERNAL.is_file():
        raise SystemExit(f"{EXTERNAL} not found: the external texts live beside the repository in shared/")
    rows = [json.loads(line) for line in EXTERNAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    rec = Recommender.from_settings()
    levels: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    best: dict[str, list[float]] = collections.defaultdict(list)
    full_signs: collections.Counter[str] = collections.Counter()
    failures = collections.Counter()
    for row in rows:
        group = row["group"]
        try:
            candidate = parse_resume(row["text"])
            report = rec.match(candidate, top=3)
        except RecommenderError as exc:
            failures[type(exc).__name__] += 1
            continue
        # How often the plain signs of service work reach full strength (ScoringParams).
        signs = service_signs(candidate.sentences, [title for title, _ in jobs_held(candidate)])
        full_signs[group] += len(signs) >= rec.params.service_signs_for_full
        top = report.roles[0]
        levels[group][top.seniority] += 1
        best[group].append(top.score)
        if group == args.show_group:
            print(
                f"{row['id']:<28} {row['category_or_title'][:40]:<40} -> {top.title:<34} {top.score:.2f} "
                f"({report.candidate.estimated_level})"
            )
    header = f"{'group':<30}{'n':>4}  {'median best':>11}  {'max best':>8}  {'full signs':>10}"
    print(f"\n{header}  top-role levels")
    for group in sorted(best):
        scores = best[group]
        print(
            f"{group:<30}{len(scores):>4}  {statistics.median(scores):>11.2f}  {max(scores):>8.2f}  "
            f"{full_signs[group]:>10}  " + ", ".join(f"{k}:{v}" for k, v in levels[group].most_common())
        )
    if "unrelated" in best:
        related = [s for g, v in best.items() if g.startswith("customer_service") for s in v]
        unrelated = best["unrelated"]
        below = sum(1 for s in unrelated if s < min(related)) if related else 0
        print(
            f"\nunrelated best scores below the lowest customer-service best score: {below}/{len(unrelated)}"
        )
        print(
            f"unrelated median {statistics.median(unrelated):.2f} vs customer-service median "
            f"{statistics.median(related):.2f}"
        )
    if failures:
        print(f"refused inputs: {dict(failures)}")


if __name__ == "__main__":
    main()

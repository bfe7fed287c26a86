"""Rule 11 benchmark: the past-winner rule over many titles against a few hundred winners.

Titles come from the demo generator (its templates make titles that share words and first
letters, as real ones do): `--base` generated submissions repeated up to `--count`, and
the titles and organisations of another generated set as the winners. Prints the CPU time
(process time: a busy machine inflates wall time, less so this) of the rule's check alone,
best of `--repeat`. With `--texts`, the winners carry the other set's summaries and the
submissions their own (the text evidence: every submission's summary against every
winner's text).

    .venv/bin/python benchmarks/bench_past_winners.py --count 100000 --winners 400 [--texts]
"""

from __future__ import annotations

import argparse
import time

from panel_app.demo.generator import generate_submission_set
from panel_app.edition import load_edition_by_key
from panel_app.rules import PastWinner, RuleContext, RuleInput
from panel_app.rules.past_winners import check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--base", type=int, default=10_000, help="distinct submissions")
    parser.add_argument("--winners", type=int, default=400)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--texts", action="store_true", help="compare the texts too")
    args = parser.parse_args()
    edition = load_edition_by_key("wsis-2020")
    base = generate_submission_set(edition, count=min(args.base, args.count), seed=7).rows
    others = generate_submission_set(edition, count=args.winners, seed=8).rows
    winners = tuple(
        PastWinner(
            str(row["Project title"]),
            str(row["Organisation"]),
            2012 + i % 8,
            str(row["Project summary"] or "") if args.texts else "",
        )
        for i, row in enumerate(others)
    )
    inputs = [
        RuleInput(
            str(i),
            title=str(base[i % len(base)]["Project title"] or ""),
            organisation=str(base[i % len(base)]["Organisation"] or ""),
            summary=str(base[i % len(base)]["Project summary"] or "") if args.texts else "",
        )
        for i in range(args.count)
    ]
    context = RuleContext(past_winners=winners)
    times = []
    for _ in range(args.repeat):
        start = time.process_time()
        found = check(edition, inputs, context)
        times.append(time.process_time() - start)
    print(
        f"past-winner: {args.count:,} submissions x {len(winners)} winners"
        f"{' with texts' if args.texts else ''}: "
        f"{min(times):.2f} s CPU (best of {args.repeat}), {len(found)} findings"
    )


if __name__ == "__main__":
    main()

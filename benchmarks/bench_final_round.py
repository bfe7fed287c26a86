"""Final-round benchmark: the chair's view, the selection and the results export.

For each size it builds a demo workspace once (`panel-app demo` then `panel-app
demo-final`: 5 finalists per category from the nominee list, every expert of the category
on each, generated reviews), then measures in fresh processes, each on a fresh copy so
that peak memory (ru_maxrss) is each step's own:
  - report:  `final_round_report` of every category (reviews, composites, per-criterion
             means, ranks, Kendall's W, Schulze), what `panel-app final-round` computes;
  - select:  `record_selection` of a winner and four champions in every category (the
             score order), each its own transaction with its audit entry;
  - export:  `export_results` to .xlsx once every category is selected (set-up).
Prints medians and peak memory as a Markdown table for docs/benchmarks.md.

    .venv/bin/python benchmarks/bench_final_round.py --count 1000 --repeat 5
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import HEADER, report

OPEN = """
from pathlib import Path
from panel_app.workflow.workspace import locate_workspace, open_workspace
ws = open_workspace(locate_workspace(Path(WORKSPACE)))
from panel_app.workflow.final.final_round import final_round_report, record_selection
"""

SELECT_ALL = """
for category in final_round_report(ws).categories:
    ids = [f.submission_id for f in category.finalists]
    record_selection(ws, category.category_key, winners=ids[:1], champions=ids[1:5],
                     reason="benchmark", actor="benchmark")
"""

STEP_CODE = {
    "report": (OPEN, "assert len(final_round_report(ws).categories) == 18"),
    "select": (
        OPEN + "report = final_round_report(ws)\n",
        SELECT_ALL.replace("final_round_report(ws).categories", "report.categories"),
    ),
    "export": (
        OPEN + SELECT_ALL + "from panel_app.workflow.final.results import export_results\n",
        "assert export_results(ws, Path(WORKSPACE).with_suffix('.xlsx')).rows == 90",
    ),
}

PREPARE = """
import sys
from pathlib import Path
from panel_app.cli import main
path = Path(sys.argv[2])
assert main(["demo", "--no-gui", "--count", sys.argv[1], "--workspace", str(path)]) == 0
assert main(["demo-final", "--workspace", str(path)]) == 0
"""


def prepare(count: int, template: Path) -> None:
    subprocess.run(
        [sys.executable, "-c", PREPARE, str(count), str(template)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", nargs="+", type=int, default=[1000])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--steps", nargs="+", default=list(STEP_CODE), choices=list(STEP_CODE))
    args = parser.parse_args()

    print(HEADER.format(label="submissions"))
    for count in args.count:
        with tempfile.TemporaryDirectory() as folder:
            template = Path(folder) / "template.sqlite"
            prepare(count, template)
            report(f"{count:,}", template, args.steps, STEP_CODE, args.repeat)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

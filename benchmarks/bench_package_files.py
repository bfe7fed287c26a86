"""Open package / Export scores benchmark (issues 5 and 6): what the desk's progress dialog
waits for, for the largest package an expert gets (150 projects).

Set-up (not timed): a demo workspace (1,000 submissions by default), an expert with 150
assigned projects, and that expert's package. Then medians (wall and CPU) of:
  - open:   `open_package` into a new laptop workspace (read, check, store, one commit);
  - export: `export_scores` of that workspace with every project scored (signed workbook).

    .venv/bin/python benchmarks/bench_package_files.py --repeat 10
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import delete, select

from panel_app.demo.workspace import create_demo_workspace
from panel_app.store.models import Assignment, Expert, Review, Score, Submission
from panel_app.workflow.review.expert_workbook import export_scores, open_package
from panel_app.workflow.review.packages import write_packages
from panel_app.workflow.workspace import locate_workspace, open_workspace

EXPERT = "BENCH"


def _package(folder: Path, count: int, projects: int) -> Path:
    location = locate_workspace(folder / "chair.sqlite")
    create_demo_workspace(location, count=count)
    with open_workspace(location) as chair:
        with chair.transaction() as session:
            session.execute(delete(Assignment))  # only this expert's package is written
            expert = Expert(expert_code=EXPERT, name="Bench Expert", category_keys=[])
            session.add(expert)
            session.flush()
            pks = session.scalars(select(Submission.id).limit(projects)).all()
            session.add_all(
                Assignment(expert_pk=expert.id, submission_pk=pk, round="nomination") for pk in pks
            )
        (file,) = write_packages(chair, folder / "packages").files
    return file.path


def _score_everything(laptop: Path) -> None:
    with open_workspace(locate_workspace(laptop)) as ws, ws.transaction() as session:
        expert = session.scalars(select(Expert)).one()
        for pk in session.scalars(select(Submission.id)):
            review = Review(expert_pk=expert.id, submission_pk=pk, round="nomination")
            review.scores = [Score(criterion_key=c.key, value=3) for c in ws.edition.criteria]
            review.confidence = "high"
            session.add(review)


def _timed(step: Callable[..., object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    step()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--projects", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        package = _package(folder, args.count, args.projects)
        opens, exports = [], []
        for run in range(args.repeat):
            laptop = folder / f"laptop-{run}.sqlite"
            opens.append(_timed(lambda at=laptop: open_package(locate_workspace(at), package)))
            if run == 0:
                _score_everything(laptop)
            with open_workspace(locate_workspace(folder / "laptop-0.sqlite")) as ws:
                out = folder / f"scores-{run}.xlsx"
                exports.append(_timed(lambda to=out: export_scores(ws, to)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.projects} projects, median of {args.repeat}:")
    print("| step | wall ms | CPU ms |\n|---|---|---|")
    for step, runs in (("open the package", opens), ("export the scores", exports)):
        wall = statistics.median(r[0] for r in runs) * 1000
        cpu = statistics.median(r[1] for r in runs) * 1000
        print(f"| {step} | {wall:.0f} | {cpu:.0f} |")
    print(f"peak memory (ru_maxrss, set-up included): {peak:.0f} MiB")


if __name__ == "__main__":
    main()

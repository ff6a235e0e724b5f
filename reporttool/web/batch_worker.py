"""The process a web batch run runs in: packs.run.run_batch, its progress as JSON lines on stdout.

A process of its own, as the CLI is: the server stays responsive and its memory flat, the run's worker
pool forks from a single-threaded parent, and cancelling is a SIGTERM that cleans up as Ctrl-C does.
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path


def _emit(kind: str, **data: object) -> None:
    print(json.dumps({"type": kind, **data}, ensure_ascii=False), flush=True)


def _terminated(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    signal.signal(signal.SIGTERM, _terminated)  # first: a cancel during start-up must end it cleanly too
    from ..packs.folders import OutputBusy
    from ..packs.plan import PackResult
    from ..packs.run import BatchRefused, run_batch
    from ..workbook.package import FileProblem, Limits

    parser = argparse.ArgumentParser(prog="reporttool.web.batch_worker")
    parser.add_argument("manifest", type=Path)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("briefings", type=Path, nargs="+")
    parser.add_argument("--brand")
    parser.add_argument("--jobs", type=int)
    parser.add_argument("--max-size", type=int, default=256)
    parser.add_argument("--max-rows", type=int, default=100_000)
    args = parser.parse_args(argv)

    def progress(result: PackResult, done: int, total: int) -> None:
        _emit("pack", done=done, total=total, client=result.client, folder=result.slug, briefing=result.briefing,
              status=result.status, error=result.error)

    try:
        run = run_batch(args.manifest, args.briefings, args.outdir, args.brand,
                        Limits(max_inflated_mb=args.max_size, max_rows=args.max_rows), args.jobs, False, progress)
    except KeyboardInterrupt:
        _emit("cancelled")
        return 130
    except FileProblem as problem:
        _emit("refused", message=problem.issue.message)
        return 3
    except OutputBusy as busy:
        _emit("refused", message=str(busy))
        return 4
    except BatchRefused as refused:
        _emit("refused", message="; ".join(i.message for issues in refused.issues.values() for i in issues
                                           if i.is_error))
        return 1
    _emit("end", built=run.count("built"), skipped=run.count("skipped"), failed=run.count("failed"))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:  # cancelled while still loading its modules
        _emit("cancelled")
        sys.exit(130)

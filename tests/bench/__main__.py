"""`make bench`: run every benchmark module and print one table (ratio = baseline time / ours)."""
from __future__ import annotations

import importlib
import sys

MODULES = ("bench_validate", "bench_docx", "bench_xlsx", "bench_html", "bench_batch", "bench_send",
           "bench_web", "bench_editions", "bench_cluster")


def main() -> int:
    rows = []
    for name in MODULES:
        try:
            module = importlib.import_module(f"tests.bench.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"tests.bench.{name}":
                raise
            continue
        print(f"running {name} ...", file=sys.stderr, flush=True)
        rows += module.rows()
    header = f"{'measure':<52} {'ours':>11} {'baseline':<34} {'theirs':>11} {'ratio':>7} {'peak MiB':>9}  target"
    print(header)
    print("-" * len(header))
    for r in rows:
        peak = f"{r['peak_mib']:.1f}" if r.get("peak_mib") is not None else ""
        mark = "ok" if r["met"] else "MISSED"
        unit = r.get("unit", "ms")
        print(f"{r['measure']:<52} {r['ours_ms']:>8.1f}{unit:<3} {r['baseline']:<34} {r['baseline_ms']:>8.1f}{unit:<3} "
              f"{r['ratio']:>6.2f}x {peak:>9}  {r['target']} [{mark}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())

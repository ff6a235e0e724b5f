"""Worker processes for packs: a pool that notices a dead worker and stops at once on a signal.

multiprocessing.Pool waits forever for a result from a worker that was killed (the OOM killer, a
SIGKILL, a SIGTERM sent to the whole process group); concurrent.futures' pool reports it as
BrokenProcessPool, so the packs it held are redone once in a fresh pool, then reported as failed.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Callable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")
ATTEMPTS = 2  # a pack whose worker died is redone once; a pack that kills its worker again fails alone


def map_in_pool(function: Callable[[T], R], items: list[T], jobs: int, initializer: Callable[..., None],
                initargs: tuple) -> Iterator[tuple[T, R | None]]:
    """(item, result) for every item, in order; None for an item whose worker died on every attempt."""
    from concurrent.futures.process import BrokenProcessPool

    pending = list(items)
    for _ in range(ATTEMPTS):
        broken = []
        with _pool(min(jobs, len(pending)), initializer, initargs) as pool:
            futures = [pool.submit(function, item) for item in pending]
            for item, future in zip(pending, futures):
                try:
                    yield item, future.result()
                except BrokenProcessPool:
                    broken.append(item)
        if not broken:
            return
        pending = broken
    for item in pending:
        yield item, None


@contextmanager
def _pool(jobs: int, initializer: Callable[..., None], initargs: tuple) -> Iterator[Any]:
    """A fork pool (workers inherit the inputs instead of unpickling them); on any interruption its workers
    are ended before the interruption goes on, so a stop never waits for packs still being rendered."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"), initializer=initializer,
                               initargs=initargs)
    try:
        yield pool
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown(wait=True)


def _stop(pool: Any) -> None:
    processes = list((getattr(pool, "_processes", None) or {}).values())  # the executor offers no public handle
    for process in processes:
        if process.is_alive():
            process.kill()
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(5)

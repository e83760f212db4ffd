"""Run one job per input file, here or in worker processes, and hand back results in input order.

``run_batch(work, inputs, jobs=N, progress=…)`` yields ``(input, result)``
pairs in the order of ``inputs`` whatever order the workers finish in, so
messages and outputs do not depend on ``--jobs``. ``work(path, *extra(input))``
must be a module-level function (or a ``functools.partial`` of one) so that a
worker process can receive it; ``extra`` (run here, default none) gives each
input its own arguments, such as the file its output goes to: a worker that
writes its own output ships back only what the parent reports. A ``PlanError`` or any other exception in ``work``
becomes a ``Failure`` for that input and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from .records import NamedTuple
from .errors import ExitCode, PlanError, internal_message
from .inputs import STDIN, Input
from .progress import Progress

if TYPE_CHECKING:
    from concurrent.futures import Future


class Failure(NamedTuple):
    message: str  # one line: path[:line:column]: error: …
    code: int


def run_batch(
    work: Callable[..., Any],
    inputs: list[Input],
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    extra: Callable[[Input], tuple] = lambda item: (),
) -> Iterator[tuple[Input, Any]]:
    """``(input, work(input.path, *extra(input)) or Failure)`` for each input, in input order."""
    progress = progress or Progress(len(inputs), enabled=False)
    runnable = [i for i, item in enumerate(inputs) if item.error is None]
    if jobs <= 1 or len(runnable) <= 1:
        for item in inputs:
            result = _failure(item.error) if item.error else attempt(work, item.path, *extra(item))
            progress.advance(item.path)
            yield item, result
        return
    yield from _in_pool(work, inputs, runnable, min(jobs, len(runnable)), progress, extra)


def _in_pool(
    work: Callable[..., Any],
    inputs: list[Input],
    runnable: list[int],
    workers: int,
    progress: Progress,
    extra: Callable[[Input], tuple],
) -> Iterator[tuple[Input, Any]]:
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only a pool run pays for it

    results: dict[int, Any] = {i: _failure(item.error) for i, item in enumerate(inputs) if item.error}
    # A worker process has no stdin (multiprocessing gives it /dev/null): read `-` here.
    results |= {i: attempt(work, inputs[i].path, *extra(inputs[i])) for i in runnable if inputs[i].path == STDIN}
    runnable = [i for i in runnable if i not in results]
    from .progress import activate

    pool = ProcessPoolExecutor(max_workers=workers, initializer=activate, initargs=(None,))  # workers draw no bar
    try:
        futures: dict[Future, int] = {pool.submit(attempt, work, inputs[i].path, *extra(inputs[i])): i for i in runnable}
        following = 0
        for i in results:  # the inputs that failed before any work count as done
            progress.advance(inputs[i].path)
        for future in as_completed(futures):
            i = futures[future]
            results[i] = _result(future, inputs[i].path)
            progress.advance(inputs[i].path)
            # Hand over every result whose predecessors are all in: input order, memory bounded by the gap.
            while following in results:
                yield inputs[following], results.pop(following)
                following += 1
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    while following in results:  # trailing inputs that failed before any work
        yield inputs[following], results.pop(following)
        following += 1


def attempt(work: Callable[..., Any], path: str, *extra: Any) -> Any:
    """``work(path, *extra)``, or the ``Failure`` it ended in; runs in the worker process."""
    try:
        return work(path, *extra)
    except PlanError as exc:
        return _failure(exc)
    except Exception as exc:  # a bug: report it against the input, keep going with the others
        return _internal(path, exc)


def _result(future: Future, path: str) -> Any:
    try:
        return future.result()
    except Exception as exc:  # the worker process died (killed, out of memory)
        return _internal(path, exc)


def _failure(error: PlanError) -> Failure:
    return Failure(error.one_line(), error.code)


def _internal(path: str, exc: BaseException) -> Failure:
    return Failure(
        f"{path}: error: internal error: {internal_message(exc)} (a bug: please report it with this input)",
        ExitCode.INTERNAL,
    )

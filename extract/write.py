"""Stage 7, write: text → a file, atomically (a reader never sees half a file).

The text goes to a temporary file beside the target, is flushed to disk, then
renamed over the target; on any failure the temporary file is removed and the
target is left as it was. The file gets the mode a plain ``open`` would give it (0666
less the umask; the temporary file alone is 0600), or, replacing a file, that file's mode.
"""

from __future__ import annotations

import itertools
import os
import stat
from pathlib import Path

from .errors import ExitCode, PlanError


def write_atomic(path: str | os.PathLike[str], text: str) -> None:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _create_temporary(target)
    except OSError as exc:
        raise PlanError(f"cannot write output: {exc.strerror or exc}", path=str(target), code=ExitCode.OUTPUT) from None
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise PlanError(f"cannot write output: {exc.strerror or exc}", path=str(target), code=ExitCode.OUTPUT) from None
        raise


def _mode_for(target: Path) -> int:
    """The permission bits ``target`` should end up with: its own if it exists, else the umask's."""
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _umask() -> int:
    """The process's umask (reading it means setting it: put it straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_made = itertools.count()


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new file ``.NAME.PID-N.tmp`` beside ``target``, owner-only as ``tempfile.mkstemp`` makes
    it (importing tempfile, and with it shutil and random, cost ~3 ms of every run's start-up).
    The process id keeps parallel workers apart; O_EXCL refuses a name some other writer holds."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    while True:
        tmp = target.parent / f".{target.name}.{os.getpid()}-{next(_made)}.tmp"
        try:
            return os.open(tmp, flags, 0o600), str(tmp)
        except FileExistsError:
            continue

"""Inputs that are not regular files: stdin, pipes, FIFOs, devices; the size cap.

Each input is read exactly once (a pipe cannot be rewound), so the signature sniff and the
sha256 must see the same bytes as the parse.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from extract.errors import ExitCode, PlanError
from extract.readers.text import read_bytes

from .paths import FIXTURE, PDF_FIXTURES, ROOT

SHA256 = hashlib.sha256(FIXTURE.read_bytes()).hexdigest()


def run(*args: str, stdin: bytes | None = None, timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "extract", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, timeout=timeout
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "plan.fifo"
    os.mkfifo(path)
    return path


def write_later(path: Path, data: bytes, delay: float) -> threading.Thread:
    def writer() -> None:
        time.sleep(delay)
        with open(path, "wb") as handle:
            handle.write(data)

    thread = threading.Thread(target=writer)
    thread.start()
    return thread


def test_fifo_whose_writer_comes_later_is_read_whole(fifo: Path) -> None:
    data = FIXTURE.read_bytes()
    thread = write_later(fifo, data, 0.3)
    assert read_bytes(fifo, fifo_wait=10) == data
    thread.join()


def test_fifo_without_writer_is_refused_after_the_wait(fifo: Path) -> None:
    started = time.monotonic()
    with pytest.raises(PlanError) as caught:
        read_bytes(fifo, fifo_wait=0.3)
    assert time.monotonic() - started < 5
    assert caught.value.code == ExitCode.UNREADABLE
    assert caught.value.one_line() == f"{fifo}: error: is a FIFO no program wrote to within 0.3 s"


@pytest.mark.parametrize(
    ("path", "message", "code"),
    [
        ("/dev/zero", "is a character device, not a plan file", ExitCode.UNREADABLE),
        ("/dev/null", "is a character device, not a plan file", ExitCode.UNREADABLE),
        (str(FIXTURE.parent), "is a directory, not a plan file", ExitCode.UNREADABLE),
        ("no/such/plan.txt", "no such file", ExitCode.UNREADABLE),
    ],
)
def test_what_is_not_a_regular_file_is_refused(path: str, message: str, code: ExitCode) -> None:
    with pytest.raises(PlanError) as caught:
        read_bytes(path)
    assert (caught.value.msg, caught.value.code) == (message, code)


@pytest.mark.parametrize(
    ("size", "limit", "refused"),
    [(100, 100, False), (101, 100, True), (3 << 20, 1 << 20, True), (3 << 20, 4 << 20, False)],
)
def test_max_bytes_on_a_file(tmp_path: Path, size: int, limit: int, refused: bool) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * size)
    if refused:
        with pytest.raises(PlanError) as caught:
            read_bytes(path, max_bytes=limit)
        assert caught.value.code == ExitCode.BAD_INPUT
        assert caught.value.msg == f"larger than --max-bytes ({limit:,} bytes); raise the limit to read it"
    else:
        assert len(read_bytes(path, max_bytes=limit)) == size


def test_dev_zero_on_stdin_stops_at_max_bytes() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "extract", "parse", "-", "--max-bytes", "2M"],
            cwd=ROOT, env=env, stdin=zero, capture_output=True, timeout=60,
        )
    assert result.returncode == ExitCode.BAD_INPUT
    assert result.stderr.decode() == "<stdin>: error: larger than --max-bytes (2,097,152 bytes); raise the limit to read it\n"


def test_parse_reads_stdin_once_with_the_right_sha256() -> None:
    result = run("parse", "-", "-o", "-", stdin=FIXTURE.read_bytes())
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert (document["source"]["path"], document["source"]["sha256"]) == ("<stdin>", SHA256)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_stdin_beside_files_is_written_with_any_jobs(tmp_path: Path, jobs: str) -> None:
    """With --jobs the workers write their outputs, but stdin is read in the parent: its
    document must be written there too, to the same name."""
    plan = tmp_path / "plan.txt"
    plan.write_bytes(FIXTURE.read_bytes())
    result = run("parse", "-", str(plan), "-j", jobs, "-o", str(tmp_path / "out"), stdin=FIXTURE.read_bytes())
    assert result.returncode == 0, result.stderr
    written = {p.name: json.loads(p.read_text(encoding="utf-8"))["source"]["sha256"] for p in (tmp_path / "out").iterdir()}
    assert written == {"stdin.json": SHA256, "plan.json": SHA256}


def test_process_substitution_loses_nothing() -> None:
    """``parse <(cat plan)``: a pipe, read once; the PDF sniff used to eat its first 4 KiB."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    script = f'"{sys.executable}" -m extract parse <(cat "{FIXTURE}") -o -'
    result = subprocess.run(["bash", "-c", script], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["source"]["sha256"] == SHA256


@pytest.mark.parametrize(
    ("args", "stdin_from"),
    [
        (("export", "-", "-f", "jsonl"), "plan"),  # plan text on stdin
        (("export", "-", "-f", "jsonl"), "json"),  # parse output on stdin: sniffed as JSON
        (("agencies", "-", "-f", "json"), "plan"),
        (("diff", "-", str(FIXTURE)), "plan"),  # identical: exit 0
    ],
)
def test_every_command_that_reads_plans_takes_stdin(args: tuple[str, ...], stdin_from: str) -> None:
    data = FIXTURE.read_bytes()
    if stdin_from == "json":
        data = run("parse", str(FIXTURE), "-o", "-").stdout
    result = run(*args, stdin=data)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()


def test_stdin_with_several_workers_is_read_in_the_main_process() -> None:
    result = run("parse", "-", str(FIXTURE), "-j", "2", "-o", "-", stdin=FIXTURE.read_bytes())
    assert result.returncode == 0, result.stderr
    documents = json.loads(result.stdout)
    assert [d["source"]["path"] for d in documents] == ["<stdin>", str(FIXTURE)]
    assert documents[0]["children"] == documents[1]["children"]


def test_pdf_through_a_pipe_equals_the_pdf_from_its_path() -> None:
    pytest.importorskip("pypdfium2")
    pdf = PDF_FIXTURES["plan-2020"]
    piped = run("parse", "-", "-o", "-", stdin=pdf.read_bytes())
    direct = run("parse", str(pdf), "-o", "-")
    assert piped.returncode == direct.returncode == 0, piped.stderr
    piped_doc, direct_doc = json.loads(piped.stdout), json.loads(direct.stdout)
    assert piped_doc["source"]["sha256"] == direct_doc["source"]["sha256"]
    assert piped_doc["children"] == direct_doc["children"]

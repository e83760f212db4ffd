"""No stage may grow faster than the input: small versions of the adversarial shapes
(``benchmarks/adversarial.py``) against a linear baseline measured in the same run.

No absolute timings: each shape is timed at two sizes eight times apart, and must grow
by well under the 64× a quadratic stage would take it to; and per byte it must stay within
a generous factor of the synthetic plan's own cost at the larger size. CPU time, best of
three, so that a busy machine shifts both sides alike.
"""

from __future__ import annotations

import pytest

from benchmarks.adversarial import SHAPES, cpu_seconds

SMALL, LARGE = 25_000, 200_000  # bytes: 8× apart
MAX_GROWTH = 24.0  # linear is 8×, quadratic 64×; generous for a shared machine's noise
MAX_PER_BYTE = 10.0  # × the synthetic plan's cost per byte at LARGE (the benchmark's target is 3× at 10 MB)
FLOOR = 0.02  # seconds: below this a shape is refused at once and its ratio is timer noise


@pytest.fixture(scope="module")
def baseline() -> float:
    make, read = SHAPES["synthetic"]
    data = make(LARGE)
    return cpu_seconds(read, data, repeat=3) / len(data)


@pytest.mark.parametrize("shape", [name for name in SHAPES if name != "synthetic"])
def test_shape_scales_linearly(shape: str, baseline: float) -> None:
    make, read = SHAPES[shape]
    small, large = make(SMALL), make(LARGE)
    small_seconds = cpu_seconds(read, small, repeat=3)
    large_seconds = cpu_seconds(read, large, repeat=3)
    if large_seconds < FLOOR:
        return
    growth = large_seconds / max(small_seconds, 1e-6)
    per_byte = large_seconds / len(large) / baseline
    assert growth <= MAX_GROWTH, f"{shape}: ×{growth:.1f} for 8× the input"
    assert per_byte <= MAX_PER_BYTE, f"{shape}: {per_byte:.1f}× the synthetic plan's time per byte"


def test_the_check_catches_a_quadratic_stage() -> None:
    """The same measure on a deliberately quadratic reader fails the growth bound."""

    def quadratic(data: bytes) -> None:
        text = data.decode()
        for i in range(0, len(text), 200):  # re-split the whole text every 200 characters, as trailing_fragment did
            text.split()

    small, large = SHAPES["prose"][0](SMALL), SHAPES["prose"][0](LARGE)
    growth = cpu_seconds(quadratic, large, repeat=3) / cpu_seconds(quadratic, small, repeat=3)
    assert growth > MAX_GROWTH

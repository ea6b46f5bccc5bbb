"""Every function and order within 4 ulp of the truth over the whole float range, gains too,
and every parameter set of tests/reference.py with gains.

The truth is tests/reference.py: mpmath at 80 digits, each function and its derivatives
written by hand from the frameworks' documented definitions (never imported from sigplot).
For each function and order the grid holds: both tails log-spaced out to 1e308,
subnormals, +-0, the bands on both sides where intermediates underflow (e^-|z| near 708,
sigma'(2z) near 355, phi near 38, e^-2u near 21, the powers of softsign and squareplus near
1e102 and 1e154; moved where the exponential's argument is a multiple of z: 1.702 z in
quick_gelu, beta z in softplus, z/alpha in celu), every kink (one-sided derivatives:
sigplot takes the value from the right), the neighbourhoods of every zero, and seeded
random points. With a gain K and a shift s the value is K^n f^(n)(K (z - s)) for the exact
real z, K and s; the random gain cases include those where f^(n)(K (z - s)) itself is
subnormal and K^n lifts the result back into the normal range (or, for e^z, past the
largest double and K^n below 1 brings it back), and those where K (z - s) lies within a
few ulp of a kink. A point counts where the truth is a normal float and K (z - s) is not
within 1e-3 (relative) of a zero of that order, whose error is unbounded in ulp; snake's
derivatives count right up to their zeros, at any size.

SIGPLOT_ACCURACY_POINTS=20000 runs a larger sweep (the default, 1000 random points and
666 gain cases per function and order, a third of that and half the grid per parameter
set, keeps this file near 55 s on a loaded 2-core machine).
"""

from __future__ import annotations

import json
import os
import zlib
from pathlib import Path

import mpmath as mp
import numpy as np
import pytest
from reference import KINKS, MAX_ORDER, PARAMETER_SETS, call_of, truth, zeros

import sigplot
from sigplot import FUNCTIONS, evaluate
from sigplot.maths.catalog import CATALOG

ULPS = 4  # the promise in the README, for every function and order
POINTS = int(os.environ.get("SIGPLOT_ACCURACY_POINTS", "1000"))  # random z per function, order
GAIN_POINTS = 2 * POINTS // 3  # random (z, gain, shift) per function and order
# |z| bands where an intermediate underflows while the value need not, wide enough for a
# gain's K^n (up to 2^30) to lift a subnormal f^(n) back: e^-|z| (sigma, softplus, silu,
# elu, e^z ...), sigma'(2z) and sech^2 softplus (tanh, tanhshrink, mish), phi (gelu), e^-2u
# (gelu_tanh). The derivatives of softsign and squareplus underflow as powers, near 1e102
# and 1e154.
BANDS = ((690.0, 760.0), (340.0, 380.0), (35.0, 40.5), (19.0, 23.0))
POWER_BANDS = ((100.0, 106.0), (150.0, 158.0))  # log10 |z|
POWERS = {"softsign", "squareplus"}
GROWS = {"exponential"}  # past the largest double near z = 709.8, K^n < 1 brings it back


def scale(name: str, params: dict[str, float]) -> float:
    """The factor that moves the bands: z where the exponential's argument is the band's
    (1.702 z in quick_gelu, beta z in softplus, z/alpha in celu)."""
    if name == "quick_gelu":
        return 1 / 1.702
    if name == "softplus":
        return 1 / params.get("beta", 1.0)
    return params.get("alpha", 1.0) if name == "celu" else 1.0


def bands(name: str, params: dict[str, float]) -> tuple[tuple[float, float], ...]:
    k = scale(name, params)
    return tuple((k * lo, k * hi) for lo, hi in BANDS)


# Points where an independent sweep found the old code past 4 ulp (issue 23).
FOUND = (714.3336061339621, 356.0, 358.0, 710.0, 715.0)


def _fixed_grid() -> np.ndarray:
    tails = np.logspace(-300, 308, 140)
    bands = [np.linspace(lo, hi, 141) for lo, hi in BANDS]
    powers = [np.logspace(lo, hi, 61) for lo, hi in POWER_BANDS]
    positive = np.concatenate([tails, *bands, *powers, FOUND])
    windows = [
        np.linspace(708.4, 715.0, 67),  # silu'': sigma'(z) and z sigma''(z) are subnormal
        np.linspace(354.0, 358.2, 43),  # mish'': sech^2 softplus(z) is subnormal
        np.linspace(1.2, 1.4, 21),  # sigma''' near its zero
        np.linspace(0.09, 0.12, 13),  # tanhshrink's old series cutoff
        np.array([5e-324, 1e-310, 2.2250738585072014e-308, 1e-200]),
    ]
    both = np.concatenate([positive, *windows])
    kinks = [
        np.array([np.nextafter(k, d) for k in KINKS for d in (-np.inf, np.inf)]),
        np.array([k + d for k in KINKS for d in (-1e-9, 1e-9, -1e-4, 1e-4)]),
        np.array(KINKS),
        np.array([-714.923, -355.2, -21.27, -37.6, -21.0, 0.106, 0.0, -0.0]),
    ]
    return np.unique(np.concatenate([both, -both, *kinks]))


GRID = _fixed_grid()


def _moved_grid(name: str, params: dict[str, float]) -> np.ndarray:
    """The bands where this function's exponential underflows, where they are not BANDS."""
    if scale(name, params) == 1.0:
        return np.zeros(0)
    moved = np.concatenate([np.linspace(lo, hi, 71) for lo, hi in bands(name, params)])
    return np.concatenate([moved, -moved])


def _rng(name: str, order: int, salt: int) -> np.random.Generator:
    return np.random.default_rng([zlib.crc32(name.encode()), order, salt])


def _arguments(
    rng: np.random.Generator, name: str, order: int, size: int, params: dict[str, float]
) -> np.ndarray:
    """Random arguments x: half uniform on [-40, 40], the rest in the underflow bands,
    log-spaced over the whole range, next to kinks (down to 1e-18 relative: a gain's
    argument lands within an ulp of them) and next to zeros."""
    kind = rng.choice(6, size=size, p=[0.45, 0.2, 0.05, 0.1, 0.1, 0.1])
    sign = rng.choice([-1.0, 1.0], size=size)
    band = np.array(bands(name, params))[rng.integers(len(BANDS), size=size)]
    power = np.array(POWER_BANDS)[rng.integers(len(POWER_BANDS), size=size)]
    places = np.array(KINKS + CATALOG[call_of(name, params)].kinks + zeros(name, order))
    place = places[rng.integers(len(places), size=size)]
    off = sign * 10.0 ** rng.uniform(-18, -1.3, size)
    x = np.select(
        [kind == 0, kind == 1, kind == 2, kind == 3, kind == 4],
        [
            rng.uniform(-40, 40, size),
            sign * rng.uniform(band[:, 0], band[:, 1]),
            sign * 10.0 ** rng.uniform(power[:, 0], power[:, 1]),
            sign * 10.0 ** rng.uniform(-300, 308, size),
            sign * 10.0 ** rng.uniform(-8, 3, size),
        ],
        place + np.where(place == 0, off, np.abs(place) * off),
    )
    return np.asarray(x, dtype=np.float64)


def points(
    name: str, order: int, count: int = POINTS, params: dict[str, float] | None = None
) -> np.ndarray:
    """The fixed grid (with this function's own bands; every other point of it at
    parameters), ``count`` seeded random points, and 1.1e-3 to 3e-2 (relative) either side
    of each zero of this order, where cancellation bites."""
    steps = np.array([1.1e-3, 1.5e-3, 2e-3, 3e-3, 5e-3, 1e-2, 3e-2])
    near = [z0 * (1 + d * steps) for z0 in zeros(name, order) for d in (-1, 1)]
    rng = _rng(call_of(name, params or {}), order, 0)
    random = _arguments(rng, name, order, count, params or {})
    grid = GRID[::2] if params else GRID
    return np.concatenate([grid, _moved_grid(name, params or {}), random, *near])


def gain_cases(
    name: str,
    order: int,
    count: int = GAIN_POINTS,
    params: dict[str, float] | None = None,
    per_gain: int = 20,
) -> list[tuple[float, float, np.ndarray]]:
    """``count`` seeded (gain, shift, z) cases in groups of ``per_gain`` sharing a gain and a
    shift. Gains are +-10^[-3, 3]; half the groups have gains above 1 with their arguments
    in the underflow bands or next to 0, where K^n lifts a subnormal f^(n)(K (z - s)) to a
    normal result (for e^z, every other one has a gain below 1 in the band past 709.8)."""
    params = params or {}
    rng = _rng(call_of(name, params), order, 1)
    cases: list[tuple[float, float, np.ndarray]] = []
    for group in range(max(1, count // per_gain)):
        lifted = group % 2 == 1
        lowered = lifted and name in GROWS and group % 4 == 3
        gain = rng.choice([-1.0, 1.0]) * 10.0 ** rng.uniform(
            -3 if lowered else 0 if lifted else -3, 0 if lowered else 3
        )
        shift = 0.0 if rng.random() < 0.25 else rng.uniform(-10, 10)
        if lifted:
            lo, hi = np.array(bands(name, params))[rng.integers(len(BANDS))]
            sign = rng.choice([-1.0, 1.0], size=per_gain)
            x = sign * rng.uniform(lo, hi, per_gain)
            if name in POWERS:
                lo, hi = np.array(POWER_BANDS)[rng.integers(len(POWER_BANDS))]
                x = sign * 10.0 ** rng.uniform(lo, hi, per_gain)
            if group % 6 == 5:  # next to 0, where sigma'' ~ -x/8 and tanh'^2 ~ x^2 underflow
                x = sign * 10.0 ** rng.uniform(-320, -150, per_gain)
        else:
            x = _arguments(rng, name, order, per_gain, params)
        with np.errstate(over="ignore"):  # 1e308 / 1e-3 is inf: a point that does not count
            cases.append((float(gain), float(shift), shift + x / gain))
    return cases


def ulp_errors(
    name: str,
    order: int,
    zs: np.ndarray,
    gain: float = 1.0,
    shift: float = 0.0,
    params: dict[str, float] | None = None,
) -> np.ndarray:
    """|sigplot - truth| in units of the truth's last place, nan where a point does not count.
    Where the truth underflows (below the smallest normal double), sigplot's value must too:
    0 there, inf where it does not (mish(-1e4) was -1e4, not -0)."""
    params = params or {}
    tiny = np.finfo(float).tiny
    got = evaluate(call_of(name, params), zs, order, gain=gain, shift=shift)
    exact = np.array([truth(name, order, z, gain, shift, **params) for z in zs])
    counts = np.isfinite(exact)
    with np.errstate(over="ignore", invalid="ignore"):
        x = gain * (zs - shift)
        for z0 in () if name == "snake" else zeros(name, order):
            counts &= np.abs(x - z0) > 1e-3 * abs(z0)
        errors = np.abs(got - exact) / np.spacing(np.abs(exact))  # inf - inf where not counted
    under = np.abs(exact) < tiny
    errors = np.where(under, np.where(np.abs(got) < tiny, 0.0, np.inf), errors)
    return np.where(counts, errors, np.nan)


def worst(
    name: str, order: int, count: int = POINTS, params: dict[str, float] | None = None
) -> tuple[float, str]:
    """The largest error in ulp over the grid, random points and gain cases, and where."""
    zs = points(name, order, count, params)
    errors = ulp_errors(name, order, zs, params=params)
    top, where = 0.0, "nowhere"
    if np.isfinite(errors).any():
        i = int(np.nanargmax(errors))
        top, where = float(errors[i]), f"z = {zs[i]!r}"
    for gain, shift, zg in gain_cases(name, order, 2 * count // 3, params):
        errors = ulp_errors(name, order, zg, gain, shift, params)
        if np.isfinite(errors).any() and np.nanmax(errors) > top:
            i = int(np.nanargmax(errors))
            top, where = float(errors[i]), f"z = {zg[i]!r}, gain={gain!r}, shift={shift!r}"
    return top, where


ORDERS = [(name, order) for name in FUNCTIONS for order in range(MAX_ORDER[name] + 1)]


@pytest.mark.parametrize(("name", "order"), ORDERS)
def test_every_order_within_four_ulp_everywhere_gains_included(name: str, order: int) -> None:
    top, where = worst(name, order)
    assert top <= ULPS, f"{name} order {order}: {top:.2f} ulp at {where}"


@pytest.mark.parametrize(
    ("name", "params"), PARAMETER_SETS, ids=[call_of(n, p) for n, p in PARAMETER_SETS]
)
def test_every_parameter_set_within_four_ulp_gains_included(
    name: str, params: dict[str, float]
) -> None:
    # The same kinds of points and gain cases, a third as many of them, half the grid.
    for order in range(3):
        top, where = worst(name, order, POINTS // 3, params)
        assert top <= ULPS, f"{call_of(name, params)} order {order}: {top:.2f} ulp at {where}"


def _kink_cases() -> list[tuple[str, dict[str, float], float]]:
    none: dict[str, float] = {}
    cases = [(n, none, k) for n in FUNCTIONS for k in CATALOG[n].kinks if k != 0]
    cases += [(n, p, k) for n, p in PARAMETER_SETS for k in CATALOG[call_of(n, p)].kinks if k]
    return cases


@pytest.mark.parametrize(
    ("name", "params", "kink"),
    _kink_cases(),
    ids=[f"{call_of(n, p)}@{k}" for n, p, k in _kink_cases()],
)
def test_within_ulps_of_a_kink_with_a_gain(
    name: str, params: dict[str, float], kink: float
) -> None:
    # K (z - s) within a few ulp of a kink c other than 0, on both sides: there the value
    # may be a small multiple of K (z - s) - c, which sigplot must take exactly.
    rng = _rng(f"{call_of(name, params)} at {kink!r}", 0, 2)
    for _ in range(12):
        gain = rng.choice([-1.0, 1.0]) * 10.0 ** rng.uniform(-3, 3)
        shift = rng.uniform(-10, 10)
        z = shift + kink / gain
        zs = z + np.spacing(abs(z)) * np.arange(-4, 5)
        for order in range(3):
            errors = ulp_errors(name, order, zs, gain, shift, params)
            assert not (errors > ULPS).any(), (call_of(name, params), order, gain, shift, errors)


def _convergents(x: mp.mpf, count: int) -> list[int]:
    """Numerators p of the continued fraction's convergents p/q of x: integers p that lie
    closer to q x than any smaller ones do."""
    numerators, (p0, p1), y = [], (0, 1), x
    q0, q1 = 1, 0
    for _ in range(count):
        a = int(mp.floor(y))
        y = 1 / (y - a)
        p0, p1, q0, q1 = p1, a * p1 + p0, q1, a * q1 + q0
        numerators.append(p1)
    return numerators


def test_snake_right_next_to_its_zeros_at_any_size() -> None:
    # snake' = 1 + sin 2z touches 0 at z = -pi/4 + k pi, snake'' = 2 cos 2z at z = pi/4 +
    # k pi/2: integers next to q pi/4 (convergents of pi/4, up to 2^53) come as close to
    # those as doubles do, and the nearest doubles to the zeros of every size up to 1e15
    # follow; no point is left out for being near a zero.
    with mp.workdps(60):
        integers = [float(p) for p in _convergents(mp.pi / 4, 40) if p < 2**53]
        zeros = [float(s * mp.pi / 4 + k * mp.pi / 2) for s in (-1, 1)
                 for k in (mp.mpf(10) ** e for e in range(16))]  # fmt: skip
    zs = np.array(integers + zeros)
    zs = np.concatenate([zs + d * np.spacing(np.abs(zs)) for d in (-2, -1, 0, 1, 2)])
    for order in (1, 2):
        for gain, shift in ((1.0, 0.0), (2.0, 0.0), (-0.5, 0.0)):
            errors = ulp_errors("snake", order, zs / gain + shift, gain, shift)
            assert np.isfinite(errors).sum() > len(zs) // 2
            assert np.nanmax(errors) <= ULPS, (order, gain, zs[np.nanargmax(errors)])


def test_the_grid_reaches_the_windows_the_issue_named() -> None:
    # silu'' (708.4, 715] and mish'' (354, 358.2], where intermediates are subnormal on the
    # positive side, and the issue's gain case, where sigma''' is subnormal before K^3.
    assert np.count_nonzero((GRID > 708.4) & (GRID <= 715)) > 50
    assert np.count_nonzero((GRID > 354) & (GRID <= 358.2)) > 40
    z, gain, shift = -4.315598627162068, 844.1378761739142, -5.165168558534932
    inner = truth("sigmoid", 3, z, gain, shift) / gain**3
    assert 0 < abs(inner) < np.finfo(float).tiny
    errors = ulp_errors("sigmoid", 3, np.array([z]), gain, shift)
    assert errors[0] <= ULPS, errors


@pytest.mark.parametrize("name", FUNCTIONS)
def test_a_huge_gain_lifts_the_far_tails(name: str) -> None:
    # K^n up to 2^3072 (K = +-1e300, n = 3) lifts e^-|x| from as far as |x| = 2800 into the
    # normal range; for e^z, K^n down to 2^-3072 brings e^x back from as far.
    rng = _rng(name, 0, 3)
    x = rng.choice([-1.0, 1.0], 40) * rng.uniform(700, 2800, 40)
    for order in range(1, MAX_ORDER[name] + 1):
        for gain in (1e300, -3e299, 1e-300) if name in GROWS else (1e300, -3e299):
            errors = ulp_errors(name, order, x / gain, gain)
            assert not (errors > ULPS).any(), (name, order, gain, x[np.nanargmax(errors)])


def test_a_huge_gain_gives_the_true_value_not_an_error() -> None:
    # sigma''(z) ~ -z/8 near 0, so gain^2 sigma''(gain z) = -gain^3 z / 8 = -1.25e299.
    assert evaluate("sigmoid", 1e-300, 2, gain=1e200) == pytest.approx(-1.25e299, rel=1e-15)


def test_a_gain_keeps_the_input_shape() -> None:
    assert isinstance(evaluate("silu", 1.0, 2, gain=2.0, shift=0.1), np.float64)
    assert evaluate("silu", np.ones((2, 3)), 2, gain=2.0, shift=0.1).shape == (2, 3)


def test_a_zero_gain_is_the_constant_f_at_zero() -> None:
    z = np.array([-np.inf, -3.0, 0.0, 7.0, np.inf])
    assert np.all(evaluate("sigmoid", z, gain=0.0) == 0.5)
    assert np.all(evaluate("sigmoid", z, 1, gain=0.0) == 0.0)


def test_the_zeros_of_the_third_derivative_are_at_ln_2_plus_sqrt_3() -> None:
    assert zeros("sigmoid", 3) == pytest.approx([-1.3169578969248166, 1.3169578969248166])


@pytest.mark.parametrize("name", ["sigmoid", "softplus", "softsign", "logsigmoid", "tanh"])
def test_monotonic_pieces_step_the_wrong_way_by_one_ulp_at_most(name: str) -> None:
    # sigma' rises to its peak at 0 and falls after; the others rise everywhere. Over runs
    # of consecutive doubles, where the true step is below an ulp, rounding may step back,
    # but never by more than one ulp (a correctly rounded result would never step back).
    order = 1 if name == "sigmoid" else 0
    for start in (-40.0, -3.0, -1.0, -0.3, -0.01, 0.01, 0.3, 1.0, 3.0, 40.0):
        z = start + abs(np.spacing(start)) * np.arange(20000)
        values = evaluate(name, z, order)
        steps = np.diff(values) * (-1.0 if order == 1 and start > 0 else 1.0)
        assert np.all(steps >= -np.spacing(np.abs(values[1:]))), (name, start)


def test_every_zero_series_sits_on_a_zero_the_truth_has() -> None:
    table = json.loads((Path(sigplot.__file__).parent / "maths" / "zero_series.json").read_text())
    for name, orders in table.items():
        for order, windows in orders.items():
            centres = [w["zero"][0] + w["zero"][1] for w in windows]
            assert centres == pytest.approx(list(zeros(name, int(order))), rel=1e-15)

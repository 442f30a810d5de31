"""Checks for the exercises of chapter 06 (continuous networks).

Reference answers come from :mod:`hopfield_course.graded`, never typed in.
Conventions of the exercises: R_i = C_i = 1, ``v = tanh(gain * u)``.
"""

from __future__ import annotations

import numpy as np

from ..graded import classify_fixed_point, continuous_energy, fixed_points, integrate_continuous
from ..memories import seed000_shapes
from ..learning_rules import hebbian_weights
from ._core import Case, CheckResult, allclose, fmt, run_cases

__all__ = [
    "check_euler_step",
    "check_graded_energy",
    "check_energy_trace",
    "check_two_neuron_fixed_points",
    "check_classify_fixed_point",
]

_W2 = np.array([[0.0, 1.5], [1.5, 0.0]])
_W3 = np.array([[0.0, 1.0, -0.5], [1.0, 0.0, 0.8], [-0.5, 0.8, 0.0]])


def _cross_case():
    cross = seed000_shapes()["cross"].ravel()
    W = hebbian_weights(cross[None, :]).astype(float)
    rng = np.random.default_rng(61)
    u = 0.1 * cross * np.where(rng.random(25) < 0.3, -1, 1) + 0.02 * rng.standard_normal(25)
    return u, W


def _euler_ref(u, W, dt, currents=0.0, gain=1.0):
    return integrate_continuous(u, W, dt=dt, steps=1, currents=currents, gain=gain).u[-1]


def check_euler_step(euler_step) -> CheckResult:
    """Exercise 6.1: ``euler_step(u, weights, dt, currents=0.0, gain=1.0)`` - one Euler step of eq. (9)."""
    u2 = np.array([0.3, -0.2])
    uc, Wc = _cross_case()
    cases = [
        Case((u2, _W2, 0.1), _euler_ref(u2, _W2, 0.1), "u_new = u + dt * (W @ tanh(gain*u) - u + I) with R = C = 1.",
             compare=allclose(1e-10, 1e-12)),
        Case((np.zeros(2), _W2, 0.5), _euler_ref(np.zeros(2), _W2, 0.5), "At u = 0 with no current nothing moves.",
             compare=allclose(1e-10, 1e-12)),
        Case((u2, _W2, 0.1), _euler_ref(u2, _W2, 0.1, currents=np.array([0.5, -1.0])),
             "The current I is added to the input: + I, not - I.", kwargs={"currents": np.array([0.5, -1.0])},
             compare=allclose(1e-10, 1e-12)),
        Case((u2, _W3[:2, :2], 0.2), _euler_ref(u2, _W3[:2, :2], 0.2, gain=4.0),
             "The output is v = tanh(gain * u): the gain multiplies u inside the tanh.", kwargs={"gain": 4.0},
             compare=allclose(1e-10, 1e-12)),
        Case((uc, Wc, 0.08), _euler_ref(uc, Wc, 0.08, currents=1.0), kwargs={"currents": 1.0},
             hint="Use the outputs v = tanh(gain u) inside the sum, not the potentials u.",
             call="euler_step(u, W_cross, 0.08, currents=1.0)", compare=allclose(1e-10, 1e-12)),
    ]
    return run_cases("check_euler_step", euler_step, cases, what="Exercise 6.1 euler_step")


def check_graded_energy(graded_energy) -> CheckResult:
    """Exercise 6.2: ``graded_energy(u, weights, currents=0.0, gain=1.0)`` - energy (13) with R = 1."""
    u2 = np.array([0.3, -0.2])
    uc, Wc = _cross_case()
    big = np.array([30.0, -25.0, 0.5])
    cases = [
        Case((u2, _W2), float(continuous_energy(u2, _W2)), compare=allclose(1e-8, 1e-10),
             hint="E = -1/2 v.W.v + sum_i (v_i*gain*u_i - log cosh(gain*u_i))/gain - I.v with v = tanh(gain*u)."),
        Case((np.zeros(3), _W3), 0.0, compare=allclose(1e-8, 1e-10), hint="At u = 0 every term vanishes."),
        Case((u2, _W2), float(continuous_energy(u2, _W2, currents=np.array([1.0, 0.5]))),
             kwargs={"currents": np.array([1.0, 0.5])}, compare=allclose(1e-8, 1e-10),
             hint="The current term is - sum_i I_i v_i (minus: it must make dE/dt = -sum (dv/dt)(du/dt))."),
        Case((u2, _W2), float(continuous_energy(u2, _W2, gain=3.0)), kwargs={"gain": 3.0},
             compare=allclose(1e-8, 1e-10), hint="The integral of g^-1 is divided by the gain."),
        Case((big, _W3), float(continuous_energy(big, _W3)), compare=allclose(1e-8, 1e-10),
             hint="For large |u|, tanh(u) rounds to exactly 1 and arctanh(v) is infinite: compute the integral "
                  "from u with log cosh(x) = |x| + log1p(exp(-2|x|)) - log 2."),
        Case((uc, Wc), float(continuous_energy(uc, Wc, currents=1.0)), kwargs={"currents": 1.0},
             call="graded_energy(u, W_cross, currents=1.0)", compare=allclose(1e-8, 1e-10)),
    ]
    return run_cases("check_graded_energy", graded_energy, cases, what="Exercise 6.2 graded_energy")


def check_energy_trace(energy_trace) -> CheckResult:
    """Exercise 6.3: ``energy_trace(u0, weights, dt, steps, currents=0.0)`` - energies along an Euler run."""
    uc, Wc = _cross_case()
    u2 = np.array([0.3, -0.2])

    def ref(u, W, dt, steps, currents=0.0):
        return integrate_continuous(u, W, dt=dt, steps=steps, currents=currents).energies

    cases = [
        Case((u2, _W2, 0.1, 5), ref(u2, _W2, 0.1, 5), compare=allclose(1e-7, 1e-9),
             hint="Return steps + 1 energies: the start and the state after each step."),
        Case((uc, Wc, 0.08, 30), ref(uc, Wc, 0.08, 30, 1.0), kwargs={"currents": 1.0},
             call="energy_trace(u, W_cross, 0.08, 30, currents=1.0)", compare=allclose(1e-7, 1e-9),
             hint="Pass the currents to both euler_step and graded_energy."),
    ]
    result = run_cases("check_energy_trace", energy_trace, cases, what="Exercise 6.3 energy_trace")
    if not result:
        return result
    try:
        e = np.asarray(energy_trace(uc, Wc, 0.08, 100, currents=1.0), dtype=float)
    except Exception as exc:  # pragma: no cover - passed above with the same kind of input
        return CheckResult("check_energy_trace", False, f"✗ energy_trace raised {type(exc).__name__}: {exc}", "error")
    rises = int(np.sum(np.diff(e) > 1e-9))
    return CheckResult("check_energy_trace", True,
                       f"✓ Exercise 6.3 energy_trace: all {len(cases)} cases pass; with dt = 0.08 the energy "
                       f"rose in {rises} of 100 steps (from {fmt(e[0])} to {fmt(e[-1])}).")


def _fp_compare(got, expected):
    try:
        g = np.asarray(got, dtype=float)
    except Exception:
        return False
    if g.shape != expected.shape:
        return False
    g = g[np.lexsort(g.T[::-1])]
    return bool(np.allclose(g, expected, atol=1e-6))


def check_two_neuron_fixed_points(two_neuron_fixed_points) -> CheckResult:
    """Exercise 6.4: ``two_neuron_fixed_points(w, gain)`` - all fixed points of W = [[0, w], [w, 0]]."""
    cases = []
    for w, gain, hint in [
        (1.0, 0.5, "When gain * |w| < 1 the origin is the only fixed point: return it as an array of shape (1, 2)."),
        (1.0, 2.0, "When gain * |w| > 1 there are three fixed points: the origin and a symmetric pair on u1 = u2."),
        (-1.5, 2.0, "For w < 0 the pair lies on the anti-diagonal u1 = -u2."),
        (0.8, 10.0, "With a high gain the outer fixed points approach u = +/-w (v = +/-1)."),
    ]:
        W = np.array([[0.0, w], [w, 0.0]])
        cases.append(Case((w, gain), fixed_points(W, gain=gain), hint, compare=_fp_compare))
    return run_cases("check_two_neuron_fixed_points", two_neuron_fixed_points, cases,
                     what="Exercise 6.4 two_neuron_fixed_points")


def check_classify_fixed_point(classify) -> CheckResult:
    """Exercise 6.5: ``classify(u, weights, gain)`` - "sink", "source" or "saddle" from the Jacobian."""
    cases = []
    W = np.array([[0.0, 1.0], [1.0, 0.0]])
    for u, weights, gain, hint in [
        (np.zeros(2), W, 2.0, "At the origin J = gain * W - I has eigenvalues 2 - 1 and -2 - 1: a saddle."),
        (np.zeros(2), W, 0.5, "At low gain the origin is stable: both eigenvalues are negative."),
        (fixed_points(W, gain=2.0)[-1], W, 2.0, "J_ij = W_ij * gain / cosh(gain*u_j)^2 - delta_ij."),
        (np.zeros(2), np.array([[3.0, 0.0], [0.0, 3.0]]), 1.0,
         "Self-excitation 3 > 1 makes the origin a source (both real parts positive)."),
        (np.zeros(2), np.array([[0.0, 2.0], [-2.0, 0.0]]), 1.0,
         "Complex eigenvalues -1 +/- 2i: classify by the real parts."),
    ]:
        cases.append(Case((u, weights, gain), classify_fixed_point(u, weights, gain=gain), hint))
    return run_cases("check_classify_fixed_point", classify, cases, what="Exercise 6.5 classify")

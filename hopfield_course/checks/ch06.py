"""Checks for the exercises of chapter 06 (continuous networks).

Reference answers come from :mod:`hopfield_course.graded`, never typed in.
Conventions of the exercises: R_i = C_i = 1, ``v = tanh(gain * u)``.
"""

from __future__ import annotations

import functools

import numpy as np

from ..graded import classify_fixed_point, continuous_energy, fixed_points, integrate
from ..memories import cross_x_square
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
    cross = cross_x_square()["cross"].ravel()
    W = hebbian_weights(cross[None, :]).astype(float)
    rng = np.random.default_rng(61)
    u = 0.1 * cross * np.where(rng.random(25) < 0.3, -1, 1) + 0.02 * rng.standard_normal(25)
    return u, W


def _euler_ref(u, W, dt, currents=0.0, gain=1.0):
    return integrate(u, W, dt=dt, steps=1, currents=currents, gain=gain).u[-1]


def check_euler_step(euler_step) -> CheckResult:
    """Exercise 6.1: ``euler_step(u, weights, dt, currents=0.0, gain=1.0)`` - one Euler step of eq. (9); returns a
    new array (``u`` is not changed)."""
    u2 = np.array([0.3, -0.2])
    uc, Wc = _cross_case()
    close = allclose(1e-10, 1e-12)
    zero = np.zeros((2, 2))
    I2 = np.array([0.5, -1.0])
    copy_hint = "Compute u + dt * (...) into a new array: `u = u + ...` is fine, `u += ...` changes the caller's array."
    cases = [
        Case((np.zeros(2), _W2, 0.5), _euler_ref(np.zeros(2), _W2, 0.5), "At u = 0 with no current nothing moves.",
             compare=close, need_array=True, mutation_hint=copy_hint),
        Case((u2, zero, 0.1), _euler_ref(u2, zero, 0.1), compare=close, need_array=True, mutation_hint=copy_hint,
             mistakes=[(-0.1 * u2, "Return the NEW potentials u + dt * du/dt, not the change dt * du/dt."),
                       (u2, "With W = 0 the potentials decay: du/dt = -u, so u_new = u - dt * u.")],
             hint="With W = 0 and no current, du/dt = -u: u_new = u - dt * u (the leak term -u)."),
        Case((u2, zero, 0.1), _euler_ref(u2, zero, 0.1, currents=I2), kwargs={"currents": I2}, compare=close,
             need_array=True, mistakes=[(_euler_ref(u2, zero, 0.1, currents=-I2), "The current I is added: + I, "
                                                                                  "not - I.")],
             hint="The current I is added to the input: du/dt = W v - u + I."),
        Case((u2, _W2, 0.1), _euler_ref(u2, _W2, 0.1), compare=close, need_array=True,
             mistakes=[(u2 + 0.1 * (_W2 @ u2 - u2), "Use the outputs v = tanh(gain u) inside the sum, W @ tanh(u), "
                                                    "not the potentials u.")],
             hint="u_new = u + dt * (W @ tanh(gain*u) - u + I) with R = C = 1."),
        Case((u2, _W3[:2, :2], 0.2), _euler_ref(u2, _W3[:2, :2], 0.2, gain=4.0), kwargs={"gain": 4.0},
             compare=close, need_array=True,
             mistakes=[(u2 + 0.2 * (4.0 * _W3[:2, :2] @ np.tanh(u2) - u2),
                        "The gain multiplies u INSIDE the tanh: v = tanh(gain * u), not gain * tanh(u).")],
             hint="The output is v = tanh(gain * u): the gain multiplies u inside the tanh."),
        Case((uc, Wc, 0.08), _euler_ref(uc, Wc, 0.08, currents=1.0), kwargs={"currents": 1.0},
             hint="Use the outputs v = tanh(gain u) inside the sum, not the potentials u.", need_array=True,
             call="euler_step(u, W_cross, 0.08, currents=1.0)", compare=close),
    ]
    return run_cases("check_euler_step", euler_step, cases, what="Exercise 6.1 euler_step")


def check_graded_energy(graded_energy) -> CheckResult:
    """Exercise 6.2: ``graded_energy(u, weights, currents=0.0, gain=1.0)`` - energy (13) with R = 1, a float."""
    u2 = np.array([0.3, -0.2])
    uc, Wc = _cross_case()
    big = np.array([800.0, -25.0, 0.5])
    close = allclose(1e-8, 1e-10)
    zero = np.zeros((2, 2))
    v2 = np.tanh(u2)
    leak = float(np.sum(v2 * u2 - np.log(np.cosh(u2))))
    cases = [
        Case((np.zeros(3), _W3), 0.0, compare=close, hint="At u = 0 every term vanishes."),
        Case((u2, zero), float(continuous_energy(u2, zero)), compare=close,
             mistakes=[(0.0, "With W = 0 the leak term remains: sum_i (v_i gain u_i - log cosh(gain u_i)) / gain."),
                       (-leak, "The leak term enters with a plus sign: + sum_i (v_i u_i - log cosh u_i).")],
             hint="With W = 0 only the leak term is left: sum_i (v_i*gain*u_i - log cosh(gain*u_i))/gain, "
                  "v = tanh(gain*u)."),
        Case((u2, _W2), float(continuous_energy(u2, _W2)), compare=close,
             mistakes=[(float(continuous_energy(u2, _W2)) - 0.5 * float(v2 @ _W2 @ v2),
                        "The interaction term is -1/2 v.W.v (with the 1/2)."),
                       (float(-0.5 * u2 @ _W2 @ u2 + leak), "The interaction term uses the outputs v = tanh(gain u): "
                                                           "-1/2 v.W.v, not -1/2 u.W.u.")],
             hint="E = -1/2 v.W.v + sum_i (v_i*gain*u_i - log cosh(gain*u_i))/gain - I.v with v = tanh(gain*u)."),
        Case((u2, _W2), float(continuous_energy(u2, _W2, currents=np.array([1.0, 0.5]))),
             kwargs={"currents": np.array([1.0, 0.5])}, compare=close,
             hint="The current term is - sum_i I_i v_i (minus: it must make dE/dt = -sum (dv/dt)(du/dt))."),
        Case((u2, _W2), float(continuous_energy(u2, _W2, gain=3.0)), kwargs={"gain": 3.0}, compare=close,
             hint="With a gain, v = tanh(gain u) and the integral of g^-1 is (v gain u - log cosh(gain u)) / gain."),
        Case((big, _W3), float(continuous_energy(big, _W3)), compare=close,
             hint="For large |u|, tanh(u) rounds to exactly 1 and arctanh(v) is infinite, and cosh(800) overflows "
                  "in log(cosh(x)): compute the integral from u with log cosh(x) = "
                  "np.logaddexp(x, -x) - log 2."),
        Case((uc, Wc), float(continuous_energy(uc, Wc, currents=1.0)), kwargs={"currents": 1.0}, compare=close,
             hint="A scalar current 1.0 applies to every neuron: the term is -1.0 * sum_i v_i.",
             call="graded_energy(u, W_cross, currents=1.0)"),
    ]
    return run_cases("check_graded_energy", graded_energy, cases, what="Exercise 6.2 graded_energy")


def check_energy_trace(energy_trace) -> CheckResult:
    """Exercise 6.3: ``energy_trace(u0, weights, dt, steps, currents=0.0)`` - the steps + 1 energies along an Euler
    run, as a NumPy array; ``u0`` is not changed."""
    uc, Wc = _cross_case()
    u2 = np.array([0.3, -0.2])

    def ref(u, W, dt, steps, currents=0.0):
        if steps == 0:
            return np.array([float(continuous_energy(u, W, currents=currents))])
        return integrate(u, W, dt=dt, steps=steps, currents=currents).energies

    close = allclose(1e-7, 1e-9)
    copy_hint = "Start with u = np.array(u0, dtype=float) so that the steps do not change the caller's u0."
    cases = [
        Case((u2, _W2, 0.1, 0), ref(u2, _W2, 0.1, 0), compare=close, need_array=True, mutation_hint=copy_hint,
             mistakes=[(np.zeros(0), "Include the starting energy: steps + 1 values, here just one.")],
             hint="With steps = 0 the trace holds only the starting energy: an array of length 1."),
        Case((u2, _W2, 0.1, 5), ref(u2, _W2, 0.1, 5), compare=close, need_array=True, mutation_hint=copy_hint,
             mistakes=[(ref(u2, _W2, 0.1, 5)[1:], "Include the starting energy: steps + 1 values."),
                       (ref(u2, _W2, 0.1, 5)[:-1], "Return steps + 1 energies: the start and the state after each "
                                                   "of the steps.")],
             hint="Return steps + 1 energies: the start and the state after each step."),
        Case((uc, Wc, 0.08, 30), ref(uc, Wc, 0.08, 30, 1.0), kwargs={"currents": 1.0}, need_array=True,
             mistakes=[(ref(uc, Wc, 0.08, 30, 0.0), "Pass the currents to both euler_step and graded_energy.")],
             call="energy_trace(u, W_cross, 0.08, 30, currents=1.0)", compare=close, mutation_hint=copy_hint,
             hint="Pass the currents to both euler_step and graded_energy."),
        Case((uc, Wc, 1.5, 20), ref(uc, Wc, 1.5, 20, 1.0), kwargs={"currents": 1.0}, need_array=True,
             call="energy_trace(u, W_cross, 1.5, 20, currents=1.0)", compare=allclose(1e-6, 1e-8),
             hint="The next cell also uses large steps (dt = 1.5 and 2.5): the same loop must work there."),
    ]

    def summary(values):
        e = np.asarray(values[2], dtype=float)
        rises = int(np.sum(np.diff(e) > 1e-9))
        return (f"✓ Exercise 6.3 energy_trace: all {len(cases)} cases pass; with dt = 0.08 the energy rose in "
                f"{rises} of 30 steps (from {fmt(e[0])} to {fmt(e[-1])}).")

    return run_cases("check_energy_trace", energy_trace, cases, what="Exercise 6.3 energy_trace", success=summary,
                     needs={"euler_step": ("Exercise 6.1 euler_step", check_euler_step),
                            "graded_energy": ("Exercise 6.2 graded_energy", check_graded_energy)})


def check_two_neuron_fixed_points(two_neuron_fixed_points) -> CheckResult:
    """Exercise 6.4: ``two_neuron_fixed_points(w, gain)`` - all fixed points of W = [[0, w], [w, 0]], a NumPy
    array of shape (k, 2) sorted by u1."""
    cases = []
    for w, gain, hint in [
        (1.0, 0.5, "When gain * |w| < 1 the origin is the only fixed point: return it as an array of shape (1, 2)."),
        (1.0, 2.0, "When gain * |w| > 1 there are three fixed points: the origin and a symmetric pair on u1 = u2."),
        (-1.5, 2.0, "For w < 0 the pair lies on the anti-diagonal: u2 = w tanh(gain u1) = -u1."),
        (0.8, 10.0, "With a high gain the outer fixed points approach u = +/-w (v = +/-1): the bracket must reach "
                    "|w|."),
        (1.0, 1.05, "Just above gain * |w| = 1 the outer roots are small (u1 = 0.37): start the bracket at a tiny "
                    "positive x, not at 0 (x = 0 is the origin again)."),
        (1.0, 5.0, "The next cell uses gain = 5: the same code must find three fixed points there."),
    ]:
        expected = _pair_fixed_points(w, gain).copy()
        mistakes = []
        if len(expected) == 3:
            mirror = expected.copy()
            mirror[:, 1] = mirror[:, 0]
            mistakes = [(mirror, "For w < 0 the outer points have u2 = -u1: compute u2 = w * tanh(gain * u1) "
                                 "instead of copying u1.")] if w < 0 else []
        cases.append(Case((w, gain), expected, hint, compare=allclose(1e-6, 1e-6), need_array=True,
                          validate=_fp_sorted, mistakes=mistakes))
    return run_cases("check_two_neuron_fixed_points", two_neuron_fixed_points, cases,
                     what="Exercise 6.4 two_neuron_fixed_points")


@functools.lru_cache(maxsize=None)
def _pair_fixed_points(w, gain):
    """All fixed points of W = [[0, w], [w, 0]], sorted by u1 (cached: the search is slow)."""
    points = fixed_points(np.array([[0.0, w], [w, 0.0]]), gain=gain)
    points = points[np.argsort(points[:, 0])]
    points.flags.writeable = False
    return points


def _fp_sorted(got):
    g = np.asarray(got, dtype=float)
    if g.ndim == 2 and g.shape[0] > 1 and np.any(np.diff(g[:, 0]) < -1e-9):
        return ("the fixed points are not sorted by u1: sort the rows, e.g. points[np.argsort(points[:, 0])].")
    return None


def check_classify_fixed_point(classify) -> CheckResult:
    """Exercise 6.5: ``classify(u, weights, gain)`` - "sink", "source" or "saddle" from the Jacobian."""
    cases = []
    W = np.array([[0.0, 1.0], [1.0, 0.0]])
    words = "Return one of the strings 'sink', 'source' or 'saddle'."
    outer5 = _pair_fixed_points(1.0, 5.0)[-1].copy()
    for u, weights, gain, hint in [
        (np.zeros(2), W, 0.5, "At low gain the origin is stable: J = gain * W - I (do not forget the -delta_ij, the "
                              "leak) has eigenvalues 0.5 - 1 and -0.5 - 1, both negative: a sink."),
        (np.zeros(2), W, 2.0, "At the origin J = gain * W - I has eigenvalues 2 - 1 and -2 - 1: a saddle. "
                              "Do not forget the -delta_ij (the leak) in the Jacobian."),
        (np.zeros(2), np.array([[3.0, 0.0], [0.0, 3.0]]), 1.0,
         "Self-excitation 3 > 1 makes the origin a source (both real parts positive)."),
        (np.zeros(2), np.array([[0.0, 2.0], [-2.0, 0.0]]), 1.0,
         "Complex eigenvalues -1 +/- 2i: classify by the real parts (np.linalg.eigvals(J).real)."),
        (_pair_fixed_points(1.0, 2.0)[-1].copy(), W, 2.0, "J_ij = W_ij * gain / cosh(gain*u_j)^2 - delta_ij."),
        (outer5, W, 5.0, "The slope of tanh(gain u) is gain / cosh(gain * u)^2: cosh(gain * u), not cosh(u). At this "
                         "outer fixed point with gain 5 the slope is tiny and the point is a sink."),
    ]:
        cases.append(Case((u, weights, gain), classify_fixed_point(u, weights, gain=gain), words + " " + hint,
                          call=f"classify({fmt(np.asarray(u), 40)}, {fmt(weights, 60)}, {gain})"))
    return run_cases("check_classify_fixed_point", classify, cases, what="Exercise 6.5 classify")

"""Benchmark: one asynchronous T = 0 sweep of the Hebbian network against the machine's floor.

At N = 1000, p = 100 and at N = 16000, p = 2240 (alpha = 0.14, near alpha_c), in one run:

* ours: ``hopfield_course.hebbian.hebbian_sweep_kernel``: fields from the p overlaps, memories stored
  neuron-major as int8, a random visiting order, rows prefetched ahead, the tie rule applied, the overlaps
  updated on every flip;
* floor: a numba loop that does ONLY the N p multiply-adds of a sweep (the same int8 x float32 data), over the
  rows in storage order (the most favourable memory access, no comparison, no update): the yardstick;
* NumPy reference: the same sweep written in plain NumPy (one ``Xt[i] @ m`` per neuron, as one would write it
  without a compiler).

Each figure is the best of several repeats; GMAC/s = N p / time. Correctness in the same run: our sweep and the
NumPy reference end in the same state. The last line printed is one JSON object. ``measure()`` is also used by
``bench_capacity.py``.
"""

from __future__ import annotations

import json
import time

import numpy as np
from numba import njit

from hopfield_course import hebbian as hb

SIZES = ((1000, 100), (16000, 2240))


@njit(cache=True, nogil=True, fastmath=True)
def floor_kernel(xt, m):
    """Only the multiply-adds of one sweep: sum over rows of xt[i] . m (rows in storage order)."""
    n, p = xt.shape
    total = 0.0
    for i in range(n):
        acc = np.float32(0.0)
        for mu in range(p):
            acc += xt[i, mu] * m[mu]
        total += acc
    return total


def numpy_sweep(s, xt, m, order):
    """Plain NumPy twin of one sweep (int64 arithmetic): the reference."""
    p = xt.shape[1]
    for i in order:
        h = xt[i] @ m - p * s[i]
        new = 1 if h >= 0 else -1
        if new != s[i]:
            s[i] = new
            m += 2 * new * xt[i]
    return s


def best_of(func, prepare, repeat):
    times = []
    for _ in range(repeat):
        args = prepare()
        t0 = time.perf_counter()
        func(*args)
        times.append(time.perf_counter() - t0)
    return min(times)


def measure(verbose=True):
    rng = np.random.default_rng(0)
    results = []
    for n, p in SIZES:
        X = rng.choice(np.array([-1, 1], dtype=np.int8), size=(p, n))
        xt = np.ascontiguousarray(X.T)
        start = X[0].astype(np.int64)
        m0 = (X.astype(np.int64) @ start).astype(np.float32)
        order = rng.permutation(n)
        repeat = 30 if n * p < 10 ** 6 else 8

        # warm up (the compiled code is cached on disk; the first call loads it)
        hb.hebbian_sweep_kernel(start.copy(), xt, m0.copy(), order)
        floor_kernel(xt, m0)
        # correctness in the same run
        a = start.copy()
        flips = hb.hebbian_sweep_kernel(a, xt, m0.copy(), order)
        b = numpy_sweep(start.copy(), xt.astype(np.int64), m0.astype(np.int64), order)
        assert np.array_equal(a, b), "kernel and NumPy reference disagree"

        def fresh(state=start, rows=xt, m=m0, visit=order):
            return state.copy(), rows, m.copy(), visit

        t_ours = best_of(hb.hebbian_sweep_kernel, fresh, repeat)
        t_floor = best_of(floor_kernel, lambda rows=xt, m=m0: (rows, m), repeat)
        xt64, m64 = xt.astype(np.int64), m0.astype(np.int64)
        t_np = best_of(numpy_sweep, lambda rows=xt64, m=m64: fresh(rows=rows, m=m), 3)
        macs = n * p
        row = {"n_neurons": n, "n_memories": p, "flips": int(flips),
               "sweep_s": t_ours, "floor_s": t_floor, "numpy_s": t_np,
               "sweep_gmacs": macs / t_ours / 1e9, "floor_gmacs": macs / t_floor / 1e9,
               "numpy_gmacs": macs / t_np / 1e9, "sweep_over_floor": t_ours / t_floor,
               "numpy_over_sweep": t_np / t_ours}
        results.append(row)
        if verbose:
            print(f"N = {n:5d}, p = {p:4d} (start at a memory, {flips} flips)")
            print(f"  ours  (Hebbian sweep kernel)  {t_ours * 1e3:9.4f} ms  {row['sweep_gmacs']:6.2f} GMAC/s"
                  f"  = {row['sweep_over_floor']:.2f} x the floor")
            print(f"  floor (multiply-adds only)    {t_floor * 1e3:9.4f} ms  {row['floor_gmacs']:6.2f} GMAC/s")
            print(f"  NumPy reference               {t_np * 1e3:9.4f} ms  {row['numpy_gmacs']:6.2f} GMAC/s"
                  f"  ({row['numpy_over_sweep']:.0f} x slower than ours)")
    return results


def main():
    results = measure()
    print(json.dumps({"benchmark": "hebbian_sweep", "sizes": results}))


if __name__ == "__main__":
    main()

"""Benchmark: 100 Hopfield-Tank runs on 10 cities, numba Euler kernel against scipy's solve_ivp.

The same 100 noisy minimum-bias starts (seeds 0..99, one 10-city instance per seed drawn
from ``random_cities(10, rng=1000 + seed)``) are integrated

* by :func:`hopfield_course.solve_tsp` (numba kernel, explicit Euler, dt = 1e-5, stopping
  when the on/off pattern has been saturated and unchanged for 1000 steps, at most 20000);
* by ``scipy.integrate.solve_ivp`` (RK45, rtol 1e-6) on the same equations (19) up to the
  time at which the kernel stopped (so both do the same simulated time). Kernel and reference
  are timed run by run, interleaved (the kernel as the best of 3 repeats), so that a busy
  machine slows both alike; the ratio of the sums is the speedup.

It then runs the Potts mean-field annealing and 2-opt on the same instances. Each method's
valid fraction and mean tour length relative to the Held-Karp optimum are printed; the last
line is one JSON object. Targets (issue 5): Hopfield-Tank kernel <= 10 s for 100 runs and
>= 10x faster than the reference.

Run: ``.venv/bin/python benchmarks/bench_tsp.py [--runs 100] [--ref-runs 100]``
"""

from __future__ import annotations

import argparse
import json
import time

import numpy as np

from hopfield_course.tsp import (
    HOPFIELD_TANK_PARAMS,
    hopfield_tank_ivp,
    optimal_tour,
    random_cities,
    solve_tsp,
)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--ref-runs", type=int, default=100, help="runs for the solve_ivp reference")
    args = parser.parse_args(argv)
    runs, ref_runs = args.runs, min(args.ref_runs, args.runs)

    instances = [random_cities(10, rng=1000 + s) for s in range(runs)]
    optima = [optimal_tour(c).length for c in instances]

    # warm up (load the compiled kernels from numba's cache, or compile them)
    solve_tsp(instances[0], method="hopfield-tank", rng=0, max_steps=10)
    solve_tsp(instances[0], method="potts", rng=0, max_sweeps=2)
    solve_tsp(instances[0], method="2-opt", rng=0)

    summary = {"cities": 10, "runs": runs}
    results = {}
    for method in ("hopfield-tank", "potts", "2-opt"):
        t0 = time.perf_counter()
        res = [solve_tsp(c, method=method, rng=s) for s, c in enumerate(instances)]
        seconds = time.perf_counter() - t0
        results[method] = res
        valid = np.array([r.valid for r in res])
        ratios = np.array([r.length / L for r, L in zip(res, optima) if r.valid])
        summary[method] = {
            "seconds": round(seconds, 4),
            "valid_fraction": float(valid.mean()),
            "mean_length_ratio": float(ratios.mean()) if ratios.size else None,
            "optimal_fraction": float(np.mean(ratios < 1 + 1e-9)) if ratios.size else None,
        }
        print(f"{method:14s} {runs} runs in {seconds:7.3f} s   valid {valid.mean():5.0%}   "
              f"mean length / optimum {summary[method]['mean_length_ratio'] or float('nan'):.3f}")

    # the reference: solve_ivp on the same starts, up to the same simulated time. The two are timed
    # run by run, interleaved (kernel: best of 3 repeats), so that both see the same machine load.
    ht = results["hopfield-tank"]
    dt = HOPFIELD_TANK_PARAMS["dt"]
    ref_valid, nfev, t_kernel, t_ref = [], 0, 0.0, 0.0
    for s in range(ref_runs):
        best = np.inf
        for _ in range(3):
            t0 = time.perf_counter()
            solve_tsp(instances[s], method="hopfield-tank", rng=s)
            best = min(best, time.perf_counter() - t0)
        t_kernel += best
        t0 = time.perf_counter()
        ref = hopfield_tank_ivp(instances[s], rng=s, t_max=ht[s].steps * dt)
        t_ref += time.perf_counter() - t0
        nfev += ref.steps
        ref_valid.append(ref.valid)
    ratio = t_ref / t_kernel
    summary["hopfield-tank"].update({
        "reference": "scipy.integrate.solve_ivp RK45 rtol=1e-6 atol=1e-8",
        "reference_runs": ref_runs,
        "reference_seconds": round(t_ref, 4),
        "kernel_seconds_same_runs": round(t_kernel, 4),
        "reference_valid_fraction": float(np.mean(ref_valid)),
        "reference_rhs_evaluations_per_run": round(nfev / ref_runs, 1),
        "mean_euler_steps": float(np.mean([r.steps for r in ht])),
        "speedup": round(ratio, 1),
    })
    print(f"solve_ivp reference: {ref_runs} runs in {t_ref:.3f} s (valid {np.mean(ref_valid):.0%}, "
          f"{nfev / ref_runs:.0f} rhs evaluations per run against {np.mean([r.steps for r in ht]):.0f} Euler steps); "
          f"numba kernel {t_kernel:.3f} s on the same runs: {ratio:.1f}x faster")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

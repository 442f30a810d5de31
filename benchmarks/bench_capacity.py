"""Benchmark: the capacity experiments of chapter 08, against the machine's limit, in one run.

1. The sweep (from ``bench_sweep.measure``): our Hebbian sweep kernel against a floor kernel that does only the
   multiply-adds of a sweep, and against a plain NumPy sweep, at N = 1000, p = 100 and N = 16000, p = 2240
   (GMAC/s for each).
2. The capacity curve: N = 2000, 15 loads alpha in [0.02, 0.30], 20 trials each (draw p = alpha N random
   memories, start at memory 1, asynchronous T = 0 dynamics to a fixed point) with
   ``hopfield_course.retrieval_curve`` on every core; wall and CPU time, and the work done in GMAC
   (sweeps x N x p) to compare with the floor. The same algorithm in plain NumPy runs REF_TRIALS trials per load
   and is scaled to 20.
3. Thread scaling: the same curve on 1 thread and on every core (the result is identical).
4. The live grid of chapter 08 (the reduced finite-size rerun: N = 1000, 2000, 4000).

Prints tables and, as its last line, one JSON object.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import numpy as np

import hopfield_course as hc
from hopfield_course import capacity as cap

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_sweep  # noqa: E402

N = 2000
ALPHAS = np.linspace(0.02, 0.30, 15)
TRIALS = 20
REF_TRIALS = int(os.environ.get("BENCH_REF_TRIALS", "1"))
# the reduced grid that chapter 08 reruns live (keep in step with the notebook)
LIVE_SIZES = {1000: 40, 2000: 20, 4000: 10}
LIVE_ALPHAS = np.round(np.arange(0.125, 0.1851, 0.01), 4)


def reference_trial(n, p, rng, max_sweeps=200):
    """Plain NumPy: asynchronous T = 0 Hebbian dynamics from memory 1, fields from the overlaps."""
    X = rng.choice(np.array([-1, 1]), size=(p, n))
    Xt = np.ascontiguousarray(X.T)
    s = X[0].copy()
    m = X @ s
    for _ in range(max_sweeps):
        flips = 0
        for i in rng.permutation(n):
            h = Xt[i] @ m - p * s[i]
            new = 1 if h >= 0 else -1
            if new != s[i]:
                s[i] = new
                m += 2 * new * Xt[i]
                flips += 1
        if flips == 0:
            break
    return float(X[0] @ s) / n


def timed(func, repeat=3):
    best = None
    for _ in range(repeat):
        w0, c0 = time.perf_counter(), time.process_time()
        out = func()
        wall, cpu = time.perf_counter() - w0, time.process_time() - c0
        if best is None or wall < best[0]:
            best = (wall, cpu, out)
    return best


def main():
    sweep = bench_sweep.measure()
    print()
    hc.retrieval_curve(200, [0.05, 0.3], trials=2, rng=0)  # load the compiled kernels
    cores = cap.default_threads()
    wall, cpu, curve = timed(lambda: hc.retrieval_curve(N, ALPHAS, trials=TRIALS, rng=2026))
    gmac = float((np.abs(curve.sweeps) * curve.n_memories[:, None]).sum()) * N / 1e9
    wall1, cpu1, curve1 = timed(lambda: hc.retrieval_curve(N, ALPHAS, trials=TRIALS, rng=2026, threads=1), 2)
    assert np.array_equal(curve.overlaps, curve1.overlaps), "threads changed the result"

    rng = np.random.default_rng(7)
    w0, c0 = time.perf_counter(), time.process_time()
    ref = [np.mean([reference_trial(N, max(1, int(round(a * N))), rng) for _ in range(REF_TRIALS)]) for a in ALPHAS]
    ref_wall = (time.perf_counter() - w0) * TRIALS / REF_TRIALS
    ref_cpu = (time.process_time() - c0) * TRIALS / REF_TRIALS

    live = {}
    w0 = time.perf_counter()
    for n, trials in LIVE_SIZES.items():
        t = time.perf_counter()
        hc.retrieval_curve(n, LIVE_ALPHAS, trials=trials, rng=n)
        live[n] = round(time.perf_counter() - t, 3)
    live_wall = time.perf_counter() - w0

    print(f"capacity curve: N = {N}, {len(ALPHAS)} loads in [{ALPHAS[0]:.2f}, {ALPHAS[-1]:.2f}], {TRIALS} trials")
    print(" alpha   ours <m>   NumPy reference <m> (%d trial%s)" % (REF_TRIALS, "s" if REF_TRIALS > 1 else ""))
    for a, mo, mr in zip(ALPHAS, curve.mean_overlap, ref):
        print(f" {a:5.2f}   {mo:8.3f}   {mr:8.3f}")
    print(f"ours, {cores} threads: {wall:.3f} s wall, {cpu:.3f} s CPU; {gmac:.2f} GMAC of field sums "
          f"({gmac / cpu:.2f} GMAC per CPU second)")
    print(f"ours, 1 thread:  {wall1:.3f} s wall, {cpu1:.3f} s CPU; thread speed-up {wall1 / wall:.2f}x on {cores} cores")
    print(f"NumPy reference (scaled from {REF_TRIALS} to {TRIALS} trials): {ref_wall:.1f} s wall; "
          f"{ref_wall / wall:.0f}x slower")
    print(f"chapter 08 live grid ({', '.join(f'N = {n}: {t:.2f} s' for n, t in live.items())}): {live_wall:.2f} s")
    load = os.getloadavg()[0]
    print(f"machine load average {load:.1f} on {os.cpu_count()} CPUs (timings are best of several runs)")
    print(json.dumps({
        "benchmark": "capacity", "cpus": os.cpu_count(), "load_average": round(load, 2),
        "sweep": sweep,
        "curve": {"n_neurons": N, "loads": len(ALPHAS), "trials": TRIALS, "threads": cores,
                  "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3), "gmac": round(gmac, 3),
                  "gmac_per_cpu_second": round(gmac / cpu, 3), "target_seconds": 1.0},
        "threads": {"one_thread_seconds": round(wall1, 3), "all_threads_seconds": round(wall, 3),
                    "speedup": round(wall1 / wall, 3), "cores": cores},
        "numpy_reference": {"seconds": round(ref_wall, 2), "cpu_seconds": round(ref_cpu, 2),
                            "trials_run": REF_TRIALS, "ratio": round(ref_wall / wall, 1)},
        "chapter08_live_grid": {"seconds": round(live_wall, 3), "per_size": live},
    }))


if __name__ == "__main__":
    main()

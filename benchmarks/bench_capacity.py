"""Benchmark: the capacity curve (chapter 08) with the package kernel against plain vectorised NumPy.

Task: N = 2000 neurons, 15 loads alpha in [0.02, 0.30], 20 trials each; in every trial draw p = alpha N
random memories, start at memory 1 and run asynchronous T = 0 dynamics (fresh random order every sweep)
to a fixed point; record the final overlap.

* ours: ``hopfield_course.retrieval_curve`` (numba kernel, local fields from the p overlaps, float32
  exact-integer arithmetic, trials on at most 2 threads);
* reference: the same algorithm in plain NumPy, vectorised over the memories (one ``Xt[i] @ m`` dot
  product per neuron update, as one would write it without a compiler). It runs REF_TRIALS trials per load
  and its time is scaled to the full 20 trials.

Prints a table, the ratio, and one JSON object as its last line.
"""

from __future__ import annotations

import json
import os
import time

import numpy as np

import hopfield_course as hc

N = 2000
ALPHAS = np.linspace(0.02, 0.30, 15)
TRIALS = 20
REF_TRIALS = int(os.environ.get("BENCH_REF_TRIALS", "2"))


def reference_trial(n, p, rng, max_sweeps=200):
    """Plain NumPy: asynchronous T = 0 Hebbian dynamics from memory 1, fields from the overlaps."""
    X = rng.choice(np.array([-1.0, 1.0]), size=(p, n))
    Xt = np.ascontiguousarray(X.T)
    s = X[0].copy()
    m = X @ s
    for _ in range(max_sweeps):
        flips = 0
        for i in rng.permutation(n):
            h = Xt[i] @ m - p * s[i]
            new = 1.0 if h >= 0 else -1.0
            if new != s[i]:
                s[i] = new
                m += 2 * new * Xt[i]
                flips += 1
        if flips == 0:
            break
    return float(X[0] @ s) / n


def main():
    hc.retrieval_curve(200, [0.05, 0.3], 2, rng=0)  # compile / load the numba cache
    w0, c0 = time.perf_counter(), time.process_time()
    ours = hc.retrieval_curve(N, ALPHAS, TRIALS, rng=2026)
    ours_wall, ours_cpu = time.perf_counter() - w0, time.process_time() - c0

    rng = np.random.default_rng(7)
    ref_means = []
    w0, c0 = time.perf_counter(), time.process_time()
    for a in ALPHAS:
        p = max(1, int(round(a * N)))
        ref_means.append(np.mean([reference_trial(N, p, rng) for _ in range(REF_TRIALS)]))
    ref_wall = (time.perf_counter() - w0) * TRIALS / REF_TRIALS
    ref_cpu = (time.process_time() - c0) * TRIALS / REF_TRIALS

    print(f"capacity curve: N = {N}, {len(ALPHAS)} loads in [{ALPHAS[0]:.2f}, {ALPHAS[-1]:.2f}], {TRIALS} trials each")
    print(" alpha   ours <m> (20 trials)   reference <m> (%d trials)" % REF_TRIALS)
    for a, mo, mr in zip(ALPHAS, ours["overlaps"].mean(axis=1), ref_means):
        print(f" {a:5.2f}   {mo:8.3f}               {mr:8.3f}")
    print(f"ours: {ours_wall:.2f} s wall ({ours_cpu:.2f} s CPU, <= {hc.capacity.MAX_THREADS} threads)")
    print(f"reference (NumPy, scaled from {REF_TRIALS} to {TRIALS} trials): {ref_wall:.1f} s wall ({ref_cpu:.1f} s CPU)")
    ratio = ref_wall / ours_wall
    print(f"speed-up: {ratio:.0f}x wall, {ref_cpu / ours_cpu:.0f}x CPU time; "
          f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(json.dumps({"benchmark": "capacity_curve", "n": N, "loads": len(ALPHAS), "trials": TRIALS,
                      "seconds": round(ours_wall, 3), "cpu_seconds": round(ours_cpu, 3),
                      "reference_seconds": round(ref_wall, 2), "reference_cpu_seconds": round(ref_cpu, 2),
                      "reference_trials": REF_TRIALS, "ratio": round(ratio, 1),
                      "cpu_ratio": round(ref_cpu / ours_cpu, 1)}))


if __name__ == "__main__":
    main()

"""The finite-size study of chapter 08: the retrieval transition at N = 1000 ... 16000.

For each size N, ``trials`` retrieval trials (Hebb's rule, T = 0 asynchronous dynamics from a memory, see
``hopfield_course.retrieval_curve``) at each load of a grid around alpha_c; then a probit fit of the retrieved
fraction gives alpha_c(N) and the width of the transition, and ``extrapolate_alpha_c`` extrapolates to
N -> infinity. Writes ``hopfield_course/data/finite_size.json`` (shipped with the course; chapter 08 plots it
and reruns a reduced grid live, ``tests/test_theory.py`` reruns the smallest size and compares).

Run from the repository root:  python scripts/finite_size.py   (the data file records its run time: 1859 s on a loaded 2-core machine)
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

SIZES = {1000: 320, 2000: 160, 4000: 80, 8000: 40, 16000: 20}  # N: trials per load
ALPHAS = np.round(np.arange(0.125, 0.1851, 0.005), 4)
MAX_SWEEPS = 2000
RNG = 2026
OUT = Path(__file__).resolve().parent.parent / "hopfield_course" / "data" / "finite_size.json"


def main():
    t0 = time.perf_counter()
    rng = np.random.default_rng(RNG)
    rows, fits = [], []
    for n, trials in SIZES.items():
        t = time.perf_counter()
        r = hc.retrieval_curve(n, ALPHAS, trials=trials, rng=rng, max_sweeps=MAX_SWEEPS)
        ok = r.overlaps >= cap.RETRIEVAL_THRESHOLD
        fit = cap.transition_fit(r.alphas, ok.sum(axis=1), trials)
        fits.append(fit)
        rows.append({
            "n_neurons": n, "trials": trials, "alphas": r.alphas.round(6).tolist(),
            "n_memories": r.n_memories.tolist(),
            "overlap_mean": r.mean_overlap.round(5).tolist(), "overlap_std": r.std_overlap.round(5).tolist(),
            "retrieved": r.retrieved().round(5).tolist(), "converged": r.converged.round(5).tolist(),
            "overlaps": r.overlaps.round(4).tolist(), "sweeps": r.sweeps.tolist(),
            "alpha_c": fit.alpha_c, "alpha_c_error": fit.alpha_c_error,
            "width": fit.width, "width_error": fit.width_error,
            "seconds": round(time.perf_counter() - t, 1),
        })
        print(f"N = {n:5d}: alpha_c(N) = {fit.alpha_c:.4f} +/- {fit.alpha_c_error:.4f}, width {fit.width:.4f}, "
              f"{time.perf_counter() - t:.0f} s", flush=True)
    ext = cap.extrapolate_alpha_c(list(SIZES), fits)
    data = {
        "description": "Retrieval transition of the Hebbian Hopfield network at T = 0 (asynchronous dynamics "
                       "from a stored memory, random memories): per size, final overlaps and sweeps of every "
                       "trial, the retrieved fraction (final overlap >= threshold) and its probit fit.",
        "command": "python scripts/finite_size.py",
        "threshold": cap.RETRIEVAL_THRESHOLD, "max_sweeps": MAX_SWEEPS, "rng": RNG,
        "machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0]},
        "seconds": round(time.perf_counter() - t0, 1),
        "sizes": rows,
        "extrapolation": {"alpha_c_infinity": ext.alpha_c_infinity,
                          "alpha_c_infinity_error": ext.alpha_c_infinity_error, "slope": ext.slope,
                          "exponent": ext.exponent, "exponent_error": ext.exponent_error,
                          "chi2_per_dof": ext.chi2_per_dof,
                          "free_alpha_c_infinity": ext.free_alpha_c_infinity,
                          "free_alpha_c_infinity_error": ext.free_alpha_c_infinity_error,
                          "free_exponent": ext.free_exponent, "free_exponent_error": ext.free_exponent_error},
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"alpha_c(infinity) = {ext.alpha_c_infinity:.4f} +/- {ext.alpha_c_infinity_error:.4f} "
          f"(exponent {ext.exponent:.2f} +/- {ext.exponent_error:.2f}); wrote {OUT} in {data['seconds']:.0f} s")


if __name__ == "__main__":
    main()

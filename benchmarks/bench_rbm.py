"""Benchmark of chapter 09: RBM training on bars-and-stripes 4x4, and the Boltzmann Gibbs kernel.

1. Bars and stripes 4x4 (30 images, best mean log-likelihood -ln 30 = -3.401 nats), an RBM
   with 16 hidden units, the same number of epochs and mini-batches of 10 for our CD-1,
   CD-10, CD-20, PCD-1 and scikit-learn's BernoulliRBM (which is PCD-1 with 10 persistent chains,
   learning rate 0.1). Every model is scored with the same exact log-likelihood
   (hopfield_course.RBM.log_likelihood, summing over the 2^16 hidden states).
2. Our training epoch in the numba kernel against its NumPy/BLAS twin (CD-10, same random numbers).
3. The numba Gibbs kernel of the Boltzmann machine against its plain NumPy twin on the
   same random numbers (identical output), sweeps per second.

Usage: python benchmarks/bench_rbm.py [epochs]      (default 3000)
The last line printed is one JSON object with all figures.
"""

from __future__ import annotations

import json
import sys
import time

import numpy as np
from sklearn.neural_network import BernoulliRBM

from hopfield_course import RBM, BoltzmannMachine, bars_and_stripes
from hopfield_course.boltzmann import gibbs_kernel, gibbs_kernel_numpy

OPTIMUM = -np.log(30.0)


def linear_decay(lr0, epochs):
    return lambda e: lr0 * (1.0 - (e - 1) / epochs)


def bench_rbm(epochs: int, seed: int = 0):
    x = bars_and_stripes(4)
    configs = {
        "cd1": dict(method="cd", k=1, learning_rate=linear_decay(0.2, epochs)),
        "cd10": dict(method="cd", k=10, learning_rate=linear_decay(0.2, epochs)),
        "cd20": dict(method="cd", k=20, learning_rate=linear_decay(0.2, epochs)),
        "pcd1": dict(method="pcd", k=1, n_chains=100, learning_rate=0.1, decay="linear"),   # the defaults
    }
    out = {}
    for name, cfg in configs.items():
        t0 = time.perf_counter()
        r = RBM(16, 16, rng=seed).fit(x, epochs=epochs, batch_size=10, **cfg)
        secs = time.perf_counter() - t0
        out[name] = {"log_likelihood": r.log_likelihood(x), "seconds": secs}
    # scikit-learn: its fit does not shuffle, so give it the patterns in a seeded random order
    xs = x[np.random.default_rng(seed).permutation(len(x))].astype(float)
    t0 = time.perf_counter()
    sk = BernoulliRBM(n_components=16, learning_rate=0.1, batch_size=10, n_iter=epochs, random_state=seed).fit(xs)
    secs = time.perf_counter() - t0
    out["sklearn_bernoullirbm"] = {"log_likelihood": RBM.from_sklearn(sk).log_likelihood(x), "seconds": secs}
    return out


def bench_epoch_kernel(epochs=300, seed=0):
    """Our CD-10 training: the numba epoch kernel against its NumPy/BLAS twin (same random numbers)."""
    x = bars_and_stripes(4)
    out = {}
    for name in ("numba", "numpy"):
        RBM(16, 16, rng=seed).fit(x, epochs=1, method="cd", k=10, engine=name)   # compile / warm up
        t0 = time.perf_counter()
        r = RBM(16, 16, rng=seed).fit(x, epochs=epochs, method="cd", k=10, learning_rate=0.1, decay="constant",
                                      engine=name)
        out[name + "_seconds"] = time.perf_counter() - t0
        out[name + "_weights"] = r.weights
    return {"epochs": epochs, "numba_seconds": out["numba_seconds"], "numpy_seconds": out["numpy_seconds"],
            "speedup": out["numpy_seconds"] / out["numba_seconds"],
            "max_weight_difference": float(np.abs(out["numba_weights"] - out["numpy_weights"]).max())}


def bench_gibbs(n_chains=200, n_sweeps=50, repeats=3):
    m = BoltzmannMachine(12, 8, rng=0, weight_scale=0.5)
    rng = np.random.default_rng(1)
    states = (rng.random((n_chains, 20)) < 0.5).astype(float)
    temps = np.ones(n_sweeps)
    u = rng.random((n_chains, n_sweeps, 20))
    free = np.arange(20)
    times = {}
    results = {}
    for name, fn in (("numba", gibbs_kernel), ("numpy", gibbs_kernel_numpy)):
        fn(states.copy(), m.weights, m.bias, free, temps[:1], u[:, :1], 0, np.zeros((20, 20)), np.zeros(20))
        best = np.inf
        for _ in range(repeats):
            s = states.copy()
            c, mm = np.zeros((20, 20)), np.zeros(20)
            t0 = time.perf_counter()
            fn(s, m.weights, m.bias, free, temps, u, 10, c, mm)
            best = min(best, time.perf_counter() - t0)
        times[name] = best
        results[name] = s
    same = bool(np.array_equal(results["numba"], results["numpy"]))
    return {"chains": n_chains, "sweeps": n_sweeps, "units": 20, "numba_seconds": times["numba"],
            "numpy_seconds": times["numpy"], "speedup": times["numpy"] / times["numba"], "identical": same}


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    rbm = bench_rbm(epochs)
    print(f"Bars and stripes 4x4, RBM 16-16, {epochs} epochs, batch 10; optimum -ln 30 = {OPTIMUM:.3f} nats")
    print(f"{'method':<22}{'exact mean log-lik':>20}{'gap to optimum':>16}{'seconds':>10}")
    for name, r in rbm.items():
        r["gap"] = OPTIMUM - r["log_likelihood"]
        print(f"{name:<22}{r['log_likelihood']:>20.3f}{r['gap']:>16.3f}{r['seconds']:>10.2f}")
    best = max(("cd1", "cd10", "cd20", "pcd1"), key=lambda k: rbm[k]["log_likelihood"])
    ref = rbm["sklearn_bernoullirbm"]
    ratio = rbm["pcd1"]["seconds"] / ref["seconds"]
    print(f"best of ours: {best}, gap {rbm[best]['gap']:.3f} nats (target < 0.3); "
          f"better than BernoulliRBM: {rbm[best]['log_likelihood'] > ref['log_likelihood']}")
    print(f"time ratio our PCD-1 (100 chains) / BernoulliRBM (10 chains): {ratio:.2f}")
    e = bench_epoch_kernel()
    print(f"CD-10 training epochs ({e['epochs']}): numba kernel {e['numba_seconds']:.2f} s, NumPy/BLAS twin "
          f"{e['numpy_seconds']:.2f} s, speed-up {e['speedup']:.1f}x, max weight difference "
          f"{e['max_weight_difference']:.1e}")
    g = bench_gibbs()
    print(f"Gibbs kernel, {g['chains']} chains x {g['sweeps']} sweeps x {g['units']} units: numba "
          f"{g['numba_seconds'] * 1e3:.2f} ms, NumPy twin {g['numpy_seconds'] * 1e3:.2f} ms, "
          f"speed-up {g['speedup']:.1f}x, identical states: {g['identical']}")
    summary = {
        "benchmark": "bench_rbm",
        "epochs": epochs,
        "optimum": OPTIMUM,
        "rbm": {k: {kk: round(float(vv), 4) for kk, vv in v.items()} for k, v in rbm.items()},
        "best_ours": best,
        "within_0.3_of_optimum": bool(rbm[best]["gap"] < 0.3),
        "better_than_sklearn": bool(rbm[best]["log_likelihood"] > ref["log_likelihood"]),
        "time_ratio_pcd1_vs_sklearn": round(ratio, 3),
        "cd_epoch_kernel": {k: (round(v, 6) if k.endswith(("seconds", "speedup")) else v) for k, v in e.items()},
        "gibbs_kernel": {k: (round(v, 6) if isinstance(v, float) else v) for k, v in g.items()},
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

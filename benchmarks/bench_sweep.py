"""Benchmark: one asynchronous sweep and one retrieval to a fixed point at N = 1000, p = 100.

Our numba kernels against a plain NumPy reference in the same run:
* reference sweep: for each neuron in a random order, h_i = W[i] @ s (a vectorised dot product), then the rule;
* ours (weights): ``async_sweep_kernel`` with the incrementally maintained exact integer field;
* ours (Hebbian): ``hebbian_sweep_kernel``, which never forms W and keeps p overlaps (O(pN) per sweep).
Retrieval starts at a memory with 10% of its neurons flipped and runs sweeps until one changes nothing.
The last line printed is one JSON object with the figures.
"""

import json
import time

import numpy as np

import hopfield_course as hc
from hopfield_course import kernels

N, P, REPEAT = 1000, 100, 20


def best_of(func, repeat=REPEAT):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times)


def numpy_sweep(s, W, order):
    for i in order:
        s[i] = 1 if W[i] @ s >= 0 else -1
    return s


def numpy_retrieve(s, W, rng, max_sweeps=100):
    for t in range(max_sweeps):
        before = s.copy()
        numpy_sweep(s, W, rng.permutation(s.size))
        if np.array_equal(before, s):
            return t + 1
    return -1


def main():
    rng = np.random.default_rng(0)
    X = hc.random_patterns(P, N, rng=rng)
    W = hc.hebbian_weights(X)
    start = hc.flip(X[0], N // 10, rng=rng)
    order = rng.permutation(N)
    theta = np.zeros(N)

    # warm up (compilation is cached on disk, but the first call still loads it)
    kernels.async_sweep_kernel(start.copy(), W, theta, order, W @ start)
    kernels.hebbian_sweep_kernel(start.copy(), X, order, X @ start)
    hc.hebbian_retrieve(start, X, rng=1)

    # correctness in the same run: all three sweeps agree
    a, b, c = start.copy(), start.copy(), start.copy()
    numpy_sweep(a, W, order)
    kernels.async_sweep_kernel(b, W, theta, order, W @ b)
    kernels.hebbian_sweep_kernel(c, X, order, X @ c)
    assert np.array_equal(a, b) and np.array_equal(a, c)

    t_np = best_of(lambda: numpy_sweep(start.copy(), W, order), repeat=5)
    t_w = best_of(lambda: kernels.async_sweep_kernel(start.copy(), W, theta, order, W @ start))
    h0 = W @ start
    t_w_nofield = best_of(lambda: kernels.async_sweep_kernel(start.copy(), W, theta, order, h0.copy()))
    t_h = best_of(lambda: kernels.hebbian_sweep_kernel(start.copy(), X, order, X @ start))

    t_np_ret = best_of(lambda: numpy_retrieve(start.copy(), W, np.random.default_rng(2)), repeat=3)
    t_ret = best_of(lambda: hc.hebbian_retrieve(start, X, rng=np.random.default_rng(2)))
    sweeps = hc.hebbian_retrieve(start, X, rng=np.random.default_rng(2))[1]

    print(f"N = {N}, p = {P}, start 10% corrupted")
    print(f"sweep, NumPy reference (per-neuron dot product) : {t_np * 1e3:9.3f} ms")
    print(f"sweep, numba, weights (field W@s included)       : {t_w * 1e3:9.3f} ms  ratio {t_np / t_w:7.1f}x")
    print(f"sweep, numba, weights (field carried over)       : {t_w_nofield * 1e3:9.3f} ms  ratio {t_np / t_w_nofield:7.1f}x")
    print(f"sweep, numba, Hebbian overlaps (no W)            : {t_h * 1e3:9.3f} ms  ratio {t_np / t_h:7.1f}x")
    print(f"retrieval to a fixed point, NumPy reference      : {t_np_ret * 1e3:9.3f} ms")
    print(f"retrieval to a fixed point, numba Hebbian ({sweeps} sweeps): {t_ret * 1e3:9.3f} ms  ratio {t_np_ret / t_ret:7.1f}x")
    print(json.dumps({
        "N": N, "p": P,
        "sweep_numpy_s": t_np, "sweep_numba_weights_s": t_w, "sweep_numba_weights_carried_field_s": t_w_nofield,
        "sweep_numba_hebbian_s": t_h, "sweep_ratio_weights": t_np / t_w, "sweep_ratio_hebbian": t_np / t_h,
        "retrieve_numpy_s": t_np_ret, "retrieve_numba_s": t_ret, "retrieve_ratio": t_np_ret / t_ret,
        "retrieve_sweeps": int(sweeps),
    }))


if __name__ == "__main__":
    main()

"""Benchmark: the numba kernels of chapters 10 and 11 against their plain NumPy twins.

* dense_delta_kernel: one synchronous update of the dense memory F(x) = x^3 (N = 64, K = 2000),
  against dense_delta_kernel_numpy (vectorised NumPy, same exact integer arithmetic);
* exp_delta_kernel: the same for F(x) = exp(x) (N = 24, K = 4096);
* control_cost_kernel: cost + adjoint gradient of the controlled model of Cardin et al. (2023) (N = 6, 10 segments,
  533 Euler steps), against control_cost_kernel_numpy (the same recursion with NumPy inner loops).

Each timing is the best of several repeats, both in the same run. The last line is one JSON object.
"""

import json
import time

import numpy as np

from hopfield_course import control as asy
from hopfield_course import modern


def best(fn, repeat=5, number=3):
    fn()  # warm-up (compilation / caches)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def main():
    rng = np.random.default_rng(0)
    results = {}

    X = rng.choice(np.array([-1, 1], dtype=np.int64), size=(2000, 64))
    s = X[0].copy()
    a, b = np.empty(64, dtype=np.int64), np.empty(64, dtype=np.int64)
    modern.dense_delta_kernel(s, X, 3, a)
    modern.dense_delta_kernel_numpy(s, X, 3, b)
    assert np.array_equal(a, b)
    tk = best(lambda: modern.dense_delta_kernel(s, X, 3, a))
    tn = best(lambda: modern.dense_delta_kernel_numpy(s, X, 3, b))
    results["dense_delta_n3_N64_K2000"] = {"kernel_s": tk, "numpy_s": tn, "speedup": tn / tk}

    Xe = rng.choice(np.array([-1, 1], dtype=np.int64), size=(4096, 24))
    se = Xe[0].copy()
    ea, eb = np.empty(24), np.empty(24)
    tk = best(lambda: modern.exp_delta_kernel(se, Xe, ea))
    tn = best(lambda: modern.exp_delta_kernel_numpy(se, Xe, eb))
    assert np.allclose(ea, eb, rtol=1e-12, atol=0)
    results["exp_delta_N24_K4096"] = {"kernel_s": tk, "numpy_s": tn, "speedup": tn / tk}

    A = rng.normal(size=(6, 6))
    u0 = rng.normal(size=6)
    xi = 0.1 * rng.normal(size=(10, 6, 6))
    g1, g2 = np.empty_like(xi), np.empty_like(xi)
    args = (u0, A, xi, 0.05, 20, 533, 2.0, 0.3, 0.1)
    tk = best(lambda: asy.control_cost_kernel(*args, g1), number=5)
    tn = best(lambda: asy.control_cost_kernel_numpy(*args, g2), repeat=3, number=1)
    assert np.allclose(g1, g2, rtol=1e-10, atol=1e-13)
    results["control_cost_grad_N6_S10_steps533"] = {"kernel_s": tk, "numpy_s": tn, "speedup": tn / tk}

    for name, r in results.items():
        print(f"{name:36s} kernel {r['kernel_s'] * 1e3:9.3f} ms   numpy {r['numpy_s'] * 1e3:9.3f} ms   "
              f"ratio {r['speedup']:7.1f}x")
    print(json.dumps({"benchmark": "bench_modern", "results": results}))


if __name__ == "__main__":
    main()

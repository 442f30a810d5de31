"""The travelling salesman problem with neural networks (Hopfield and Tank 1985; seed 000, eqs. 18-22).

Representation: ``n`` cities, an ``n x n`` matrix of neurons ``V[X, i]``; ``V[X, i] = 1`` means
"city X is visited at position i". A valid tour is a permutation matrix; the tour is read off
as ``tour[i] = X`` for the one ``X`` with ``V[X, i] = 1``.

Hopfield-Tank network (seed 000, eqs. 19-21; positions are cyclic, ``i +/- 1`` mod n)::

    du_Xi/dt = -u_Xi/tau - A sum_{j!=i} V_Xj - B sum_{Y!=X} V_Yi - C (sum_Yj V_Yj - n_tilde)
               - D sum_Y d_XY (V_{Y,i+1} + V_{Y,i-1}),
    V_Xi = (1 + tanh(u_Xi / u0)) / 2,
    A = B = 500, C = 200, D = 500, n_tilde = 15, u0 = 0.02, tau = 1.

Hopfield and Tank's gain parameter is ``u0 = 0.02``; seed 000 writes ``u_hat = 0.01`` inside
the tanh: halving the denominator doubles the gain, i.e. the slope ``dV/du = 1/(2 u0)`` at
``u = 0`` becomes 50 instead of 25.
The start is the "minimum-bias" state ``sum V = n`` (``u_00 = u0 artanh(2/n - 1)``) plus
uniform noise ``delta u in [-0.1 |u_00|, 0.1 |u_00|]`` (seed 000, eq. 22).

Potts mean-field annealing (Peterson and Soderberg 1989): each city's row is a probability
vector over positions, ``V[X, :] = softmax(-U[X, :] / T)`` with the mean field::

    U_Xi = sum_Y d_XY (V_{Y,i+1} + V_{Y,i-1}) + beta (sum_{Y != X} V_Yi)

The row constraint holds by construction; ``beta`` penalises two cities at one position.
Cities are updated one at a time (serially) while the temperature ``T`` is lowered
geometrically (``T <- cooling * T`` after each sweep), starting near the critical temperature,
until the rows saturate. Our settings: beta = 2.5, cooling = 0.995, distances divided by their mean.

Also here: exact optimum by Held-Karp dynamic programming (``O(2^n n^2)``), random tours,
2-opt local search, decoding and validity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_rng

__all__ = [
    "TSP_METHODS",
    "TSPResult",
    "solve_tsp",
    "as_coords",
    "random_cities",
    "distance_matrix",
    "tour_length",
    "decode",
    "is_valid",
    "random_tour",
    "random_tour_lengths",
    "optimal_tour",
    "two_opt",
    "hopfield_tank_start",
    "hopfield_tank_rhs",
    "hopfield_tank_energy",
    "hopfield_tank_kernel",
    "hopfield_tank_kernel_numpy",
    "hopfield_tank_ivp",
    "potts_kernel",
    "potts_kernel_numpy",
    "HOPFIELD_TANK_PARAMS",
    "POTTS_PARAMS",
]

TSP_METHODS = ("hopfield-tank", "potts", "2-opt")

#: Hopfield and Tank's published parameters (seed 000, eq. 21, with their u0 = 0.02),
#: and our integration settings (explicit Euler, dt = 1e-5, as in Wilson and Pawley 1988).
HOPFIELD_TANK_PARAMS = dict(A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=15.0, u0=0.02, tau=1.0,
                            dt=1e-5, max_steps=20000, patience=1000, noise=0.1)

#: Potts mean-field annealing settings (distances are divided by their mean inside the method).
POTTS_PARAMS = dict(beta=2.5, T0=None, cooling=0.995, max_sweeps=1500, saturation=0.99, tol=1e-4)


# --------------------------------------------------------------------------- cities, tours
def as_coords(coords, name="coords"):
    """City coordinates as a float (n, 2) array, n >= 3, finite, no two cities at one place."""
    arr = _finite_numeric(name, coords).astype(np.float64)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"{name}: expected shape (n, 2): one (x, y) row per city, got shape {arr.shape}")
    if arr.shape[0] < 3:
        raise ValueError(f"{name}: expected at least 3 cities, got {arr.shape[0]}")
    d = np.sqrt(((arr[:, None, :] - arr[None, :, :]) ** 2).sum(-1))
    d[np.diag_indices_from(d)] = np.inf
    if np.any(d == 0):
        i, j = np.argwhere(d == 0)[0]
        raise ValueError(f"{name}: cities {i} and {j} are at the same place {arr[i].tolist()}")
    return arr


def random_cities(n, rng=None):
    """``n`` cities drawn uniformly in the unit square (as in seed 000). Shape (n, 2)."""
    if not isinstance(n, (int, np.integer)) or n < 3:
        raise ValueError(f"n: expected an integer >= 3, got {n!r}")
    return as_rng(rng).random((int(n), 2))


def distance_matrix(coords):
    """Euclidean distances ``d[X, Y]`` between the cities."""
    c = as_coords(coords)
    return np.sqrt(((c[:, None, :] - c[None, :, :]) ** 2).sum(-1))


def _as_tour(tour, n, name="tour"):
    arr = _finite_numeric(name, tour)
    if arr.ndim != 1 or arr.shape[0] != n:
        raise ValueError(f"{name}: expected a 1-D permutation of the {n} cities, got shape {arr.shape}")
    if not np.issubdtype(arr.dtype, np.integer):
        if not np.all(arr == np.round(arr)):
            raise ValueError(f"{name}: expected integer city indices, got {arr}")
    arr = arr.astype(np.int64)
    if sorted(arr.tolist()) != list(range(n)):
        raise ValueError(f"{name}: expected each city 0..{n - 1} exactly once, got {arr.tolist()}")
    return arr


def tour_length(tour, coords):
    """Length of the closed tour (returning to the first city)."""
    d = distance_matrix(coords)
    t = _as_tour(tour, d.shape[0])
    return float(d[t, np.roll(t, -1)].sum())


def random_tour(n, rng=None):
    """A uniformly random tour of ``n`` cities (a random permutation)."""
    if not isinstance(n, (int, np.integer)) or n < 3:
        raise ValueError(f"n: expected an integer >= 3, got {n!r}")
    return as_rng(rng).permutation(int(n))


def random_tour_lengths(coords, k=1000, rng=None):
    """Lengths of ``k`` uniformly random tours (seed 000, figure 8, right)."""
    d = distance_matrix(coords)
    if not isinstance(k, (int, np.integer)) or k < 1:
        raise ValueError(f"k: expected a positive integer, got {k!r}")
    rng = as_rng(rng)
    tours = np.argsort(rng.random((int(k), d.shape[0])), axis=1)
    return d[tours, np.roll(tours, -1, axis=1)].sum(1)


def _as_matrix(V, name="V"):
    arr = _finite_numeric(name, V).astype(np.float64)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 1:
        raise ValueError(f"{name}: expected a square (n, n) neuron matrix (cities x positions), got shape {arr.shape}")
    return arr


def decode(V, threshold=0.5):
    """The tour encoded by a neuron matrix, or None when it is not a valid tour.

    Neurons above ``threshold`` count as on. The state is valid when exactly one neuron is
    on in every row (city) and every column (position); then ``tour[i]`` is the city at
    position ``i``.
    """
    on = _as_matrix(V) > threshold
    if not (np.all(on.sum(0) == 1) and np.all(on.sum(1) == 1)):
        return None
    return np.argmax(on, axis=0).astype(np.int64)


def is_valid(V, threshold=0.5):
    """True when :func:`decode` finds a tour (a permutation matrix after thresholding)."""
    return decode(V, threshold) is not None


# --------------------------------------------------------------------------- Held-Karp
@njit(cache=True)
def _held_karp(d):
    n = d.shape[0]
    m = n - 1  # city 0 is the fixed start; subsets of cities 1..n-1 as bitmasks
    full = 1 << m
    cost = np.full((full, m), np.inf)
    parent = np.full((full, m), -1, dtype=np.int64)
    for k in range(m):
        cost[1 << k, k] = d[0, k + 1]
    for mask in range(1, full):
        for k in range(m):
            if not (mask >> k) & 1:
                continue
            c = cost[mask, k]
            if c == np.inf:
                continue
            for j in range(m):
                if (mask >> j) & 1:
                    continue
                nm = mask | (1 << j)
                nc = c + d[k + 1, j + 1]
                if nc < cost[nm, j]:
                    cost[nm, j] = nc
                    parent[nm, j] = k
    best = np.inf
    last = -1
    for k in range(m):
        c = cost[full - 1, k] + d[k + 1, 0]
        if c < best:
            best = c
            last = k
    tour = np.zeros(n, dtype=np.int64)
    mask = full - 1
    for pos in range(n - 1, 0, -1):
        tour[pos] = last + 1
        prev = parent[mask, last]
        mask = mask ^ (1 << last)
        last = prev
    return tour, best


def optimal_tour(coords):
    """The shortest tour by Held-Karp dynamic programming (exact; up to 16 cities).

    Returns ``(tour, length)`` with the tour starting at city 0. Time ``O(2^n n^2)``:
    milliseconds for 10 cities, about a second for 16.
    """
    d = distance_matrix(coords)
    n = d.shape[0]
    if n > 16:
        raise ValueError(f"coords: Held-Karp is limited to 16 cities here, got {n} (memory grows as 2^n n)")
    tour, best = _held_karp(d)
    return tour, float(best)


# --------------------------------------------------------------------------- 2-opt
@njit(cache=True)
def _two_opt(d, tour):
    n = tour.shape[0]
    improved = True
    while improved:
        improved = False
        for i in range(n - 1):
            for j in range(i + 2, n if i > 0 else n - 1):
                a, b = tour[i], tour[i + 1]
                c, e = tour[j], tour[(j + 1) % n]
                delta = d[a, c] + d[b, e] - d[a, b] - d[c, e]
                if delta < -1e-12:
                    lo, hi = i + 1, j
                    while lo < hi:
                        tmp = tour[lo]
                        tour[lo] = tour[hi]
                        tour[hi] = tmp
                        lo += 1
                        hi -= 1
                    improved = True
    return tour


def two_opt(coords, tour=None, rng=None):
    """2-opt local search: reverse a segment whenever that shortens the tour, until no move helps.

    Starts from ``tour`` (default: a random tour drawn with ``rng``). Returns ``(tour, length)``.
    """
    d = distance_matrix(coords)
    n = d.shape[0]
    t = random_tour(n, rng) if tour is None else _as_tour(tour, n)
    t = _two_opt(d, t.astype(np.int64).copy())
    return t, float(d[t, np.roll(t, -1)].sum())


# --------------------------------------------------------------------------- Hopfield-Tank
def _ht_params(params):
    p = dict(HOPFIELD_TANK_PARAMS)
    unknown = set(params) - set(p)
    if unknown:
        raise TypeError(f"unknown Hopfield-Tank parameter(s) {sorted(unknown)}; expected some of {sorted(p)}")
    p.update(params)
    for k in ("A", "B", "C", "D", "n_tilde"):
        v = p[k]
        if not np.isscalar(v) or not np.isfinite(v) or v < 0:
            raise ValueError(f"{k}: expected a non-negative number, got {v!r}")
    for k in ("u0", "tau", "dt"):
        v = p[k]
        if not np.isscalar(v) or not np.isfinite(v) or v <= 0:
            raise ValueError(f"{k}: expected a positive number, got {v!r}")
    for k in ("max_steps", "patience"):
        if not isinstance(p[k], (int, np.integer)) or p[k] < 1:
            raise ValueError(f"{k}: expected a positive integer, got {p[k]!r}")
    if not 0 <= p["noise"] < 1:
        raise ValueError(f"noise: expected a fraction in [0, 1), got {p['noise']!r}")
    return p


#: beyond |2u/u0| > 40 the output is set to exactly 0 or 1 (the logistic differs from that by < 5e-18)
_CUT = 40.0


def _logistic(u, u0):
    """``V = (1 + tanh(u/u0)) / 2``, computed as ``1 / (1 + exp(-x))`` with ``x = u * (2/u0)`` (the same
    function; an exp is about three times cheaper than a tanh), and exactly 0 or 1 for ``|x| > 40``,
    as in the kernel."""
    x = np.asarray(u, dtype=np.float64) * (2.0 / u0)
    with np.errstate(over="ignore"):
        v = 1.0 / (1.0 + np.exp(-x))
    return np.where(x > _CUT, 1.0, np.where(x < -_CUT, 0.0, v))


def hopfield_tank_start(n, u0=0.02, noise=0.1, rng=None):
    """The minimum-bias start plus noise (seed 000, eq. 22): ``u = u_00 + delta u``.

    ``u_00 = u0 artanh(2/n - 1)`` makes every ``V = 1/n`` so that ``sum V = n``;
    ``delta u`` is uniform in ``[-noise |u_00|, noise |u_00|]``. Shape (n, n).
    """
    if not isinstance(n, (int, np.integer)) or n < 3:
        raise ValueError(f"n: expected an integer >= 3, got {n!r}")
    u00 = u0 * np.arctanh(2.0 / n - 1.0)
    rng = as_rng(rng)
    return u00 + noise * abs(u00) * rng.uniform(-1.0, 1.0, size=(n, n))


def hopfield_tank_rhs(u, d, A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=15.0, u0=0.02, tau=1.0):
    """``du/dt`` of eq. (19) for the potentials ``u`` (n, n), vectorised with NumPy."""
    V = _logistic(u, u0)
    row = V.sum(1, keepdims=True) - V
    col = V.sum(0, keepdims=True) - V
    nb = np.roll(V, -1, axis=1) + np.roll(V, 1, axis=1)
    return -u / tau - A * row - B * col - C * (V.sum() - n_tilde) - D * (d @ nb)


def hopfield_tank_energy(V, d, A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=15.0):
    """The Hopfield-Tank energy (without the integral term) whose penalty terms eq. (18) encodes::

        E = A/2 sum_X sum_{i != j} V_Xi V_Xj + B/2 sum_i sum_{X != Y} V_Xi V_Yi
            + C/2 (sum V - n_tilde)^2 + D/2 sum_{X,Y,i} d_XY V_Xi (V_{Y,i+1} + V_{Y,i-1})
    """
    V = _as_matrix(V)
    rows = (V.sum(1) ** 2 - (V ** 2).sum(1)).sum()
    cols = (V.sum(0) ** 2 - (V ** 2).sum(0)).sum()
    nb = np.roll(V, -1, axis=1) + np.roll(V, 1, axis=1)
    return float(A / 2 * rows + B / 2 * cols + C / 2 * (V.sum() - n_tilde) ** 2 + D / 2 * (V * (d @ nb)).sum())


@njit(cache=True, nogil=True)
def hopfield_tank_kernel(u, d, A, B, C, D, n_tilde, u0, tau, dt, max_steps, patience, record_every, frames):
    """Explicit Euler for eq. (19), in place on ``u`` (n, n), with ``V = 1 / (1 + exp(-2 u / u0))``
    (identical to ``(1 + tanh(u / u0)) / 2``; exactly 0 or 1 beyond ``|2 u / u0| > 40``).

    Stops early once every neuron has been saturated (``V <= 0.01`` or ``V >= 0.99``) with the
    same on/off pattern for ``patience`` consecutive steps (valid tour or not).
    ``frames`` (k, n, n) receives ``V`` every ``record_every`` steps (row 0 is the start)
    while there is room. Returns the number of steps taken.
    """
    n = u.shape[0]
    V = np.empty((n, n))
    on = np.zeros((n, n), dtype=np.bool_)
    rows = np.empty(n)
    cols = np.empty(n)
    du = np.empty((n, n))
    nb = np.empty((n, n))
    dnb = np.empty((n, n))
    nxt = np.empty(n, dtype=np.int64)
    prv = np.empty(n, dtype=np.int64)
    for i in range(n):
        nxt[i] = (i + 1) % n
        prv[i] = (i - 1 + n) % n
    nframes = frames.shape[0]
    inv_tau = 1.0 / tau
    k = 2.0 / u0
    for X in range(n):
        for i in range(n):
            x = u[X, i] * k
            V[X, i] = 1.0 if x > _CUT else (0.0 if x < -_CUT else 1.0 / (1.0 + np.exp(-x)))
    if nframes > 0:
        frames[0] = V
    rec = 1
    calm = 0
    for step in range(1, max_steps + 1):
        total = 0.0
        for X in range(n):
            s = 0.0
            for i in range(n):
                s += V[X, i]
            rows[X] = s
            total += s
        for i in range(n):
            s = 0.0
            for X in range(n):
                s += V[X, i]
            cols[i] = s
        for Y in range(n):
            for i in range(n):
                nb[Y, i] = V[Y, nxt[i]] + V[Y, prv[i]]
        for X in range(n):
            for i in range(n):
                dnb[X, i] = 0.0
            for Y in range(n):
                dxy = d[X, Y]
                for i in range(n):
                    dnb[X, i] += dxy * nb[Y, i]
        for X in range(n):
            for i in range(n):
                du[X, i] = (-u[X, i] * inv_tau - A * (rows[X] - V[X, i]) - B * (cols[i] - V[X, i])
                            - C * (total - n_tilde) - D * dnb[X, i])
        saturated = True
        same = True
        for X in range(n):
            for i in range(n):
                u[X, i] += dt * du[X, i]
                x = u[X, i] * k
                if x > _CUT:
                    v = 1.0
                elif x < -_CUT:
                    v = 0.0
                else:
                    v = 1.0 / (1.0 + np.exp(-x))
                V[X, i] = v
                if 0.01 < v < 0.99:
                    saturated = False
                b = v > 0.5
                if b != on[X, i]:
                    same = False
                    on[X, i] = b
        if step % record_every == 0 and rec < nframes:
            frames[rec] = V
            rec += 1
        if saturated and same:
            calm += 1
            if calm >= patience:
                return step
        else:
            calm = 0
    return max_steps


def hopfield_tank_kernel_numpy(u, d, A, B, C, D, n_tilde, u0, tau, dt, max_steps, patience, record_every, frames):
    """NumPy twin of :func:`hopfield_tank_kernel` (same Euler steps and stopping rule)."""
    nframes = frames.shape[0]
    V = _logistic(u, u0)
    on = np.zeros(V.shape, dtype=bool)
    if nframes > 0:
        frames[0] = V
    rec = 1
    calm = 0
    for step in range(1, max_steps + 1):
        rows = V.sum(1)
        cols = V.sum(0)
        total = rows.sum()
        nb = np.roll(V, -1, axis=1) + np.roll(V, 1, axis=1)
        du = (-u * (1.0 / tau) - A * (rows[:, None] - V) - B * (cols[None, :] - V)
              - C * (total - n_tilde) - D * (d @ nb))
        u += dt * du
        V = _logistic(u, u0)
        new_on = V > 0.5
        same = bool(np.all(new_on == on))
        on = new_on
        if step % record_every == 0 and rec < nframes:
            frames[rec] = V
            rec += 1
        if np.all((V <= 0.01) | (V >= 0.99)) and same:
            calm += 1
            if calm >= patience:
                return step
        else:
            calm = 0
    return max_steps


def hopfield_tank_ivp(coords, rng=None, t_max=None, method="RK45", rtol=1e-6, atol=1e-8, **params):
    """Reference integration of eq. (19) with ``scipy.integrate.solve_ivp`` (for the benchmark).

    Same start as :func:`solve_tsp` with the same ``rng``; integrates to ``t_max``
    (default ``dt * max_steps``) and returns ``(V_final, nfev)``.
    """
    from scipy.integrate import solve_ivp

    d = distance_matrix(coords)
    n = d.shape[0]
    p = _ht_params(params)
    u = hopfield_tank_start(n, p["u0"], p["noise"], rng)
    t_max = p["dt"] * p["max_steps"] if t_max is None else float(t_max)
    keys = ("A", "B", "C", "D", "n_tilde", "u0", "tau")

    def f(_, x):
        return hopfield_tank_rhs(x.reshape(n, n), d, *(p[k] for k in keys)).ravel()

    sol = solve_ivp(f, (0.0, t_max), u.ravel(), method=method, rtol=rtol, atol=atol, t_eval=[t_max])
    V = _logistic(sol.y[:, -1].reshape(n, n), p["u0"])
    return V, int(sol.nfev)


# --------------------------------------------------------------------------- Potts mean field
@njit(cache=True, nogil=True)
def potts_kernel(V, d, beta, T0, cooling, max_sweeps, saturation, tol, orders, frames):
    """Peterson-Soderberg mean-field annealing, in place on ``V`` (n, n), rows summing to 1.

    At each temperature, one sweep updates the cities in the order ``orders[sweep]``:
    ``V[X] = softmax(-U[X] / T)`` with ``U_Xi = sum_Y d_XY (V_{Y,i+1} + V_{Y,i-1})
    + beta (col_i - V_Xi)`` (``col`` kept up to date). Then ``T <- cooling * T``. Stops when
    the mean of ``sum_i V_Xi^2`` (the saturation) exceeds ``saturation`` and the largest change in the
    last sweep is below ``tol``. Returns the number of sweeps.
    """
    n = V.shape[0]
    cols = np.zeros(n)
    U = np.empty(n)
    nframes = frames.shape[0]
    for X in range(n):
        for i in range(n):
            cols[i] += V[X, i]
    if nframes > 0:
        frames[0] = V
    T = T0
    for sweep in range(max_sweeps):
        change = 0.0
        for k in range(n):
            X = orders[sweep, k]
            umin = np.inf
            for i in range(n):
                ip = (i + 1) % n
                im = (i - 1 + n) % n
                s = 0.0
                for Y in range(n):
                    s += d[X, Y] * (V[Y, ip] + V[Y, im])
                U[i] = s + beta * (cols[i] - V[X, i])
                if U[i] < umin:
                    umin = U[i]
            z = 0.0
            for i in range(n):
                U[i] = np.exp(-(U[i] - umin) / T)
                z += U[i]
            for i in range(n):
                new = U[i] / z
                diff = abs(new - V[X, i])
                if diff > change:
                    change = diff
                cols[i] += new - V[X, i]
                V[X, i] = new
        if sweep + 1 < nframes:
            frames[sweep + 1] = V
        sat = 0.0
        for X in range(n):
            for i in range(n):
                sat += V[X, i] * V[X, i]
        sat /= n
        T *= cooling
        if sat > saturation and change < tol:
            return sweep + 1
    return max_sweeps


def potts_kernel_numpy(V, d, beta, T0, cooling, max_sweeps, saturation, tol, orders, frames):
    """NumPy twin of :func:`potts_kernel` (same serial updates, row by row)."""
    n = V.shape[0]
    nframes = frames.shape[0]
    cols = V.sum(0)
    if nframes > 0:
        frames[0] = V
    T = T0
    for sweep in range(max_sweeps):
        change = 0.0
        for X in orders[sweep]:
            nb = np.roll(V, -1, axis=1) + np.roll(V, 1, axis=1)
            U = d[X] @ nb + beta * (cols - V[X])
            e = np.exp(-(U - U.min()) / T)
            new = e / e.sum()
            change = max(change, float(np.abs(new - V[X]).max()))
            cols += new - V[X]
            V[X] = new
        if sweep + 1 < nframes:
            frames[sweep + 1] = V
        sat = (V * V).sum() / n
        T *= cooling
        if sat > saturation and change < tol:
            return sweep + 1
    return max_sweeps


def _potts_params(params, n):
    p = dict(POTTS_PARAMS)
    p.update({"noise": 0.01})
    unknown = set(params) - set(p)
    if unknown:
        raise TypeError(f"unknown Potts parameter(s) {sorted(unknown)}; expected some of {sorted(p)}")
    p.update(params)
    if not np.isfinite(p["beta"]) or p["beta"] < 0:
        raise ValueError(f"beta: expected a non-negative number, got {p['beta']!r}")
    if not 0 < p["cooling"] < 1:
        raise ValueError(f"cooling: expected a number in (0, 1), got {p['cooling']!r}")
    if p["T0"] is not None and not (np.isfinite(p["T0"]) and p["T0"] > 0):
        raise ValueError(f"T0: expected a positive number or None, got {p['T0']!r}")
    if not isinstance(p["max_sweeps"], (int, np.integer)) or p["max_sweeps"] < 1:
        raise ValueError(f"max_sweeps: expected a positive integer, got {p['max_sweeps']!r}")
    return p


# --------------------------------------------------------------------------- the entry point
@dataclass
class TSPResult:
    """Outcome of :func:`solve_tsp`.

    ``tour``: the cities in visiting order, or None when the network ended in an invalid
    state; ``valid``; ``length`` (nan when invalid); ``method``; ``V``: the final neuron
    matrix (cities x positions; None for 2-opt); ``steps``: Euler steps or annealing sweeps;
    ``frames``: recorded neuron matrices (when asked for).
    """

    tour: np.ndarray | None
    valid: bool
    length: float
    method: str
    V: np.ndarray | None = None
    steps: int = 0
    frames: np.ndarray | None = field(default=None, repr=False)


def _finish(method, V, d, steps, frames, threshold=0.5):
    tour = decode(V, threshold)
    length = float(d[tour, np.roll(tour, -1)].sum()) if tour is not None else float("nan")
    return TSPResult(tour, tour is not None, length, method, V, int(steps), frames)


def solve_tsp(coords, method="hopfield-tank", rng=None, record_every=0, engine="numba", **params):
    """Solve a travelling-salesman instance with one of :data:`TSP_METHODS`.

    * ``"hopfield-tank"``: eq. (19) integrated with Euler from the noisy minimum-bias start;
      parameters (``A, B, C, D, n_tilde, u0, tau, dt, max_steps, patience, noise``) default to
      :data:`HOPFIELD_TANK_PARAMS`. The final ``V`` is read at threshold 0.5.
    * ``"potts"``: Peterson-Soderberg mean-field annealing (``beta, T0, cooling, max_sweeps,
      saturation, tol, noise``; :data:`POTTS_PARAMS`). ``T0=None`` starts at
      ``2 max|lambda(d)| / n`` (distances divided by their mean), the linear-stability estimate of
      the temperature at which the uniform state ``V = 1/n`` becomes unstable. The start is the
      uniform state with relative noise ``noise`` (default 0.01). The final ``V`` is read by
      thresholding at 0.5.
    * ``"2-opt"``: 2-opt local search from a random tour (always valid).

    ``record_every > 0`` stores the neuron matrix every that many steps (sweeps for Potts)
    in ``result.frames``. ``engine="numpy"`` runs the NumPy twin of the kernel.
    Returns a :class:`TSPResult`.
    """
    d = distance_matrix(coords)
    n = d.shape[0]
    rng = as_rng(rng)
    if method not in TSP_METHODS:
        raise ValueError(f"method: expected one of {TSP_METHODS}, got {method!r}")
    if engine not in ("numba", "numpy"):
        raise ValueError(f"engine: expected 'numba' or 'numpy', got {engine!r}")
    if not isinstance(record_every, (int, np.integer)) or record_every < 0:
        raise ValueError(f"record_every: expected a non-negative integer, got {record_every!r}")
    if method == "2-opt":
        if params:
            raise TypeError(f"2-opt takes no parameters, got {sorted(params)}")
        tour, length = two_opt(coords, rng=rng)
        return TSPResult(tour, True, length, method)
    if method == "hopfield-tank":
        p = _ht_params(params)
        u = hopfield_tank_start(n, p["u0"], p["noise"], rng)
        every = record_every or 1
        nframes = p["max_steps"] // record_every + 1 if record_every else 0
        frames = np.zeros((nframes, n, n))
        kernel = hopfield_tank_kernel if engine == "numba" else hopfield_tank_kernel_numpy
        steps = kernel(u, d, float(p["A"]), float(p["B"]), float(p["C"]), float(p["D"]), float(p["n_tilde"]),
                       float(p["u0"]), float(p["tau"]), float(p["dt"]), int(p["max_steps"]), int(p["patience"]),
                       int(every), frames)
        V = _logistic(u, p["u0"])
        if record_every:
            frames = frames[: min(steps // record_every + 1, nframes)]
        return _finish(method, V, d, steps, frames if record_every else None)
    # Potts mean-field annealing
    p = _potts_params(params, n)
    dn = d / d[~np.eye(n, dtype=bool)].mean()
    T0 = p["T0"]
    if T0 is None:
        # linear stability of the uniform state V = 1/n: the softmax has slope 1/(n T) there and the
        # distance coupling d (x) (S + S^T) (S the cyclic shift) has largest |eigenvalue| 2 max|lambda(d)|,
        # so the uniform state loses stability near T = 2 max|lambda(d)| / n: start there
        T0 = 2.0 * np.abs(np.linalg.eigvalsh(dn)).max() / n
    V = np.full((n, n), 1.0 / n) * (1.0 + p["noise"] * rng.uniform(-1.0, 1.0, size=(n, n)))
    V /= V.sum(1, keepdims=True)
    orders = np.argsort(rng.random((int(p["max_sweeps"]), n)), axis=1)
    nframes = p["max_sweeps"] + 1 if record_every else 0
    frames = np.zeros((nframes, n, n))
    kernel = potts_kernel if engine == "numba" else potts_kernel_numpy
    sweeps = kernel(V, dn, float(p["beta"]), float(T0), float(p["cooling"]), int(p["max_sweeps"]),
                    float(p["saturation"]), float(p["tol"]), orders, frames)
    if record_every:
        frames = frames[: sweeps + 1: record_every]
    return _finish(method, V, d, sweeps, frames if record_every else None)

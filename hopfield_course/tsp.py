"""The travelling salesman problem with neural networks (Hopfield and Tank 1985; the Oxford report, eqs. 18-22).

Representation: ``n`` cities (``n_cities``), an ``n x n`` matrix of neurons ``V[X, i]``; ``V[X, i] = 1`` means
"city X is visited at position i". A valid tour is a permutation matrix; the tour is read off
as ``tour[i] = X`` for the one ``X`` with ``V[X, i] = 1``.

Hopfield-Tank network (the Oxford report, eqs. 19-21; positions are cyclic, ``i +/- 1`` mod n)::

    du_Xi/dt = -u_Xi/tau - A sum_{j!=i} V_Xj - B sum_{Y!=X} V_Yi - C (sum_Yj V_Yj - n_tilde)
               - D sum_Y d_XY (V_{Y,i+1} + V_{Y,i-1}),
    V_Xi = (1 + tanh(u_Xi / u0)) / 2,
    A = B = 500, C = 200, D = 500, n_tilde = 15, u0 = 0.02, tau = 1.

Hopfield and Tank's gain parameter is ``u0 = 0.02``; the Oxford report writes ``u_hat = 0.01`` inside
the tanh: halving the denominator doubles the gain, i.e. the slope ``dV/du = 1/(2 u0)`` at
``u = 0`` becomes 50 instead of 25.
The start is the "minimum-bias" state ``sum V = n`` (``u_00 = u0 artanh(2/n - 1)``) plus
uniform noise ``delta u in [-0.1 |u_00|, 0.1 |u_00|]`` (the Oxford report, eq. 22).

These dynamics descend the energy (Hopfield and Tank 1985)::

    E = A/2 sum_X sum_{i != j} V_Xi V_Xj + B/2 sum_i sum_{X != Y} V_Xi V_Yi + C/2 (sum V - n_tilde)^2
        + D/2 sum_{X, Y, i} d_XY V_Xi (V_{Y,i+1} + V_{Y,i-1})

(plus the integral term of a graded network): the weights ``W_{Xi,Yj} = -A delta_XY (1 - delta_ij)
- B delta_ij (1 - delta_XY) - C - D d_XY (delta_{j,i+1} + delta_{j,i-1})`` and a bias current
``I = C n_tilde`` on every neuron.

Potts mean-field annealing (Peterson and Soderberg 1989): each city's row is a probability
vector over positions, ``V[X, :] = softmax(-U[X, :] / T)`` with the mean field::

    U_Xi = sum_Y d_XY (V_{Y,i+1} + V_{Y,i-1}) + penalty (sum_{Y != X} V_Yi)

The row constraint holds by construction; ``penalty`` penalises two cities at one position.
Cities are updated one at a time (serially) while the temperature ``T`` is lowered
geometrically (``T <- cooling * T`` after each sweep), starting near the critical temperature,
until the rows saturate. Defaults: penalty = 2.5, cooling = 0.995, distances divided by their mean.

Also here: the exact optimum by Held-Karp dynamic programming (Held and Karp 1962; time
``O(2^n n^2)`` and memory ``O(2^n n)``, so this implementation stops at 16 cities), random tours,
2-opt local search, decoding and validity.

Kernels and twins: ``hopfield_tank_kernel`` / ``hopfield_tank_kernel_numpy`` and ``potts_kernel`` /
``potts_kernel_numpy`` (same arithmetic in the same order: the Potts twins agree bit for bit);
``solve_tsp(..., engine="numba" | "numpy")`` chooses.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
from numba import njit

from ._validation import _finite_numeric, as_choice, as_float, as_int, as_rng

__all__ = [
    "TSP_METHODS",
    "TSPResult",
    "TourResult",
    "MAX_EXACT_CITIES",
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

#: Hopfield and Tank's published parameters (the Oxford report, eq. 21, with their u0 = 0.02),
#: and our integration settings (explicit Euler, dt = 1e-5, as in Wilson and Pawley 1988).
HOPFIELD_TANK_PARAMS = dict(A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=15.0, u0=0.02, tau=1.0,
                            dt=1e-5, max_steps=20000, patience=1000, noise=0.1)

#: Potts mean-field annealing settings (distances are divided by their mean inside the method).
POTTS_PARAMS = dict(penalty=2.5, T0=None, cooling=0.995, max_sweeps=1500, saturation=0.99, tol=1e-4)


# --------------------------------------------------------------------------- cities, tours
#: Held-Karp needs 2^(n-1) (n-1) table entries: 16 cities take about 8 MB and a second
MAX_EXACT_CITIES = 16
#: coordinates beyond this magnitude are refused (their squared distances would lose all precision)
MAX_COORD = 1e12
#: the network methods hold n^2 neurons and n^4 couplings' worth of work per step
MAX_NETWORK_CITIES = 200


def _distances(arr):
    return np.hypot(arr[:, None, 0] - arr[None, :, 0], arr[:, None, 1] - arr[None, :, 1])


def as_coords(coords, name="coords"):
    """City coordinates as a float (n, 2) array, n >= 3, finite, ``|x| <= 1e12``, no two cities at one place."""
    if isinstance(coords, str):
        raise TypeError(f"{name}: expected an (n, 2) array of numbers, got a string")
    arr = _finite_numeric(name, coords).astype(np.float64)
    if arr.ndim != 2 or arr.shape[1] != 2:
        raise ValueError(f"{name}: expected shape (n, 2): one (x, y) row per city, got shape {arr.shape}")
    if arr.shape[0] < 3:
        raise ValueError(f"{name}: expected at least 3 cities, got {arr.shape[0]}")
    big = np.abs(arr).max()
    if big > MAX_COORD:
        raise ValueError(f"{name}: expected coordinates of magnitude <= {MAX_COORD:g} (rescale the map), got {big:g}")
    d = _distances(arr)
    d[np.diag_indices_from(d)] = np.inf
    if np.any(d == 0):
        i, j = np.argwhere(d == 0)[0]
        raise ValueError(f"{name}: cities {i} and {j} are at the same place {arr[i].tolist()}")
    return arr


def random_cities(n_cities, *, rng=None):
    """``n_cities`` cities drawn uniformly in the unit square (as in the Oxford report). Shape (n_cities, 2)."""
    n_cities = as_int(n_cities, "n_cities", minimum=3, maximum=100_000)
    return as_rng(rng).random((n_cities, 2))


def distance_matrix(coords):
    """Euclidean distances ``d[X, Y]`` between the cities (``hypot``: no overflow)."""
    return _distances(as_coords(coords))


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


def random_tour(n_cities, *, rng=None):
    """A uniformly random tour of ``n_cities`` cities (a random permutation)."""
    n_cities = as_int(n_cities, "n_cities", minimum=3, maximum=100_000)
    return as_rng(rng).permutation(n_cities)


def random_tour_lengths(coords, *, n_tours=1000, rng=None):
    """Lengths of ``n_tours`` uniformly random tours (the Oxford report, figure 8, right)."""
    d = distance_matrix(coords)
    n_tours = as_int(n_tours, "n_tours", minimum=1, maximum=10_000_000 // d.shape[0] + 1)
    rng = as_rng(rng)
    tours = np.argsort(rng.random((n_tours, d.shape[0])), axis=1)
    return d[tours, np.roll(tours, -1, axis=1)].sum(1)


def _as_matrix(V, name="V"):
    arr = _finite_numeric(name, V).astype(np.float64)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] < 1:
        raise ValueError(f"{name}: expected a square (n, n) neuron matrix (cities x positions), got shape {arr.shape}")
    return arr


def decode(V, *, threshold=0.5):
    """The tour encoded by a neuron matrix, or None when it is not a valid tour.

    Neurons above ``threshold`` count as on. The state is valid when exactly one neuron is
    on in every row (city) and every column (position); then ``tour[i]`` is the city at
    position ``i``.
    """
    on = _as_matrix(V) > as_float(threshold, "threshold")
    if not (np.all(on.sum(0) == 1) and np.all(on.sum(1) == 1)):
        return None
    return np.argmax(on, axis=0).astype(np.int64)


def is_valid(V, *, threshold=0.5):
    """True when :func:`decode` finds a tour (a permutation matrix after thresholding)."""
    return decode(V, threshold=threshold) is not None


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
        if last < 0 or last >= m:  # no finite tour (cannot happen with finite distances): fail safely
            tour[:] = -1
            return tour, np.inf
        tour[pos] = last + 1
        prev = parent[mask, last]
        mask = mask ^ (1 << last)
        last = prev
    return tour, best


@dataclass
class TourResult:
    """A tour and its length (from :func:`optimal_tour` and :func:`two_opt`); unpacks as ``tour, length``."""

    tour: np.ndarray
    length: float

    def __iter__(self):
        return iter((self.tour, self.length))


def optimal_tour(coords):
    """The shortest tour by Held-Karp dynamic programming (Held and Karp 1962; exact).

    Returns a :class:`TourResult` with the tour starting at city 0. Time ``O(2^n n^2)`` and
    memory ``O(2^n n)``: milliseconds for 10 cities, about a second for 16; this implementation
    refuses more than ``MAX_EXACT_CITIES = 16`` (exact solvers such as branch and cut go far beyond).
    """
    d = distance_matrix(coords)
    n = d.shape[0]
    if n > MAX_EXACT_CITIES:
        raise ValueError(f"coords: the exact Held-Karp solver here takes at most {MAX_EXACT_CITIES} cities "
                         f"(time 2^n n^2, memory 2^n n), got {n}; use two_opt or solve_tsp for larger instances")
    tour, best = _held_karp(d)
    if tour[0] < 0 or not np.isfinite(best):  # pragma: no cover - finite coordinates always give a tour
        raise RuntimeError("optimal_tour: no finite tour found")
    return TourResult(tour, float(best))


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


def two_opt(coords, *, tour=None, rng=None):
    """2-opt local search (Croes 1958): reverse a segment whenever that shortens the tour, until no move helps.

    Starts from ``tour`` (default: a random tour drawn with ``rng``). Returns a :class:`TourResult`.
    """
    d = distance_matrix(coords)
    n = d.shape[0]
    t = random_tour(n, rng=rng) if tour is None else _as_tour(tour, n)
    t = _two_opt(d, t.astype(np.int64).copy())
    return TourResult(t, float(d[t, np.roll(t, -1)].sum()))


# --------------------------------------------------------------------------- Hopfield-Tank
def _ht_params(params):
    p = dict(HOPFIELD_TANK_PARAMS)
    unknown = set(params) - set(p)
    if unknown:
        raise TypeError(f"unknown Hopfield-Tank parameter(s) {sorted(unknown)}; expected some of {sorted(p)}")
    p.update(params)
    for k in ("A", "B", "C", "D", "n_tilde"):
        p[k] = as_float(p[k], k, minimum=0.0)
    for k in ("u0", "tau", "dt"):
        p[k] = as_float(p[k], k, positive=True)
    p["max_steps"] = as_int(p["max_steps"], "max_steps", minimum=1, maximum=10_000_000)
    p["patience"] = as_int(p["patience"], "patience", minimum=1)
    p["noise"] = as_float(p["noise"], "noise", minimum=0.0, maximum=0.999)
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


def hopfield_tank_start(n_cities, *, u0=0.02, noise=0.1, rng=None):
    """The minimum-bias start plus noise (the Oxford report, eq. 22): ``u = u_00 + delta u``.

    ``u_00 = u0 artanh(2/n - 1)`` makes every ``V = 1/n`` so that ``sum V = n``;
    ``delta u`` is uniform in ``[-noise |u_00|, noise |u_00|]``. Shape (n, n).
    """
    n = as_int(n_cities, "n_cities", minimum=3, maximum=MAX_NETWORK_CITIES)
    u0 = as_float(u0, "u0", positive=True)
    noise = as_float(noise, "noise", minimum=0.0, maximum=0.999)
    u00 = u0 * np.arctanh(2.0 / n - 1.0)
    rng = as_rng(rng)
    return u00 + noise * abs(u00) * rng.uniform(-1.0, 1.0, size=(n, n))


def _check_d(d, n=None):
    d = _finite_numeric("d", d).astype(np.float64)
    if d.ndim != 2 or d.shape[0] != d.shape[1] or d.shape[0] < 3:
        raise ValueError(f"d: expected a square (n, n) distance matrix with n >= 3, got shape {d.shape}")
    if n is not None and d.shape[0] != n:
        raise ValueError(f"d: expected shape ({n}, {n}) to match the neurons, got {d.shape}")
    return d


def hopfield_tank_rhs(u, d, *, A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=15.0, u0=0.02, tau=1.0):
    """``du/dt`` of eq. (19) for the potentials ``u`` (n, n), vectorised with NumPy."""
    u = _as_matrix(u, "u")
    d = _check_d(d, u.shape[0])
    p = _ht_params(dict(A=A, B=B, C=C, D=D, n_tilde=n_tilde, u0=u0, tau=tau))
    A, B, C, D, n_tilde, u0, tau = (p[k] for k in ("A", "B", "C", "D", "n_tilde", "u0", "tau"))
    V = _logistic(u, u0)
    row = V.sum(1, keepdims=True) - V
    col = V.sum(0, keepdims=True) - V
    nb = np.roll(V, -1, axis=1) + np.roll(V, 1, axis=1)
    return -u / tau - A * row - B * col - C * (V.sum() - n_tilde) - D * (d @ nb)


def hopfield_tank_energy(V, d, *, A=500.0, B=500.0, C=200.0, D=500.0, n_tilde=15.0):
    """The Hopfield-Tank (1985) energy (without the integral term) whose weights eq. (18) encodes::

        E = A/2 sum_X sum_{i != j} V_Xi V_Xj + B/2 sum_i sum_{X != Y} V_Xi V_Yi
            + C/2 (sum V - n_tilde)^2 + D/2 sum_{X,Y,i} d_XY V_Xi (V_{Y,i+1} + V_{Y,i-1})

    Expanding the square, ``E = -1/2 V^T W V - (C n_tilde) sum V + C n_tilde^2 / 2`` with the
    weights of eq. (18): the global term is a coupling ``-C`` between every pair plus a bias
    current ``C n_tilde`` on every neuron.
    """
    V = _as_matrix(V)
    d = _check_d(d, V.shape[0])
    A, B, C, D, n_tilde = (as_float(x, k, minimum=0.0) for x, k in ((A, "A"), (B, "B"), (C, "C"), (D, "D"),
                                                                     (n_tilde, "n_tilde")))
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


def hopfield_tank_ivp(coords, *, rng=None, t_max=None, rtol=1e-6, atol=1e-8, **params):
    """Reference integration of eq. (19) with ``scipy.integrate.solve_ivp`` (RK45, adaptive step).

    Same start as :func:`solve_tsp` with the same ``rng``; integrates to ``t_max`` (default
    ``dt * max_steps``). Returns a :class:`TSPResult` whose ``steps`` is the number of
    right-hand-side evaluations.
    """
    from scipy.integrate import solve_ivp

    d = distance_matrix(coords)
    n = d.shape[0]
    if n > MAX_NETWORK_CITIES:
        raise ValueError(f"coords: the network methods take at most {MAX_NETWORK_CITIES} cities, got {n}")
    p = _ht_params(params)
    u = hopfield_tank_start(n, u0=p["u0"], noise=p["noise"], rng=rng)
    t_max = p["dt"] * p["max_steps"] if t_max is None else as_float(t_max, "t_max", positive=True)
    rtol = as_float(rtol, "rtol", positive=True)
    atol = as_float(atol, "atol", positive=True)
    kw = {k: p[k] for k in ("A", "B", "C", "D", "n_tilde", "u0", "tau")}

    def f(_, x):
        return hopfield_tank_rhs(x.reshape(n, n), d, **kw).ravel()

    sol = solve_ivp(f, (0.0, t_max), u.ravel(), method="RK45", rtol=rtol, atol=atol, t_eval=[t_max])
    V = _logistic(sol.y[:, -1].reshape(n, n), p["u0"])
    return _finish("hopfield-tank-ivp", V, d, int(sol.nfev), None)


# --------------------------------------------------------------------------- Potts mean field
@njit(cache=True, nogil=True)
def potts_kernel(V, d, penalty, T0, cooling, max_sweeps, saturation, tol, orders, frames):
    """Peterson-Soderberg mean-field annealing, in place on ``V`` (n, n), rows summing to 1.

    At each temperature, one sweep updates the cities in the order ``orders[sweep]``:
    ``V[X] = softmax(-U[X] / T)`` with ``U_Xi = sum_Y d_XY (V_{Y,i+1} + V_{Y,i-1})
    + penalty (col_i - V_Xi)`` (``col`` kept up to date). Then ``T <- cooling * T``. Stops when
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
                U[i] = s + penalty * (cols[i] - V[X, i])
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


def potts_kernel_numpy(V, d, penalty, T0, cooling, max_sweeps, saturation, tol, orders, frames):
    """NumPy twin of :func:`potts_kernel`: the same serial updates with the same arithmetic.

    Every sum runs in the kernel's order (``np.cumsum`` sums left to right, where ``@`` and
    ``sum`` would use a different order) and every exponential is the C library's scalar ``exp``
    that the compiled kernel calls, so the twins agree bit for bit. Annealing near the
    critical temperature amplifies any difference in the last bit into a different tour.
    """
    n = V.shape[0]
    nframes = frames.shape[0]
    cols = np.cumsum(V, axis=0)[-1]
    if nframes > 0:
        frames[0] = V
    T = T0
    for sweep in range(max_sweeps):
        change = 0.0
        for X in orders[sweep]:
            nb = np.roll(V, -1, axis=1) + np.roll(V, 1, axis=1)
            U = np.cumsum(d[X][:, None] * nb, axis=0)[-1] + penalty * (cols - V[X])
            # one scalar libm exp per entry, as the compiled kernel calls it: NumPy's vectorised exp
            # (AVX-512 on some CPUs) can differ from libm in the last bit, which annealing amplifies
            e = np.array([math.exp(x) for x in (-(U - U.min()) / T)])
            new = e / np.cumsum(e)[-1]
            change = max(change, float(np.abs(new - V[X]).max()))
            cols += new - V[X]
            V[X] = new
        if sweep + 1 < nframes:
            frames[sweep + 1] = V
        sat = np.cumsum((V * V).ravel())[-1] / n
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
    if "beta" in params:
        raise TypeError("beta: the Potts column penalty is called `penalty` (beta is kept for inverse temperatures)")
    p.update(params)
    p["penalty"] = as_float(p["penalty"], "penalty", minimum=0.0)
    p["cooling"] = as_float(p["cooling"], "cooling", positive=True)
    if not p["cooling"] < 1:
        raise ValueError(f"cooling: expected a number in (0, 1), got {p['cooling']!r}")
    if p["T0"] is not None:
        p["T0"] = as_float(p["T0"], "T0", positive=True)
    p["max_sweeps"] = as_int(p["max_sweeps"], "max_sweeps", minimum=1, maximum=1_000_000)
    p["saturation"] = as_float(p["saturation"], "saturation", positive=True, maximum=1.0)
    p["tol"] = as_float(p["tol"], "tol", positive=True)
    p["noise"] = as_float(p["noise"], "noise", minimum=0.0, maximum=0.999)
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
    tour = decode(V, threshold=threshold)
    length = float(d[tour, np.roll(tour, -1)].sum()) if tour is not None else float("nan")
    return TSPResult(tour, tour is not None, length, method, V, int(steps), frames)


def solve_tsp(coords, *, method="hopfield-tank", rng=None, record_every=0, engine="numba", **params):
    """Solve a travelling-salesman instance with one of :data:`TSP_METHODS`.

    * ``"hopfield-tank"``: eq. (19) integrated with Euler from the noisy minimum-bias start;
      parameters (``A, B, C, D, n_tilde, u0, tau, dt, max_steps, patience, noise``) default to
      :data:`HOPFIELD_TANK_PARAMS`. The final ``V`` is read at threshold 0.5.
    * ``"potts"``: Peterson-Soderberg mean-field annealing (``penalty, T0, cooling, max_sweeps,
      saturation, tol, noise``; :data:`POTTS_PARAMS`). ``T0=None`` starts at
      ``2 max|lambda(d)| / n`` (distances divided by their mean), an upper estimate of the temperature
      at which the uniform state ``V = 1/n`` becomes unstable: it ignores the column penalty, which
      stabilises the nearly uniform leading eigenvector of ``d``, so the uniform state is still stable
      at ``T0`` and the schedule cools for a while before anything grows. The start is the
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
    method = as_choice(method, "method", TSP_METHODS)
    engine = as_choice(engine, "engine", ("numba", "numpy"))
    record_every = as_int(record_every, "record_every", minimum=0)
    if method == "2-opt":
        if params:
            raise TypeError(f"2-opt takes no parameters, got {sorted(params)}")
        tour, length = two_opt(coords, rng=rng)
        return TSPResult(tour, True, length, method)
    if n > MAX_NETWORK_CITIES:
        raise ValueError(f"coords: the network methods take at most {MAX_NETWORK_CITIES} cities, got {n}")
    if method == "hopfield-tank":
        p = _ht_params(params)
        u = hopfield_tank_start(n, u0=p["u0"], noise=p["noise"], rng=rng)
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
        # so no mode can grow above T = 2 max|lambda(d)| / n. The column penalty stabilises the leading,
        # nearly uniform mode, so the true instability lies lower (chapter 07, question 5): a safe start
        T0 = 2.0 * np.abs(np.linalg.eigvalsh(dn)).max() / n
    V = np.full((n, n), 1.0 / n) * (1.0 + p["noise"] * rng.uniform(-1.0, 1.0, size=(n, n)))
    V /= V.sum(1, keepdims=True)
    orders = np.argsort(rng.random((int(p["max_sweeps"]), n)), axis=1)
    nframes = p["max_sweeps"] + 1 if record_every else 0
    frames = np.zeros((nframes, n, n))
    kernel = potts_kernel if engine == "numba" else potts_kernel_numpy
    sweeps = kernel(V, dn, float(p["penalty"]), float(T0), float(p["cooling"]), int(p["max_sweeps"]),
                    float(p["saturation"]), float(p["tol"]), orders, frames)
    if record_every:
        frames = frames[: sweeps + 1: record_every]
    return _finish(method, V, d, sweeps, frames if record_every else None)

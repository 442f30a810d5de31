"""Restricted Boltzmann machines with 0/1 units (Smolensky 1986; Hinton 2002; Varma's blog chapter).

Convention used here (and in the chapter)
-----------------------------------------
Visible units ``v`` (length V), hidden units ``h`` (length H), weights ``W`` of shape
(V, H), visible bias ``a`` and hidden bias ``b``:

    E(v, h) = -v^T W h - a^T v - b^T h

(Varma's blog chapter writes ``w_ij h_i v_j`` with ``W`` as H x V and names the biases the other way
round; here ``weights[i, j]`` connects visible unit i to hidden unit j, like the
transpose of scikit-learn's ``components_``). No visible-visible or hidden-hidden
connections, so given one layer the units of the other are independent:

    p(h_j = 1 | v) = sigmoid(b_j + sum_i v_i W_ij),   p(v_i = 1 | h) = sigmoid(a_i + sum_j W_ij h_j).

Summing out the hidden layer gives the free energy
``F(v) = -a^T v - sum_j log(1 + exp(b_j + (v W)_j))`` with ``p(v) = exp(-F(v)) / Z``.
The exact log-likelihood sums over the *smaller* layer to get ``log Z`` (2^min(V, H) terms).

Training: the gradient of the mean log-likelihood is ``<v h^T>_data - <v h^T>_model``;
contrastive divergence CD-k replaces the model average by the state reached after ``k``
block-Gibbs steps started at the data (Hinton 2002), persistent CD (PCD, Tieleman 2008)
by chains that continue from one update to the next. The positive phase uses the hidden
probabilities ``p(h | v_data)``; the negative phase uses the sampled visible state
``v_k`` and the probabilities ``p(h | v_k)``. Batched products (sampling, exact
likelihood) go through BLAS; a training epoch, a loop over many tiny mini-batches, runs in
the numba kernel :func:`cd_epoch_kernel` (NumPy twin :func:`cd_epoch_kernel_numpy`; ``engine=`` chooses).

The default training recipe of :meth:`RBM.fit` is the one of the course's chapter on Boltzmann
machines: PCD-1 with 100 persistent chains, mini-batches of 10 and a learning rate that decays
linearly from 0.1 to 0 over the epochs. With a constant rate and as few chains as a mini-batch
the persistent chains cannot follow the changing weights, and the likelihood can end below that
of the untrained machine.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from threadpoolctl import threadpool_limits

from dataclasses import dataclass

from ._validation import _finite_numeric, as_bool, as_choice, as_float, as_int, as_rng
from .boltzmann import ENGINES, MAX_DRAWS, MAX_EPOCHS, TrainingHistory, _cached_states, _logsumexp, as_binary
from .states import all_states

__all__ = ["RBM", "RBMGradient", "CDGradient", "sigmoid", "MAX_EXACT_LAYER", "cd_epoch_kernel",
           "cd_epoch_kernel_numpy"]

#: The exact log-likelihood enumerates 2^m states of the smaller layer; m is capped here.
MAX_EXACT_LAYER = 24
_CHUNK = 2 ** 16
#: caps on the Gibbs steps of one update and of one sampling call
MAX_K = 1000
MAX_STEPS = 1_000_000


@dataclass
class RBMGradient:
    """Gradient of the mean log-likelihood with respect to ``weights``, ``visible_bias`` and ``hidden_bias``."""

    weights: np.ndarray
    visible_bias: np.ndarray
    hidden_bias: np.ndarray


@dataclass
class CDGradient(RBMGradient):
    """A CD-k / PCD-k gradient estimate, with ``chains``: the visible states after the k Gibbs steps."""

    chains: np.ndarray = None


def _temperature(value):
    return as_float(value, "temperature", positive=True)


def sigmoid(x):
    """Logistic function ``1 / (1 + exp(-x))``, computed without overflow (NaN stays NaN)."""
    arr = np.asarray(x)
    if arr.dtype == object or not (np.issubdtype(arr.dtype, np.number) or arr.dtype == np.bool_) \
            or np.issubdtype(arr.dtype, np.complexfloating):
        raise TypeError(f"x: expected real numbers, got dtype {arr.dtype}")
    x = arr.astype(np.float64)
    out = np.empty_like(x)
    pos = x >= 0
    out[pos] = 1.0 / (1.0 + np.exp(-x[pos]))
    ex = np.exp(x[~pos])
    out[~pos] = ex / (1.0 + ex)
    return out


def _softplus(x):
    """``log(1 + exp(x))`` without overflow."""
    return np.maximum(x, 0.0) + np.log1p(np.exp(-np.abs(x)))


# --------------------------------------------------------------------------
# One training epoch of CD-k / PCD-k: numba kernel and its NumPy (BLAS) twin
# --------------------------------------------------------------------------
@njit(cache=True, nogil=True)
def _sig(x):
    return 1.0 / (1.0 + np.exp(-x))


@njit(cache=True, nogil=True)
def cd_epoch_kernel(data, order, W, a, b, vel_w, vel_a, vel_b, rates, momentum, weight_decay,
                    batch_size, chains, persistent, u_hidden, u_visible):
    """One epoch of CD-k (``persistent=False``) or PCD-k, updating all arrays in place.

    Batch ``t`` holds the rows ``order[t*batch_size : (t+1)*batch_size]`` of ``data``; its
    ``k = u_hidden.shape[1]`` Gibbs steps start at the batch (CD) or at ``chains`` (PCD;
    ``chains`` is then overwritten by the new states). Step ``s`` of batch ``t`` turns
    hidden unit ``j`` of row ``r`` on when ``u_hidden[t, s, r, j] < p(h_j = 1 | v)`` and visible
    unit ``i`` when ``u_visible[t, s, r, i] < p(v_i = 1 | h)``. The update is
    ``vel = momentum vel + rate (grad - decay W)``; ``param += vel`` (no decay on biases),
    with ``rates[t]`` the learning rate of batch ``t``.
    """
    n, nv = data.shape
    nh = W.shape[1]
    k = u_hidden.shape[1]
    n_batches = u_hidden.shape[0]
    for t in range(n_batches):
        lo = t * batch_size
        hi = min(lo + batch_size, n)
        nb = hi - lo
        v0 = np.empty((nb, nv))
        for r in range(nb):
            for i in range(nv):
                v0[r, i] = data[order[lo + r], i]
        ph0 = np.empty((nb, nh))
        for r in range(nb):
            for j in range(nh):
                acc = b[j]
                for i in range(nv):
                    acc += v0[r, i] * W[i, j]
                ph0[r, j] = _sig(acc)
        if persistent:
            m = chains.shape[0]
            vk = chains.copy()
            ph = np.empty((m, nh))
            for r in range(m):
                for j in range(nh):
                    acc = b[j]
                    for i in range(nv):
                        acc += vk[r, i] * W[i, j]
                    ph[r, j] = _sig(acc)
        else:
            m = nb
            vk = v0.copy()
            ph = ph0.copy()
        h = np.empty((m, nh))
        for s in range(k):
            for r in range(m):
                for j in range(nh):
                    h[r, j] = 1.0 if u_hidden[t, s, r, j] < ph[r, j] else 0.0
            for r in range(m):
                for i in range(nv):
                    acc = a[i]
                    for j in range(nh):
                        acc += W[i, j] * h[r, j]
                    vk[r, i] = 1.0 if u_visible[t, s, r, i] < _sig(acc) else 0.0
            for r in range(m):
                for j in range(nh):
                    acc = b[j]
                    for i in range(nv):
                        acc += vk[r, i] * W[i, j]
                    ph[r, j] = _sig(acc)
        if persistent:
            chains[:, :] = vk
        rate = rates[t]
        for i in range(nv):
            for j in range(nh):
                pos = 0.0
                for r in range(nb):
                    pos += v0[r, i] * ph0[r, j]
                neg = 0.0
                for r in range(m):
                    neg += vk[r, i] * ph[r, j]
                g = pos / nb - neg / m - weight_decay * W[i, j]
                vel_w[i, j] = momentum * vel_w[i, j] + rate * g
        for i in range(nv):
            pos = 0.0
            for r in range(nb):
                pos += v0[r, i]
            neg = 0.0
            for r in range(m):
                neg += vk[r, i]
            vel_a[i] = momentum * vel_a[i] + rate * (pos / nb - neg / m)
        for j in range(nh):
            pos = 0.0
            for r in range(nb):
                pos += ph0[r, j]
            neg = 0.0
            for r in range(m):
                neg += ph[r, j]
            vel_b[j] = momentum * vel_b[j] + rate * (pos / nb - neg / m)
        for i in range(nv):
            for j in range(nh):
                W[i, j] += vel_w[i, j]
            a[i] += vel_a[i]
        for j in range(nh):
            b[j] += vel_b[j]


def cd_epoch_kernel_numpy(data, order, W, a, b, vel_w, vel_a, vel_b, rates, momentum, weight_decay,
                   batch_size, chains, persistent, u_hidden, u_visible):
    """NumPy twin of :func:`cd_epoch_kernel`: the same steps with BLAS matrix products.

    Sums are taken in a different order by BLAS, so the results agree to rounding
    (and the sampled states agree unless a uniform number falls within rounding of a probability).
    """
    n = data.shape[0]
    k = u_hidden.shape[1]
    with np.errstate(over="ignore"):
        for t in range(u_hidden.shape[0]):
            v0 = data[order[t * batch_size: min((t + 1) * batch_size, n)]]
            nb = v0.shape[0]
            ph0 = 1.0 / (1.0 + np.exp(-(v0 @ W + b)))
            if persistent:
                vk = chains.copy()
                ph = 1.0 / (1.0 + np.exp(-(vk @ W + b)))
            else:
                vk, ph = v0.copy(), ph0.copy()
            m = vk.shape[0]
            for s in range(k):
                h = np.where(u_hidden[t, s, :m] < ph, 1.0, 0.0)
                vk = np.where(u_visible[t, s, :m] < 1.0 / (1.0 + np.exp(-(h @ W.T + a))), 1.0, 0.0)
                ph = 1.0 / (1.0 + np.exp(-(vk @ W + b)))
            if persistent:
                chains[:, :] = vk
            rate = rates[t]
            vel_w *= momentum
            vel_w += rate * (v0.T @ ph0 / nb - vk.T @ ph / m - weight_decay * W)
            vel_a *= momentum
            vel_a += rate * (v0.sum(axis=0) / nb - vk.sum(axis=0) / m)
            vel_b *= momentum
            vel_b += rate * (ph0.sum(axis=0) / nb - ph.sum(axis=0) / m)
            W += vel_w
            a += vel_a
            b += vel_b


class RBM:
    """A restricted Boltzmann machine with ``n_visible`` and ``n_hidden`` 0/1 units.

    Parameters
    ----------
    n_visible, n_hidden : layer sizes
    rng : seed or ``numpy.random.Generator``: initial weights, and every random draw of
        ``fit``/``sample`` unless they get their own ``rng``
    weight_scale : standard deviation of the initial Gaussian weights (0.01, as suggested in
        Varma's blog chapter and used by scikit-learn's BernoulliRBM)

    Attributes
    ----------
    weights : (n_visible, n_hidden);  visible_bias : (n_visible,);  hidden_bias : (n_hidden,)
    history_ : after ``fit(..., monitor_every=m)``, a
        :class:`~hopfield_course.boltzmann.TrainingHistory`: epochs, exact mean log-likelihood
        of the training data, and the singular values of ``weights``, every ``m`` epochs
    """

    def __init__(self, n_visible: int, n_hidden: int, *, rng=None, weight_scale: float = 0.01):
        self.n_visible = as_int(n_visible, "n_visible", minimum=1, maximum=100_000)
        self.n_hidden = as_int(n_hidden, "n_hidden", minimum=1, maximum=100_000)
        weight_scale = as_float(weight_scale, "weight_scale", minimum=0.0)
        self.rng = as_rng(rng)
        self.weights = self.rng.normal(0.0, weight_scale, (self.n_visible, self.n_hidden))
        self.visible_bias = np.zeros(self.n_visible)
        self.hidden_bias = np.zeros(self.n_hidden)
        self.history_ = None
        self._chains = None

    def __repr__(self) -> str:
        return f"RBM(n_visible={self.n_visible}, n_hidden={self.n_hidden})"

    # ---- validation -------------------------------------------------------
    def _v(self, v, name="data"):
        return as_binary(v, name, self.n_visible, "visible units")

    def _h(self, h, name="h"):
        return as_binary(h, name, self.n_hidden, "hidden units")

    # ---- energies and conditionals ---------------------------------------
    def energy(self, v, h) -> np.ndarray:
        """``E(v, h) = -v^T W h - a^T v - b^T h`` for matching rows of ``v`` and ``h``."""
        v, h = self._v(v, "v"), self._h(h)
        if v.shape[0] != h.shape[0] and 1 not in (v.shape[0], h.shape[0]):
            raise ValueError(f"v, h: expected the same number of rows, got {v.shape[0]} and {h.shape[0]}")
        return -np.sum((v @ self.weights) * h, axis=1) - v @ self.visible_bias - h @ self.hidden_bias

    def free_energy(self, v) -> np.ndarray:
        """``F(v) = -a^T v - sum_j log(1 + exp(b_j + (v W)_j))``, so that ``p(v) = exp(-F(v)) / Z``."""
        v = self._v(v, "v")
        return -v @ self.visible_bias - _softplus(v @ self.weights + self.hidden_bias).sum(axis=1)

    def hidden_probabilities(self, v, *, temperature: float = 1.0) -> np.ndarray:
        """``p(h_j = 1 | v) = sigmoid((b_j + sum_i v_i W_ij) / T)`` for each row of ``v`` (``T > 0``)."""
        temperature = _temperature(temperature)
        return sigmoid((self._v(v, "v") @ self.weights + self.hidden_bias) / temperature)

    def visible_probabilities(self, h, *, temperature: float = 1.0) -> np.ndarray:
        """``p(v_i = 1 | h) = sigmoid((a_i + sum_j W_ij h_j) / T)`` for each row of ``h`` (``T > 0``)."""
        temperature = _temperature(temperature)
        return sigmoid((self._h(h) @ self.weights.T + self.visible_bias) / temperature)

    def transform(self, v) -> np.ndarray:
        """Hidden features of data, ``p(h = 1 | v)`` at ``T = 1`` (scikit-learn's name)."""
        return self.hidden_probabilities(v)

    # ---- sampling ---------------------------------------------------------
    def gibbs(self, v, *, n_steps: int = 1, rng=None, temperature: float = 1.0,
              return_trajectory: bool = False) -> np.ndarray:
        """Block Gibbs sampling from visible states ``v``: ``h ~ p(h|v)``, then ``v ~ p(v|h)``, ``n_steps`` times.

        Returns the final visible states, or with ``return_trajectory`` the array
        (n_steps + 1, k, V) of visible *probabilities* ``p(v|h)`` at each step (step 0 = ``v``).
        """
        v = self._v(v, "v").copy()
        n_steps = as_int(n_steps, "n_steps", minimum=0, maximum=MAX_STEPS)
        temperature = _temperature(temperature)
        return_trajectory = as_bool(return_trajectory, "return_trajectory")
        if return_trajectory and (n_steps + 1) * v.size > MAX_DRAWS:
            raise ValueError(f"n_steps: a trajectory of {n_steps + 1} steps of {v.shape[0]} chains is too large to "
                             "keep; use fewer steps or return_trajectory=False")
        rng = self.rng if rng is None else as_rng(rng)
        traj = [v.copy()] if return_trajectory else None
        W, a, b = self.weights, self.visible_bias, self.hidden_bias
        for _ in range(n_steps):
            ph = sigmoid((v @ W + b) / temperature)
            h = (rng.random(ph.shape) < ph).astype(np.float64)
            pv = sigmoid((h @ W.T + a) / temperature)
            v = (rng.random(pv.shape) < pv).astype(np.float64)
            if return_trajectory:
                traj.append(pv)
        return np.array(traj) if return_trajectory else v

    def sample(self, n_samples: int, *, n_steps: int = 1000, rng=None, init=None,
               temperature: float = 1.0) -> np.ndarray:
        """Draw ``n_samples`` visible vectors from ``n_samples`` independent Gibbs chains.

        Each chain starts at a uniformly random 0/1 vector (or at the rows of ``init``)
        and runs ``n_steps`` block-Gibbs steps. Returns an (n_samples, V) 0/1 array.
        """
        n_samples = as_int(n_samples, "n_samples", minimum=1, maximum=MAX_DRAWS // self.n_visible)
        rng = self.rng if rng is None else as_rng(rng)
        if init is None:
            v0 = (rng.random((n_samples, self.n_visible)) < 0.5).astype(np.float64)
        else:
            v0 = self._v(init, "init")
            if v0.shape[0] != n_samples:
                raise ValueError(f"init: expected {n_samples} rows, got {v0.shape[0]}")
        return self.gibbs(v0, n_steps=n_steps, rng=rng, temperature=temperature)

    # ---- exact quantities -------------------------------------------------
    def _check_exact(self):
        m = min(self.n_visible, self.n_hidden)
        if m > MAX_EXACT_LAYER:
            raise ValueError(f"exact log-likelihood: the smaller layer has {m} units; enumerating 2^{m} states "
                             f"is too large (at most {MAX_EXACT_LAYER} units)")
        return m

    def log_partition(self) -> float:
        """``log Z``, summing over all states of the smaller layer (2^min(V, H) terms, in chunks)."""
        m = self._check_exact()
        # tall-thin products (2^m x min x max): one BLAS thread is faster and avoids oversubscription
        with threadpool_limits(limits=1, user_api="blas"):
            return self._log_partition(m)

    def _log_partition(self, m):
        W, a, b = self.weights, self.visible_bias, self.hidden_bias
        parts = []
        for start in range(0, 2 ** m, _CHUNK):
            if m <= 16:
                s = _cached_states(m)[start:start + _CHUNK]
            else:
                idx = np.arange(start, min(start + _CHUNK, 2 ** m), dtype=np.int64)
                s = ((idx[:, None] >> np.arange(m - 1, -1, -1)) & 1).astype(np.float64)
            if self.n_hidden <= self.n_visible:   # s are hidden states: -F(h) = b.h + sum softplus(a + W h)
                parts.append(_logsumexp(s @ b + _softplus(s @ W.T + a).sum(axis=1)))
            else:                                 # s are visible states: -F(v)
                parts.append(_logsumexp(s @ a + _softplus(s @ W + b).sum(axis=1)))
        return float(_logsumexp(np.array(parts)))

    def log_likelihood(self, data) -> float:
        """Exact mean log-likelihood ``1/N sum_k log p(v^(k))`` (nats) of 0/1 data."""
        v = self._v(data)
        return float(np.mean(-self.free_energy(v)) - self.log_partition())

    def exact_gradient(self, data) -> RBMGradient:
        """Exact gradient of the mean log-likelihood (an :class:`RBMGradient`).

        The model averages are computed by enumerating the smaller layer: with hidden
        states enumerated, ``<v h^T>_model = sum_h p(h) sigmoid(a + W h) h^T``.
        """
        v = self._v(data)
        m = self._check_exact()
        if m > 16:
            raise ValueError(f"exact_gradient: the smaller layer has {m} units; at most 16 are supported")
        W, a, b = self.weights, self.visible_bias, self.hidden_bias
        ph = sigmoid(v @ W + b)
        pos_w, pos_a, pos_b = v.T @ ph / v.shape[0], v.mean(axis=0), ph.mean(axis=0)
        s = all_states(m, values=(0, 1))
        if self.n_hidden <= self.n_visible:
            logp = s @ b + _softplus(s @ W.T + a).sum(axis=1)
            p = np.exp(logp - _logsumexp(logp))
            ev = sigmoid(s @ W.T + a)                  # E[v | h]
            neg_w, neg_a, neg_b = ev.T @ (p[:, None] * s), p @ ev, p @ s
        else:
            logp = s @ a + _softplus(s @ W + b).sum(axis=1)
            p = np.exp(logp - _logsumexp(logp))
            eh = sigmoid(s @ W + b)                    # E[h | v]
            neg_w, neg_a, neg_b = s.T @ (p[:, None] * eh), p @ s, p @ eh
        return RBMGradient(pos_w - neg_w, pos_a - neg_a, pos_b - neg_b)

    # ---- learning -----------------------------------------------------------
    def cd_gradient(self, v0, *, k: int = 1, rng=None, chains=None) -> CDGradient:
        """The CD-k (or, with ``chains``, PCD-k) estimate of the gradient for one mini-batch.

        ``weights = v0^T p(h|v0)/n - v_k^T p(h|v_k)/m`` and the biases likewise; ``chains`` of the
        result is ``v_k``, the visible state after ``k`` Gibbs steps started at the data (CD,
        Hinton 2002) or at ``chains`` (PCD, Tieleman 2008: pass the result's ``chains`` back in).
        """
        v0 = self._v(v0, "v0")
        k = as_int(k, "k", minimum=1, maximum=MAX_K)
        rng = self.rng if rng is None else as_rng(rng)
        W, a, b = self.weights, self.visible_bias, self.hidden_bias
        ph0 = sigmoid(v0 @ W + b)
        if chains is None:
            ph = ph0
        else:
            ph = sigmoid(self._v(chains, "chains") @ W + b)
        for _ in range(k):
            h = (rng.random(ph.shape) < ph).astype(np.float64)
            pv = sigmoid(h @ W.T + a)
            vk = (rng.random(pv.shape) < pv).astype(np.float64)
            ph = sigmoid(vk @ W + b)
        n, m = v0.shape[0], vk.shape[0]
        return CDGradient(v0.T @ ph0 / n - vk.T @ ph / m, v0.mean(axis=0) - vk.mean(axis=0),
                          ph0.mean(axis=0) - ph.mean(axis=0), vk)

    def fit(self, data, *, epochs: int = 1000, method: str = "pcd", k: int = 1, learning_rate=0.1,
            decay: str = "linear", batch_size: int = 10, momentum: float = 0.0, weight_decay: float = 0.0,
            n_chains: int | None = 100, shuffle: bool = True, rng=None,
            monitor_every: int | None = None, callback=None, engine: str = "numba"):
        """Train with persistent contrastive divergence (``method='pcd'``, default) or CD (``'cd'``).

        The defaults are the recipe of the course's chapter on Boltzmann machines: PCD-1
        (Tieleman 2008) with 100 persistent chains, mini-batches of 10, and a learning rate that
        decays linearly from 0.1 to 0 over the epochs.

        Parameters
        ----------
        data : (N, V) 0/1 array
        epochs : passes through the data (each in mini-batches of ``batch_size``)
        method : ``'pcd'`` (persistent chains, Tieleman 2008) or ``'cd'`` (chains restarted at the
            data, Hinton 2002)
        k : Gibbs steps per update (CD-k / PCD-k)
        learning_rate : a positive number, or a function ``epoch -> rate`` (epochs counted from 1);
            a function is the whole schedule and ``decay`` is not applied to it
        decay : ``'linear'``: the rate of epoch e is ``learning_rate * (1 - (e - 1) / epochs)``;
            ``'constant'``: always ``learning_rate``
        momentum, weight_decay : classic momentum in [0, 1) on the parameter steps; L2 decay on ``W``
        n_chains : number of persistent chains for PCD (default 100; None means ``batch_size``);
            they start at random 0/1 vectors and continue across updates, epochs and calls
        shuffle : reshuffle the data every epoch
        monitor_every : record in ``history_`` the exact mean log-likelihood of ``data``
            (when the smaller layer allows it; otherwise NaN) and the singular values of
            ``weights`` at epoch 0 and every ``monitor_every`` epochs
        callback : optional ``callback(rbm, epoch)`` called after every epoch
        rng : seed or Generator (default: the machine's own generator)
        engine : ``'numba'`` runs each epoch in :func:`cd_epoch_kernel`, ``'numpy'`` in its
            BLAS twin :func:`cd_epoch_kernel_numpy` (same random numbers, same steps)

        Returns ``self``. Raises FloatingPointError if the parameters diverge.
        """
        data = self._v(data)
        method = as_choice(method, "method", ("cd", "pcd"))
        epochs = as_int(epochs, "epochs", minimum=0, maximum=MAX_EPOCHS)
        k = as_int(k, "k", minimum=1, maximum=MAX_K)
        batch_size = as_int(batch_size, "batch_size", minimum=1)
        decay = as_choice(decay, "decay", ("linear", "constant"))
        if not callable(learning_rate):
            learning_rate = as_float(learning_rate, "learning_rate", positive=True)
        momentum = as_float(momentum, "momentum", minimum=0.0)
        if momentum >= 1.0:
            raise ValueError(f"momentum: expected a number in [0, 1), got {momentum}")
        weight_decay = as_float(weight_decay, "weight_decay", minimum=0.0)
        shuffle = as_bool(shuffle, "shuffle")
        monitor_every = None if monitor_every is None else as_int(monitor_every, "monitor_every", minimum=1)
        if callback is not None and not callable(callback):
            raise TypeError(f"callback: expected a function callback(rbm, epoch) or None, got {type(callback).__name__}")
        engine = as_choice(engine, "engine", ENGINES)
        rng = self.rng if rng is None else as_rng(rng)
        n = data.shape[0]
        if method == "pcd":
            n_chains = batch_size if n_chains is None else as_int(n_chains, "n_chains", minimum=1)
        n_batches = -(-n // batch_size)
        rows = max(batch_size, n_chains) if method == "pcd" else min(batch_size, n)
        draws = n_batches * k * rows * (self.n_hidden + self.n_visible)
        if draws > MAX_DRAWS:
            raise ValueError(f"batch_size, n_chains, k: one epoch would draw {draws:.3g} random numbers at once "
                             f"(at most {MAX_DRAWS:.0e}); use fewer chains or Gibbs steps")
        if method == "pcd" and (self._chains is None or self._chains.shape[0] != n_chains):
            self._chains = (rng.random((n_chains, self.n_visible)) < 0.5).astype(np.float64)
        exact_ok = min(self.n_visible, self.n_hidden) <= 20
        epochs_seen, lls, svs = [], [], []

        def record(epoch):
            epochs_seen.append(epoch)
            lls.append(self.log_likelihood(data) if exact_ok else np.nan)
            svs.append(np.linalg.svd(self.weights, compute_uv=False))

        def rate(epoch):
            if callable(learning_rate):
                value = learning_rate(epoch)
                if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)) \
                        or not np.isfinite(value) or value < 0:
                    raise ValueError(f"learning_rate: the function returned {value!r} at epoch {epoch}; "
                                     "expected a finite number >= 0")
                return float(value)
            if decay == "linear":
                return learning_rate * (1.0 - (epoch - 1) / epochs)
            return learning_rate

        if monitor_every:
            record(0)
        vel_w, vel_a, vel_b = (np.zeros_like(self.weights), np.zeros_like(self.visible_bias),
                               np.zeros_like(self.hidden_bias))
        persistent = method == "pcd"
        chains = self._chains if persistent else np.zeros((1, self.n_visible))
        epoch_fn = cd_epoch_kernel if engine == "numba" else cd_epoch_kernel_numpy
        for epoch in range(1, epochs + 1):
            lr = rate(epoch)
            order = rng.permutation(n) if shuffle else np.arange(n)
            u_h = rng.random((n_batches, k, rows, self.n_hidden))
            u_v = rng.random((n_batches, k, rows, self.n_visible))
            epoch_fn(data, order, self.weights, self.visible_bias, self.hidden_bias, vel_w, vel_a, vel_b,
                     np.full(n_batches, lr), float(momentum), float(weight_decay), batch_size, chains,
                     persistent, u_h, u_v)
            if not np.all(np.isfinite(self.weights)):
                raise FloatingPointError(f"fit: the weights diverged (NaN or infinity) at epoch {epoch}; "
                                         "use a smaller learning_rate")
            if monitor_every and epoch % monitor_every == 0:
                record(epoch)
            if callback is not None:
                callback(self, epoch)
        self.history_ = (TrainingHistory(np.array(epochs_seen, dtype=np.int64), np.array(lls), np.array(svs))
                         if monitor_every else None)
        return self

    @classmethod
    def from_sklearn(cls, model) -> "RBM":
        """An :class:`RBM` holding the parameters of a fitted ``sklearn.neural_network.BernoulliRBM``.

        scikit-learn uses the same energy with ``components_`` = ``W^T``,
        ``intercept_visible_`` = ``a`` and ``intercept_hidden_`` = ``b``.
        """
        missing = [a for a in ("components_", "intercept_visible_", "intercept_hidden_") if not hasattr(model, a)]
        if missing:
            raise TypeError(f"model: expected a fitted sklearn BernoulliRBM, got {type(model).__name__} "
                            f"without {', '.join(missing)}")
        comp = _finite_numeric("model.components_", model.components_).astype(np.float64)
        if comp.ndim != 2:
            raise ValueError(f"model.components_: expected a 2-D (hidden, visible) array, got shape {comp.shape}")
        rbm = cls(comp.shape[1], comp.shape[0], weight_scale=0.0)
        rbm.weights = comp.T.copy()
        rbm.visible_bias = _finite_numeric("model.intercept_visible_", model.intercept_visible_).astype(np.float64).copy()
        rbm.hidden_bias = _finite_numeric("model.intercept_hidden_", model.intercept_hidden_).astype(np.float64).copy()
        if rbm.visible_bias.shape != (comp.shape[1],) or rbm.hidden_bias.shape != (comp.shape[0],):
            raise ValueError("model: intercept shapes do not match components_")
        return rbm

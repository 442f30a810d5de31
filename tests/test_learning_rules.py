"""Tests of hopfield_course.learning_rules and the stability / basin simulations of chapter 08."""

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

import hopfield_course as hc


def _storkey_loops(X):
    """Storkey (1997) written element by element, as in the paper."""
    p, n = X.shape
    W = np.zeros((n, n))
    for xi in X:
        new = W.copy()
        for i in range(n):
            for j in range(n):
                if i == j:
                    continue
                h_ij = sum(W[i, k] * xi[k] for k in range(n) if k not in (i, j))
                h_ji = sum(W[j, k] * xi[k] for k in range(n) if k not in (i, j))
                new[i, j] = W[i, j] + (xi[i] * xi[j] - xi[i] * h_ji - h_ij * xi[j]) / n
        W = new
    return W


def test_storkey_matches_elementwise_definition():
    X = hc.random_patterns(4, 9, rng=1)
    np.testing.assert_allclose(hc.storkey_weights(X), _storkey_loops(X), atol=1e-12)


def test_storkey_single_memory_is_hebb():
    xi = hc.random_patterns(1, 12, rng=2)
    np.testing.assert_allclose(hc.storkey_weights(xi), hc.hebbian_weights(xi, normalize="N"))
    np.testing.assert_allclose(hc.storkey_weights(xi[0]), hc.hebbian_weights(xi, normalize="N"))


@settings(max_examples=20, deadline=None)
@given(p=st.integers(1, 8), n=st.integers(2, 20), seed=st.integers(0, 10_000))
def test_weights_are_symmetric_with_zero_diagonal(p, n, seed):
    X = hc.random_patterns(p, n, rng=seed)
    for W in (hc.storkey_weights(X), hc.pseudoinverse_weights(X)):
        assert W.shape == (n, n)
        np.testing.assert_allclose(W, W.T, atol=1e-12)
        np.testing.assert_array_equal(np.diag(W), 0)
        hc.energy(X[0], W)  # accepted by the package's validators


def test_pseudoinverse_projects_onto_memories():
    X = hc.random_patterns(30, 100, rng=3)
    W = hc.pseudoinverse_weights(X)
    P = W.copy()
    np.fill_diagonal(P, 0)
    full = X.T.astype(float) @ np.linalg.inv(X @ X.T.astype(float)) @ X
    np.testing.assert_allclose(W, full - np.diag(np.diag(full)), atol=1e-10)
    # every memory is a fixed point, far beyond Hebb's capacity (p/N = 0.3)
    assert hc.all_memories_stable(W, X)
    assert not hc.all_memories_stable(hc.hebbian_weights(X), X)


def test_pseudoinverse_of_orthogonal_memories_is_hebb():
    from scipy.linalg import hadamard

    X = hadamard(16)[1:5]
    np.testing.assert_allclose(hc.pseudoinverse_weights(X), hc.hebbian_weights(X, normalize="N"), atol=1e-12)


def test_pseudoinverse_handles_dependent_memories():
    X = hc.random_patterns(3, 20, rng=4)
    X = np.vstack([X, X[0]])  # a repeated memory: X X^T singular
    W = hc.pseudoinverse_weights(X)
    assert np.all(np.isfinite(W))
    assert hc.all_memories_stable(W, X)


def test_bad_input():
    for rule in (hc.storkey_weights, hc.pseudoinverse_weights):
        with pytest.raises(ValueError, match="patterns"):
            rule([[1, 0, 1]])
        with pytest.raises(ValueError, match="patterns"):
            rule(np.ones((2, 2, 2)))
    with pytest.raises(ValueError, match="patterns"):
        hc.all_memories_stable(np.zeros((3, 3)), [[1, 1]])


def test_storkey_stores_more_than_hebb():
    n = 100
    hebb = [hc.largest_stable_load("hebb", n, rng=k) for k in range(4)]
    storkey = [hc.largest_stable_load("storkey", n, rng=k) for k in range(4)]
    assert np.mean(storkey) > 1.5 * np.mean(hebb)
    assert hc.largest_stable_load("pseudoinverse", 30, rng=0) == 29  # every p < N


def test_largest_stable_load_hebb_matches_brute_force():
    n = 60
    p = hc.largest_stable_load("hebb", n, rng=np.random.default_rng(7))
    X = np.random.default_rng(7).choice(np.array([-1, 1]), size=(n - 1, n))
    assert hc.all_memories_stable(hc.hebbian_weights(X[:p]), X[:p])
    assert not hc.all_memories_stable(hc.hebbian_weights(X[:p + 1]), X[:p + 1])
    with pytest.raises(ValueError, match="rule"):
        hc.largest_stable_load("oja", 10)
    with pytest.raises(ValueError, match="n"):
        hc.largest_stable_load("hebb", 1)
    custom = hc.largest_stable_load(lambda X: hc.hebbian_weights(X), n, rng=np.random.default_rng(7))
    assert custom == p


def test_basin_curve():
    X = hc.random_patterns(5, 100, rng=8)
    W = hc.hebbian_weights(X, normalize="N")
    frac = hc.basin_curve(W, X, [0, 10, 45], trials=15, rng=1)
    assert frac[0] == 1.0 and frac[1] == 1.0 and frac[2] < 0.5
    with pytest.raises(ValueError, match="flips"):
        hc.basin_curve(W, X, [200])

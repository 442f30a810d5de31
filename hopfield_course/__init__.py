"""hopfield_course: the helper package of the Hopfield networks course.

The package is laid out by concept; every public name below is also importable from its module.

===================  ==========================================================================
module               what it holds
===================  ==========================================================================
``states``           +/-1 states and 5x5 images: conversions, flips, overlaps, naming a state
``memories``         the course's memory sets (by content), random patterns, data sets
``learning_rules``   Hebb, Storkey, pseudo-inverse and sequence weights
``dynamics``         synchronous and asynchronous updates at T = 0, ``run``, energies
``stochastic``       Glauber dynamics, annealing, exact Boltzmann statistics
``hebbian``          fast Hebbian dynamics from the memories (never forming W), int8 kernels
``meanfield``        mean-field and replica-symmetric theory
``capacity``         capacity measured by simulation
``graded``           graded-response (continuous) networks
``control``          asymmetric couplings and the controlled model
``tsp``              the travelling salesman (Hopfield-Tank, Potts)
``boltzmann``        Boltzmann machines; ``rbm``: restricted Boltzmann machines
``modern``           dense and modern Hopfield networks, attention
``plotting``         every drawing helper; ``demos``: the live ipywidgets demos
``checks``           the checks of the exercise notebooks
===================  ==========================================================================

Conventions used in every chapter
---------------------------------
* neurons take the values +1 / -1; images map +1 to "on" (black);
* update rule ``s_i <- +1 if h_i >= theta_i else -1`` (ties go to +1); with floating-point
  weights a field within rounding error of the threshold counts as a tie (``_rules``);
* energy ``E = -1/2 s^T W s + theta^T s``;
* Hebbian weights have zero diagonal; ``normalize`` chooses 1, 1/p or 1/N;
* Glauber dynamics ``P(s_i = +1) = 1 / (1 + exp(-2 h_i / T))``, so the critical temperature
  of one stored memory is T_c = 1.

The API contract (every public function follows it)
---------------------------------------------------
* the data come first (``state, weights``; ``patterns``; ``coords``; ``u0, weights``), every option
  is keyword-only;
* randomness comes from ``rng=`` (None, an integer seed or a ``numpy.random.Generator``), demos
  included; nothing draws from a global random state;
* ``temperature`` is a temperature, ``beta`` only ever an inverse temperature; one name per concept:
  ``n_neurons``, ``n_memories``, ``n_cities``, ``power`` (degree of a dense network),
  ``mixture_size``, ``thresholds``;
* a function that returns more than one thing returns a dataclass (most still unpack like the
  tuples they replaced);
* every argument is validated, scalars included: a bad one raises ``TypeError`` or ``ValueError``
  naming the argument, what was expected and what came; work that grows without bound is capped,
  and integrations that diverge say so;
* hot loops are numba kernels named ``<name>_kernel`` beside their concept, each with a plain NumPy
  twin ``<name>_kernel_numpy`` that the tests compare it with; ``engine="numba" | "numpy"`` selects
  one where a public function has a kernel.

Names are imported lazily: ``import hopfield_course`` is fast, and a module (numba kernels,
ipywidgets) loads the first time one of its names is used.
"""

from __future__ import annotations

import importlib

__version__ = "0.2.0"

# public name -> the module (below hopfield_course) that defines it
_API = {
    # -- states and images: conversions, noise, distances, naming a state
    "classify_state": "states",
    "corrupt": "states",
    "flip": "states",
    "hamming": "states",
    "image_from_state": "states",
    "image_from_string": "states",
    "overlap": "states",
    "state_from_image": "states",
    "square_shape": "states",
    # -- memory sets (by content), random patterns, data sets
    "bars_and_stripes": "memories",
    "binary_digits": "memories",
    "memory_set": "memories",
    "MEMORY_SETS": "memories",
    "random_patterns": "memories",
    "cross_x_square": "memories",
    "letter_test_states": "memories",
    "letters": "memories",
    "LETTER_SETS": "memories",
    "MemorySet": "memories",
    # -- learning rules: Hebb, Storkey, pseudo-inverse, sequences
    "hebbian_weights": "learning_rules",
    "pseudoinverse_weights": "learning_rules",
    "storkey_weights": "learning_rules",
    # -- deterministic dynamics of the binary network (T = 0)
    "async_sweep": "dynamics",
    "energy": "dynamics",
    "local_field": "dynamics",
    "run": "dynamics",
    "RunResult": "dynamics",
    "sync_step": "dynamics",
    # -- stochastic (Glauber) dynamics, annealing, Boltzmann statistics
    "all_states": "states",
    "anneal": "stochastic",
    "AnnealResult": "stochastic",
    "boltzmann_probabilities": "stochastic",
    "geometric_schedule": "stochastic",
    "glauber_probability": "stochastic",
    "glauber_sweep": "stochastic",
    "linear_schedule": "stochastic",
    "oxford_beta_to_temperature": "stochastic",
    "BoltzmannDistribution": "stochastic",
    # -- the Hebbian network computed from its memories (W never formed)
    "hebbian_glauber": "hebbian",
    "HebbianGlauber": "hebbian",
    "hebbian_retrieve": "hebbian",
    "HebbianRetrieval": "hebbian",
    # -- mean-field and replica theory
    "critical_load": "meanfield",
    "error_probability": "meanfield",
    "load_for_error": "meanfield",
    "mean_field_free_energy": "meanfield",
    "mean_field_overlap": "meanfield",
    "mixture_critical_temperature": "meanfield",
    "mixture_overlap": "meanfield",
    "mixture_stability": "meanfield",
    "retrieval_overlap": "meanfield",
    "spin_glass_temperature": "meanfield",
    # -- capacity by simulation
    "all_memories_stable": "capacity",
    "basin_curve": "capacity",
    "crosstalk": "capacity",
    "largest_stable_load": "capacity",
    "one_step_errors": "capacity",
    "retrieval_curve": "capacity",
    "RetrievalCurve": "capacity",
    "extrapolate_alpha_c": "capacity",
    "Extrapolation": "capacity",
    "finite_size_data": "capacity",
    "transition_fit": "capacity",
    "TransitionFit": "capacity",
    # -- graded-response (continuous) networks
    "classify_fixed_point": "graded",
    "continuous_energy": "graded",
    "continuous_rhs": "graded",
    "CycleResult": "graded",
    "energy_from_v": "graded",
    "fixed_points": "graded",
    "graded_response": "graded",
    "GradedResult": "graded",
    "integrate": "graded",
    "integrate_krotov": "graded",
    "jacobian": "graded",
    "krotov_couplings": "graded",
    "krotov_energy": "graded",
    "krotov_lagrangian": "graded",
    "krotov_rhs": "graded",
    "limit_cycle_period": "graded",
    "two_neuron_couplings": "graded",
    # -- asymmetric couplings and the controlled model
    "classify_outcome": "control",
    "CONTROL_SCENARIOS": "control",
    "control_bounds": "control",
    "control_cost": "control",
    "control_scenario": "control",
    "ControlCost": "control",
    "controlled_rollout": "control",
    "ControlResult": "control",
    "Cycle": "control",
    "find_cycle": "control",
    "Outcome": "control",
    "solve_control": "control",
    "sequence_weights": "learning_rules",
    # -- the travelling salesman: Hopfield-Tank and Potts networks
    "decode": "tsp",
    "distance_matrix": "tsp",
    "hopfield_tank_energy": "tsp",
    "hopfield_tank_start": "tsp",
    "is_valid": "tsp",
    "optimal_tour": "tsp",
    "random_cities": "tsp",
    "random_tour": "tsp",
    "random_tour_lengths": "tsp",
    "solve_tsp": "tsp",
    "tour_length": "tsp",
    "TSP_METHODS": "tsp",
    "TSPResult": "tsp",
    "TourResult": "tsp",
    "two_opt": "tsp",
    # -- Boltzmann machines
    "BoltzmannGradient": "boltzmann",
    "BoltzmannMachine": "boltzmann",
    "BoltzmannStatistics": "boltzmann",
    "EncoderProblem": "boltzmann",
    "EncoderResult": "boltzmann",
    "TrainingHistory": "boltzmann",
    "encoder_problem": "boltzmann",
    "encoder_solved": "boltzmann",
    # -- restricted Boltzmann machines
    "CDGradient": "rbm",
    "RBM": "rbm",
    "RBMGradient": "rbm",
    "sigmoid": "rbm",
    # -- modern (dense) Hopfield networks and attention
    "AssociativeMemory": "modern",
    "attention": "modern",
    "ClassicalNetwork": "modern",
    "ContinuousModernNetwork": "modern",
    "dense_bit_error": "modern",
    "dense_error_theory": "modern",
    "DenseAssociativeMemory": "modern",
    "ExponentialNetwork": "modern",
    "lse": "modern",
    "mask_state": "modern",
    "modern_energy": "modern",
    "Retrieval": "modern",
    "softmax": "modern",
    "softmax_update": "modern",
    # -- drawing helpers
    "animate_trajectory": "plotting",
    "plot_energy": "plotting",
    "plot_images": "plotting",
    "plot_memories": "plotting",
    "plot_trajectory": "plotting",
    "show_image": "plotting",
    "plot_binary_images": "plotting",
    "mosaic": "plotting",
    "plot_filters": "plotting",
    "plot_singular_values": "plotting",
    "FIXED_POINT_STYLE": "plotting",
    "plot_graded_frames": "plotting",
    "plot_neuron_matrix": "plotting",
    "plot_phase_portrait": "plotting",
    "plot_tour": "plotting",
    "style": "plotting",
    "use_course_style": "plotting",
    # -- live demos (ipywidgets)
    "progress_bar": "demos._skeleton",
    "recall_explorer": "demos.recall",
    "recall_trajectory": "demos.recall",
    "capacity_explorer": "demos.capacity",
    "capacity_step": "demos.capacity",
    "CapacityStep": "demos.capacity",
    "thermal_recall": "demos.thermal",
    "thermal_recall_explorer": "demos.thermal",
    "graded_recall_explorer": "demos.graded",
    "phase_portrait_data": "demos.graded",
    "phase_portrait_explorer": "demos.graded",
    "tsp_explorer": "demos.tsp",
    "modern_recall_explorer": "demos.modern",
    "rbm_gibbs_demo": "demos.boltzmann",
    "control_explorer": "demos.control",
    "control_step": "demos.control",
    "draw_control": "demos.control",
    "oscillation_step": "demos.control",
    "oscillation_explorer": "demos.control",
}

_SUBMODULES = {
    "states", "memories", "learning_rules", "dynamics", "stochastic", "hebbian", "meanfield", "capacity",
    "graded", "control", "tsp", "boltzmann", "rbm", "modern", "plotting", "demos", "checks",
}

__all__ = sorted(_API) + sorted(_SUBMODULES)


def __getattr__(name):
    if name in _API:
        value = getattr(importlib.import_module(f".{_API[name]}", __name__), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        module = importlib.import_module(f".{name}", __name__)
        globals()[name] = module
        return module
    raise AttributeError(f"module 'hopfield_course' has no attribute {name!r}")


def __dir__():
    return __all__

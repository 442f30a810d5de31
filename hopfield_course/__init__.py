"""hopfield_course: the helper package of the Hopfield networks course.

Small and exact: numba kernels for the hot loops (each with a NumPy twin that the
tests compare it with), learning rules, dynamics, memory sets, plots, ipywidgets
demos and the checks of the exercise notebooks. Chapters import it; they never
carry copies of its code.

Conventions used in every chapter
---------------------------------
* neurons take the values +1 / -1; images map +1 to "on" (black);
* update rule ``s_i <- +1 if h_i >= theta_i else -1`` (ties go to +1);
* energy ``E = -1/2 s^T W s + theta^T s``;
* Hebbian weights have zero diagonal; ``normalize`` chooses 1, 1/p or 1/N.
"""

from .images import image_from_string, image_from_state, state_from_image
from .weights import hebbian_weights
from .dynamics import (
    RunResult,
    async_sweep,
    energy,
    hebbian_retrieve,
    local_field,
    run,
    sync_step,
)
from .patterns import (
    MEMORY_SETS,
    classify_state,
    corrupt,
    flip,
    hamming,
    memory_set,
    overlap,
    random_patterns,
    seed000_shapes,
    seed001_initial_states,
    seed001_memories,
)
from .plotting import animate_trajectory, plot_energy, plot_images, plot_memories, plot_trajectory, show_image, style
from .widgets import recall_explorer, recall_trajectory
from . import checks

# Later chapters add their names below, one block per chapter group.
# -- chapters 05 and 08 --
from .stochastic import (
    AnnealResult,
    all_states,
    anneal,
    boltzmann_probabilities,
    geometric_schedule,
    glauber_probability,
    glauber_sweep,
    hebbian_glauber,
    linear_schedule,
    seed000_beta_to_temperature,
)
from .theory import (
    critical_load,
    error_probability,
    load_for_error,
    mean_field_free_energy,
    mean_field_overlap,
    mixture_critical_temperature,
    mixture_overlap,
    mixture_stability,
    retrieval_overlap,
    spin_glass_temperature,
)
from .learning_rules import pseudoinverse_weights, storkey_weights
from .capacity import (
    all_memories_stable,
    basin_curve,
    crosstalk,
    largest_stable_load,
    one_step_errors,
    retrieval_curve,
)
from .widgets_thermal import (
    capacity_explorer,
    capacity_step,
    progress_bar,
    thermal_recall,
    thermal_recall_explorer,
)
# -- chapters 06 and 07 --
from .continuous import (
    ContinuousResult,
    classify_fixed_point,
    continuous_energy,
    continuous_rhs,
    energy_from_v,
    fixed_points,
    graded_response,
    integrate_continuous,
    integrate_continuous_ivp,
    integrate_krotov,
    jacobian,
    krotov_couplings,
    krotov_energy,
    krotov_lagrangian,
    krotov_rhs,
)
from .tsp import (
    TSP_METHODS,
    TSPResult,
    decode,
    distance_matrix,
    hopfield_tank_energy,
    hopfield_tank_start,
    is_valid,
    optimal_tour,
    random_cities,
    random_tour,
    random_tour_lengths,
    solve_tsp,
    tour_length,
    two_opt,
)
from .widgets_continuous import (
    graded_recall_explorer,
    phase_portrait_explorer,
    plot_graded_frames,
    plot_neuron_matrix,
    plot_phase_portrait,
    plot_tour,
    tsp_explorer,
)
# -- chapter 09 --
from .boltzmann import BoltzmannMachine, binary_states, encoder_problem, encoder_solved
from .rbm import RBM, sigmoid
from .datasets import bars_and_stripes, binary_digits
# -- chapters 10 and 11 --
from .modern import (
    AssociativeMemory,
    ClassicalNetwork,
    ContinuousModernNetwork,
    DenseAssociativeMemory,
    ExponentialNetwork,
    Retrieval,
    attention,
    dense_bit_error,
    dense_energy,
    dense_error_theory,
    dense_update,
    digit_patterns,
    exponential_update,
    lse,
    mask_state,
    modern_energy,
    softmax,
    softmax_update,
)
from .asymmetric import (
    classify_outcome,
    graded_energy,
    control_bounds,
    control_cost,
    controlled_rollout,
    find_cycle,
    limit_cycle_period,
    sequence_weights,
    simulate,
    solve_control,
    two_neuron_couplings,
    vector_field,
)
from .widgets_modern import control_explorer, modern_recall_explorer, oscillation_explorer

__version__ = "0.1.0"

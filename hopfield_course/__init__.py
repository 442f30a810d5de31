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
from .plotting import plot_energy, plot_images, plot_memories, plot_trajectory, show_image, style
from .widgets import recall_explorer, recall_trajectory
from . import checks

# Later chapters add their names below, one block per chapter group.
# -- chapters 05 and 08 --
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

__version__ = "0.1.0"

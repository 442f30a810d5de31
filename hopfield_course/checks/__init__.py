"""Exercise checks, one per exercise, grouped by chapter (Exercise N.k lives in chapter N).

Each ``check_*`` function runs the student's answer on several cases, from the most isolating
(one term, one neuron, a tie) to the full one, and returns a
:class:`~hopfield_course.checks._core.CheckResult`: a one-message verdict that names the call,
what came back, what was expected and the hint for that case (or for the known mistake the
answer matches). Type and shape are tested before values (``None``, strings, complex numbers,
arrays where a float is expected, lists where the next cells need arrays), arguments changed in
place are reported, every call has a time limit, and an answer built on a wrong earlier
exercise is sent back to that exercise. Unfinished exercises get "not done yet"; nothing here
ever shows a traceback. ``attempt`` guards the cells that use a student's function after its
check, so that Run All always reaches the end of a notebook.
"""

from ._core import CheckResult, attempt

# -- chapters 01-04 --
from .ch01_04 import (
    check_classify,
    check_energy,
    check_final_state,
    check_image_to_state,
    check_is_stable,
    check_my_state,
    check_next_state,
    check_recall_image,
    check_single_state_weights,
    check_stable_memories,
    check_state_to_image,
    check_string_to_image,
    check_weights_from_states,
)
# -- chapters 05 and 08 --
from .ch05 import (
    all_states,
    check_boltzmann_distribution,
    check_glauber_update,
    check_heat_bath_probability,
    check_solve_mean_field,
)
from .ch08 import check_crosstalk, check_error_rate, check_rs_overlap, check_storkey
# -- chapters 06 and 07 --
from .ch06 import (
    check_classify_fixed_point,
    check_energy_trace,
    check_euler_step,
    check_graded_energy,
    check_two_neuron_fixed_points,
)
from .ch07 import check_brute_force_tour, check_decode_tour, check_ht_rhs, check_length_of_tour
# -- chapter 09 --
from .ch09 import (
    check_cd1_update,
    check_exact_log_likelihood,
    check_hidden_probabilities,
    check_rbm_energy,
    check_visible_probabilities,
)
# -- chapters 10 and 11 --
from .ch10 import check_bit_error, check_dense_step, check_softmax_step
from .ch11 import check_controlled_cost, check_detect_cycle, check_sequence_weights

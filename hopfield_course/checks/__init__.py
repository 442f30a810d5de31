"""Exercise checks, one per exercise, grouped by chapter.

Each ``check_*`` function runs the student's answer on several cases and returns a
:class:`~hopfield_course.checks._core.CheckResult`: a one-message verdict that names
the call, the returned and expected values and a hint. Unfinished exercises get
"not done yet"; nothing here ever shows a traceback.
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
# -- chapters 06 and 07 --
# -- chapter 09 --
from .ch09 import (
    check_cd1_update,
    check_exact_log_likelihood,
    check_hidden_probabilities,
    check_rbm_energy,
    check_visible_probabilities,
)
# -- chapters 10 and 11 --

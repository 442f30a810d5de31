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

# Later chapters add their names below, one block per chapter group.
# -- chapters 05 and 08 --
# -- chapters 06 and 07 --
# -- chapter 09 --
# -- chapters 10 and 11 --

__version__ = "0.1.0"

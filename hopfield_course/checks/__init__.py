"""Exercise checks, one per exercise, grouped by chapter.

Each ``check_*`` function runs the student's answer on several cases and returns a
:class:`~hopfield_course.checks._core.CheckResult`: a one-message verdict that names
the call, the returned and expected values and a hint. Unfinished exercises get
"not done yet"; nothing here ever shows a traceback.
"""

from ._core import CheckResult, attempt

# -- chapters 01-04 --
# -- chapters 05 and 08 --
# -- chapters 06 and 07 --
# -- chapter 09 --
# -- chapters 10 and 11 --

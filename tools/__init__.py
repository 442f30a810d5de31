"""Course-building tools (not needed by a student at run time): the exercise generator and the slide exporter.

Run them from the repository root: ``python -m tools.authoring``, ``python -m tools.slides``.
"""

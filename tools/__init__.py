"""Course-building tools (not needed by a student at run time): the exercise generator, the slide exporter and
the notebook cleaner (strips execution metadata after `make outputs`).

Run them from the repository root: ``python -m tools.authoring``, ``python -m tools.slides``,
``python -m tools.clean_notebooks``.
"""

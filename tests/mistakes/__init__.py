"""The mistake catalogue of the exercise checks (see catalogue.py)."""

"""The hidden tests, one module per assignment, gathered in the order of ``points.POINTS``."""
from autograder.points import POINTS
from autograder.properties import hw1_information_theory

MODULES = (hw1_information_theory,)
PROPERTIES = sorted((p for m in MODULES for p in m.PROPERTIES), key=lambda p: list(POINTS).index(p.function))


def for_function(qualname):
    return [p for p in PROPERTIES if p.function == qualname]

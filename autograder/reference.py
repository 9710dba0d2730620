"""The instructor's reference functions, loaded from ``solutions/`` in the grader's process only."""
import copy
import functools
import importlib.util
from pathlib import Path

from autograder.points import MODULES

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"


@functools.lru_cache(maxsize=None)
def _module(assignment):
    path = SOLUTIONS / assignment / f"{MODULES[assignment]}.py"
    spec = importlib.util.spec_from_file_location(f"reference_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def function(qualname):
    """The reference for ``"<assignment>.<function>"``."""
    assignment, name = qualname.split(".")
    return getattr(_module(assignment), name)


class Expected:
    """What the reference does on a call: returns ``value`` or raises ``ValueError(error)``."""

    def __init__(self, value=None, error=None):
        self.value, self.error = value, error

    @property
    def raises(self):
        return self.error is not None


def expected(qualname, call):
    """Run the reference on (copies of) ``call``'s arguments."""
    args, kwargs = copy.deepcopy((call.args, call.kwargs))
    try:
        return Expected(value=function(qualname)(*args, **kwargs))
    except ValueError as error:
        return Expected(error=str(error))

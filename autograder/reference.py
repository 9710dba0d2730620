"""The instructor's reference functions, loaded from ``solutions/`` in the grader's process only."""
import copy
import functools
import importlib.util
import sys
import types
from pathlib import Path

from autograder.points import MODULES

SOLUTIONS = Path(__file__).resolve().parent.parent / "solutions"
# What the reference imports but the grader seldom uses: loaded on first use. Grading a correct
# submission calls die_log_likelihood here, never numerical_mle's optimiser, and importing
# scipy.optimize takes half a second.
DEFERRED_IMPORTS = ("scipy.optimize",)


class _Deferred(types.ModuleType):
    """Stands in sys.modules for a module while the reference imports it: ``import scipy.optimize``
    then binds ``scipy`` alone (scipy imports a submodule when it is first used), and any attribute
    asked of the stand-in itself imports the real module and answers from it."""

    def __getattr__(self, attribute):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)


def _run_deferring(spec, module):
    """``spec.loader.exec_module(module)`` with the :data:`DEFERRED_IMPORTS` not imported yet deferred."""
    stand_ins = {name: _Deferred(name) for name in DEFERRED_IMPORTS if name not in sys.modules}
    sys.modules.update(stand_ins)
    try:
        spec.loader.exec_module(module)
    finally:
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]


@functools.lru_cache(maxsize=None)
def _module(assignment):
    path = SOLUTIONS / assignment / f"{MODULES[assignment]}.py"
    spec = importlib.util.spec_from_file_location(f"reference_{assignment}", path)
    module = importlib.util.module_from_spec(spec)
    _run_deferring(spec, module)
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

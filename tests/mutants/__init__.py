"""The mutation catalogue: realistic wrong submissions (one misconception in one function each) and
alternative correct ones. tests/test_mutation_catalogue.py grades them all."""
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Wrong:
    function: str      # the qualified name of the one function rewritten
    mistake: str       # the misconception, in a few words
    source: str        # the rewritten function's whole definition
    also: tuple = ()   # other functions that fail with it: the reference module calls the rewritten one
    named: str = None  # the misconception its feedback must name (and no other); None: it has no name, none named


@dataclass(frozen=True)
class Alternative:
    name: str
    rewrites: dict = field(default_factory=dict)  # {qualified name: definition}, each numerically correct
    modules: dict = field(default_factory=dict)   # {assignment: a whole module in tests/mutants/alternatives/}

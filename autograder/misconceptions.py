"""Known wrong answers: when a student's value equals one of these, feedback names the mistake.

Each entry (a *recogniser*) computes what a typical wrong implementation
returns on the same call; if the student's value matches it (and not the
reference), the feedback says which misconception that is and where the
lecture covers it. Entries are registered per function with :func:`known`;
the catalogue lives in ``autograder/properties/`` next to each assignment's
tests.

The contract of a recogniser, so that a named misconception is always right:

- where the mistake makes no difference or cannot happen on this input
  (base=None for "the answer is in nats", N = 1 for "divides by N − 1"), it
  returns :data:`NOT_APPLICABLE`, never a number (a NaN or an infinity
  would "match" a student's NaN or infinity);
- NaN and infinities match only where the mistaken computation itself
  produces them (0·log 0 computed as NaN);
- when several recognisers match the student's answer, the feedback names
  the one registered with the highest ``specificity``; if several share it,
  it says that any of them is possible, never one of them as certain.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np


class _NotApplicable:
    """The type of :data:`NOT_APPLICABLE`: equal to nothing, not a number, never a student's answer."""

    def __repr__(self):
        return "NOT_APPLICABLE"

    def __bool__(self):
        raise TypeError("NOT_APPLICABLE has no truth value: compare it with `is`")


NOT_APPLICABLE = _NotApplicable()


@dataclass(frozen=True)
class Misconception:
    name: str        # "the N-1 (unbiased) variance"
    section: str     # "Lecture §4"
    advice: str      # one sentence: what the lecture says instead
    wrong: Callable  # wrong(*args, **kwargs) -> the value such an implementation returns, or NOT_APPLICABLE
    specificity: int = 0  # among several matching recognisers, the highest is named alone


CATALOGUE: dict[str, list[Misconception]] = {}


def known(qualname, name, section, advice, specificity=0):
    """Decorator: register ``wrong`` as a known misconception of ``qualname``."""
    def register(wrong):
        CATALOGUE.setdefault(qualname, []).append(Misconception(name, section, advice, wrong, specificity))
        return wrong
    return register


class Named(str):
    """A feedback line that names misconceptions; ``named`` lists their (name, section) for results.json.

    One item: "This looks like X (§): advice". Several equally likely ones:
    "This could be one of these mistakes (the answer fits each): X (§); Y (§)",
    and each is listed, since the class report counts what the feedback names.
    ``qualname``, ``items`` and ``close`` let :func:`focus` re-check the items
    against the property's other wrong answers.
    """

    def __new__(cls, items, qualname=None, close=None):
        items = list(items)
        if len(items) == 1:
            (item,) = items
            text = f"  This looks like {item.name} ({item.section}): {item.advice}"
        else:
            text = ("  This could be one of these mistakes (the answer fits each): "
                    + "; ".join(f"{item.name} ({item.section})" for item in items))
        line = super().__new__(cls, text)
        line.items, line.qualname, line.close = items, qualname, close
        line.named = [(item.name, item.section) for item in items]
        line.name, line.section = line.named[0]
        return line


def matching(qualname, call, got, close):
    """Every known misconception of ``qualname`` whose answer on ``call`` equals ``got``, deduplicated by name."""
    found = {}
    for item in CATALOGUE.get(qualname, ()):
        try:
            with np.errstate(all="ignore"):
                wrong = item.wrong(*call.args, **call.kwargs)
        except Exception:  # noqa: BLE001 - the mistaken computation itself fails here: it cannot be the answer
            continue
        if wrong is NOT_APPLICABLE or item.name in found:
            continue
        if (close(got, wrong) or _same_nans(got, wrong, close)) and not _harmless(qualname, call, wrong, close):
            found[item.name] = item
    return list(found.values())


def _harmless(qualname, call, wrong, close):
    """The mistake gives the right answer on this call, so it cannot explain a wrong one."""
    expected = call.expected(qualname)
    return not expected.raises and close(wrong, expected.value)


def explain(qualname, call, got, close):
    """The line naming the misconception whose answer equals ``got`` (the most specific), or none."""
    found = matching(qualname, call, got, close)
    if not found:
        return []
    return [Named(_most_specific(found), qualname, close)]


def _most_specific(items):
    top = max(item.specificity for item in items)
    return [item for item in items if item.specificity == top]


def focus(line, calls, outcomes):
    """``line`` re-checked against every wrong answer among ``calls``: a misconception stays named
    only if it fits each of them (or does not apply there); None when none does.

    A mistake explains a student's answers only if it explains all of them: an
    answer that merely coincides with it on the minimal example (swapped KL
    and symmetrised KL are both inf at p = [1, 0]) is not enough.
    """
    items = list(line.items)
    for call, outcome in zip(calls, outcomes):
        if not items:
            return None
        if not outcome.returned or outcome.mutated:
            continue
        expected = call.expected(line.qualname)
        if expected.raises or line.close(outcome.value, expected.value):
            continue
        items = [item for item in items if _fits(line.qualname, item, call, outcome.value, line.close)]
    if not items:
        return None
    items = _most_specific(items)
    return line if items == line.items else Named(items, line.qualname, line.close)


def _fits(qualname, item, call, got, close):
    """Some recogniser of ``item``'s name fits ``got`` on ``call``, or does not apply (or cannot run) there.

    By name: two recognisers may share one ("dividing by N − D or N − 1"), and
    either may be the one that fits a given call.
    """
    outcomes = []
    for other in CATALOGUE.get(qualname, ()):
        if other.name != item.name:
            continue
        try:
            with np.errstate(all="ignore"):
                wrong = other.wrong(*call.args, **call.kwargs)
        except Exception:  # noqa: BLE001 - the mistaken computation fails here (N - D = 0): no evidence either way
            outcomes.append(True)
            continue
        outcomes.append(wrong is NOT_APPLICABLE or close(got, wrong) or _same_nans(got, wrong, close))
    return any(outcomes)


def _same_nans(got, wrong, close):
    """Both answers have NaN in the same places and agree elsewhere (e.g. 0·log 0 computed as NaN)."""
    try:
        got, wrong = np.asarray(got, dtype=float), np.asarray(wrong, dtype=float)
    except (TypeError, ValueError):
        return False
    if got.shape != wrong.shape or not np.isnan(wrong).any() or not np.array_equal(np.isnan(got), np.isnan(wrong)):
        return False
    return close(np.nan_to_num(got, nan=0.0), np.nan_to_num(wrong, nan=0.0))

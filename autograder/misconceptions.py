"""Known wrong answers: when a student's value equals one of these, feedback names the mistake.

Each entry computes what a typical wrong implementation returns on the same
call; if the student's value matches it (and not the reference), the
feedback says which misconception that is and where the lecture covers it.
Entries are registered per function with :func:`known`; the catalogue lives
in ``autograder/properties/`` next to each assignment's tests.
"""
from dataclasses import dataclass
from typing import Callable

import numpy as np


@dataclass(frozen=True)
class Misconception:
    name: str        # "the N-1 (unbiased) variance"
    section: str     # "Lecture §4"
    advice: str      # one sentence: what the lecture says instead
    wrong: Callable  # wrong(*args, **kwargs) -> the value such an implementation returns


CATALOGUE: dict[str, list[Misconception]] = {}


def known(qualname, name, section, advice):
    """Decorator: register ``wrong`` as a known misconception of ``qualname``."""
    def register(wrong):
        CATALOGUE.setdefault(qualname, []).append(Misconception(name, section, advice, wrong))
        return wrong
    return register


class Named(str):
    """A feedback line that names a misconception; it carries the name and section for results.json."""

    def __new__(cls, item):
        line = super().__new__(cls, f"  This looks like {item.name} ({item.section}): {item.advice}")
        line.name, line.section = item.name, item.section
        return line


def explain(qualname, call, got, close):
    """Lines naming the first known misconception whose answer equals ``got``."""
    for item in CATALOGUE.get(qualname, ()):
        try:
            with np.errstate(all="ignore"):
                wrong = item.wrong(*call.args, **call.kwargs)
        except Exception:  # noqa: BLE001 - a misconception that does not apply to this input
            continue
        if close(got, wrong) or _same_nans(got, wrong, close):
            return [Named(item)]
    return []


def _same_nans(got, wrong, close):
    """Both answers have NaN in the same places and agree elsewhere (e.g. 0·log 0 computed as NaN)."""
    try:
        got, wrong = np.asarray(got, dtype=float), np.asarray(wrong, dtype=float)
    except (TypeError, ValueError):
        return False
    if got.shape != wrong.shape or not np.isnan(wrong).any() or not np.array_equal(np.isnan(got), np.isnan(wrong)):
        return False
    return close(np.nan_to_num(got, nan=0.0), np.nan_to_num(wrong, nan=0.0))

"""Plain data: the only form in which values cross between grader and worker.

Arguments are encoded here and decoded by ``worker.decode``; returned values
are encoded by ``worker.encode`` and decoded here. The grader trusts nothing
that arrives: :func:`decode` accepts exactly the shapes below and raises
:class:`Unsupported` for anything else.

=========================  ==========================================
Python value               plain form (JSON)
=========================  ==========================================
float, int, bool, None     itself (``Infinity``/``NaN`` allowed)
list / tuple               ``{"list": [...]}`` / ``{"tuple": [...]}``
numeric ndarray            ``{"array": nested, "dtype": "<f8", "shape": [...]}``
numpy scalar               ``{"scalar": x, "dtype": "<i8"}``
anything else              ``{"unsupported": "module.Type"}`` (from the worker)
=========================  ==========================================

Arguments on their way to the worker (:func:`wire`) send an array's bytes
instead of its nested list, ``{"bytes": base64, "dtype": "<f8", "shape": [...]}``:
the same bits, a third of the JSON, and decoded without parsing a number.
Only the grader writes that form; replies never use it.
"""
import base64
import math

import numpy as np

NUMERIC_KINDS = "biuf"
MAX_ELEMENTS = 100_000   # numbers in one value: far more than any exercise returns
MAX_DEPTH = 8            # nesting of lists, tuples and array dimensions


class Unsupported(ValueError):
    """A returned value that is not plain data."""


def encode(value):
    """The plain form of a trusted value (an argument drawn by the grader)."""
    if isinstance(value, np.ndarray):
        return {"array": value.tolist(), "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, np.generic):
        return {"scalar": value.item(), "dtype": value.dtype.str}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [encode(v) for v in value]}
    return value


def wire(value):
    """:func:`encode`, with every array as its raw bytes (the arguments the worker decodes)."""
    if isinstance(value, np.ndarray):
        data = base64.b64encode(np.ascontiguousarray(value).tobytes()).decode("ascii")
        return {"bytes": data, "dtype": value.dtype.str, "shape": list(value.shape)}
    if isinstance(value, (list, tuple)):
        return {type(value).__name__: [wire(v) for v in value]}
    return encode(value)


def decode(plain):
    """Rebuild a value from untrusted plain data, or raise :class:`Unsupported`.

    Whatever arrives, this costs bounded time and memory: at most MAX_ELEMENTS
    numbers, nested at most MAX_DEPTH deep.
    """
    budget = [MAX_ELEMENTS]
    try:
        return _decode(plain, budget, MAX_DEPTH)
    except (TypeError, ValueError, OverflowError, MemoryError, RecursionError) as error:
        if isinstance(error, Unsupported):
            raise
        raise Unsupported(f"unsupported return type: {type(error).__name__}") from None


def _decode(plain, budget, depth):
    budget[0] -= 1
    if budget[0] < 0:
        raise Unsupported(f"unsupported return type: more than {MAX_ELEMENTS} numbers")
    if plain is None or type(plain) in (bool, int, float):
        return plain
    if type(plain) is not dict or len(plain) == 0:
        raise Unsupported(f"unsupported return type: {type(plain).__name__}")
    if depth == 0:
        raise Unsupported(f"unsupported return type: nested more than {MAX_DEPTH} deep")
    if "unsupported" in plain:
        raise Unsupported(f"unsupported return type: {str(plain['unsupported'])[:100]}")
    if set(plain) == {"list"} and type(plain["list"]) is list:
        return [_decode(v, budget, depth - 1) for v in plain["list"]]
    if set(plain) == {"tuple"} and type(plain["tuple"]) is list:
        return tuple(_decode(v, budget, depth - 1) for v in plain["tuple"])
    if set(plain) == {"scalar", "dtype"}:
        return _numeric(plain["scalar"], plain["dtype"], [], budget)[()]
    if set(plain) == {"array", "dtype", "shape"}:
        return _numeric(plain["array"], plain["dtype"], plain["shape"], budget)
    raise Unsupported("unsupported return type: malformed value")


def _numeric(data, dtype, shape, budget):
    if type(dtype) is not str or type(shape) is not list or len(shape) > MAX_DEPTH:
        raise Unsupported("unsupported return type: malformed array")
    dtype = np.dtype(dtype)
    if not all(type(n) is int and 0 <= n <= MAX_ELEMENTS for n in shape):
        raise Unsupported("unsupported return type: malformed array shape")
    shape = tuple(shape)
    size = math.prod(shape)
    budget[0] -= size
    if budget[0] < 0:
        raise Unsupported(f"unsupported return type: more than {MAX_ELEMENTS} numbers")
    if dtype.kind not in NUMERIC_KINDS:
        raise Unsupported(f"unsupported return type: array of {dtype} with shape {shape}")
    if not _nested_numbers(data, len(shape)):
        raise Unsupported("unsupported return type: malformed array")
    array = np.array(data, dtype=dtype)
    if array.size == 0 and size == 0:
        array = array.reshape(shape)  # tolist() loses the shape of an empty array
    if array.shape != shape:
        raise Unsupported(f"unsupported return type: array data do not have shape {shape}")
    return array


def _nested_numbers(data, depth):
    if depth == 0:
        return type(data) in (bool, int, float)
    return type(data) is list and all(_nested_numbers(item, depth - 1) for item in data)

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
"""
import numpy as np

NUMERIC_KINDS = "biuf"
MAX_ELEMENTS = 1_000_000


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


def decode(plain):
    """Rebuild a value from untrusted plain data, or raise :class:`Unsupported`."""
    if plain is None or type(plain) in (bool, int, float):
        return plain
    if type(plain) is not dict or len(plain) == 0:
        raise Unsupported(f"unsupported return type: {type(plain).__name__}")
    if "unsupported" in plain:
        raise Unsupported(f"unsupported return type: {str(plain['unsupported'])[:100]}")
    if set(plain) == {"list"} and type(plain["list"]) is list:
        return [decode(v) for v in plain["list"]]
    if set(plain) == {"tuple"} and type(plain["tuple"]) is list:
        return tuple(decode(v) for v in plain["tuple"])
    if set(plain) == {"scalar", "dtype"}:
        return _numeric(plain["scalar"], plain["dtype"], [])[()]
    if set(plain) == {"array", "dtype", "shape"}:
        return _numeric(plain["array"], plain["dtype"], plain["shape"])
    raise Unsupported("unsupported return type: malformed value")


def _numeric(data, dtype, shape):
    try:
        dtype = np.dtype(dtype)
        shape = tuple(int(n) for n in shape)
    except (TypeError, ValueError) as error:
        raise Unsupported(f"unsupported return type: {error}") from None
    if dtype.kind not in NUMERIC_KINDS or any(n < 0 for n in shape) or np.prod(shape) > MAX_ELEMENTS:
        raise Unsupported(f"unsupported return type: array of {dtype} with shape {shape}")
    if not _nested_numbers(data, len(shape)):
        raise Unsupported("unsupported return type: malformed array")
    try:
        array = np.array(data, dtype=dtype)
    except (TypeError, ValueError, OverflowError) as error:
        raise Unsupported(f"unsupported return type: {error}") from None
    if array.size == 0 and np.prod(shape) == 0:
        array = array.reshape(shape)  # tolist() loses the shape of an empty array
    if array.shape != shape:
        raise Unsupported(f"unsupported return type: array data do not have shape {shape}")
    return array


def _nested_numbers(data, depth):
    if depth == 0:
        return type(data) in (bool, int, float)
    return type(data) is list and all(_nested_numbers(item, depth - 1) for item in data)

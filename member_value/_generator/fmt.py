"""Vectorised formatting of numpy columns into Arrow string arrays.

Conventions of the raw contract: timestamps ``YYYY-MM-DD HH:MM:SS`` (UTC),
dates ``YYYY-MM-DD``, money with ``.`` and 2 decimals (0 for zero-decimal
currencies such as JPY), ids as prefix + zero-padded number, NULL as null.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from .schema import ID_FORMATS


def _null_where(arr: pa.Array, null_mask: np.ndarray | None) -> pa.Array:
    if null_mask is None or not null_mask.any():
        return arr
    return pc.if_else(pa.array(null_mask), pa.scalar(None, pa.string()), arr)


def ints(values: np.ndarray, null_mask: np.ndarray | None = None) -> pa.Array:
    """Integers as decimal text."""
    return _null_where(pc.cast(pa.array(np.asarray(values, dtype=np.int64)), pa.string()), null_mask)


def ids(family: str, numbers: np.ndarray, null_mask: np.ndarray | None = None) -> pa.Array:
    """Ids such as ``O000000042`` for 1-based ``numbers`` of an id family."""
    prefix, width = ID_FORMATS[family]
    digits = pc.utf8_lpad(ints(numbers), width, padding="0")
    return _null_where(pc.binary_join_element_wise(pa.scalar(prefix), digits, ""), null_mask)


def id_text(family: str, number: int) -> str:
    """A single id as text."""
    prefix, width = ID_FORMATS[family]
    return f"{prefix}{number:0{width}d}"


def timestamps(seconds: np.ndarray, null_mask: np.ndarray | None = None) -> pa.Array:
    """Epoch seconds as ``YYYY-MM-DD HH:MM:SS``."""
    ts = pa.array(np.asarray(seconds, dtype=np.int64), type=pa.timestamp("s"))
    return _null_where(pc.cast(ts, pa.string()), null_mask)


def dates(days: np.ndarray) -> pa.Array:
    """Epoch days as ``YYYY-MM-DD``."""
    return pc.cast(pa.array(np.asarray(days, dtype=np.int32), type=pa.date32()), pa.string())


def money(minor: np.ndarray, decimals: np.ndarray | int = 2) -> pa.Array:
    """Non-negative amounts in minor units as text with 2 (or 0) decimals.

    Args:
        minor: Amount in minor units (cents, or whole yen for 0-decimal rows).
        decimals: 2 or 0, scalar or per row.
    """
    minor = np.asarray(minor, dtype=np.int64)
    if minor.size and minor.min() < 0:
        raise ValueError("clean money amounts are never negative")
    two = pc.binary_join_element_wise(
        ints(minor // 100), pc.utf8_lpad(ints(minor % 100), 2, padding="0"), "."
    )
    dec = np.broadcast_to(np.asarray(decimals), minor.shape)
    if not (dec == 0).any():
        return two
    return pc.if_else(pa.array(dec == 0), ints(minor), two)


def categories(labels: Sequence[str | None], codes: np.ndarray) -> pa.Array:
    """Labels looked up by integer codes (a label may be ``None``)."""
    return pa.array(list(labels), type=pa.string()).take(pa.array(np.asarray(codes, dtype=np.int64)))


def texts(values: Sequence[str | None]) -> pa.Array:
    """A Python sequence of strings as an Arrow string array."""
    return pa.array(values, type=pa.string())


def nulls(n: int) -> pa.Array:
    """An all-null string column."""
    return pa.nulls(n, type=pa.string())

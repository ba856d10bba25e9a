"""Small vectorised helpers for grouped arrays."""

from __future__ import annotations

import numpy as np


def ranks_within(counts: np.ndarray) -> np.ndarray:
    """``0 .. count-1`` for every group, concatenated (groups laid out contiguously)."""
    counts = np.asarray(counts, dtype=np.int64)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    return np.arange(int(counts.sum())) - starts


def sum_by(index: np.ndarray, values: np.ndarray, size: int) -> np.ndarray:
    """Exact integer group sums (``values`` summed per ``index``)."""
    out = np.zeros(size, dtype=np.int64)
    np.add.at(out, index, values.astype(np.int64))
    return out


def group_starts(sorted_keys: np.ndarray) -> np.ndarray:
    """Boolean mask marking the first element of every run of equal keys."""
    first = np.ones(sorted_keys.size, dtype=bool)
    first[1:] = sorted_keys[1:] != sorted_keys[:-1]
    return first


def cumsum_within(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """Running (inclusive) sum of ``values`` restarting at every new key (keys sorted)."""
    if values.size == 0:
        return np.zeros(0, dtype=values.dtype)
    total = np.cumsum(values)
    start = np.maximum.accumulate(np.where(group_starts(sorted_keys), np.arange(values.size), 0))
    return total - (total[start] - values[start])

"""Deterministic random streams.

Every random draw comes from a :class:`numpy.random.Generator` whose
:class:`~numpy.random.SeedSequence` is derived from the run seed and a spawn
key ``(component, chunk, part)``.  Components are identified by their position
in :data:`COMPONENTS` (never by ``hash()``), so streams are stable across
processes and independent of which tables are written.
"""

from __future__ import annotations

import numpy as np

#: Stable component ids: append new names at the end only.
COMPONENTS: tuple[str, ...] = (
    "catalog",
    "members",
    "referrers",
    "orders",
    "baskets",
    "lifecycle",
    "experiments",
    "events",
    "reviews",
    "points",
    "tickets",
    "visitors",
    "dirty",
    "repair",
)


def stream(seed: int, component: str, chunk: int = 0, part: int = 0) -> np.random.Generator:
    """The random generator for ``component`` in ``chunk`` (and sub-``part``)."""
    key = (COMPONENTS.index(component), chunk, part)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(entropy=seed, spawn_key=key)))

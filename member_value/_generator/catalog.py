"""The product catalogue: a few hundred products with skewed popularity.

Prices are in the base currency (USD).  ``unit_cost`` is 20-70 % of ``list_price``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from . import fmt
from .rng import stream

N_PRODUCTS = 360
POPULARITY_EXPONENT = 1.05

#: category -> (median list price USD, brands, nouns)
CATEGORIES: dict[str, tuple[float, tuple[str, ...], tuple[str, ...]]] = {
    "electronics": (120.0, ("Voltix", "Nordlys", "Kairo", "Ampere & Co"),
                    ("Headphones", "Speaker", "Charger", "Smartwatch", "Tablet Stand", "Webcam")),
    "home": (45.0, ("Hearthly", "Casa Nova", "Linden"),
             ("Throw Blanket", "Table Lamp", "Vase", "Cookware Set", "Towel Set", "Candle")),
    "fashion": (55.0, ("Ostra", "Meridian", "Juniper Lane", "Kobe Street"),
                ("T-Shirt", "Sneakers", "Scarf", "Jacket", "Jeans", "Backpack")),
    "beauty": (25.0, ("Lumea", "Petal & Pine", "Dermaly"),
               ("Face Cream", "Serum", "Shampoo", "Lip Balm", "Perfume")),
    "sports": (50.0, ("Stride", "Peakform", "Aquila"),
               ("Yoga Mat", "Water Bottle", "Running Shorts", "Dumbbell Set", "Bike Light")),
    "toys": (30.0, ("Tinker Tots", "Brickwell"),
             ("Puzzle", "Building Set", "Plush Bear", "Board Game", "Kite")),
    "books": (18.0, ("Inkwell Press", "Northwind Books"),
              ("Cookbook", "Novel", "Travel Guide", "Notebook", "Art Book")),
    "grocery": (12.0, ("Verde Pantry", "Grainhouse"),
                ("Coffee Beans", "Olive Oil", "Tea Sampler", "Chocolate Box", "Granola")),
}
ADJECTIVES: tuple[str, ...] = ("Classic", "Pro", "Eco", "Compact", "Deluxe", "Essential", "Urban", "Lite")


@dataclass(frozen=True)
class Catalog:
    """Products with base-currency prices and a popularity distribution."""

    names: tuple[str, ...]
    category: np.ndarray
    brand: tuple[str, ...]
    list_cents: np.ndarray
    cost_cents: np.ndarray
    quality: np.ndarray
    popularity: np.ndarray

    @property
    def size(self) -> int:
        """Number of products."""
        return len(self.names)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """Draw ``n`` product indices (0-based) by popularity."""
        return rng.choice(self.size, size=n, p=self.popularity)

    def to_table(self) -> pa.Table:
        """The ``products`` raw table."""
        cats = tuple(CATEGORIES)
        return pa.table(
            {
                "product_id": fmt.ids("product", np.arange(1, self.size + 1)),
                "product_name": fmt.texts(self.names),
                "category": fmt.categories(cats, self.category),
                "brand": fmt.texts(self.brand),
                "list_price": fmt.money(self.list_cents),
                "unit_cost": fmt.money(self.cost_cents),
            }
        )


def build_catalog(seed: int) -> Catalog:
    """Generate the catalogue (independent of the member count)."""
    rng = stream(seed, "catalog")
    cats = tuple(CATEGORIES)
    category = rng.choice(len(cats), size=N_PRODUCTS, p=_category_weights())
    names: list[str] = []
    brands: list[str] = []
    medians = np.empty(N_PRODUCTS)
    for i, code in enumerate(category):
        median, brand_opts, nouns = CATEGORIES[cats[code]]
        brand = brand_opts[rng.integers(len(brand_opts))]
        noun = nouns[rng.integers(len(nouns))]
        adjective = ADJECTIVES[rng.integers(len(ADJECTIVES))]
        names.append(f"{brand} {adjective} {noun} {100 + i}")
        brands.append(brand)
        medians[i] = median
    list_cents = (np.floor(medians * rng.lognormal(0.0, 0.45, N_PRODUCTS)).astype(np.int64) + 1) * 100 - 1
    cost_cents = np.round(list_cents * rng.uniform(0.21, 0.69, N_PRODUCTS)).astype(np.int64)
    quality = np.clip(rng.normal(4.0, 0.45, N_PRODUCTS), 2.2, 4.8)
    ranks = rng.permutation(N_PRODUCTS) + 1
    weights = ranks.astype(np.float64) ** -POPULARITY_EXPONENT
    return Catalog(tuple(names), category, tuple(brands), list_cents, cost_cents, quality, weights / weights.sum())


def _category_weights() -> np.ndarray:
    weights = np.array([1.3, 1.2, 1.4, 1.0, 0.9, 0.6, 0.8, 0.8])
    return weights / weights.sum()

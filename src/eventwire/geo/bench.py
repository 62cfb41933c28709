"""Gazetteer benchmark: build time, index size on disk, lookups per second.

Run with ``python -m eventwire.geo.bench`` (``--skip-build`` to time lookups only).
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from .build import build
from .gazetteer import Gazetteer, default_gazetteer


def sample_names(path: Path, n: int, seed: int = 0) -> list[str]:
    """``n`` names drawn from the index itself, plus misses, so lookups hit and miss."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        keys = [r[0] for r in db.execute("SELECT key FROM names")]
    rng = random.Random(seed)
    names = rng.sample(keys, min(n, len(keys)))
    names += [f"{k}x" for k in names[: n // 10]]  # misses
    rng.shuffle(names)
    return names


def lookups_per_second(gaz: Gazetteer, names: list[str]) -> float:
    """Lookups of ``names`` per second through ``Gazetteer.lookup``."""
    start = time.perf_counter()
    for name in names:
        gaz.lookup(name)
    return len(names) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> None:
    """Print build time, index size and cold/warm lookup rates."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--skip-build", action="store_true", help="do not time a fresh build")
    parser.add_argument("-n", type=int, default=50_000, help="names to look up")
    args = parser.parse_args(argv)

    if not args.skip_build:
        with tempfile.TemporaryDirectory() as tmp:
            facts = build(Path(tmp) / "gazetteer-bench.sqlite")
        print(f"build time          {facts['seconds']:.1f} s ({facts['places']:,} places)")
    gaz = default_gazetteer()
    size = gaz.size()
    print(f"index               {gaz.path}")
    print(f"index size on disk  {size['bytes'] / 2**20:.1f} MiB ({size['places']:,} places, {size['names']:,} names)")
    names = sample_names(gaz.path, args.n)
    cold = Gazetteer(gaz.path)
    print(f"lookups/s (cold)    {lookups_per_second(cold, names):,.0f}  (every name new: SQLite)")
    print(f"lookups/s (warm)    {lookups_per_second(cold, names):,.0f}  (every name seen: dict)")
    # A news-like stream: a few names often, most names rarely (Zipf, exponent 1.1).
    rng = random.Random(1)
    weights = [1.0 / (rank + 1) ** 1.1 for rank in range(len(names))]
    stream = rng.choices(names, weights=weights, k=len(names) * 4)
    fresh = Gazetteer(gaz.path)
    print(f"lookups/s (stream)  {lookups_per_second(fresh, stream):,.0f}  (Zipf stream, fresh cache)")


if __name__ == "__main__":
    main()

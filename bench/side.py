#!/usr/bin/env python3
"""The side-by-side table: `run` and `watch` against the floor, at each size.

    side.py OUT_DIR

Reads OUT_DIR/side-WIDTHxHEIGHT.json (written by `measure.py side`) for the sizes in
OUT_DIR/side-sizes and prints a Markdown table: CPU (% of a core, from schedstat), wake-ups
per second (voluntary context switches, all threads), bytes written to the terminal per second,
and each figure of run and watch as a multiple of the floor's.
"""

import json
import os
import sys


def ratio(value, floor):
    if floor == 0:
        return "–" if value == 0 else "∞"
    return f"{value / floor:.1f}×"


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "side-sizes")) as f:
        sizes = f.read().split()
    print("| size | program | CPU (% of a core) | wake-ups/s | bytes/s | vs floor: CPU, wake-ups, bytes |")
    print("|---|---|---|---|---|---|")
    for size in sizes:
        with open(os.path.join(out, f"side-{size}.json")) as f:
            result = json.load(f)
        floor = result["floor"]
        for name in ("floor", "run", "watch"):
            row = result[name]
            versus = "" if name == "floor" else ", ".join([
                ratio(row["cpu_pct_run"], floor["cpu_pct_run"]),
                ratio(row["wakeups_per_s"], floor["wakeups_per_s"]),
                ratio(row["bytes_per_s"], floor["bytes_per_s"]),
            ])
            print(f"| {size} | {name} | {row['cpu_pct_run']:.4f} % | {row['wakeups_per_s']:.2f} "
                  f"| {row['bytes_per_s']:,.0f} | {versus} |")


if __name__ == "__main__":
    main()

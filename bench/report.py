#!/usr/bin/env python3
"""Turns the results of bench/run.sh (a folder of JSON and TSV files) into a Markdown report.

Usage: report.py RESULTS_DIR
"""

import json
import os
import sys


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def mark(ok):
    if ok is None:
        return "–"
    return "yes" if ok else "**no**"


def main():
    out = sys.argv[1]
    sizes = [s for s in open(os.path.join(out, "sizes")).read().split()]
    loads = {s: load_json(os.path.join(out, f"load-{s}.json")) for s in sizes}
    first = {s: load_json(os.path.join(out, f"first-frame-{s}.json")) for s in sizes}
    baseline = load_json(os.path.join(out, "first-frame-baseline.json"))
    drift = load_json(os.path.join(out, "drift.json"))
    render = {}
    try:
        with open(os.path.join(out, "render.tsv")) as f:
            for line in f:
                parts = line.rstrip("\n").split("\t")
                if parts[0] == "render":
                    _, screen, size, what, micros, frames, extra = parts
                    render[(screen, size, what)] = (float(micros), extra)
    except FileNotFoundError:
        pass

    rows = []

    def row(figure, values, oks, target):
        ok = None if all(o is None for o in oks) else all(o for o in oks if o is not None)
        rows.append(f"| {figure} | " + " | ".join(values) + f" | {target} | {mark(ok)} |")

    def per_size(fn):
        values, oks = [], []
        for s in sizes:
            try:
                text, ok = fn(s)
            except (TypeError, KeyError):
                text, ok = "n/a", None
            values.append(text)
            oks.append(ok)
        return values, oks

    def cpu(state):
        def fn(s):
            w = loads[s][state]
            per_min_ms = w["cpu_run_ms"] * 60 / w["seconds"]
            pct = w["cpu_pct_run"]
            text = (f"{pct:.4f} % ({per_min_ms:.1f} ms/min; {w['cpu_ticks']} ticks "
                    f"in {w['seconds']:.0f} s = {w['cpu_pct_ticks']:.3f} %)")
            # Judged on the exact run time; the ticks are truncated to 10 ms each.
            return text, pct < 0.05
        return fn

    def wakeups(state):
        def fn(s):
            w = loads[s][state]
            return (f"{w['wakeups_per_s']:.2f} ({w['voluntary_switches']} voluntary, "
                    f"{w['nonvoluntary_switches']} involuntary in {w['seconds']:.0f} s; "
                    f"{w['redraws']} redraws)"), w["wakeups_per_s"] <= 2
        return fn

    def written(state, limit):
        def fn(s):
            w = loads[s][state]
            ok = w["bytes_per_s"] < limit if (limit and s == "100x30") else None
            return f"{w['bytes_per_s']:.1f} B/s ({w['bytes']} B in {w['seconds']:.0f} s)", ok
        return fn

    header = "| figure | " + " | ".join(sizes) + " | target | met |"
    rows.append(header)
    rows.append("|" + "---|" * (len(sizes) + 3))
    row("CPU, countdown running, % of one core", *per_size(cpu("running")), "< 0.05 %")
    row("CPU, paused", *per_size(cpu("paused")), "< 0.05 %")
    row("wake-ups/s, running (voluntary context switches, all threads)",
        *per_size(wakeups("running")), "≤ 2")
    row("wake-ups/s, paused", *per_size(wakeups("paused")), "≤ 2")
    row("bytes written to the terminal, running", *per_size(written("running", 300)),
        "< 300 B/s at 100x30")
    row("bytes written, paused", *per_size(written("paused", None)), "–")
    row("peak memory (VmHWM)", *per_size(lambda s: (
        f"{loads[s]['vm_hwm_kb'] / 1024:.2f} MiB ({loads[s]['vm_hwm_kb']} kB)",
        loads[s]["vm_hwm_kb"] < 6 * 1024)), "< 6 MiB (6144 kB)")
    row("start to first frame (median of runs)", *per_size(lambda s: (
        f"{first[s]['median_ms']:.2f} ms (min {first[s]['min_ms']:.2f}, "
        f"max {first[s]['max_ms']:.2f}, n={len(first[s]['runs_ms'])})",
        first[s]["median_ms"] < 25)), "< 25 ms")

    def render_fn(screen):
        def fn(s):
            micros, extra = render[(screen, s, "draw/ansi")]
            widget, _ = render[(screen, s, "widget")]
            return f"{micros:.0f} µs (view alone {widget:.0f} µs; {extra.replace('_', ' ')})", None
        return fn

    row("render one frame, bench countdown (draw into memory)",
        *per_size(render_fn("bench-countdown")), "–")
    row("render one frame, case-clinic", *per_size(render_fn("case-clinic")), "–")
    if drift:
        value = (f"{drift['time_difference_ms']:+.1f} ms (at_s {drift['step_end_at_s']}; "
                 f"{drift['real_s']:.0f} s real; {drift['real_wake_latency_ms']:.2f} ms of "
                 f"real wake-up latency × 60)")
        rows.append(f"| drift after 3 h of session clock (--speed 60, run at 100x30) | {value} | "
                    + " | ".join(["–"] * (len(sizes) - 1))
                    + f" | within ±20 ms | {mark(abs(drift['time_difference_ms']) <= 20)} |")
    print("\n".join(rows))
    print()
    if baseline:
        print(f"First-frame floor on this machine (fork + exec + pty of `printf Bench`): "
              f"median {baseline['median_ms']:.2f} ms.")
    for s in sizes:
        if not loads[s]:
            continue
        l = loads[s]
        tick = l.get("tick") or {}
        print()
        print(f"### {s}: one second of countdown on the wire")
        print()
        print(f"- start frame (space): {l['start_frame_bytes']} B; end of the step (overtime "
              f"colours): {l['step_end_bytes']} B; next step (n): {l['next_step_bytes']} B; "
              f"pause: {l['pause_frame_bytes']} B; threads: {l['threads']}")
        if tick:
            b = tick["breakdown"]
            print(f"- a median tick: {tick['bytes']} B (min {tick['bytes_min']}, max "
                  f"{tick['bytes_max']}), {tick['cells_written']} cells written in "
                  f"{len(tick['runs'])} runs; bytes of text {b['text']}, cursor moves "
                  f"{b['cursor']}, colours/attributes {b['style']}, other {b['other']}")
            print("- what that tick writes (row, column, text):")
            print()
            print("```")
            for run in tick["runs"]:
                print(run)
            print("```")
    if drift:
        print()
        print("### drift")
        print()
        print("```")
        print(json.dumps(drift, indent=1))
        print("```")


if __name__ == "__main__":
    main()

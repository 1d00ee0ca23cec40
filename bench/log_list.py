#!/usr/bin/env python3
"""Times `intervision log list` (and `group show`) over many generated journals.

Writes N journals (default 10,000) into a temporary data folder, copied from the sample
journals under tests/journals/ with their start times spread over the years and, for one in
three, twenty notes added in the middle (a long session), then times the release binary:
the median of several runs (wall clock and CPU time), the first one reported apart. Standard
library only. Environment: BENCH_BINARY, BENCH_JOURNALS, BENCH_GROUP_SESSIONS, BENCH_RUNS.
"""

import json
import resource
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.environ.get("BENCH_BINARY", os.path.join(ROOT, "target", "release", "intervision"))
COUNT = int(os.environ.get("BENCH_JOURNALS", "10000"))
GROUP_SESSIONS = int(os.environ.get("BENCH_GROUP_SESSIONS", "500"))
RUNS = int(os.environ.get("BENCH_RUNS", "7"))


def samples():
    folder = os.path.join(ROOT, "tests", "journals")
    out = []
    for name in sorted(os.listdir(folder)):
        if name.endswith(".jsonl"):
            lines = []
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                for line in f:
                    try:
                        lines.append(json.loads(line))
                    except json.JSONDecodeError:
                        pass  # the torn last line of an interrupted session
            out.append(lines)
    return out


def write_journals(folder, count, group):
    os.makedirs(folder, mode=0o700, exist_ok=True)
    templates = samples()
    start = datetime(2020, 1, 6, 9, 0, tzinfo=timezone.utc)
    sizes = []
    for index in range(count):
        lines = [dict(line) for line in templates[index % len(templates)]]
        when = start + timedelta(hours=7 * index)
        first = dict(lines[0])
        first["time"] = when.isoformat(timespec="milliseconds")
        if group is not None:
            first["group"] = group
        lines[0] = first
        if index % 3 == 0:
            note = {"at_s": 600.0, "event": "note", "step": 1,
                    "text": "Une note assez longue prise pendant la séance, pour grossir le journal comme une vraie séance.",
                    "time": first["time"]}
            lines[2:2] = [note] * 20
        name = when.strftime("%Y-%m-%dT%H-%M-%S") + f"-bench-{index}.jsonl"
        text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines)
        with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
            f.write(text)
        sizes.append(len(text.encode()))
    return sizes


def cpu_of_children():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args, env):
    """Wall-clock time, CPU time (user + system) and output of one run."""
    cpu = cpu_of_children()
    began = time.perf_counter()
    done = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        sys.exit(f"{' '.join(args)} failed: {done.stderr.decode()}")
    return elapsed, cpu_of_children() - cpu, done.stdout


def measure(label, args, env):
    first, first_cpu, out = timed(args, env)
    runs = [timed(args, env) for _ in range(RUNS)]
    wall = [run[0] for run in runs]
    cpu = [run[1] for run in runs]
    print(f"| {label} | {first * 1000:.0f} ms | {statistics.median(wall) * 1000:.0f} ms "
          f"| {statistics.median(cpu) * 1000:.0f} ms | {min(wall) * 1000:.0f}–{max(wall) * 1000:.0f} ms |")
    return out


def main():
    if not os.path.exists(BINARY):
        subprocess.run(["cargo", "build", "--release"], cwd=ROOT, check=True)
    root = tempfile.mkdtemp(prefix="intervision-bench-logs-")
    try:
        data = os.path.join(root, "data")
        config = os.path.join(root, "config")
        sessions = os.path.join(data, "sessions")
        sizes = write_journals(sessions, COUNT, None)
        group_dir = os.path.join(root, "group-logs")
        write_journals(group_dir, GROUP_SESSIONS, "Bench group")
        os.makedirs(os.path.join(config, "groups"), mode=0o700)
        with open(os.path.join(config, "groups", "bench-group.toml"), "w", encoding="utf-8") as f:
            f.write('name = "Bench group"\nmembers = ["Ana", "Ben", "Chloé", "David", "Émilie", "Farid"]\n'
                    f'method = "codev"\nlog_dir = "{group_dir}"\n')
        env = dict(os.environ, INTERVISION_DATA_DIR=data, INTERVISION_CONFIG_DIR=config,
                   LANG="en_US.UTF-8", LC_ALL="")
        print(f"{COUNT} journals of {min(sizes)}–{max(sizes)} bytes "
              f"({sum(sizes) / 2**20:.1f} MiB); {GROUP_SESSIONS} journals for one group; "
              f"{RUNS} runs after a first one.\n")
        print("| command | first run | median | median CPU (user + system) | range |")
        print("|---|---|---|---|---|")
        out = measure(f"log list --log-dir (10,000 journals)".replace("10,000", f"{COUNT:,}"),
                      [BINARY, "log", "list", "--log-dir", sessions], env)
        rows = out.decode().count("\n") - 1
        if rows != COUNT:
            sys.exit(f"log list printed {rows} rows, expected {COUNT}")
        measure("log list --format json", [BINARY, "log", "list", "--log-dir", sessions, "--format", "json"], env)
        measure(f"group show ({GROUP_SESSIONS:,} sessions, with the rotation)",
                [BINARY, "group", "show", "Bench group"], env)
        measure("group list", [BINARY, "group", "list"], env)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Measures the runner in a real terminal (tmux), from outside, with /proc.

    measure.py load BINARY WIDTHxHEIGHT [RUN_WINDOW_S [PAUSE_WINDOW_S]]
    measure.py drift BINARY
    measure.py side BINARY FLOOR WIDTHxHEIGHT [WINDOW_S]

Each prints one JSON object on stdout (progress goes to stderr). Every tmux server started here
has its own socket (-S, in a temp folder) and is killed at the end; every temporary file is removed.

load: a 60-second countdown (bench method, 5 people, --quiet, not --auto) at the given size.
  Space starts the clock; from 0.5 s after the start, for RUN_WINDOW_S (default 59 s, so the
  window ends before the step does at 60 s), the running countdown is measured; then, after
  the step's end (overtime at 60 s, as without --auto nothing moves on by itself), n moves to
  the next step, space pauses it, and PAUSE_WINDOW_S (default 60 s) are measured while
  paused. For each window: CPU (utime+stime ticks of /proc/PID/stat, and the exact run time
  summed from /proc/PID/task/*/schedstat), context switches summed over all threads
  (/proc/PID/task/*/status), and the bytes the program wrote to its terminal (tmux pipe-pane,
  timestamped by tsrec.py). Also VmHWM at the end, and one decoded countdown tick: what is
  written each second, where.

drift: a method of one 3 h step then a 1 min step, run with --auto --speed 60 --quiet (3 h of
  session clock in about 3 min of real time); compares the journal's first step_end `time`
  with session_start `time` + 3 h.

side: in one run at one size, three terminals counting down the same way at once: `run` (the
  60 s step started with space), `watch` following it in a second terminal (its own clock, from
  the live state), and the floor (bench/floor.c from the shared folder: a countdown in C that
  writes only the changed cells of the same big digits once a second). Each is measured over
  the same WINDOW_S (default 30 s) as in load: CPU, wake-ups, bytes written.
"""

import glob
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
CLK_TCK = int(subprocess.run(["getconf", "CLK_TCK"], capture_output=True, text=True,
                             check=True).stdout.strip())

BENCH_METHOD = """name = "Bench"
[[steps]]
name = "Countdown"
duration = "60s"
[[steps]]
name = "After"
duration = "10m"
"""

DRIFT_METHOD = """name = "Drift"
[[steps]]
name = "Long"
duration = "3h"
[[steps]]
name = "Tail"
duration = "1m"
"""


def log(message):
    print(f"[measure] {message}", file=sys.stderr, flush=True)


class Tmux:
    """A tmux server of our own, with one detached session running one command."""

    def __init__(self, workdir, width, height, command):
        # A socket of our own, inside the work folder (removed with it): no other tmux server
        # is touched, and nothing is left in /tmp/tmux-UID.
        self.socket = os.path.join(workdir, "tmux.sock")
        self.session = "bench"
        conf = os.path.join(workdir, "tmux.conf")
        with open(conf, "w") as f:
            f.write("set -g status off\nset -g remain-on-exit off\n")
        self.run("-f", conf, "new-session", "-d", "-s", self.session,
                 "-x", str(width), "-y", str(height), command)

    def run(self, *args, check=True):
        return subprocess.run(["tmux", "-S", self.socket, *args], capture_output=True,
                              text=True, check=check).stdout

    def capture(self):
        return self.run("capture-pane", "-p", "-t", self.session, check=False)

    def keys(self, *keys):
        self.run("send-keys", "-t", self.session, *keys)

    def pane(self, fmt):
        return self.run("display-message", "-p", "-t", self.session, fmt).strip()

    def kill(self):
        subprocess.run(["tmux", "-S", self.socket, "kill-server"], capture_output=True)


def shell_quote(text):
    return "'" + text.replace("'", "'\\''") + "'"


def runner_command(binary, method, log_dir, extra):
    argv = ["exec", "env", "TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
            binary, "run", method, "--people", "5", "--lang", "en", "--quiet",
            "--log-dir", log_dir, *extra]
    return " ".join(shell_quote(a) if a != "exec" else a for a in argv)


def find_pid(tmux):
    pane_pid = int(tmux.pane("#{pane_pid}"))
    for _ in range(50):
        try:
            with open(f"/proc/{pane_pid}/comm") as f:
                if f.read().strip() == "intervision":
                    return pane_pid
        except FileNotFoundError:
            pass
        children = subprocess.run(["pgrep", "-P", str(pane_pid), "-x", "intervision"],
                                  capture_output=True, text=True).stdout.split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit(f"no intervision process under pane pid {pane_pid}")


def wait_for(tmux, text, timeout=10.0):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        screen = tmux.capture()
        if text in screen:
            return screen
        time.sleep(0.05)
    raise SystemExit(f"{text!r} did not appear on screen within {timeout} s:\n{tmux.capture()}")


def sleep_until(instant):
    delay = instant - time.monotonic()
    if delay > 0:
        time.sleep(delay)


def snapshot(pid):
    """CPU, context switches and memory of process `pid`, now."""
    t = time.monotonic()
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    utime, stime = int(fields[11]), int(fields[12])
    voluntary = nonvoluntary = run_ns = threads = 0
    for task in glob.glob(f"/proc/{pid}/task/*"):
        try:
            with open(f"{task}/status") as f:
                for line in f:
                    if line.startswith("voluntary_ctxt_switches:"):
                        voluntary += int(line.split()[1])
                    elif line.startswith("nonvoluntary_ctxt_switches:"):
                        nonvoluntary += int(line.split()[1])
            with open(f"{task}/schedstat") as f:
                run_ns += int(f.read().split()[0])
            threads += 1
        except FileNotFoundError:
            pass  # a thread that just ended
    memory = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            key = line.split(":")[0]
            if key in ("VmHWM", "VmRSS"):
                memory[key] = int(line.split()[1])  # kB
    return {"t": t, "ticks": utime + stime, "utime": utime, "stime": stime,
            "voluntary": voluntary, "nonvoluntary": nonvoluntary, "run_ns": run_ns,
            "threads": threads, **memory}


def read_ts(prefix):
    chunks = []
    try:
        with open(prefix + ".ts") as f:
            for line in f:
                t, offset, size = line.split()
                chunks.append((float(t), int(offset), int(size)))
    except FileNotFoundError:
        pass
    return chunks


def window(before, after, chunks):
    seconds = after["t"] - before["t"]
    ticks = after["ticks"] - before["ticks"]
    run_ms = (after["run_ns"] - before["run_ns"]) / 1e6
    voluntary = after["voluntary"] - before["voluntary"]
    nonvoluntary = after["nonvoluntary"] - before["nonvoluntary"]
    inside = [c for c in chunks if before["t"] <= c[0] < after["t"]]
    written = sum(c[2] for c in inside)
    return {
        "seconds": round(seconds, 3),
        "cpu_ticks": ticks,
        "cpu_ticks_ms": ticks * 1000 / CLK_TCK,
        "cpu_pct_ticks": round(100 * ticks / CLK_TCK / seconds, 4),
        "cpu_run_ms": round(run_ms, 3),
        "cpu_pct_run": round(100 * run_ms / 1000 / seconds, 4),
        "voluntary_switches": voluntary,
        "nonvoluntary_switches": nonvoluntary,
        "wakeups_per_s": round(voluntary / seconds, 3),
        "bytes": written,
        "bytes_per_s": round(written / seconds, 1),
        "writes": len(inside),
        "redraws": len(bursts(inside)),
    }


def bursts(chunks, gap=0.05):
    """Groups reads that come within `gap` seconds of each other: one burst per redraw."""
    groups = []
    for chunk in chunks:
        if groups and chunk[0] - groups[-1][-1][0] < gap:
            groups[-1].append(chunk)
        else:
            groups.append([chunk])
    return groups


CSI = re.compile(rb"\x1b\[([0-9;?]*)([@-~])")


def decode(data):
    """What a piece of terminal output draws: text runs with their place, and a byte count of
    text, cursor moves, colours and other sequences."""
    runs, counts = [], {"text": 0, "cursor": 0, "style": 0, "other": 0}
    row = col = 1
    current = None
    position = 0
    while position < len(data):
        match = CSI.match(data, position) if data[position] == 0x1b else None
        if match:
            params, final = match.group(1), match.group(2)
            size = match.end() - position
            if final == b"H":
                parts = [int(p) if p else 1 for p in params.split(b";")] + [1, 1]
                row, col = parts[0], parts[1]
                current = None
                counts["cursor"] += size
            elif final == b"m":
                counts["style"] += size
            else:
                counts["other"] += size
            position = match.end()
            continue
        if data[position] == 0x1b:
            counts["other"] += 1
            position += 1
            continue
        # One UTF-8 character.
        length = 1
        lead = data[position]
        if lead >= 0xF0:
            length = 4
        elif lead >= 0xE0:
            length = 3
        elif lead >= 0xC0:
            length = 2
        char = data[position:position + length].decode("utf-8", "replace")
        counts["text"] += length
        position += length
        if current is None:
            current = [row, col, ""]
            runs.append(current)
        current[2] += char
        col += 1
    return runs, counts


def describe_tick(prefix, chunks, start, end):
    """Decodes the median-sized redraw between `start` and `end`."""
    groups = [g for g in bursts([c for c in chunks if start <= c[0] < end])]
    if not groups:
        return None
    sizes = sorted((sum(c[2] for c in g), i) for i, g in enumerate(groups))
    size, index = sizes[len(sizes) // 2]
    group = groups[index]
    with open(prefix + ".raw", "rb") as f:
        f.seek(group[0][1])
        data = f.read(group[-1][1] + group[-1][2] - group[0][1])
    runs, counts = decode(data)
    return {
        "bytes": size,
        "bytes_min": sizes[0][0],
        "bytes_max": sizes[-1][0],
        "breakdown": counts,
        "cells_written": sum(len(r[2]) for r in runs),
        "runs": [f"row {r[0]:>2} col {r[1]:>3}: {r[2]!r}" for r in runs],
    }


def load(binary, size, run_window, pause_window):
    width, height = (int(x) for x in size.split("x"))
    workdir = tempfile.mkdtemp(prefix="ivbench-load-")
    tmux = None
    try:
        method = os.path.join(workdir, "bench.toml")
        with open(method, "w") as f:
            f.write(BENCH_METHOD)
        log_dir = os.path.join(workdir, "log")
        tmux = Tmux(workdir, width, height, runner_command(binary, method, log_dir, []))
        pane = tmux.pane("#{pane_width}x#{pane_height}")
        if pane != size:
            raise SystemExit(f"the pane is {pane}, not {size}")
        pid = find_pid(tmux)
        wait_for(tmux, "Press space")
        prefix = os.path.join(workdir, "pane")
        # From here on, everything the program writes is recorded with its time.
        tmux.run("pipe-pane", "-o", "-t", tmux.session,
                 f"exec python3 {shell_quote(os.path.join(HERE, 'tsrec.py'))} "
                 f"{shell_quote(prefix)}")
        time.sleep(0.5)
        log(f"{size}: pid {pid}, starting the 60 s countdown")
        t_start = time.monotonic()
        tmux.keys("Space")
        sleep_until(t_start + 0.5)
        run_before = snapshot(pid)
        sleep_until(t_start + 0.5 + run_window)
        run_after = snapshot(pid)
        screen_running = tmux.capture()
        # Let the countdown reach its end (60 s: overtime, no --auto), move to the next step
        # with n, then pause it.
        sleep_until(t_start + 61.0)
        t_next = time.monotonic()
        tmux.keys("n")
        wait_for(tmux, "After")
        time.sleep(0.3)
        log(f"{size}: pausing for {pause_window} s")
        t_pause = time.monotonic()
        tmux.keys("Space")
        wait_for(tmux, "PAUSED")
        sleep_until(t_pause + 0.5)
        pause_before = snapshot(pid)
        sleep_until(t_pause + 0.5 + pause_window)
        pause_after = snapshot(pid)
        screen_paused = tmux.capture()
        tmux.keys("q")
        time.sleep(0.2)
        tmux.keys("y")
        for _ in range(50):
            if not os.path.exists(f"/proc/{pid}"):
                break
            time.sleep(0.1)
        time.sleep(0.2)
        chunks = read_ts(prefix)
        start_frame = sum(c[2] for c in chunks if t_start <= c[0] < run_before["t"])
        step_end = sum(c[2] for c in chunks if run_after["t"] <= c[0] < t_next)
        next_step = sum(c[2] for c in chunks if t_next <= c[0] < t_pause)
        pause_frame = sum(c[2] for c in chunks if t_pause <= c[0] < pause_before["t"])
        return {
            "size": size,
            "pid": pid,
            "clk_tck": CLK_TCK,
            "threads": pause_after["threads"],
            "running": window(run_before, run_after, chunks),
            "paused": window(pause_before, pause_after, chunks),
            "vm_hwm_kb": pause_after.get("VmHWM"),
            "vm_rss_kb": pause_after.get("VmRSS"),
            "start_frame_bytes": start_frame,
            "step_end_bytes": step_end,
            "next_step_bytes": next_step,
            "pause_frame_bytes": pause_frame,
            "tick": describe_tick(prefix, chunks, run_before["t"], run_after["t"]),
            "screen_running": screen_running,
            "screen_paused": screen_paused,
        }
    finally:
        if tmux:
            tmux.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def parse_time(text):
    """An RFC 3339 timestamp to integer nanoseconds since the epoch (all digits kept)."""
    match = re.fullmatch(r"(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)", text)
    if not match:
        raise ValueError(f"not an RFC 3339 time: {text}")
    whole, fraction, zone = match.groups()
    zone = "+00:00" if zone == "Z" else zone
    seconds = int(datetime.fromisoformat(whole + zone).timestamp())
    nanos = int((fraction or "0").ljust(9, "0")[:9])
    return seconds * 1_000_000_000 + nanos


def drift(binary):
    workdir = tempfile.mkdtemp(prefix="ivbench-drift-")
    tmux = None
    try:
        method = os.path.join(workdir, "drift.toml")
        with open(method, "w") as f:
            f.write(DRIFT_METHOD)
        log_dir = os.path.join(workdir, "log")
        tmux = Tmux(workdir, 100, 30, runner_command(
            binary, method, log_dir, ["--auto", "--speed", "60"]))
        pid = find_pid(tmux)
        log(f"drift: pid {pid}, 3 h + 1 min at --speed 60 (about 181 s)")
        begin = time.monotonic()
        while os.path.exists(f"/proc/{pid}") and time.monotonic() - begin < 240:
            time.sleep(0.5)
        real_s = time.monotonic() - begin
        if os.path.exists(f"/proc/{pid}"):
            raise SystemExit("the drift run did not end within 240 s")
        journals = glob.glob(os.path.join(log_dir, "*.jsonl"))
        if not journals:
            raise SystemExit(f"no journal in {log_dir}")
        with open(journals[0]) as f:
            lines = [json.loads(line) for line in f if line.strip()]
        start = next(l for l in lines if l["event"] == "session_start")
        end = next(l for l in lines if l["event"] == "step_end")
        speed = 60
        # The journal keeps real wall-clock times, so 3 h of session clock at --speed 60 end
        # 180 s after the start.
        expected = parse_time(start["time"]) + 3 * 3600 * 1_000_000_000 // speed
        # For every end: its `time` against session_start `time` + its own `at_s` (the
        # session's active clock) divided by the speed, in milliseconds of session clock. A
        # drift would grow from one end to the next; a late wake-up shows as the same small
        # error each time.
        ends = [{
            "name": l.get("name"),
            "at_s": l.get("at_s"),
            "time": l["time"],
            "error_ms": round((parse_time(l["time"]) - parse_time(start["time"])
                               - round(l["at_s"] * 1e9 / speed)) * speed / 1e6, 3),
        } for l in lines if l["event"] == "step_end"]
        difference_ms = (parse_time(end["time"]) - expected) * speed / 1e6
        return {
            "real_s": round(real_s, 1),
            "session_start_time": start["time"],
            "step_end_time": end["time"],
            "step_end_at_s": end.get("at_s"),
            "step_end_actual_s": end.get("actual_s"),
            "step_end_planned_s": end.get("planned_s"),
            "time_difference_ms": round(difference_ms, 3),
            "at_s_difference_ms": round((end.get("at_s", 0) - 10800) * 1000, 3),
            "speed": speed,
            "real_wake_latency_ms": round(difference_ms / 60, 3),
            "step_ends": ends,
        }
    finally:
        if tmux:
            tmux.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def find_child(tmux, name):
    """The process called `name` started in the pane (the pane's shell execs it)."""
    pane_pid = int(tmux.pane("#{pane_pid}"))
    for _ in range(50):
        try:
            with open(f"/proc/{pane_pid}/comm") as f:
                if f.read().strip() == name:
                    return pane_pid
        except FileNotFoundError:
            pass
        children = subprocess.run(["pgrep", "-P", str(pane_pid), "-x", name],
                                  capture_output=True, text=True).stdout.split()
        if children:
            return int(children[0])
        time.sleep(0.1)
    raise SystemExit(f"no {name} process under pane pid {pane_pid}")


def side(binary, floor, size, seconds):
    """Side by side, in one run at one size: `intervision run` counting down, `intervision
    watch` following it in a second terminal, and the floor (a C countdown that writes only the
    changed cells of the same big digits), each in its own tmux server, measured over the same
    window."""
    width, height = (int(x) for x in size.split("x"))
    workdir = tempfile.mkdtemp(prefix="ivbench-side-")
    servers = []
    try:
        method = os.path.join(workdir, "bench.toml")
        with open(method, "w") as f:
            f.write(BENCH_METHOD)
        runtime = os.path.join(workdir, "runtime")
        os.mkdir(runtime, 0o700)
        env = ["exec", "env", "TERM=xterm-256color", "LANG=C.UTF-8", "LC_ALL=C.UTF-8",
               f"XDG_RUNTIME_DIR={runtime}", f"INTERVISION_DATA_DIR={workdir}/data"]
        commands = {
            "run": env + [binary, "run", method, "--people", "5", "--lang", "en", "--quiet",
                          "--log-dir", os.path.join(workdir, "log")],
            "watch": env + [binary, "watch", "--lang", "en"],
            "floor": ["exec", floor, "600"],
        }
        panes = {}
        for name, argv in commands.items():
            sub = os.path.join(workdir, name)
            os.mkdir(sub)
            line = " ".join(shell_quote(a) if a != "exec" else a for a in argv)
            tmux = Tmux(sub, width, height, line)
            servers.append(tmux)
            pane = tmux.pane("#{pane_width}x#{pane_height}")
            if pane != size:
                raise SystemExit(f"the pane is {pane}, not {size}")
            panes[name] = tmux
        pids = {"run": find_child(panes["run"], os.path.basename(binary)[:15]),
                "watch": find_child(panes["watch"], os.path.basename(binary)[:15]),
                "floor": find_child(panes["floor"], os.path.basename(floor)[:15])}
        wait_for(panes["run"], "Press space")
        wait_for(panes["watch"], "Ready")  # the header of the start screen, in any layout
        prefixes = {}
        for name, tmux in panes.items():
            prefixes[name] = os.path.join(workdir, f"{name}-pane")
            tmux.run("pipe-pane", "-o", "-t", tmux.session,
                     f"exec python3 {shell_quote(os.path.join(HERE, 'tsrec.py'))} "
                     f"{shell_quote(prefixes[name])}")
        time.sleep(0.5)
        log(f"{size}: run {pids['run']}, watch {pids['watch']}, floor {pids['floor']}: "
            f"{seconds} s side by side")
        panes["run"].keys("Space")
        wait_for(panes["watch"], "Step 1 of 2")
        time.sleep(1.0)
        before = {name: snapshot(pid) for name, pid in pids.items()}
        time.sleep(seconds)
        after = {name: snapshot(pid) for name, pid in pids.items()}
        result = {"size": size, "seconds": seconds}
        for name in pids:
            result[name] = window(before[name], after[name], read_ts(prefixes[name]))
            result[name]["vm_hwm_kb"] = after[name].get("VmHWM")
        result["screen_watch"] = panes["watch"].capture()
        return result
    finally:
        for tmux in servers:
            tmux.kill()
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    command, binary = sys.argv[1], os.path.abspath(sys.argv[2])
    if command == "load":
        run_window = float(sys.argv[4]) if len(sys.argv) > 4 else 59.0
        pause_window = float(sys.argv[5]) if len(sys.argv) > 5 else 60.0
        if run_window > 59.0:
            raise SystemExit("the running window must end before the 60 s step does (<= 59)")
        result = load(binary, sys.argv[3], run_window, pause_window)
    elif command == "drift":
        result = drift(binary)
    elif command == "side":
        floor = os.path.abspath(sys.argv[3])
        seconds = float(sys.argv[5]) if len(sys.argv) > 5 else 30.0
        if seconds > 55.0:
            raise SystemExit("the window must end before the 60 s step does (<= 55)")
        result = side(binary, floor, sys.argv[4], seconds)
    else:
        raise SystemExit(__doc__)
    print(json.dumps(result))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time from start to first frame: fork a pty, exec the runner, time the first output that
contains the method's name.

Usage: first_frame.py BINARY METHOD.toml WIDTHxHEIGHT RUNS [--baseline]

Prints one JSON object: the size, every run in ms, the median, min and max. The clock starts
just before fork(); the window size is set on the pty before exec (TIOCSWINSZ), TERM is
xterm-256color. With --baseline, `printf Bench` is timed the same way instead (the floor: what
fork + exec + a pty cost on this machine, whatever the program).
"""

import fcntl
import json
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time

NEEDLE = b"Bench"


def one_run(argv, width, height, log_dir):
    env = dict(os.environ, TERM="xterm-256color", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
            os.execve(argv[0], argv, env)
        finally:
            os._exit(127)
    seen = b""
    first = None
    deadline = t0 + 10.0
    try:
        while first is None and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            if NEEDLE in seen:
                first = time.monotonic()
    finally:
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        # Drain until the child closes its side, then reap it.
        end = time.monotonic() + 5.0
        while time.monotonic() < end:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                try:
                    if not os.read(fd, 65536):
                        break
                except OSError:
                    break
            else:
                done, _ = os.waitpid(pid, os.WNOHANG)
                if done:
                    pid = 0
                    break
        if pid:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
        os.close(fd)
    if first is None:
        raise SystemExit(f"no frame with {NEEDLE!r} within 10 s: {seen[:200]!r}")
    return (first - t0) * 1000.0


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    baseline = "--baseline" in sys.argv
    binary, method, size, runs = args[0], args[1], args[2], int(args[3])
    width, height = (int(x) for x in size.split("x"))
    times = []
    with tempfile.TemporaryDirectory(prefix="ivbench-ff-") as log_dir:
        if baseline:
            argv = ["/usr/bin/printf", "Bench"]
        else:
            argv = [binary, "run", method, "--people", "5", "--lang", "en", "--quiet",
                    "--log-dir", log_dir]
        one_run(argv, width, height, log_dir)  # warm the page cache
        for _ in range(runs):
            times.append(one_run(argv, width, height, log_dir))
    print(json.dumps({
        "size": size,
        "baseline": baseline,
        "runs_ms": [round(t, 3) for t in times],
        "median_ms": round(statistics.median(times), 3),
        "min_ms": round(min(times), 3),
        "max_ms": round(max(times), 3),
    }))


if __name__ == "__main__":
    main()

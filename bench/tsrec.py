#!/usr/bin/env python3
"""Records what a tmux pane writes: run by `tmux pipe-pane -o 'python3 tsrec.py PREFIX'`.

The raw bytes go to PREFIX.raw; PREFIX.ts gets one line per read: the CLOCK_MONOTONIC time
(seconds, as Python's time.monotonic(), comparable across processes), the offset in PREFIX.raw
and the number of bytes read.
"""

import os
import sys
import time


def main():
    prefix = sys.argv[1]
    offset = 0
    with open(prefix + ".raw", "wb", buffering=0) as raw, open(prefix + ".ts", "w", buffering=1) as ts:
        while True:
            chunk = os.read(0, 65536)
            if not chunk:
                break
            now = time.monotonic()
            raw.write(chunk)
            ts.write(f"{now:.6f} {offset} {len(chunk)}\n")
            offset += len(chunk)


if __name__ == "__main__":
    main()

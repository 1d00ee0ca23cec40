#!/usr/bin/env bash
# Benchmarks the full-screen runner: CPU, wake-ups, bytes to the terminal, memory, time to first
# frame, render time of one frame, clock drift. Prints a Markdown table with the targets.
# Not run by CI; takes about 8 minutes (two 2-minute runs in tmux, a 3-minute drift run).
#
# Knobs (environment):
#   BENCH_SIZES="100x30 200x60"   terminal sizes
#   BENCH_RUN_WINDOW=59           seconds measured while the 60 s countdown runs (at most 59)
#   BENCH_PAUSE_WINDOW=60         seconds measured while paused
#   BENCH_FIRST_FRAME_RUNS=20     runs of the first-frame timing (median reported)
#   BENCH_RENDER_FRAMES=2000      frames per render measurement
#   BENCH_SKIP_DRIFT=1            skip the 3-minute drift run
#   BENCH_OUT=DIR                 keep the raw results (JSON, TSV) there instead of a temp dir
#   BENCH_SIDE_SIZES="100x30 240x67 320x90"   sizes of the side-by-side run against the floor
#   BENCH_SIDE_WINDOW=30          seconds measured side by side (at most 55)
#   BENCH_FLOOR_SRC=FILE          the floor's C source (default: the shared folder's bench/floor.c)
#   BENCH_ONLY_SIDE=1             run only the side-by-side comparison with the floor
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=${BENCH_SIZES:-"100x30 200x60"}
SIDE_SIZES=${BENCH_SIDE_SIZES:-"100x30 240x67 320x90"}
SIDE_WINDOW=${BENCH_SIDE_WINDOW:-30}
RUN_WINDOW=${BENCH_RUN_WINDOW:-59}
PAUSE_WINDOW=${BENCH_PAUSE_WINDOW:-60}
FIRST_FRAME_RUNS=${BENCH_FIRST_FRAME_RUNS:-20}
RENDER_FRAMES=${BENCH_RENDER_FRAMES:-2000}

say() { printf '[bench] %s\n' "$*" >&2; }

# --- tools ---------------------------------------------------------------------------------
need=()
command -v tmux >/dev/null 2>&1 || need+=(tmux)
command -v pgrep >/dev/null 2>&1 || need+=(procps)
command -v getconf >/dev/null 2>&1 || need+=(libc-bin)
command -v python3 >/dev/null 2>&1 || need+=(python3)
command -v cc >/dev/null 2>&1 || need+=(gcc)
if ((${#need[@]})); then
  say "installing ${need[*]}"
  if [[ $(id -u) -eq 0 ]]; then SUDO=(); else SUDO=(sudo); fi
  "${SUDO[@]}" apt-get update -qq
  "${SUDO[@]}" apt-get install -y -qq "${need[@]}" >/dev/null
fi
command -v cargo >/dev/null 2>&1 || { say "cargo is needed"; exit 1; }
[[ -r /proc/self/schedstat ]] || { say "/proc/PID/schedstat is needed (Linux)"; exit 1; }

if [[ -n ${BENCH_OUT:-} ]]; then
  OUT=$BENCH_OUT
  mkdir -p "$OUT"
else
  OUT=$(mktemp -d -t ivbench-XXXXXX)
  trap 'rm -rf "$OUT"' EXIT
fi
echo "$SIZES" >"$OUT/sizes"

# --- build ---------------------------------------------------------------------------------
say "cargo build --release"
cargo build --release --quiet
BIN=$PWD/target/release/intervision

# --- the floor: what a countdown cannot cost less than ------------------------------------
# Its source lives in the shared folder next to the repositories (it carries no licence, so it
# is built from there, not copied here).
FLOOR_SRC=${BENCH_FLOOR_SRC:-}
if [[ -z $FLOOR_SRC ]]; then
  for candidate in ../shared/bench/floor.c ../../shared/bench/floor.c; do
    if [[ -r $candidate ]]; then FLOOR_SRC=$candidate; break; fi
  done
fi
[[ -r ${FLOOR_SRC:-} ]] || { say "floor.c not found: set BENCH_FLOOR_SRC"; exit 1; }
cc -O2 -o "$OUT/floor" "$FLOOR_SRC"
echo "$SIDE_SIZES" >"$OUT/side-sizes"

side_by_side() {
  for size in $SIDE_SIZES; do
    say "side by side at $size: run, watch and the floor, ${SIDE_WINDOW}s"
    python3 bench/measure.py side "$BIN" "$OUT/floor" "$size" "$SIDE_WINDOW" >"$OUT/side-$size.json"
  done
}

if [[ -n ${BENCH_ONLY_SIDE:-} ]]; then
  side_by_side
  echo "## intervision against the floor — $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
    "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  python3 bench/side.py "$OUT"
  exit 0
fi

# --- 6. render time of one frame (Rust bench, no terminal) --------------------------------
say "render bench (cargo bench --bench render)"
RENDER_FRAMES=$RENDER_FRAMES cargo bench --quiet --bench render >"$OUT/render.tsv"

# --- 5. start to first frame --------------------------------------------------------------
METHOD=$OUT/bench.toml
cat >"$METHOD" <<'TOML'
name = "Bench"
[[steps]]
name = "Countdown"
duration = "60s"
[[steps]]
name = "After"
duration = "10m"
TOML
for size in $SIZES; do
  say "first frame at $size ($FIRST_FRAME_RUNS runs)"
  python3 bench/first_frame.py "$BIN" "$METHOD" "$size" "$FIRST_FRAME_RUNS" >"$OUT/first-frame-$size.json"
done
python3 bench/first_frame.py "$BIN" "$METHOD" 100x30 "$FIRST_FRAME_RUNS" --baseline \
  >"$OUT/first-frame-baseline.json"

# --- 1-4. CPU, wake-ups, bytes, memory, in tmux -------------------------------------------
for size in $SIZES; do
  say "countdown at $size: ${RUN_WINDOW}s running + ${PAUSE_WINDOW}s paused"
  python3 bench/measure.py load "$BIN" "$size" "$RUN_WINDOW" "$PAUSE_WINDOW" >"$OUT/load-$size.json"
done

# --- 7. drift -----------------------------------------------------------------------------
if [[ -z ${BENCH_SKIP_DRIFT:-} ]]; then
  say "drift: 3 h at --speed 60 (about 3 minutes)"
  python3 bench/measure.py drift "$BIN" >"$OUT/drift.json"
fi

# --- 8. run and watch against the floor, side by side ------------------------------------
side_by_side

# --- report -------------------------------------------------------------------------------
echo "## intervision runner benchmark — $(date -u '+%Y-%m-%d %H:%M UTC')"
echo
echo "Machine: $(nproc) cores, $(uname -sr), load average $(cut -d' ' -f1-3 /proc/loadavg);" \
  "commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)')."
echo
python3 bench/report.py "$OUT"
echo
echo "### Against the floor (side by side, ${SIDE_WINDOW} s, same run)"
echo
python3 bench/side.py "$OUT"
if [[ -n ${BENCH_OUT:-} ]]; then say "raw results in $OUT"; fi

#!/usr/bin/env python3
"""A/B of two (or more) shuibei binaries on one machine, run in turn so that the
machine's load falls on both alike. Not a test: a measurement to quote with its medians.

  python3 benches/support/ab.py search OLD,NEW 'jin|gold' [RUNS]
      a warm `shuibei search --data DATA --limit 20 QUERY` (each binary with its own
      cache directory, built by one run first), medians of RUNS (default 9), and the
      output's hash, which must agree between the binaries.
  python3 benches/support/ab.py cold OLD,NEW 'jin|gold' [RUNS]
      the same search with `--rebuild-index` (the dataset parsed, checked and indexed,
      the cache written): wall time and peak memory (`/usr/bin/time`), medians.
  python3 benches/support/ab.py overview OLD,NEW [RUNS]
      the explorer in tmux (120x40) on the cached dataset: seconds until the Overview's
      tab bar shows, medians of RUNS (default 3).
  python3 benches/support/ab.py instructions OLD_TYPING,NEW_TYPING 'she|gold' [DATA]
      instructions spent matching and ranking (valgrind's callgrind, counting only
      inside the scan's matcher and the ranking) over 3 one-shot searches of each query
      by copies of the `typing` example built from each tree, with the result's checksum
      (which must agree). Unlike wall time on a shared machine, the count repeats to the
      instruction from run to run. DATA defaults to a synthetic 100,000 (`synth`, made
      once under target/bench-data); a million takes minutes under valgrind.

DATA is the cache benchmark's synthetic million (target/bench-data/synthetic-1000000.json,
made by `cargo bench --bench cache`), or the file in $DATA. FULL=1 prints every match
instead of 20.
"""

import hashlib
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.environ.get("DATA", os.path.join(ROOT, "target/bench-data/synthetic-1000000.json"))


def cache_env(binary):
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = "/tmp/shuibei-ab-" + hashlib.md5(binary.encode()).hexdigest()[:8]
    return env


def search(binary, query, cold=False):
    limit = [] if os.environ.get("FULL") == "1" else ["--limit", "20"]
    rebuild = ["--rebuild-index"] if cold else []
    timer = ["/usr/bin/time", "-f", "%M"] if cold else []
    started = time.perf_counter()
    out = subprocess.run(
        [*timer, binary, "search", "--data", DATA, *limit, *rebuild, query],
        env=cache_env(binary),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        check=False,
    )
    took = time.perf_counter() - started
    digest = hashlib.md5(out.stdout).hexdigest()[:8]
    if cold:
        # /usr/bin/time's last line: peak resident set in KB.
        peak = int(out.stderr.decode().strip().splitlines()[-1]) / 1000
        return took, digest, peak
    return took, digest


def overview(binary):
    sock = "/tmp/shuibei-ab.sock"
    tmux = ["tmux", "-S", sock]
    subprocess.run([*tmux, "kill-server"], stderr=subprocess.DEVNULL, check=False)
    env = cache_env(binary)
    command = f"XDG_CACHE_HOME={env['XDG_CACHE_HOME']} {binary} --data {DATA}"
    started = time.perf_counter()
    subprocess.run([*tmux, "new-session", "-d", "-s", "ab", "-x", "120", "-y", "40", command], check=True)
    while time.perf_counter() - started < 30:
        screen = subprocess.run([*tmux, "capture-pane", "-p", "-t", "ab"], capture_output=True, text=True, check=False)
        if "[0 Overview" in screen.stdout:
            break
        time.sleep(0.01)
    took = time.perf_counter() - started
    subprocess.run([*tmux, "kill-server"], stderr=subprocess.DEVNULL, check=False)
    return took


def instructions(binaries, queries, data):
    """Per query and binary: instructions in the matcher and ranking, and the checksum."""
    if not os.path.exists(data):
        names = data.replace(".json", ".txt")
        subprocess.run(["cargo", "run", "--release", "--example", "synth", "--", "100000", data, names], check=True)
    out_file = "/tmp/shuibei-ab.callgrind"
    toggles = ["*Matcher::plain_names*", "*Matcher::plain_fields*", "*Matcher::eval*", "*run::rank_found*"]
    for query in queries:
        row = []
        for binary in binaries:
            run = subprocess.run(
                [
                    "valgrind",
                    "--tool=callgrind",
                    f"--callgrind-out-file={out_file}",
                    *[f"--toggle-collect={t}" for t in toggles],
                    binary,
                    data,
                    "3",
                    "-",
                ],
                env={**os.environ, "ONE_SHOT": query},
                capture_output=True,
                text=True,
                check=True,
            )
            refs = next(line for line in run.stderr.splitlines() if "refs:" in line).split()[-1]
            checksum = run.stdout.split()[-1]
            row.append(f"{os.path.basename(binary)} {refs:>14} {checksum}")
        os.remove(out_file)
        print(f"{query:<16} " + "  ".join(row), flush=True)


def main():
    if len(sys.argv) < 3 or sys.argv[1] not in ("search", "cold", "overview", "instructions"):
        sys.exit(__doc__)
    mode, binaries = sys.argv[1], sys.argv[2].split(",")
    if mode == "instructions":
        data = sys.argv[4] if len(sys.argv) > 4 else os.path.join(ROOT, "target/bench-data/synthetic-100000.json")
        instructions(binaries, sys.argv[3].split("|"), data)
        return
    for binary in binaries:
        search(binary, "jin")  # builds each binary's cache
    if mode in ("search", "cold"):
        cold = mode == "cold"
        queries = sys.argv[3].split("|")
        runs = int(sys.argv[4]) if len(sys.argv) > 4 else 9
        for query in queries:
            times = {b: [] for b in binaries}
            hashes = {b: set() for b in binaries}
            peaks = {b: [] for b in binaries}
            for i in range(runs):
                for binary in binaries if i % 2 == 0 else binaries[::-1]:
                    took, digest, *peak = search(binary, query, cold)
                    times[binary].append(took)
                    hashes[binary].add(digest)
                    peaks[binary].extend(peak)
            row = "  ".join(
                f"{os.path.basename(b)} {statistics.median(times[b]) * 1000:6.0f} ms"
                + (f" {statistics.median(peaks[b]):4.0f} MB" if cold else "")
                + f" {sorted(hashes[b])}"
                for b in binaries
            )
            print(f"{query:<16} {row}", flush=True)
    else:
        runs = int(sys.argv[3]) if len(sys.argv) > 3 else 3
        times = {b: [] for b in binaries}
        for _ in range(runs):
            for binary in binaries:
                times[binary].append(overview(binary))
        for binary in binaries:
            print(f"{binary}: {[round(t, 2) for t in times[binary]]} median {statistics.median(times[binary]):.2f} s")
    with open("/proc/loadavg", encoding="ascii") as load:
        print("load average", " ".join(load.read().split()[:3]))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Start-up and short-run wall times, as a user sees them (issue 10), in one run.

For each command: the median of --runs whole-process runs of ./segpack with its start-up cache and
with SEGPACK_AOT=0, next to a bare `java -version` of the same JDK; and whether anything reached
stderr. The launcher must already have built the jars and the cache (run any command once first).

    python3 bench/harness/startup.py [--runs 5]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "testdata"
JAVA = Path(os.environ.get("SEGPACK_JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64")) / "bin" / "java"


def commands(out):
    coco = DATA / "coco-mini" / "annotations"
    return {
        "--help": ["--help"],
        "coco info": ["coco", "info", "--ann", str(coco / "instances_val2017.json")],
        "coco rle --recompute": ["coco", "rle", "--ann", str(coco / "instances_val2017.json"),
                                 "--out", str(out / "rle.json"), "--recompute"],
        "masks to-coco": ["masks", "to-coco", "--masks", str(DATA / "maskimg" / "flat"),
                          "--images", str(DATA / "maskimg" / "images"), "--out", str(out / "masks.json")],
        "coco pack-h5": ["coco", "pack-h5", "--ann", str(coco / "person_keypoints_val2017.json"),
                         "--images", str(DATA / "coco-mini" / "val2017"), "--out", str(out / "pose.h5")],
    }


def timed(argv, env):
    start = time.perf_counter()
    res = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if res.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {res.stderr.strip()}")
    return elapsed, res.stderr


def median_of(runs, argv, env):
    times, stderr = [], ""
    for _ in range(runs):
        t, err = timed(argv, env)
        times.append(t)
        stderr = stderr or err
    return statistics.median(times), stderr


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    base = dict(os.environ)
    java, _ = median_of(args.runs, [str(JAVA), "-version"], base)
    print(f"java -version (JDK 25): {java * 1000:.0f} ms (median of {args.runs})\n")
    print("| command | with start-up cache | SEGPACK_AOT=0 | cache gain | vs java -version | stderr |")
    print("|---|---:|---:|---:|---:|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for name, argv in commands(Path(tmp)).items():
            cached, err = median_of(args.runs, [str(ROOT / "segpack")] + argv, base)
            plain, _ = median_of(args.runs, [str(ROOT / "segpack")] + argv, dict(base, SEGPACK_AOT="0"))
            quiet = "empty" if not err.strip() else repr(err.strip().splitlines()[0])
            print(f"| `{name}` | {cached * 1000:.0f} ms | {plain * 1000:.0f} ms | {plain / cached:.2f}x"
                  f" | {cached / java:.1f}x | {quiet} |")
    print(f"\nmachine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()

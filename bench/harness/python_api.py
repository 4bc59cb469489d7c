#!/usr/bin/env python3
"""segpack's Python API against pycocotools in one process, on the same numpy arrays and RLE lists.

    PYTHONPATH=$(../shared/peers/build.sh):bindings/python /usr/bin/python3 bench/harness/python_api.py

Times each call (compare.py's time_per_op: median and min over >= 1 s of repeats) on 200 F-order
480x640 blob masks (compare.py's blob_masks) and their RLEs, checks that both give the same result,
and prints a Markdown table. The JVM's start (the first segpack call) is timed on its own, and each
segpack call is first repeated for --warmup seconds so that the JIT has compiled it (as `segpack
bench` does); neither is in the rows. Without pycocotools only segpack is timed.
"""
import argparse
import time

import numpy as np

from compare import blob_masks, polygons, time_per_op, H, W

# Targets from the Python-package issue: segpack must be at least this many times faster.
TARGETS = {"encode": 5, "decode": 10}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200, help="masks per call (default 200)")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of segpack calls before timing"
                        " (default 10: on a busy machine the JIT compiles the decode kernel late)")
    args = parser.parse_args()
    rng = np.random.default_rng(20261206)
    masks = np.asfortranarray(blob_masks(args.count, rng).transpose(1, 2, 0))
    polys = polygons(args.count, rng)

    start = time.perf_counter()
    import segpack.mask as sm
    imported = time.perf_counter()
    sm.encode(masks[:, :, :1])
    started = time.perf_counter()
    print(f"segpack: import {1e3 * (imported - start):.0f} ms, JVM start + first call "
          f"{1e3 * (started - imported):.0f} ms (not in the rows below)")
    try:
        from pycocotools import mask as pm
    except ImportError:
        pm = None
        print("pycocotools is not importable here: only segpack is timed")

    rles = sm.encode(masks)
    n = len(rles)
    workloads = {
        "encode": (lambda m: m.encode(masks), n),
        "decode": (lambda m: m.decode(rles), n),
        "area + toBbox": (lambda m: (m.area(rles), m.toBbox(rles)), n),
        "iou 200x200": (lambda m: m.iou(rles, rles, [0] * n), 1),
        "merge of 10": (lambda m: [m.merge(rles[i:i + 10]) for i in range(0, n, 10)], n // 10),
        "frPyObjects polygons": (lambda m: m.frPyObjects(polys, H, W), n),
    }
    print(f"\n{n} masks of {H}x{W}, F order; µs per mask (per call for iou), median (min)\n")
    print("| call | pycocotools | segpack | ratio | target |")
    print("|---|---:|---:|---:|---:|")
    for name, (call, ops) in workloads.items():
        warm_until = time.perf_counter() + args.warmup
        while time.perf_counter() < warm_until:
            call(sm)
        ours = time_per_op(lambda: call(sm), ops)
        if pm is None:
            print(f"| {name} | – | {ours[0] / 1e3:,.1f} ({ours[1] / 1e3:,.1f}) | – | {TARGETS.get(name, '')} |")
            continue
        same = call(sm), call(pm)
        if isinstance(same[0], tuple):
            assert all(np.array_equal(a, b) for a, b in zip(*same)), name
        elif isinstance(same[0], np.ndarray):
            assert np.array_equal(*same), name
        else:
            assert same[0] == same[1], name
        theirs = time_per_op(lambda: call(pm), ops)
        target = TARGETS.get(name)
        verdict = "" if target is None else f"{target}× {'met' if theirs[0] / ours[0] >= target else 'MISSED'}"
        print(f"| {name} | {theirs[0] / 1e3:,.1f} ({theirs[1] / 1e3:,.1f}) | {ours[0] / 1e3:,.1f} "
              f"({ours[1] / 1e3:,.1f}) | {theirs[0] / ours[0]:.1f}× | {verdict} |")


if __name__ == "__main__":
    main()

"""Generates extra_cv2.jsonl.gz: random masks and what OpenCV's cv2.findContours returns for them,
for every retrieval mode x approximation method, plus cv2.approxPolyDP(closed=True) of each
CHAIN_APPROX_NONE contour at a few tolerances.

Run with the system python that has OpenCV 4.6 (Debian bookworm python3-opencv 4.6.0+dfsg-12):
    /usr/bin/python3 generate_extra.py OUT.jsonl.gz SPEC [SPEC ...]
where SPEC = SEED:ROWS:MAX_SIDE[:PICK] generates ROWS random masks of sides 1..MAX_SIDE from SEED and
writes them all, or only the comma-separated row indices PICK. The committed file is
    generate_extra.py extra_cv2.jsonl.gz 1:160:24 2:40:64 3:100:220:55
(row 55 of the last spec is a mask on which cv2 resolves a parent among several contours sharing a
mark by its "last border met at that pixel" rule; few random masks exercise it).
The row layout is that of /work/shared/golden/contours.jsonl.gz (h, w, kind, counts as the
uncompressed column-major COCO RLE, results), with one more field, dp, for approxPolyDP.
"""
import gzip
import json
import os
import sys

import cv2
import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench", "harness"))
import rle_np  # noqa: E402  (the harness's COCO RLE)

MODES = ["RETR_EXTERNAL", "RETR_LIST", "RETR_CCOMP", "RETR_TREE"]
METHODS = ["CHAIN_APPROX_NONE", "CHAIN_APPROX_SIMPLE", "CHAIN_APPROX_TC89_L1", "CHAIN_APPROX_TC89_KCOS"]
EPSILONS = [0.0, 0.5, 1.0, 2.5, 7.0]
DP_CONTOURS_PER_ROW = 12


def random_mask(rng, h, w, kind):
    if kind == "noise":
        return (rng.random((h, w)) < rng.uniform(0.2, 0.8)).astype(np.uint8)
    if kind == "rings":
        m = np.zeros((h, w), np.uint8)
        for _ in range(rng.integers(1, 4)):
            cx, cy = rng.integers(0, w), rng.integers(0, h)
            r = rng.uniform(1, max(h, w))
            yy, xx = np.mgrid[0:h, 0:w]
            d = np.sqrt((xx - cx) ** 2 + (yy - cy) ** 2)
            m ^= ((d.astype(int) // max(1, int(rng.integers(1, 4)))) % 2 == 0) & (d < r)
        return m.astype(np.uint8)
    if kind == "blobs":
        m = np.zeros((h, w), np.uint8)
        for _ in range(rng.integers(1, 6)):
            center = (int(rng.integers(0, w)), int(rng.integers(0, h)))
            axes = (int(rng.integers(0, w // 2 + 1)), int(rng.integers(0, h // 2 + 1)))
            color = int(rng.integers(0, 2)) if rng.random() < 0.3 else 1
            cv2.ellipse(m, center, axes, float(rng.uniform(0, 180)), 0, 360, color, -1)
        return m
    if kind == "values":  # any nonzero byte is foreground
        m = rng.integers(0, 256, (h, w)).astype(np.uint8)
        m[rng.random((h, w)) < 0.5] = 0
        return m
    raise ValueError(kind)


def main():
    with gzip.open(sys.argv[1], "wt") as f:
        for spec in sys.argv[2:]:
            fields = spec.split(":")
            seed, rows, max_side = int(fields[0]), int(fields[1]), int(fields[2])
            pick = {int(v) for v in fields[3].split(",")} if len(fields) > 3 else set(range(rows))
            rng = np.random.default_rng(seed)
            for i in range(rows):
                row = random_row(rng, i, max_side)
                if i in pick:
                    f.write(json.dumps(row, separators=(",", ":")) + "\n")


def random_row(rng, i, max_side):
    kind = ["noise", "rings", "blobs", "values"][i % 4]
    h, w = int(rng.integers(1, max_side + 1)), int(rng.integers(1, max_side + 1))
    mask = random_mask(rng, h, w, kind)
    results = {}
    dp = []
    for mode in MODES:
        for method in METHODS:
            contours, hierarchy = cv2.findContours(mask.copy(), getattr(cv2, mode), getattr(cv2, method))
            results[mode + "+" + method] = {
                "contours": [c.reshape(-1, 2).tolist() for c in contours],
                "hierarchy": hierarchy.reshape(-1, 4).tolist() if hierarchy is not None else [],
            }
            if mode == "RETR_LIST" and method == "CHAIN_APPROX_NONE":
                for c in contours[:DP_CONTOURS_PER_ROW]:
                    for eps in EPSILONS:
                        dp.append({"points": c.reshape(-1, 2).tolist(), "epsilon": eps,
                                   "approx": cv2.approxPolyDP(c, eps, True).reshape(-1, 2).tolist()})
    return {"h": h, "w": w, "kind": kind, "counts": rle_np.encode(mask).tolist(),
            "results": results, "dp": dp}


if __name__ == "__main__":
    main()

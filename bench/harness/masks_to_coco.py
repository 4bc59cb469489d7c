#!/usr/bin/env python3
"""masks/s of `segpack masks to-coco` on a folder of binary mask PNGs, next to the Python recipe users run.

Writes N 480x640 mask PNGs (1-4 filled ellipses each, like instance masks; every 8th with a hole; 0/255
values) named <image_stem>_<category>_<k>.png, 4 masks per image, 2 categories, into --workdir (not
the repository), then times:
  * segpack masks to-coco --format polygon and --format rle (the summary line's own timing, without
    JVM start-up, and the wall time of the whole command);
  * the recipe: cv2.imread(f, 0) > 0, cv2.findContours(RETR_EXTERNAL, CHAIN_APPROX_SIMPLE), flattened
    contours, area = mask.sum(), bbox from cv2.boundingRect, json.dump (one thread, as users run it).

    /usr/bin/python3 bench/harness/masks_to_coco.py [--count 1000] [--workdir /tmp/segpack-masks] [--threads N]
"""
import argparse
import json
import os
import re
import subprocess
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
H, W = 480, 640


def write_masks(workdir, count, seed=20261122):
    import cv2
    masks = workdir / "masks"
    masks.mkdir(parents=True, exist_ok=True)
    for old in masks.glob("*.png"):
        old.unlink()
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:H, 0:W]
    for i in range(count):
        m = np.zeros((H, W), np.uint8)
        for _ in range(rng.integers(1, 5)):
            cy, cx = rng.integers(0, H), rng.integers(0, W)
            ry, rx = rng.integers(10, 120), rng.integers(10, 160)
            m[((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2 <= 1] = 255
        if i % 8 == 0:
            m[((yy - H / 2) / 20) ** 2 + ((xx - W / 2) / 30) ** 2 <= 1] = 0
        name = f"img{i // 4:05d}_{'car' if i % 2 else 'person'}_{i % 4}.png"
        cv2.imwrite(str(masks / name), m)
    return masks


def run_segpack(masks, out, fmt, threads):
    cmd = [str(ROOT / "segpack"), "masks", "to-coco", "--masks", str(masks), "--out", str(out), "--format", fmt]
    if threads:
        cmd += ["--threads", str(threads)]
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    line = res.stdout.strip().splitlines()[-1]
    own = float(re.search(r", ([0-9.]+) s, ", line).group(1))
    return own, wall, line


def run_recipe(masks, out):
    import cv2
    start = time.perf_counter()
    anns = []
    for n, name in enumerate(sorted(os.listdir(masks))):
        m = (cv2.imread(str(masks / name), cv2.IMREAD_GRAYSCALE) > 0).astype(np.uint8)
        contours, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        x, y, w, h = cv2.boundingRect(m)
        anns.append({"id": n + 1, "segmentation": [c.reshape(-1).tolist() for c in contours],
                     "area": int(m.sum()), "bbox": [x, y, w, h], "iscrowd": 0})
    with open(out, "w") as f:
        json.dump({"annotations": anns}, f)
    return time.perf_counter() - start


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--workdir", default="/tmp/segpack-masks")
    ap.add_argument("--threads", type=int, default=0, help="segpack worker threads (default: all cores)")
    args = ap.parse_args()
    workdir = Path(args.workdir)
    masks = write_masks(workdir, args.count)
    print(f"{args.count} masks {H}x{W} in {masks}")
    run_segpack(masks, workdir / "warm.json", "rle", args.threads)  # builds segpack if stale
    rows = []
    for fmt in ["polygon", "rle"]:
        own, wall, line = run_segpack(masks, workdir / f"segpack_{fmt}.json", fmt, args.threads)
        print(line)
        rows.append((f"segpack masks to-coco --format {fmt}", own, wall))
    recipe = run_recipe(masks, workdir / "recipe.json")
    rows.append(("python cv2 recipe (polygons, 1 thread)", recipe, recipe))
    print()
    print("| run | masks/s (conversion) | masks/s (whole command) |")
    print("|---|---|---|")
    for name, own, wall in rows:
        print(f"| {name} | {args.count / own:.0f} | {args.count / wall:.0f} |")


if __name__ == "__main__":
    main()

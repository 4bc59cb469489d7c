#!/usr/bin/python3
"""Records what Pillow's ImageDraw.polygon(xy, fill=1) fills, for segpack's PillowPolygonFill tests.

    /usr/bin/python3 bench/harness/pillow_polygons.py testdata/cityscapes/pillow_polygons.jsonl.gz 2000 11

writes one JSON line per case: w, h, xy ([[x, y], ...] exactly as passed to Pillow: ints stay ints,
floats are written with repr so they read back as the same double) and either `runs`, the filled
mask of an "L" image as run lengths in row-major order, alternating 0,1,... from a possibly empty
zero run, or `error`, the name of the exception Pillow raised. The cases are random (seeded) polygons of
0 to 60 vertices: integer and float coordinates, vertices outside the image, self-intersecting
outlines, horizontal edges, tiny and large shapes, plus a few hand-picked ones listed below.

A second file next to it, pillow_inks.json, records how Pillow turns a fill value into a pixel
("L": clipped to 0..255; "I": stored as is) and what saving an "I" image as PNG keeps (16 bits,
clamped to 0..65535).
"""
import gzip
import json
import os
import random
import sys

import numpy as np
import PIL
from PIL import Image, ImageDraw

import rle_np


def filled(xy, w, h):
    im = Image.new("L", (w, h), 0)
    ImageDraw.Draw(im).polygon(xy, fill=1)
    return np.array(im, dtype=np.uint8).ravel()


def coordinate(rng, lo, hi, kind):
    if kind == "int":
        return rng.randint(int(lo), int(hi))
    if kind == "half":
        return rng.randint(int(lo) * 2, int(hi) * 2) / 2
    return round(rng.uniform(lo, hi), rng.choice([1, 2, 3, 6, 12]))


def random_case(rng):
    shape = rng.choice(["small", "small", "small", "tiny", "large", "far", "cityscapes", "flat"])
    if shape == "large":
        w, h = rng.randint(60, 220), rng.randint(60, 160)
    elif shape == "cityscapes":
        w, h = rng.randint(40, 128), rng.randint(20, 64)
    else:
        w, h = rng.randint(1, 48), rng.randint(1, 40)
    n = rng.choice([0, 1, 2, 2, 3, 3, 3, 4, 4, 5, 6, 7, 8, 10, 13, 20, 35, 60])
    kind = rng.choice(["int", "int", "float", "half", "mixed"])
    margin = {"far": 3 * max(w, h) + 50, "tiny": 0}.get(shape, 12)
    pts = []
    if shape == "tiny":
        cx, cy = rng.uniform(-2, w + 2), rng.uniform(-2, h + 2)
    for i in range(n):
        k = rng.choice(["int", "float", "half"]) if kind == "mixed" else kind
        if shape == "tiny":
            x, y = coordinate(rng, cx - 2, cx + 2, k), coordinate(rng, cy - 2, cy + 2, k)
        elif shape == "cityscapes" and pts:
            # a walk, as annotators click along an outline
            x = coordinate(rng, pts[-1][0] - 15, pts[-1][0] + 15, k)
            y = coordinate(rng, pts[-1][1] - 10, pts[-1][1] + 10, k)
        else:
            x, y = coordinate(rng, -margin, w + margin, k), coordinate(rng, -margin, h + margin, k)
        if pts and (shape == "flat" or rng.random() < 0.15):
            y = pts[-1][1]  # a horizontal edge
        if pts and rng.random() < 0.05:
            x, y = pts[-1]  # a repeated vertex
        pts.append([x, y])
    return w, h, pts


HAND_PICKED = [
    (10, 8, [[0, 0], [2, 0], [2, 2], [0, 2]]),       # 3x3 pixels: the outline is filled
    (10, 8, [[1, 1], [5, 4]]),                       # two points: a thin line with corner moves
    (10, 8, [[1, 1], [1, 1]]),                       # two equal points: one pixel
    (4, 4, [[0, 0], [1, 2]]),                        # a span whose ends round past each other
    (10, 8, [[0, 0], [8, 0], [0, 6], [8, 6]]),       # bow tie (self-intersection)
    (10, 8, [[1, 1], [8, 1], [8, 6], [1, 6], [3, 2], [6, 2], [6, 5], [3, 5]]),  # even-odd hole
    (6, 5, [[-3.7, -1.01], [1, 3], [4, 3]]),         # negative coordinates truncate toward zero
    (12, 90, [[0, 0], [1, 82], [10, 82], [10, 0]]),  # row 41: x = 0.49999997f rounds up in float
    (5, 5, [[2, 2]]),
    (5, 5, []),
]


def main():
    out = sys.argv[1]
    count = int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]))
    cases = list(HAND_PICKED) + [random_case(rng) for _ in range(count - len(HAND_PICKED))]
    with gzip.open(out, "wt", encoding="utf-8") as f:
        for w, h, xy in cases:
            row = {"w": w, "h": h, "xy": xy}
            try:
                row["runs"] = rle_np.encode(filled([tuple(p) for p in xy], w, h)).tolist()
            except Exception as e:  # Pillow refuses fewer than 2 points with TypeError
                row["error"] = type(e).__name__
            f.write(json.dumps(row, separators=(",", ":")) + "\n")

    inks = {"pillow": PIL.__version__, "L": {}, "I": {}, "I_png": {}}
    for v in [-300, -1, 0, 7, 255, 256, 300]:
        im = Image.new("L", (1, 1), 0)
        ImageDraw.Draw(im).polygon([(0, 0), (0, 0)], fill=v)
        inks["L"][str(v)] = int(np.array(im)[0, 0])
    values = [-5, 0, 26001, 65535, 65536, 254000, 2**31 - 1]
    for v in values:
        im = Image.new("I", (1, 1), 0)
        ImageDraw.Draw(im).polygon([(0, 0), (0, 0)], fill=v)
        inks["I"][str(v)] = int(np.array(im)[0, 0])
    im = Image.new("I", (len(values), 1), 0)
    im.putdata(values)
    png = out + ".tmp.png"
    im.save(png)
    back = np.array(Image.open(png)).ravel().tolist()
    os.remove(png)
    inks["I_png"] = {str(v): int(b) for v, b in zip(values, back)}
    with open(os.path.join(os.path.dirname(out), "pillow_inks.json"), "w") as f:
        json.dump(inks, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

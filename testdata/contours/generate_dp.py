"""Generates dp_random_cv2.jsonl.gz: cv2.approxPolyDP(points, epsilon, closed=True) of random integer
polygons (1 to 39 vertices, repeated and collinear vertices included), one case per line:
{points [[x, y], ...], epsilon, approx [[x, y], ...]}.

Run with the system python that has OpenCV 4.6 (Debian bookworm python3-opencv 4.6.0+dfsg-12):
    /usr/bin/python3 generate_dp.py dp_random_cv2.jsonl.gz 600 5
"""
import gzip
import json
import sys

import cv2
import numpy as np


def main():
    out, cases, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(seed)
    with gzip.open(out, "wt") as f:
        for _ in range(cases):
            n = int(rng.integers(1, 40))
            spread = int(rng.choice([3, 10, 30, 1000]))
            points = rng.integers(0, spread, (n, 2)).astype(np.int32)
            epsilon = float(rng.choice([0, 0.5, 1, 2, 3.7, 10, 100]))
            approx = cv2.approxPolyDP(points.reshape(-1, 1, 2), epsilon, True)
            f.write(json.dumps({"points": points.tolist(), "epsilon": epsilon,
                                "approx": approx.reshape(-1, 2).tolist()}, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

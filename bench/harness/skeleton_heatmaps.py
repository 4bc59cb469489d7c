#!/usr/bin/env python3
"""PYSKL's GeneratePoseTarget timed on one annotation, the peer of segpack's PoseTargetBenchmark:

    PYTHONPATH=../shared/peers/pyskl /usr/bin/python3 bench/harness/skeleton_heatmaps.py [DIR] [--repeat N]

The annotation: 2 persons x 48 frames x 17 COCO joints in a 56x56 image (two walking stick figures,
seeded jitter, scores in [0.3, 1]). Writes DIR/pose_2x48x17.f32 (little-endian float32 keypoint
[2,48,17,2] then keypoint_score [2,48,17]), the same annotation as a pickle DIR/pose_2x48x17.pkl (for
`segpack bench --workload heatmaps|limb_heatmaps`) and PYSKL's heatmaps DIR/heatmaps_keypoints.f32 and
DIR/heatmaps_limbs.f32 ([48,17,56,56] float32), which the JMH benchmark reads (and checks its own
output against before timing). Prints the median time per annotation of GeneratePoseTarget(sigma=0.6)
with keypoint maps and with limb maps as JSON lines. Default DIR: /tmp/segpack-bench/skeleton.
"""
import argparse
import json
import os
import pickle
import statistics
import time

import numpy as np
from pyskl.datasets.pipelines.heatmap_related import GeneratePoseTarget

parser = argparse.ArgumentParser()
parser.add_argument("dir", nargs="?", default="/tmp/segpack-bench/skeleton")
parser.add_argument("--repeat", type=int, default=30)
args = parser.parse_args()
os.makedirs(args.dir, exist_ok=True)

M, T, V, H, W = 2, 48, 17, 56, 56
# a standing COCO-17 figure, unit height, x relative to its centre
template = np.array([
    [0.0, 0.05], [-0.03, 0.03], [0.03, 0.03], [-0.06, 0.05], [0.06, 0.05],
    [-0.12, 0.2], [0.12, 0.2], [-0.16, 0.38], [0.16, 0.38], [-0.17, 0.53], [0.17, 0.53],
    [-0.08, 0.55], [0.08, 0.55], [-0.09, 0.77], [0.09, 0.77], [-0.1, 0.97], [0.1, 0.97]], np.float64)
rng = np.random.default_rng(56)
kp = np.zeros((M, T, V, 2), np.float64)
for m in range(M):
    for t in range(T):
        swing = 0.08 * np.sin(2 * np.pi * t / 24 + m)
        fig = template.copy()
        fig[[9, 15], 0] += swing
        fig[[10, 16], 0] -= swing
        kp[m, t, :, 0] = (16 + 24 * m + t * 0.1) + 40 * fig[:, 0]
        kp[m, t, :, 1] = 6 + 44 * fig[:, 1]
kp += rng.normal(0, 0.4, kp.shape)
kp = kp.astype(np.float32)
score = rng.uniform(0.3, 1.0, (M, T, V)).astype(np.float32)
with open(f"{args.dir}/pose_2x48x17.f32", "wb") as f:
    f.write(kp.astype("<f4").tobytes() + score.astype("<f4").tobytes())
with open(f"{args.dir}/pose_2x48x17.pkl", "wb") as f:
    pickle.dump([dict(frame_dir="pose_2x48x17", total_frames=T, img_shape=(H, W), keypoint=kp, keypoint_score=score)], f)

for maps in ("keypoints", "limbs"):
    target = GeneratePoseTarget(sigma=0.6, use_score=True, with_kp=maps == "keypoints", with_limb=maps == "limbs")
    times = []
    for i in range(args.repeat + 3):
        results = dict(keypoint=kp.copy(), keypoint_score=score.copy(), img_shape=(H, W))
        t0 = time.perf_counter()
        heatmaps = target(results)["imgs"]
        if i >= 3:
            times.append(time.perf_counter() - t0)
    with open(f"{args.dir}/heatmaps_{maps}.f32", "wb") as f:
        f.write(heatmaps.astype("<f4").tobytes())
    print(json.dumps(dict(peer="pyskl GeneratePoseTarget", maps=maps, shape=list(heatmaps.shape),
                          median_us=round(statistics.median(times) * 1e6, 1),
                          min_us=round(min(times) * 1e6, 1), runs=len(times))))

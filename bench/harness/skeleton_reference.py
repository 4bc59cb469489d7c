#!/usr/bin/env python3
"""Records what PYSKL and numpy give for segpack's skeleton engine tests (testdata/skeleton/):

    PYTHONPATH=../shared/peers/pyskl /usr/bin/python3 bench/harness/skeleton_reference.py \
        ../shared/golden/skeleton testdata/skeleton

* decompress.jsonl.gz: PYSKL's DecompressPose(squeeze, max_person) on the compressed Kinetics-style
  samples (numpy1_compressed.json, numpy2_compressed.json of the golden folder) and on seeded
  synthetic items with up to 7 persons per frame (float16 score sums that tie, anno_inds), for
  squeeze in {True, False} x max_person in {10, 2, 1}. float16 arrays as lists of their uint16 bits.
* uniform_sample_frames.jsonl.gz: PYSKL's UniformSampleFrames in test mode (seed 255) on a grid of
  total_frames x clip_len x num_clips x p_interval: the frame_inds it picks.
* pose_compact.jsonl.gz: PYSKL's PoseCompact(padding, threshold, hw_ratio, allow_imgpad) on seeded
  float32 keypoints (zeros = missing, NaNs, out-of-image points): keypoint bits and img_shape after.
* heatmaps_extra.jsonl.gz: PYSKL's GeneratePoseTarget where the shared golden rows do not go: scaling,
  other sigmas, no keypoint_score, limbs shorter than 1 pixel (the point fallback), points outside the
  image, a NaN score (written as null); same fields as the golden heatmaps rows plus params.scaling
  and has_score.
* exp_f32.bin.gz: numpy's float32 np.exp on 16384 inputs (random in [-110, 1], near the ties of its
  rounding to a multiple of ln 2, near its under/overflow bounds): 16384 little-endian float32
  inputs followed by the 16384 outputs.

Runs the toolbox's own code; nothing here is segpack's.
"""
import gzip
import json
import sys

import base64
import zlib

import numpy as np
from pyskl.datasets.pipelines.augmentations import PoseCompact
from pyskl.datasets.pipelines.heatmap_related import GeneratePoseTarget
from pyskl.datasets.pipelines.pose_related import DecompressPose
from pyskl.datasets.pipelines.sampling import UniformSampleFrames

golden, out = sys.argv[1:3]


def bits(a):
    return np.ascontiguousarray(a, dtype=np.float16).view(np.uint16).ravel().tolist()


def compressed_items():
    for name in ("numpy1_compressed.json", "numpy2_compressed.json"):
        for item in json.load(open(f"{golden}/{name}")):
            kp = item["keypoint"]
            yield (f"{name}#{item['frame_dir']}", int(item["total_frames"]),
                   np.array(kp["values"], dtype=np.float16).reshape(kp["shape"]),
                   np.array(item["frame_inds"]["values"], dtype=np.int16), None)
    rng = np.random.default_rng(20261205)
    for k in range(6):
        frames = int(rng.integers(3, 12))
        counts = rng.integers(0, 8, frames)
        counts[0] = max(counts[0], 1)
        frame_inds = np.repeat(np.arange(frames) * 2, counts).astype(np.int16)
        n, v = len(frame_inds), 17
        kp = np.zeros((n, v, 3), np.float16)
        kp[..., :2] = rng.uniform(0, 400, (n, v, 2))
        if k % 2:
            # few distinct scores: many persons tie on their float16 sums
            kp[..., 2] = rng.choice([0.25, 0.5, 0.3333, 0.1, 0.0999], (n, v))
        else:
            kp[..., 2] = rng.uniform(0, 1, (n, v))
        anno_inds = np.sort(rng.choice(n, n - n // 4, replace=False)) if k >= 4 else None
        yield f"synthetic-{k}", int(frames * 2 + 1), kp, frame_inds, anno_inds


with gzip.open(f"{out}/decompress.jsonl.gz", "wt") as f:
    rows = 0
    for source, total, kp, frame_inds, anno_inds in compressed_items():
        for squeeze in (True, False):
            for max_person in (10, 2, 1):
                results = dict(total_frames=total, frame_inds=frame_inds.copy(), keypoint=kp.copy())
                if anno_inds is not None:
                    results["anno_inds"] = anno_inds
                r = DecompressPose(squeeze=squeeze, max_person=max_person)(results)
                row = dict(source=source, squeeze=squeeze, max_person=max_person,
                           input=dict(total_frames=total, joints=int(kp.shape[1]), keypoint_f16=bits(kp),
                                      frame_inds=frame_inds.tolist(),
                                      anno_inds=None if anno_inds is None else anno_inds.tolist()),
                           output=dict(total_frames=int(r["total_frames"]), shape=list(r["keypoint"].shape),
                                       keypoint_f16=bits(r["keypoint"]),
                                       keypoint_score_f16=bits(r["keypoint_score"])))
                f.write(json.dumps(row) + "\n")
                rows += 1
    print("decompress rows", rows)

with gzip.open(f"{out}/uniform_sample_frames.jsonl.gz", "wt") as f:
    rows = 0
    for total in (1, 2, 5, 11, 17, 24, 47, 48, 49, 95, 96, 97, 150, 300, 1001):
        for clip_len in (1, 8, 48):
            for num_clips in (1, 2, 10):
                for p in (1, (0.5, 1.0)):
                    sampler = UniformSampleFrames(clip_len, num_clips, p_interval=p)
                    r = sampler(dict(total_frames=total, start_index=0, test_mode=True))
                    f.write(json.dumps(dict(total_frames=total, clip_len=clip_len, num_clips=num_clips,
                                            p_interval=list(sampler.p_interval),
                                            frame_inds=r["frame_inds"].tolist())) + "\n")
                    rows += 1
    print("uniform_sample_frames rows", rows)

def f32bits(a):
    return np.ascontiguousarray(a, dtype=np.float32).view(np.uint32).ravel().tolist()


rng = np.random.default_rng(11)
with gzip.open(f"{out}/pose_compact.jsonl.gz", "wt") as f:
    rows = 0
    for padding in (0.25, 0.0, 0.5):
        for threshold in (10, 1000):
            for hw_ratio in (None, 1.0, (0.5, 2.0)):
                for allow_imgpad in (True, False):
                    m, t = int(rng.integers(1, 4)), int(rng.integers(1, 6))
                    kp = rng.uniform(-50, 700, (m, t, 17, 2)).astype(np.float32)
                    kp[rng.uniform(0, 1, kp.shape) < 0.15] = 0
                    kp[rng.uniform(0, 1, kp.shape) < 0.03] = np.nan
                    before = kp.copy()
                    r = PoseCompact(padding=padding, threshold=threshold, hw_ratio=hw_ratio,
                                    allow_imgpad=allow_imgpad)(dict(img_shape=(480, 640), keypoint=kp))
                    f.write(json.dumps(dict(padding=padding, threshold=threshold,
                                            hw_ratio=None if hw_ratio is None else list(np.broadcast_to(hw_ratio, 2).tolist()),
                                            allow_imgpad=allow_imgpad, img_shape=[480, 640], shape=[m, t, 17, 2],
                                            keypoint_f32=f32bits(before), out_keypoint_f32=f32bits(r["keypoint"]),
                                            out_img_shape=list(r["img_shape"]))) + "\n")
                    rows += 1
    print("pose_compact rows", rows)

def nan_to_null(nested):
    if isinstance(nested, list):
        return [nan_to_null(v) for v in nested]
    return None if nested != nested else nested


with gzip.open(f"{out}/heatmaps_extra.jsonl.gz", "wt") as f:
    cases = [  # sigma, use_score, with_limb, double, scaling, has_score, img_shape, persons, frames, kind
        (0.6, True, False, False, 0.5, True, (40, 52), 2, 2, "plain"),
        (0.6, True, True, False, 1.5, True, (20, 26), 2, 2, "plain"),
        (0.3, True, False, True, 1.0, True, (24, 24), 2, 2, "outside"),
        (1.7, False, True, True, 1.0, True, (30, 22), 2, 2, "outside"),
        (0.6, True, False, False, 1.0, False, (24, 24), 2, 2, "plain"),
        (1.0, True, True, False, 1.0, False, (32, 32), 2, 2, "short"),
        (0.6, True, True, True, 1.0, True, (32, 32), 3, 2, "short"),
        (0.6, True, False, False, 1.0, True, (24, 24), 2, 1, "nan_score"),
        (2.5, True, True, False, 0.75, True, (33, 41), 1, 3, "plain"),
    ]
    for sigma, use_score, limb, double, scaling, has_score, (h, w), m, t, kind in cases:
        kp = rng.uniform(-2, 1, (m, t, 17, 2)).astype(np.float32) + np.array([w, h], np.float32) * rng.uniform(0, 1, (m, t, 17, 2)).astype(np.float32)
        score = rng.uniform(0, 1, (m, t, 17)).astype(np.float32)
        score[rng.uniform(0, 1, score.shape) < 0.1] = 0.0005
        if kind == "outside":
            kp[0, :, :5] += np.float32(w)
            kp[-1, :, 5:9] -= np.float32(h)
        if kind == "short":
            kp[:, :, 1] = kp[:, :, 0] + rng.uniform(-0.6, 0.6, (m, t, 2)).astype(np.float32)
            kp[:, :, 12] = kp[:, :, 11] + np.float32(0.5)
        if kind == "nan_score":
            score[0, 0, 3] = np.nan
        results = dict(keypoint=kp.copy(), img_shape=(h, w))
        if has_score:
            results["keypoint_score"] = score.copy()
        heatmap = GeneratePoseTarget(sigma=sigma, use_score=use_score, with_kp=not limb, with_limb=limb,
                                     double=double, scaling=scaling)(results)["imgs"]
        f.write(json.dumps(dict(params=dict(sigma=sigma, use_score=use_score, with_kp=not limb, with_limb=limb,
                                            double=double, scaling=scaling),
                                has_score=has_score, img_shape=[h, w], kind=kind,
                                keypoint=kp.tolist(), keypoint_score=nan_to_null(score.tolist()), shape=list(heatmap.shape),
                                heatmap_zlib_b64=base64.b64encode(zlib.compress(heatmap.astype("<f4").tobytes())).decode())) + "\n")
    print("heatmaps_extra rows", len(cases))

rng = np.random.default_rng(7)
log2e = np.float32(1.4426950408889634)
ties = []
while len(ties) < 4096:
    x = rng.uniform(-110, 1, 1 << 20).astype(np.float32)
    q = x * log2e
    ties.extend(x[(q - np.floor(q)) == np.float32(0.5)][:4096 - len(ties)].tolist())
bounds = np.array([88.72283935546875, -103.97208404541015625, -87.33654, 0, -0.0], np.float32)
near = np.concatenate([np.nextafter(np.repeat(bounds, 8), np.float32(-np.inf)), np.nextafter(np.repeat(bounds, 8), np.float32(np.inf))])
x = np.concatenate([np.array(ties, np.float32), near, rng.uniform(-110, 1, 16384).astype(np.float32)])[:16384]
x = x.astype("<f4")
with np.errstate(over="ignore", under="ignore"):
    y = np.exp(x).astype("<f4")
with gzip.open(f"{out}/exp_f32.bin.gz", "wb") as f:
    f.write(x.tobytes() + y.tobytes())
print("exp pairs", len(x))

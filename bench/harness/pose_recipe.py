#!/usr/bin/env python3
"""The person-pose HDF5 recipe users run today (OpenCV + pycocotools + numpy + h5py), for timing
against `segpack coco pack-h5` on the same data:

    /usr/bin/time -v /usr/bin/python3 bench/harness/pose_recipe.py ANN.json IMAGES_DIR OUT.h5 [ANNRLE.jsonl.gz]

Per annotated image: cv2.imread (BGR); the instance masks of the non-crowd annotations
(COCO.annToMask); argmax over [zeros] + masks; unpackbits; plane 0 = unannotated (num_keypoints == 0),
plane 1 = crowd; packbits; h5py dataset coco/<id> = [h, w, 4] uint8 with attribute keypoints.

pycocotools' annToMask is used when it is importable. Where it is not (it cannot be installed on
every machine), the masks come from precomputed annToRLE strings (the coco-mini reference file)
decoded with numpy, which skips the polygon rasterisation and so makes the recipe look faster than
it is.
"""
import gzip
import json
import sys
import time
from collections import defaultdict

import cv2
import h5py
import numpy as np

import rle_np

ann_file, image_dir, out = sys.argv[1:4]
t0 = time.perf_counter()
try:
    from pycocotools.coco import COCO

    coco = COCO(ann_file)
    imgs, img_anns = coco.imgs, coco.imgToAnns
    to_mask = coco.annToMask
except ImportError:
    dataset = json.load(open(ann_file))
    imgs = {i["id"]: i for i in dataset["images"]}
    img_anns = defaultdict(list)
    for a in dataset["annotations"]:
        img_anns[a["image_id"]].append(a)
    strings = {r["id"]: r["string"] for r in map(json.loads, gzip.open(sys.argv[4]))}

    def to_mask(a):
        img = imgs[a["image_id"]]
        return rle_np.decode(rle_np.from_string(strings[a["id"]]), img["height"], img["width"])

with h5py.File(out, "w") as f:
    group = f.create_group("coco")
    for img_id, img in imgs.items():
        anns = img_anns.get(img_id, [])
        if not anns:
            continue
        bgr = cv2.imread(f"{image_dir}/{img['file_name']}")
        h, w = bgr.shape[:2]
        instances = [to_mask(a) for a in anns if not a["iscrowd"]]
        crowd = np.zeros((h, w), np.uint8)
        unannotated = np.zeros((h, w), np.uint8)
        for a in anns:
            m = to_mask(a)
            if a["iscrowd"]:
                crowd |= m
            elif a["num_keypoints"] == 0:
                unannotated |= m
        index = np.argmax(np.stack([np.zeros((h, w), np.uint8)] + instances), axis=0).astype(np.uint8)
        bits = np.unpackbits(index[..., None], axis=-1)
        bits[..., 0] = unannotated
        bits[..., 1] = crowd
        packed = np.packbits(bits, axis=-1)
        ds = group.create_dataset(str(img_id), data=np.concatenate([bgr, packed], axis=-1))
        ds.attrs["keypoints"] = [a["keypoints"] for a in anns if not a["iscrowd"]]
print(f"recipe: {len(imgs)} images in {time.perf_counter() - t0:.2f} s -> {out}")

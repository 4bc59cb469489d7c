#!/usr/bin/env python3
"""Writes a large COCO instances file by tiling a small one: every image and annotation is repeated
with fresh ids until the target annotation count is reached. Used to measure loading at the scale
of COCO train (the default, 200k annotations, gives ~110 MB from coco-mini)."""
import argparse
import json

ap = argparse.ArgumentParser()
ap.add_argument("--src", required=True)
ap.add_argument("--out", required=True)
ap.add_argument("--annotations", type=int, default=200_000)
args = ap.parse_args()

src = json.load(open(args.src))
images, anns = [], []
copy = 0
while len(anns) < args.annotations:
    img_base = copy * 10_000_000
    for img in src["images"]:
        images.append(dict(img, id=img["id"] + img_base))
    for a in src["annotations"]:
        if len(anns) == args.annotations:
            break
        anns.append(dict(a, id=a["id"] + img_base, image_id=a["image_id"] + img_base))
    copy += 1
out = dict(src, images=images, annotations=anns)
with open(args.out, "w") as f:
    json.dump(out, f, separators=(",", ":"))
print(f"{args.out}: {len(images)} images, {len(anns)} annotations")

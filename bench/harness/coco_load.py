#!/usr/bin/env python3
"""Times what pycocotools' COCO(annotation_file) does, for a same-machine comparison with
`segpack coco info`: json.load of the file, then the index createIndex builds (anns, imgs, cats,
imgToAnns, catToImgs). pycocotools itself is used when it is importable; otherwise these same steps
are run in plain Python (COCO() is pure Python: the numbers are the same work). Prints one JSON line
with seconds and peak RSS."""
import json
import resource
import sys
import time
from collections import defaultdict

path = sys.argv[1]
t0 = time.perf_counter()
try:
    from pycocotools.coco import COCO
    import contextlib, io
    with contextlib.redirect_stdout(io.StringIO()):
        COCO(path)
    impl = "pycocotools"
except ImportError:
    dataset = json.load(open(path))
    anns, cats, imgs = {}, {}, {}
    img_to_anns, cat_to_imgs = defaultdict(list), defaultdict(list)
    for ann in dataset.get("annotations", []):
        img_to_anns[ann["image_id"]].append(ann)
        anns[ann["id"]] = ann
    for img in dataset.get("images", []):
        imgs[img["id"]] = img
    for cat in dataset.get("categories", []):
        cats[cat["id"]] = cat
    for ann in dataset.get("annotations", []):
        cat_to_imgs[ann["category_id"]].append(ann["image_id"])
    impl = "python json.load + COCO.createIndex steps"
seconds = time.perf_counter() - t0
rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"impl": impl, "seconds": round(seconds, 3), "peak_rss_mb": round(rss_mb, 1)}))

#!/usr/bin/env python3
"""pycocotools' own way to do what `segpack coco rle --recompute` does, for a whole-process comparison:
COCO(file), then for every annotation annToRLE, area and toBbox, and json.dump of the result
(counts decoded to str, area as int, as `coco rle` writes them). Run it with pycocotools importable
(`PYTHONPATH=$(../shared/peers/build.sh)`) under `/usr/bin/time -f "%e s %M KB"`.

    python3 bench/harness/coco_rle_recipe.py IN.json OUT.json
"""
import contextlib
import io
import json
import sys

from pycocotools import mask as mask_utils
from pycocotools.coco import COCO


def main(src, dst):
    with contextlib.redirect_stdout(io.StringIO()):
        coco = COCO(src)
    for ann in coco.dataset["annotations"]:
        rle = coco.annToRLE(ann)
        ann["area"] = int(mask_utils.area(rle))
        ann["bbox"] = mask_utils.toBbox(rle).tolist()
        counts = rle["counts"]
        ann["segmentation"] = {"size": rle["size"], "counts": counts.decode("ascii") if isinstance(counts, bytes) else counts}
    with open(dst, "w") as out:
        json.dump(coco.dataset, out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

# A COCOeval script written for pycocotools and left as such (the install_as_pycocotools test runs it):
# pycocotools' own evaluation demo on a GT file and a results file, then the same with its results
# given as an Nx7 array, and an IoU through pycocotools._mask; prints the numbers as JSON.
import json
import sys

import numpy as np
from pycocotools import _mask
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

annFile, resFile, annType = sys.argv[1:4]
cocoGt = COCO(annFile)
cocoDt = cocoGt.loadRes(resFile)
imgIds = sorted(cocoGt.getImgIds())
cocoEval = COCOeval(cocoGt, cocoDt, annType)
cocoEval.params.imgIds = imgIds
cocoEval.evaluate()
cocoEval.accumulate()
cocoEval.summarize()
stats = {"file": cocoEval.stats.tolist()}

if annType == "bbox":
    with open(resFile) as f:
        results = json.load(f)
    rows = np.array([[r["image_id"], *r["bbox"], r["score"], r["category_id"]] for r in results])
    cocoEval = COCOeval(cocoGt, cocoGt.loadRes(rows), annType)
    cocoEval.evaluate()
    cocoEval.accumulate()
    cocoEval.summarize()
    stats["array"] = cocoEval.stats.tolist()
    boxes = np.array([r["bbox"] for r in results[:5]], dtype=np.double)
    stats["iou"] = _mask.iou(boxes, boxes, [0] * len(boxes)).diagonal().tolist()
print(json.dumps(stats))

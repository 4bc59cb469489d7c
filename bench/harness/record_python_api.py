#!/usr/bin/env python3
"""Records what pycocotools gives where the Python package's tests compare segpack's COCO and COCOeval
beyond the stats (those are testdata/eval/expected.jsonl.gz, record_eval.py's):

    PYTHONPATH=$(../shared/peers/build.sh) /usr/bin/python3 bench/harness/record_python_api.py testdata/eval/python

Writes OUT/evalimgs.jsonl.gz and OUT/loadres.json from the sets of testdata/eval and testdata/coco-mini:

* evalimgs.jsonl.gz: per case a header line {case, gt, dt, iouType, given, length (of evalImgs), types (the
  Python type of each field of an entry), printed (what loadRes, evaluate and accumulate print, with
  every '(t=…s)' as '(t=T)')} followed by one line per evalImgs entry that is not None: {index, image_id,
  category_id, aRng, maxDet, dtIds, gtIds, dtScores, gtIgnore, dtMatches, gtMatches, dtIgnore}.
* loadres.json: per input (a results file of each branch, the same results as a list, an Nx7 array) the
  first three annotations loadRes leaves, each field as [value, Python type name] (numpy arrays as lists),
  and the dataset's keys and its number of images and categories.
"""
import contextlib
import copy
import gzip
import io
import json
import os
import re
import sys

import numpy as np
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TESTDATA = os.path.join(REPO, "testdata")
INSTANCES = "coco-mini/annotations/instances_val2017.json"
PERSONS = "coco-mini/annotations/person_keypoints_val2017.json"
CASES = [  # (case, gt, dt, iouType, given)
    ("synth_segm/no_cats", "eval/synth_instances.json", "eval/synth_segm_results.json", "segm", {"useCats": 0}),
    ("synth_keypoints/default", "eval/synth_person_keypoints.json", "eval/synth_keypoints_results.json", "keypoints",
     {}),
    ("coco_mini_bbox/max_dets", INSTANCES, "eval/coco_mini_bbox_results.json", "bbox", {"maxDets": [1, 5, 20]}),
]
TIME = re.compile(r"\(t=\d+\.\d+s\)")


def plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, bytes):
        return value.decode("ascii")
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def evalimgs_case(case, gt, dt, iou_type, given):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        coco = COCO(os.path.join(TESTDATA, gt))
        res = coco.loadRes(os.path.join(TESTDATA, dt))
        E = COCOeval(coco, res, iou_type)
        for key, value in given.items():
            setattr(E.params, key, copy.deepcopy(value))
        E.evaluate()
        E.accumulate()
    entries = [(i, e) for i, e in enumerate(E.evalImgs) if e is not None]
    types = {key: type(value).__name__ if not isinstance(value, np.ndarray) else f"ndarray {value.dtype}"
             for key, value in entries[0][1].items()}
    types["gtIgnore of none"] = next(f"ndarray {e['gtIgnore'].dtype}" for _, e in entries if len(e["gtIds"]) == 0)
    header = {"case": case, "gt": gt, "dt": dt, "iouType": iou_type, "given": given, "length": len(E.evalImgs),
              "types": types, "printed": TIME.sub("(t=T)", printed.getvalue()).splitlines()}
    rows = [header]
    for i, e in entries:
        rows.append(dict({"index": i}, **{key: plain(value) for key, value in e.items()}))
    return rows


def completed(anns):
    return [{key: [plain(value), type(value).__name__] for key, value in ann.items()} for ann in anns[:3]]


def loadres_cases():
    coco, persons = (COCO(os.path.join(TESTDATA, p)) for p in (INSTANCES, PERSONS))
    out = {}
    for name, gt, dt in [("bbox", coco, "eval/coco_mini_bbox_results.json"),
                         ("segm", coco, "eval/coco_mini_segm_results.json"),
                         ("segm_with_bbox", coco, "eval/cli/synth_segm_with_bbox_results.json"),
                         ("keypoints", persons, "eval/coco_mini_keypoints_results.json")]:
        path = os.path.join(TESTDATA, dt)
        if name == "segm_with_bbox":
            gt = COCO(os.path.join(TESTDATA, "eval/synth_instances.json"))
        res = gt.loadRes(path)
        with open(path) as f:
            from_list = gt.loadRes(json.load(f))
        assert completed(from_list.dataset["annotations"]) == completed(res.dataset["annotations"])
        out[name] = {"dt": dt, "keys": sorted(res.dataset), "images": len(res.dataset["images"]),
                     "categories": len(res.dataset.get("categories", [])),
                     "annotations": completed(res.dataset["annotations"])}
    with open(os.path.join(TESTDATA, "eval/coco_mini_bbox_results.json")) as f:
        results = json.load(f)
    array = np.array([[r["image_id"], *r["bbox"], r["score"], r["category_id"]] for r in results])
    res = coco.loadRes(array)
    out["numpy"] = {"dt": "eval/coco_mini_bbox_results.json as rows [image_id, x, y, w, h, score, category_id]",
                    "keys": sorted(res.dataset), "images": len(res.dataset["images"]),
                    "categories": len(res.dataset["categories"]), "annotations": completed(res.dataset["annotations"])}
    return out


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    with gzip.open(os.path.join(out, "evalimgs.jsonl.gz"), "wt", encoding="utf-8") as f:
        for case in CASES:
            for row in evalimgs_case(*case):
                f.write(json.dumps(row) + "\n")
    with contextlib.redirect_stdout(io.StringIO()):
        cases = loadres_cases()
    with open(os.path.join(out, "loadres.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()

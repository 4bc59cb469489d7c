#!/usr/bin/env python3
"""`segpack coco eval` against pycocotools and faster-coco-eval on files: test fixtures and the benchmark.

    PYTHONPATH=$(../shared/peers/build.sh) /usr/bin/python3 bench/harness/coco_eval_cli.py record testdata/eval/cli
    PYTHONPATH=$(../shared/peers/build.sh) /usr/bin/python3 bench/harness/coco_eval_cli.py bench OUTDIR [--images 5000]

`record` writes, from the sets record_eval.py wrote into testdata/eval (run that first), the results files
the command-line tests read and what pycocotools gives on them (`expected.json`): per case the files,
the command-line options, the 12 (10) stats at full precision, the printed lines, and per category
np.mean(precision[:, :, k, 0, -1] > -1) and the same of recall (the --json table); plus whether
faster-coco-eval gives the same stats. Where pycocotools crashes (an empty results list; segm results
with polygons and no bbox), the expected numbers are what its arithmetic gives on the input segpack
turns them into (no detections; the polygons as annToRLE's compressed RLE), and the case says so.

`bench` writes a synthetic set of --images images (about 4 GT and 12 results each; record_eval.py's
generator) and times each tool as a whole process (python3 -c / segpack coco eval): wall time and
peak RSS from /usr/bin/time, and the load / evaluate / accumulate split each prints.
"""
import contextlib
import copy
import io
import json
import os
import re
import subprocess
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import record_eval  # noqa: E402  (the synthetic sets and the pycocotools runner)
from pycocotools import mask as mask_utils  # noqa: E402
from pycocotools.coco import COCO  # noqa: E402
from pycocotools.cocoeval import COCOeval  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def read_json(path):
    with open(path) as f:
        return json.load(f)


def quiet():
    return contextlib.redirect_stdout(io.StringIO())


def evaluate(gt_path, dt, iou_type, given):
    """COCOeval on gt_path and dt (a results list, or None for no detections); its stats, lines and per-category table."""
    with quiet():
        gt = COCO(gt_path)
        if dt:
            res = gt.loadRes(copy.deepcopy(dt))
        else:  # loadRes([]) raises IndexError: an empty result set built by hand
            res = COCO()
            res.dataset = {"images": list(gt.dataset["images"]), "categories": copy.deepcopy(gt.dataset["categories"]),
                           "annotations": []}
            res.createIndex()
        E = COCOeval(gt, res, iou_type)
        record_eval.apply_params(E.params, given)
        E.evaluate()
        E.accumulate()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        E.summarize()
    precision, recall = E.eval["precision"], E.eval["recall"]
    per_category = []
    cat_ids = E.params.catIds if E.params.useCats else [-1]
    for k, cat in enumerate(cat_ids):
        p = precision[:, :, k, 0, -1]
        r = recall[:, k, 0, -1]
        per_category.append({"category_id": int(cat), "AP": float(np.mean(p[p > -1])) if (p > -1).any() else -1.0,
                             "AR": float(np.mean(r[r > -1])) if (r > -1).any() else -1.0})
    return E, [float(v) for v in E.stats], out.getvalue().splitlines(), per_category


def fce_stats(gt_path, dt_path, iou_type, given):
    """faster-coco-eval's stats on the same files, or why there are none."""
    if record_eval.faster_coco_eval is None:
        return {"run": False, "why": "faster_coco_eval is not importable"}
    try:
        with quiet():
            gt = record_eval.FCOCO(gt_path)
            dt = gt.loadRes(dt_path)
            F = record_eval.COCOeval_faster(gt, dt, iou_type, print_function=lambda *a, **k: None)
            record_eval.apply_params(F.params, given)
            F.evaluate()
            F.accumulate()
            F.summarize()
        return {"run": True, "stats": [float(v) for v in F.stats]}
    except Exception as e:  # noqa: BLE001 - recorded, not hidden
        return {"run": True, "error": f"{type(e).__name__}: {e}"}


def record(out):
    src = os.path.join(REPO, "testdata", "eval")
    mini = os.path.join(REPO, "testdata", "coco-mini", "annotations")
    os.makedirs(out, exist_ok=True)
    inst = read_json(os.path.join(src, "synth_instances.json"))
    known = {c["id"] for c in inst["categories"]}
    files = {}

    def write(name, results):
        record_eval.write_json(os.path.join(out, name), results)
        files[name] = results

    # the recorded synthetic results without those of a category the GT does not have (segpack refuses them)
    bbox = [r for r in read_json(os.path.join(src, "synth_bbox_results.json")) if r["category_id"] in known]
    segm = [r for r in read_json(os.path.join(src, "synth_segm_results.json")) if r["category_id"] in known]
    write("synth_bbox_results.json", bbox)
    write("synth_segm_results.json", segm)
    write("empty_results.json", [])
    # segm results that also carry a bbox (detectron-style): loadRes takes the bbox branch, area = box area
    rng = np.random.default_rng(20261206)
    boxed = []
    for r in segm:
        x, y, w, h = mask_utils.toBbox(r["segmentation"]).tolist()
        grow = float(rng.uniform(1.0, 1.6))
        boxed.append(dict(r, bbox=[x, y, round(w * grow, 2), round(h * grow, 2)]))
    write("synth_segm_with_bbox_results.json", boxed)
    # segm results as polygons without bbox (pycocotools: TypeError in loadRes); expected from their annToRLE
    images = {im["id"]: im for im in inst["images"]}
    polys = []
    for a in inst["annotations"]:
        if a["iscrowd"] or not isinstance(a["segmentation"], list):
            continue
        jitter = rng.normal(0, 1.5, 1)[0]
        seg = [[round(v + jitter, 2) for v in part] for part in a["segmentation"]]
        polys.append({"image_id": a["image_id"], "category_id": a["category_id"], "segmentation": seg,
                      "score": round(float(rng.uniform(0.05, 1.0)), 3)})
    write("synth_polygon_results.json", polys)
    as_rle = []
    for r in polys:
        im = images[r["image_id"]]
        rle = mask_utils.merge(mask_utils.frPyObjects(r["segmentation"], im["height"], im["width"]))
        as_rle.append(dict(r, segmentation={"size": [int(v) for v in rle["size"]], "counts": rle["counts"].decode()}))
    kps = read_json(os.path.join(src, "synth_keypoints_results.json"))
    # keypoint results that carry a bbox: the bbox branch, area = w*h of the given box instead of the points' extent
    kps_boxed = []
    for r in kps:
        xs, ys = r["keypoints"][0::3], r["keypoints"][1::3]
        kps_boxed.append(dict(r, bbox=[min(xs) - 5, min(ys) - 5, max(xs) - min(xs) + 10, max(ys) - min(ys) + 10]))
    write("synth_keypoints_with_bbox_results.json", kps_boxed)
    synth_imgs = sorted(images)
    img_subset = synth_imgs[::3][::-1] + [synth_imgs[3], 999999]
    with open(os.path.join(out, "img_ids.txt"), "w") as f:
        f.write("\n".join(str(i) for i in img_subset) + "\n")

    gt_inst = "eval/synth_instances.json"
    gt_kps = "eval/synth_person_keypoints.json"
    gt_mini, gt_mini_kps = "coco-mini/annotations/instances_val2017.json", "coco-mini/annotations/person_keypoints_val2017.json"
    gt_val2014 = "eval/val2014/instances_val2014_100.json"
    val2014_printed = val2014_fake_eval_res(os.path.join(REPO, "testdata", "eval", "val2014", "val2014_fake_eval_res.txt"))
    cases = [
        # name, gt (relative to testdata), results (relative to testdata), iou type, CLI options, COCOeval params, note
        ("bbox/default", gt_inst, "eval/cli/synth_bbox_results.json", "bbox", [], {}, None),
        ("bbox/max_dets", gt_inst, "eval/cli/synth_bbox_results.json", "bbox", ["--max-dets", "20,1,5"],
         {"maxDets": [20, 1, 5]}, None),
        ("bbox/no_cats", gt_inst, "eval/cli/synth_bbox_results.json", "bbox", ["--no-cats"], {"useCats": 0}, None),
        ("bbox/img_ids", gt_inst, "eval/cli/synth_bbox_results.json", "bbox", ["--img-ids", "eval/cli/img_ids.txt"],
         {"imgIds": img_subset}, None),
        ("bbox/segm_results", gt_inst, "eval/cli/synth_segm_results.json", "bbox", [], {}, None),
        ("segm/default", gt_inst, "eval/cli/synth_segm_results.json", "segm", [], {}, None),
        ("segm/no_cats", gt_inst, "eval/cli/synth_segm_results.json", "segm", ["--no-cats"], {"useCats": 0}, None),
        ("segm/max_dets", gt_inst, "eval/cli/synth_segm_results.json", "segm", ["--max-dets", "1,10,30"],
         {"maxDets": [1, 10, 30]}, None),
        ("segm/with_bbox", gt_inst, "eval/cli/synth_segm_with_bbox_results.json", "segm", [], {}, None),
        ("segm/bbox_results", gt_inst, "eval/cli/synth_bbox_results.json", "segm", [], {}, None),
        ("segm/polygons", gt_inst, "eval/cli/synth_polygon_results.json", "segm", [], {},
         "pycocotools' loadRes raises TypeError on polygons without bbox; expected: the same results as annToRLE's compressed RLE"),
        ("bbox/empty", gt_inst, "eval/cli/empty_results.json", "bbox", [], {},
         "pycocotools' loadRes raises IndexError on []; expected: COCOeval with an empty result set"),
        ("segm/empty", gt_inst, "eval/cli/empty_results.json", "segm", [], {},
         "pycocotools' loadRes raises IndexError on []; expected: COCOeval with an empty result set"),
        ("keypoints/default", gt_kps, "eval/synth_keypoints_results.json", "keypoints", [], {}, None),
        ("keypoints/max_dets", gt_kps, "eval/synth_keypoints_results.json", "keypoints", ["--max-dets", "5,20"],
         {"maxDets": [5, 20]}, None),
        ("keypoints/with_bbox", gt_kps, "eval/cli/synth_keypoints_with_bbox_results.json", "keypoints", [], {}, None),
        ("coco_mini/bbox", gt_mini, "eval/coco_mini_bbox_results.json", "bbox", [], {}, None),
        ("coco_mini/segm", gt_mini, "eval/coco_mini_segm_results.json", "segm", [], {}, None),
        ("coco_mini/keypoints", gt_mini_kps, "eval/coco_mini_keypoints_results.json", "keypoints", [], {}, None),
        ("val2014/bbox", gt_val2014, "eval/val2014/instances_val2014_fakebbox100_results.json", "bbox", [], {}, None),
        ("val2014/segm", gt_val2014, "eval/val2014/instances_val2014_fakesegm100_results.json", "segm", [], {}, None),
    ]
    testdata = os.path.join(REPO, "testdata")
    rows = []
    for name, gt, res, iou_type, options, given, note in cases:
        dt = read_json(os.path.join(testdata, res))
        if name == "segm/polygons":
            dt = as_rle
        E, stats, lines, per_category = evaluate(os.path.join(testdata, gt), dt, iou_type, given)
        row = {"case": name, "gt": gt, "dt": res, "iouType": iou_type, "options": options, "given": given,
               "stats": stats, "lines": lines, "per_category": per_category}
        if note:
            row["note"] = note
        else:
            fce = fce_stats(os.path.join(testdata, gt), os.path.join(testdata, res), iou_type, given)
            if "stats" in fce:
                fce = {"run": True, "stats_equal": fce["stats"] == stats,
                       "stats_max_diff": max(abs(a - b) for a, b in zip(fce["stats"], stats))}
            row["faster_coco_eval"] = fce
        if name.startswith("val2014/"):  # the COCO API's own printout of this fixture, to 3 decimals
            assert [round(v, 3) for v in stats] == val2014_printed[iou_type], (name, stats, val2014_printed[iou_type])
        rows.append(row)
        print(f"{name:22s} stats[0]={stats[0]!r:22} {row.get('faster_coco_eval', note)}")
    with open(os.path.join(out, "expected.json"), "w") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")


def val2014_fake_eval_res(path):
    """The stats the COCO API printed for its val2014 fake results (results/val2014_fake_eval_res.txt), by iou type."""
    printed, iou_type = {}, None
    with open(path) as f:
        for line in f:
            if line.startswith("type="):
                iou_type = line.strip()[len("type="):]
                printed[iou_type] = []
            elif line.lstrip().startswith("Average"):
                printed[iou_type].append(float(line.rsplit("=", 1)[1]))
    return printed


# ---- benchmark ------------------------------------------------------------------------------------

PEER = r"""
import json, sys, time, resource
t0 = time.perf_counter()
impl, gt_path, dt_path, iou_type = sys.argv[1:5]
import contextlib, io
if impl == "pycocotools":
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(gt_path); dt = gt.loadRes(dt_path)
    E = COCOeval(gt, dt, iou_type)
else:
    from faster_coco_eval import COCO, COCOeval_faster
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(gt_path); dt = gt.loadRes(dt_path)
    E = COCOeval_faster(gt, dt, iou_type, print_function=lambda *a, **k: None, separate_eval=True)
t1 = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    E.evaluate()
    t2 = time.perf_counter()
    E.accumulate()
    t3 = time.perf_counter()
E.summarize()
t4 = time.perf_counter()
print(json.dumps({"load_s": t1 - t0, "evaluate_s": t2 - t1, "accumulate_s": t3 - t2, "summarize_s": t4 - t3,
                  "stats0": float(E.stats[0])}), file=sys.stderr)
"""

SEGPACK_SPLIT = re.compile(r"load ([\d.]+) s .*evaluate ([\d.]+) s, accumulate ([\d.]+) s")


def timed_process(cmd, env=None):
    """Runs cmd under /usr/bin/time: wall seconds, peak RSS in MB, stdout, stderr."""
    t0 = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "TIME %e %M"] + cmd, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise RuntimeError(f"{cmd} failed: {p.stderr}")
    line = [l for l in p.stderr.splitlines() if l.startswith("TIME ")][-1]
    return wall, int(line.split()[2]) / 1024, p.stdout, p.stderr


def bench(out, images, rounds):
    os.makedirs(out, exist_ok=True)
    gt_path = os.path.join(out, "bench_instances.json")
    if not os.path.exists(gt_path):
        rng = np.random.default_rng(7)
        gt, bbox_res, segm_res = record_eval.synth_instances(rng, images, list(range(1, 81)), gt_per_image=4.0,
                                                             det_per_gt=2.0, fp_per_image=4.0, quirks=False)
        record_eval.write_json(gt_path, gt)
        record_eval.write_json(os.path.join(out, "bench_bbox_results.json"), bbox_res)
        record_eval.write_json(os.path.join(out, "bench_segm_results.json"), segm_res)
    gt = read_json(gt_path)
    print(json.dumps({"images": len(gt["images"]), "gt": len(gt["annotations"]),
                      "results": len(read_json(os.path.join(out, "bench_bbox_results.json"))),
                      "cores": os.cpu_count(), "load_average": os.getloadavg()}))
    segpack = os.path.join(REPO, "segpack")
    for iou_type in ("bbox", "segm"):
        dt_path = os.path.join(out, f"bench_{iou_type}_results.json")
        runs = [("pycocotools", [sys.executable, "-c", PEER, "pycocotools", gt_path, dt_path, iou_type]),
                ("faster-coco-eval", [sys.executable, "-c", PEER, "faster", gt_path, dt_path, iou_type])]
        runs += [(f"segpack --threads {n}", [segpack, "coco", "eval", "--gt", gt_path, "--dt", dt_path, "--iou-type",
                                             iou_type, "--threads", str(n)]) for n in (1, 2)]
        for _ in range(rounds):
            for impl, cmd in runs:
                if impl == "faster-coco-eval" and record_eval.faster_coco_eval is None:
                    continue
                wall, rss, stdout, stderr = timed_process(cmd)
                row = {"impl": impl, "iouType": iou_type, "wall_s": round(wall, 3), "peak_rss_mb": round(rss, 1)}
                if impl.startswith("segpack"):
                    m = SEGPACK_SPLIT.search(stderr)
                    row.update(load_s=float(m.group(1)), evaluate_s=float(m.group(2)), accumulate_s=float(m.group(3)),
                               stats0=stdout.splitlines()[0])
                else:
                    split = json.loads(stderr.splitlines()[-2] if stderr.splitlines()[-1].startswith("TIME") else stderr)
                    row.update({k: round(v, 3) for k, v in split.items()})
                print(json.dumps(row), flush=True)


def main():
    ap, b = record_eval.record_bench_parser(__doc__)
    b.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    if args.cmd == "record":
        record(args.out)
    else:
        bench(args.out, args.images, args.rounds)


if __name__ == "__main__":
    sys.exit(main())

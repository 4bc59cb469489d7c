#!/usr/bin/env python3
"""Records what pycocotools' COCOeval gives, for segpack's evaluation engine tests, and times it.

    PYTHONPATH=$(../shared/peers/build.sh) /usr/bin/python3 bench/harness/record_eval.py record testdata/eval
    PYTHONPATH=$(../shared/peers/build.sh) /usr/bin/python3 bench/harness/record_eval.py bench OUTDIR [--images 5000]

`record` writes into the folder (seeded, so re-running gives the same files):
  - synthetic GT and result files (`synth_*.json`): crowd regions, duplicate detections with equal
    scores, tiny and huge objects, GT areas exactly on the area-range bounds, a category without GT,
    detections of a category outside the GT, images without GT or without detections, an image with
    more than 100 detections, a GT with id 0, a segm result whose mask size differs from its image,
    person keypoints with invisible, unlabelled and num_keypoints=0 GTs;
  - result files for the bundled coco-mini GT (`coco_mini_*_results.json`, jittered copies of the GT
    plus false positives; the GT itself stays in testdata/coco-mini);
  - `prepared/<set>.jsonl.gz`: every GT and result annotation as COCOeval uses it after COCO.loadRes
    and _prepare (id, image_id, category_id, area, iscrowd, bbox, score, the annToRLE counts string and
    size for segm, keypoints and num_keypoints for keypoints): the engine's input, no JSON parsing of
    COCO files needed;
  - `expected.jsonl.gz`: one row per case: the parameters as given, pycocotools' 12 (10) stats at
    full precision, the printed summary lines, and precision, recall and scores as zlib+base64
    little-endian float64 C-order arrays with their shape; plus whether faster-coco-eval agrees.

`bench` writes a synthetic set of --images images (about 4 GT and 12 detections each, bbox and segm)
into OUTDIR with its prepared files, then times pycocotools' and faster-coco-eval's load, evaluate and
accumulate on it; the Java side of the same measurement is bench/harness/EvalTiming.java.
"""
import argparse
import base64
import contextlib
import copy
import gzip
import io
import json
import os
import sys
import time
import zlib

import numpy as np
from pycocotools import mask as mask_utils
from pycocotools.coco import COCO
from pycocotools.cocoeval import COCOeval

try:
    import faster_coco_eval
    from faster_coco_eval import COCO as FCOCO, COCOeval_faster
except ImportError:  # the comparison is optional: rows then say it was not run
    faster_coco_eval = None

SIZES = [(480, 640), (427, 640), (640, 480), (200, 300), (1000, 1200)]


def polygon(rng, cx, cy, rx, ry, k):
    """A star-shaped polygon of k vertices around (cx, cy), as a flat [x0, y0, ...] list of floats."""
    ang = np.sort(rng.uniform(0, 2 * np.pi, k))
    r = rng.uniform(0.6, 1.0, k)
    xs = cx + rx * r * np.cos(ang)
    ys = cy + ry * r * np.sin(ang)
    return [round(float(v), 2) for xy in zip(xs, ys) for v in xy]


def clip_poly(poly, h, w):
    return [min(max(v, 0.0), (w if i % 2 == 0 else h) - 0.01) for i, v in enumerate(poly)]


def poly_box(poly):
    xs, ys = poly[0::2], poly[1::2]
    return [min(xs), min(ys), round(max(xs) - min(xs), 2), round(max(ys) - min(ys), 2)]


def rle_of_polys(polys, h, w):
    return mask_utils.merge(mask_utils.frPyObjects(polys, h, w))


def compressed(rle):
    return {"size": [int(rle["size"][0]), int(rle["size"][1])], "counts": rle["counts"].decode("ascii")}


def object_extent(rng, h, w, kind):
    """Half-extents of an object: tiny, small, medium, large or huge (up to the whole image)."""
    scale = {"tiny": (1, 6), "small": (6, 16), "medium": (16, 48), "large": (48, 150), "huge": (150, 700)}[kind]
    rx = min(rng.uniform(*scale), w / 2 - 1)
    ry = min(rng.uniform(*scale), h / 2 - 1)
    return rx, ry


def synth_instances(rng, n_images, cat_ids, gt_per_image=4.0, det_per_gt=2.0, fp_per_image=3.0, quirks=True):
    """A GT set with polygons and crowd RLEs, and one list of detections with a bbox and a mask each."""
    images, anns, dets = [], [], []
    ann_id = 0 if quirks else 1  # id 0 exercises pycocotools' "matched to id 0 counts as unmatched"
    for i in range(n_images):
        h, w = SIZES[rng.integers(len(SIZES))]
        img_id = 1000 + 7 * i
        images.append({"id": img_id, "width": int(w), "height": int(h), "file_name": f"{img_id}.jpg"})
        no_gt = quirks and i % 9 == 4
        no_dt = quirks and i % 11 == 6
        n_gt = 0 if no_gt else int(rng.poisson(gt_per_image))
        gts = []
        for _ in range(n_gt):
            kind = rng.choice(["tiny", "small", "medium", "large", "huge"], p=[.15, .25, .3, .2, .1])
            rx, ry = object_extent(rng, h, w, kind)
            cx, cy = rng.uniform(rx, w - rx), rng.uniform(ry, h - ry)
            cat = int(rng.choice(cat_ids))
            crowd = quirks and rng.random() < 0.07
            poly = clip_poly(polygon(rng, cx, cy, rx, ry, int(rng.integers(5, 14))), h, w)
            rle = rle_of_polys([poly], h, w)
            area = int(mask_utils.area(rle))
            if area == 0:
                continue
            if crowd:  # crowd regions are uncompressed RLE, as in COCO
                m = mask_utils.decode(rle)
                flat = m.flatten(order="F")
                change = np.flatnonzero(np.diff(flat)) + 1
                runs = np.diff(np.concatenate([[0], change, [flat.size]]))
                counts = ([0] if flat[0] else []) + [int(v) for v in runs]
                seg = {"size": [int(h), int(w)], "counts": counts}
                box = [float(v) for v in mask_utils.toBbox(rle)]
            else:
                seg = [poly]
                box = poly_box(poly)
            if quirks and rng.random() < 0.05:  # an area field exactly on a range bound (both ranges hold it)
                area = float(rng.choice([32 ** 2, 96 ** 2]))
            ann = {"id": ann_id, "image_id": img_id, "category_id": cat, "segmentation": seg, "area": area,
                   "bbox": box, "iscrowd": int(crowd)}
            ann_id += 1
            anns.append(ann)
            gts.append((ann, poly))
        if no_dt:
            continue
        for ann, poly in gts:
            for _ in range(int(rng.poisson(det_per_gt if not ann["iscrowd"] else 3))):
                s = rng.uniform(0.85, 1.15)
                dx, dy = rng.normal(0, 0.08 * ann["bbox"][2] + 1), rng.normal(0, 0.08 * ann["bbox"][3] + 1)
                cx, cy = np.mean(poly[0::2]), np.mean(poly[1::2])
                jp = clip_poly([round(float((v - (cx if k % 2 == 0 else cy)) * s + (cx + dx if k % 2 == 0 else cy + dy)), 2)
                                for k, v in enumerate(poly)], h, w)
                cat = ann["category_id"] if rng.random() > 0.05 else int(rng.choice(cat_ids))
                score = round(float(rng.uniform(0.05, 1.0)), 2)  # 2 decimals: ties within and across images
                dets.append({"image_id": ann["image_id"], "category_id": cat, "poly": jp, "score": score, "h": h, "w": w,
                             "of_gt": True})
                if quirks and rng.random() < 0.1:  # an exact duplicate with the same score
                    dets.append(dict(dets[-1]))
        n_fp = int(rng.poisson(fp_per_image)) + (150 if quirks and i == 3 else 0)
        for _ in range(n_fp):
            kind = rng.choice(["tiny", "small", "medium", "large"])
            rx, ry = object_extent(rng, h, w, kind)
            cx, cy = rng.uniform(rx, w - rx), rng.uniform(ry, h - ry)
            cat = int(rng.choice(cat_ids + ([9, 42] if quirks else [])))
            dets.append({"image_id": img_id, "category_id": cat, "score": round(float(rng.uniform(0, 0.7)), 3),
                         "poly": clip_poly(polygon(rng, cx, cy, rx, ry, 6), h, w), "h": h, "w": w})
    bbox_res, segm_res = [], []
    wrong_size = next(k for k, d in enumerate(dets) if d.get("of_gt") and k >= 5) if quirks else -1
    for k, d in enumerate(dets):
        rle = rle_of_polys([d["poly"]], d["h"], d["w"])
        if k == wrong_size:  # a mask whose size is not its image's: IoU -1 where the boxes overlap
            rle = rle_of_polys([d["poly"]], d["h"] + 10, d["w"])
        if mask_utils.area(rle) == 0:
            continue
        bbox_res.append({"image_id": d["image_id"], "category_id": d["category_id"], "bbox": poly_box(d["poly"]),
                         "score": d["score"]})
        segm_res.append({"image_id": d["image_id"], "category_id": d["category_id"], "segmentation": compressed(rle),
                         "score": d["score"]})
    cats = [{"id": c, "name": f"c{c}", "supercategory": "s"} for c in sorted(set(cat_ids) | ({9} if quirks else set()))]
    gt = {"info": {"description": "segpack synthetic evaluation set"}, "images": images, "annotations": anns,
          "categories": cats}
    return gt, bbox_res, segm_res


SKELETON = [[16, 14], [14, 12], [17, 15], [15, 13], [12, 13], [6, 12], [7, 13], [6, 7], [6, 8], [7, 9], [8, 10],
            [9, 11], [2, 3], [1, 2], [1, 3], [2, 4], [3, 5], [4, 6], [5, 7]]


def synth_keypoints(rng, n_images):
    """Person keypoint GT (visible, occluded and unlabelled points, num_keypoints=0 persons, crowds,
    a person whose num_keypoints disagrees with its points) and jittered results."""
    images, anns, res = [], [], []
    ann_id = 1
    for i in range(n_images):
        h, w = SIZES[rng.integers(len(SIZES))]
        img_id = 500 + 3 * i
        images.append({"id": img_id, "width": int(w), "height": int(h), "file_name": f"{img_id}.jpg"})
        for _ in range(0 if i % 8 == 5 else int(rng.poisson(3))):
            kind = rng.choice(["small", "medium", "large", "huge"])
            rx, ry = object_extent(rng, h, w, kind)
            cx, cy = rng.uniform(rx, w - rx), rng.uniform(ry, h - ry)
            xs = rng.uniform(cx - rx, cx + rx, 17).round(0)
            ys = rng.uniform(cy - ry, cy + ry, 17).round(0)
            v = rng.choice([0, 1, 2], 17, p=[.3, .2, .5])
            crowd = rng.random() < 0.06
            if crowd or rng.random() < 0.08:
                v[:] = 0
            kps = []
            for x, y, vv in zip(xs, ys, v):
                kps += [int(x), int(y), int(vv)] if vv > 0 else [0, 0, 0]
            num = int(np.count_nonzero(v))
            if not crowd and num == 0 and rng.random() < 0.5:
                num = 3  # the field disagrees with the points: not ignored, OKS from the box margin
            box = [round(float(cx - rx), 2), round(float(cy - ry), 2), round(float(2 * rx), 2), round(float(2 * ry), 2)]
            area = round(float(4 * rx * ry * rng.uniform(0.4, 0.8)), 2)
            anns.append({"id": ann_id, "image_id": img_id, "category_id": 1, "keypoints": kps, "num_keypoints": num,
                         "area": area, "bbox": box, "iscrowd": int(crowd),
                         "segmentation": [[box[0], box[1], box[0] + box[2], box[1], box[0] + box[2], box[1] + box[3]]]})
            ann_id += 1
            for _ in range(int(rng.poisson(2))):
                sd = rng.choice([0.5, 2, 6, 15])
                dk = []
                for x, y in zip(xs, ys):
                    dk += [round(float(x + rng.normal(0, sd)), 2), round(float(y + rng.normal(0, sd)), 2), 1]
                res.append({"image_id": img_id, "category_id": 1, "keypoints": dk,
                            "score": round(float(rng.uniform(0.1, 1)), 2)})
        if i % 7 == 2:  # a person detected where there is none
            dk = []
            for _ in range(17):
                dk += [round(float(rng.uniform(0, w)), 2), round(float(rng.uniform(0, h)), 2), 1]
            res.append({"image_id": img_id, "category_id": 1, "keypoints": dk, "score": 0.5})
    gt = {"info": {"description": "segpack synthetic person keypoints"}, "images": images, "annotations": anns,
          "categories": [{"id": 1, "name": "person", "supercategory": "person",
                          "keypoints": [f"k{j}" for j in range(17)], "skeleton": SKELETON}]}
    return gt, res


def coco_mini_results(rng, gt_path, kind):
    """Detections for a real GT file: jittered copies of its annotations and false positives."""
    quiet = contextlib.redirect_stdout(io.StringIO())
    with quiet:
        coco = COCO(gt_path)
    res = []
    cat_ids = sorted(coco.getCatIds())
    for ann in coco.dataset["annotations"]:
        img = coco.imgs[ann["image_id"]]
        h, w = img["height"], img["width"]
        for _ in range(int(rng.poisson(1.2))):
            score = round(float(rng.uniform(0.05, 1)), 3)
            if kind == "keypoints":
                kp = ann["keypoints"]
                dk = []
                for j in range(17):
                    sd = rng.choice([1, 4, 12])
                    dk += [round(kp[3 * j] + float(rng.normal(0, sd)), 2), round(kp[3 * j + 1] + float(rng.normal(0, sd)), 2), 1]
                res.append({"image_id": ann["image_id"], "category_id": 1, "keypoints": dk, "score": score})
                continue
            x, y, bw, bh = ann["bbox"]
            dx, dy = rng.normal(0, 0.1 * bw + 1), rng.normal(0, 0.1 * bh + 1)
            cat = ann["category_id"] if rng.random() > 0.05 else int(rng.choice(cat_ids))
            if kind == "bbox":
                res.append({"image_id": ann["image_id"], "category_id": cat, "score": score,
                            "bbox": [round(x + dx, 2), round(y + dy, 2), round(bw * rng.uniform(.85, 1.15), 2),
                                     round(bh * rng.uniform(.85, 1.15), 2)]})
            else:
                m = mask_utils.decode(coco.annToRLE(ann))
                m = np.roll(m, (int(round(dy)), int(round(dx))), axis=(0, 1))
                rle = mask_utils.encode(np.asfortranarray(m))
                if mask_utils.area(rle) > 0:
                    res.append({"image_id": ann["image_id"], "category_id": cat, "score": score,
                                "segmentation": compressed(rle)})
    for img_id in sorted(coco.imgs)[::3]:
        img = coco.imgs[img_id]
        h, w = img["height"], img["width"]
        bw, bh = float(rng.uniform(5, w / 3)), float(rng.uniform(5, h / 3))
        x, y = float(rng.uniform(0, w - bw)), float(rng.uniform(0, h - bh))
        score = round(float(rng.uniform(0, 0.6)), 3)
        if kind == "keypoints":
            dk = []
            for _ in range(17):
                dk += [round(float(rng.uniform(x, x + bw)), 2), round(float(rng.uniform(y, y + bh)), 2), 1]
            res.append({"image_id": img_id, "category_id": 1, "keypoints": dk, "score": score})
        elif kind == "bbox":
            res.append({"image_id": img_id, "category_id": int(rng.choice(cat_ids)), "score": score,
                        "bbox": [round(x, 2), round(y, 2), round(bw, 2), round(bh, 2)]})
        else:
            rle = mask_utils.frPyObjects(np.array([[x, y, bw, bh]]), h, w)[0]
            res.append({"image_id": img_id, "category_id": int(rng.choice(cat_ids)), "score": score,
                        "segmentation": compressed(rle)})
    return res


def load(gt_path, res_path, fast=False):
    with contextlib.redirect_stdout(io.StringIO()):
        if fast:
            gt = FCOCO(gt_path)
            return gt, gt.loadRes(res_path)
        gt = COCO(gt_path)
        return gt, gt.loadRes(res_path)


def number(v):
    v = v.item() if isinstance(v, np.generic) else v
    return v


def prepared_rows(gt, dt, iou_type):
    """Every GT and result annotation with the fields COCOeval reads, as _prepare leaves them."""
    rows = []
    for coco, kind in ((gt, "gt"), (dt, "dt")):
        for ann in coco.dataset["annotations"]:
            row = {"kind": kind, "id": ann["id"], "image_id": ann["image_id"], "category_id": ann["category_id"],
                   "area": number(ann["area"]), "bbox": [number(v) for v in ann["bbox"]]}
            if kind == "gt":
                row["iscrowd"] = ann["iscrowd"]
            else:
                row["score"] = ann["score"]
            if iou_type == "segm":
                rle = coco.annToRLE(ann)
                row["size"] = [int(rle["size"][0]), int(rle["size"][1])]
                counts = rle["counts"]
                row["counts"] = counts.decode("ascii") if isinstance(counts, bytes) else counts
            if iou_type == "keypoints":
                row["keypoints"] = ann["keypoints"]
                if kind == "gt":
                    row["num_keypoints"] = ann["num_keypoints"]
            rows.append(row)
    return rows


def array_field(a):
    a = np.ascontiguousarray(a, dtype="<f8")
    return {"shape": list(a.shape), "zlib64": base64.b64encode(zlib.compress(a.tobytes(), 9)).decode("ascii")}


def apply_params(params, given):
    for key, value in given.items():
        if key in ("iouThrs", "recThrs", "kpt_oks_sigmas"):
            value = np.array(value, dtype=float)
        setattr(params, key, copy.deepcopy(value))


def run_case(gt_path, res_path, iou_type, given):
    gt, dt = load(gt_path, res_path)
    E = COCOeval(gt, dt, iou_type)
    apply_params(E.params, given)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        E.evaluate()
        E.accumulate()
    summary = io.StringIO()
    try:
        with contextlib.redirect_stdout(summary):
            E.summarize()
        stats = [float(v) for v in E.stats]
    except IndexError as e:  # pycocotools' summarize reads maxDets[2]
        stats = None
        summary = io.StringIO(f"summarize raised IndexError: {e}\n")
    return E, stats, summary.getvalue().splitlines()


def compare_fce(gt_path, res_path, iou_type, given, E, stats):
    """faster-coco-eval on the same case, in a forked child: it crashes on some parameters."""
    if faster_coco_eval is None:
        return {"run": False, "why": "faster_coco_eval is not importable"}
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        with os.fdopen(write, "w") as w:
            w.write(json.dumps(fce_agreement(gt_path, res_path, iou_type, given, E, stats)))
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as r:
        text = r.read()
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return {"run": True, "crashed": f"signal {os.WTERMSIG(status)}"}
    return json.loads(text)


def fce_agreement(gt_path, res_path, iou_type, given, E, stats):
    try:
        gt, dt = load(gt_path, res_path, fast=True)
        F = COCOeval_faster(gt, dt, iou_type, print_function=lambda *a, **k: None)
        apply_params(F.params, given)
        F.evaluate()
        F.accumulate()
        with contextlib.redirect_stdout(io.StringIO()):
            F.summarize()
    except Exception as e:  # noqa: BLE001 - recorded, not hidden
        return {"run": True, "error": f"{type(e).__name__}: {e}"}
    p, q = E.eval["precision"], np.asarray(F.eval["precision"])
    result = {"run": True, "version": faster_coco_eval.__version__}
    if p.shape != q.shape:
        result["precision_shape"] = list(q.shape)
        return result
    result["precision_equal"] = bool(np.array_equal(p, q))
    result["precision_max_diff"] = float(np.max(np.abs(p - q))) if p.size else 0.0
    result["recall_equal"] = bool(np.array_equal(E.eval["recall"], np.asarray(F.eval["recall"])))
    if stats is not None:
        fs = [float(v) for v in F.stats[:len(stats)]]
        result["stats_equal"] = fs == stats
        result["stats_max_diff"] = max(abs(a - b) for a, b in zip(fs, stats))
    return result


def write_json(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")


def write_prepared(path, gt_path, res_path, iou_type):
    gt, dt = load(gt_path, res_path)
    rows = prepared_rows(gt, dt, iou_type)
    with gzip.GzipFile(path, "wb", mtime=0) as f:
        for row in rows:
            f.write((json.dumps(row, separators=(",", ":")) + "\n").encode())


def record(out, repo):
    rng = np.random.default_rng(20261201)
    os.makedirs(os.path.join(out, "prepared"), exist_ok=True)
    gt, bbox_res, segm_res = synth_instances(rng, 60, [1, 2, 3, 5, 8])
    write_json(os.path.join(out, "synth_instances.json"), gt)
    write_json(os.path.join(out, "synth_bbox_results.json"), bbox_res)
    write_json(os.path.join(out, "synth_segm_results.json"), segm_res)
    kgt, kres = synth_keypoints(rng, 40)
    write_json(os.path.join(out, "synth_person_keypoints.json"), kgt)
    write_json(os.path.join(out, "synth_keypoints_results.json"), kres)
    mini = os.path.join(repo, "testdata", "coco-mini", "annotations")
    mini_inst, mini_kps = os.path.join(mini, "instances_val2017.json"), os.path.join(mini, "person_keypoints_val2017.json")
    for kind, gt_path in (("bbox", mini_inst), ("segm", mini_inst), ("keypoints", mini_kps)):
        write_json(os.path.join(out, f"coco_mini_{kind}_results.json"), coco_mini_results(rng, gt_path, kind))

    # prepared set name -> (GT path, results path, iou type); GT paths are written relative to testdata/
    sets = {
        "synth_bbox": (os.path.join(out, "synth_instances.json"), os.path.join(out, "synth_bbox_results.json"), "bbox"),
        "synth_segm": (os.path.join(out, "synth_instances.json"), os.path.join(out, "synth_segm_results.json"), "segm"),
        "synth_keypoints": (os.path.join(out, "synth_person_keypoints.json"),
                            os.path.join(out, "synth_keypoints_results.json"), "keypoints"),
        "coco_mini_bbox": (mini_inst, os.path.join(out, "coco_mini_bbox_results.json"), "bbox"),
        "coco_mini_segm": (mini_inst, os.path.join(out, "coco_mini_segm_results.json"), "segm"),
        "coco_mini_keypoints": (mini_kps, os.path.join(out, "coco_mini_keypoints_results.json"), "keypoints"),
    }
    for name, (g, r, t) in sets.items():
        write_prepared(os.path.join(out, "prepared", f"{name}.jsonl.gz"), g, r, t)

    synth_imgs = sorted(im["id"] for im in gt["images"])
    det_variants = {
        "default": {},
        "maxdets_unsorted": {"maxDets": [20, 1, 5]},
        "no_cats": {"useCats": 0},
        "img_subset": {"imgIds": synth_imgs[::3][::-1] + [synth_imgs[3], 999999]},
        "cat_subset": {"catIds": [8, 1, 9, 1, 77]},
        "area_ranges": {"areaRng": [[0, 1e10], [0, 16 ** 2], [16 ** 2, 64 ** 2], [64 ** 2, 1e10], [1e3, 2e3]],
                        "areaRngLbl": ["all", "small", "medium", "large", "band"]},
        "iou_thrs": {"iouThrs": [0.5, 0.75, 0.9], "recThrs": np.linspace(0, 1, 11).tolist()},
        "one_maxdet": {"maxDets": [10]},
    }
    kp_variants = {
        "default": {},
        "no_cats": {"useCats": 0},
        "maxdets": {"maxDets": [5, 20]},
        "sigmas": {"kpt_oks_sigmas": [0.05] * 17},
    }
    cases = []
    for name in ("synth_bbox", "synth_segm"):
        cases += [(name, v, p) for v, p in det_variants.items()]
    cases += [("synth_keypoints", v, p) for v, p in kp_variants.items()]
    cases += [("coco_mini_bbox", "default", {}), ("coco_mini_segm", "default", {}),
              ("coco_mini_keypoints", "default", {}), ("coco_mini_bbox", "no_cats", {"useCats": 0})]
    with gzip.GzipFile(os.path.join(out, "expected.jsonl.gz"), "wb", mtime=0) as f:
        for name, variant, given in cases:
            g, r, t = sets[name]
            E, stats, lines = run_case(g, r, t, given)
            p = E._paramsEval  # as evaluate() normalised them (accumulate then sets catIds to [-1] without categories)
            row = {"case": f"{name}/{variant}", "prepared": f"prepared/{name}.jsonl.gz", "iouType": t,
                   "given": given,
                   "params": {"imgIds": [int(v) for v in p.imgIds], "catIds": [int(v) for v in p.catIds],
                              "iouThrs": [float(v) for v in p.iouThrs], "recThrs": [float(v) for v in p.recThrs],
                              "maxDets": list(p.maxDets), "areaRng": [[float(a), float(b)] for a, b in p.areaRng],
                              "areaRngLbl": list(p.areaRngLbl), "useCats": int(p.useCats)},
                   "stats": stats, "lines": lines,
                   "precision": array_field(E.eval["precision"]), "recall": array_field(E.eval["recall"]),
                   "scores": array_field(E.eval["scores"]),
                   "faster_coco_eval": compare_fce(g, r, t, given, E, stats)}
            if t == "keypoints":
                row["params"]["kpt_oks_sigmas"] = [float(v) for v in p.kpt_oks_sigmas]
            f.write((json.dumps(row, separators=(",", ":")) + "\n").encode())
            fce = row["faster_coco_eval"]
            print(f"{row['case']:34s} stats[0]={stats[0] if stats else None!r:24} faster-coco-eval: "
                  + ", ".join(f"{k}={v}" for k, v in fce.items() if k not in ("run", "version")))


def timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def bench(out, images):
    rng = np.random.default_rng(7)
    os.makedirs(out, exist_ok=True)
    cat_ids = list(range(1, 81))
    gt, bbox_res, segm_res = synth_instances(rng, images, cat_ids, gt_per_image=4.0, det_per_gt=2.0,
                                             fp_per_image=4.0, quirks=False)
    paths = {"gt": os.path.join(out, "bench_instances.json"), "bbox": os.path.join(out, "bench_bbox_results.json"),
             "segm": os.path.join(out, "bench_segm_results.json")}
    write_json(paths["gt"], gt)
    write_json(paths["bbox"], bbox_res)
    write_json(paths["segm"], segm_res)
    print(json.dumps({"images": images, "gt": len(gt["annotations"]), "bbox_results": len(bbox_res),
                      "segm_results": len(segm_res)}))
    for t in ("bbox", "segm"):
        write_prepared(os.path.join(out, f"bench_{t}.jsonl.gz"), paths["gt"], paths[t], t)
        for impl in ("pycocotools", "faster-coco-eval"):
            if impl == "faster-coco-eval" and faster_coco_eval is None:
                continue
            fast = impl != "pycocotools"
            (g, d), t_load = timed(lambda: load(paths["gt"], paths[t], fast))
            with contextlib.redirect_stdout(io.StringIO()):
                E = COCOeval_faster(g, d, t, print_function=lambda *a, **k: None, separate_eval=True) if fast \
                    else COCOeval(g, d, t)
                _, t_eval = timed(E.evaluate)
                _, t_acc = timed(E.accumulate)
                E.summarize()
            print(json.dumps({"impl": impl, "iouType": t, "load_s": round(t_load, 3), "evaluate_s": round(t_eval, 3),
                              "accumulate_s": round(t_acc, 3), "evaluate_plus_accumulate_s": round(t_eval + t_acc, 3),
                              "stats0": float(E.stats[0])}))


def record_bench_parser(description):
    """The command line of this script and coco_eval_cli.py: `record OUT` and `bench OUT [--images N]`.
    Returns the parser and the `bench` subparser, for the options a script adds to it."""
    ap = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("record").add_argument("out")
    b = sub.add_parser("bench")
    b.add_argument("out")
    b.add_argument("--images", type=int, default=5000)
    return ap, b


def main():
    ap, _ = record_bench_parser(__doc__)
    args = ap.parse_args()
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    if args.cmd == "record":
        record(args.out, repo)
    else:
        bench(args.out, args.images)


if __name__ == "__main__":
    sys.exit(main())

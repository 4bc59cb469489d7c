"""pycocotools.cocoeval.COCOeval computed by the segpack engine: the same Params (set them before
evaluate()), evaluate(), accumulate(), summarize(), stats, eval and evalImgs, the same numbers, and
the same lines printed.

evaluate() gathers the annotations _prepare gathers (those of params.imgIds, of params.catIds) from
both COCO objects as they are in memory, hands them to Java as columns (numbers as arrays; the
segmentations as their counts strings when all are compressed RLEs, else as one JSON list), and runs
the engine's evaluateImg over every image and category on all cores (dev.segpack.python.EvalCalls).
Masks are annToRLE's, made in Java: the annotations' 'segmentation' values are not replaced by RLEs
as pycocotools' _prepare replaces them. The IoU matrices are not kept (self.ious stays empty).
evalImgs is made when first read, by evaluating once more with every match recorded.

accumulate() accumulates what evaluate() evaluated or, when evalImgs was assigned (torchvision's
CocoEvaluator merges the evalImgs of evaluations of parts of the images), that list. Given parameters
other than those of the evaluation (pycocotools then reads a subset of evalImgs), it raises
ValueError. summarize() raises IndexError where pycocotools does (fewer than 3 maxDets for bbox and
segm), before printing.
"""
import copy
import datetime
import itertools
import json
import time
from collections import defaultdict

import numpy as np

from . import _jvm, mask as maskUtils
from ._jvm import ENGINE_ERRORS, direct_buffers

__all__ = ["COCOeval", "Params"]


class COCOeval:
    """Evaluation of detections (cocoDt, usually cocoGt.loadRes(...)) against ground truth (cocoGt) for
    iouType 'bbox', 'segm' or 'keypoints'."""

    def __init__(self, cocoGt=None, cocoDt=None, iouType="segm"):
        if not iouType:
            print("iouType not specified. use default iouType segm")
        self.cocoGt = cocoGt
        self.cocoDt = cocoDt
        self.eval = {}
        self.params = Params(iouType=iouType)
        self._paramsEval = {}
        self.stats = []
        self.ious = {}
        self._run = None
        self._accumulation = None
        self._evalImgs = defaultdict(list)
        self._evalImgsAssigned = False
        if cocoGt is not None:
            self.params.imgIds = sorted(cocoGt.getImgIds())
            self.params.catIds = sorted(cocoGt.getCatIds())

    @property
    def evalImgs(self):
        """Per category, area range and image (in that order) what evaluateImg gives: a dict of dtIds,
        gtIds, dtMatches, gtMatches, dtScores, gtIgnore, dtIgnore, or None for a cell without ground
        truth or detections. Made on first use after evaluate()."""
        if self._evalImgs is None:
            self._evalImgs = self._image_evaluations()
        return self._evalImgs

    @evalImgs.setter
    def evalImgs(self, value):
        self._evalImgs = value
        self._evalImgsAssigned = True

    def evaluate(self):
        """Runs evaluateImg on every image and category of the parameters (normalised as pycocotools
        normalises them: sorted unique imgIds, and catIds with categories used, sorted maxDets)."""
        tic = time.time()
        print("Running per image evaluation...")
        p = self.params
        if p.useSegm is not None:
            p.iouType = "segm" if p.useSegm == 1 else "bbox"
            print("useSegm (deprecated) is not None. Running {} evaluation".format(p.iouType))
        print("Evaluate annotation type *{}*".format(p.iouType))
        p.imgIds = list(np.unique(p.imgIds))
        if p.useCats:
            p.catIds = list(np.unique(p.catIds))
        p.maxDets = sorted(p.maxDets)
        self.params = p
        java = _jvm.java()
        with ENGINE_ERRORS:
            params = _engine_params(java, p)
            gt = _columns(java, self.cocoGt, p, ground_truth=True)
            dt = _columns(java, self.cocoDt, p, ground_truth=False)
            self._run = java.EvalCalls.evaluate(params, gt, dt)
        self._evalImgs = None
        self._evalImgsAssigned = False
        self._accumulation = None
        self.eval = {}
        self._paramsEval = copy.deepcopy(self.params)
        print("DONE (t={:0.2f}s).".format(time.time() - tic))

    def accumulate(self, p=None):
        """precision [T,R,K,A,M], recall [T,K,A,M] and scores [T,R,K,A,M] into self.eval, -1 where a
        category has no ground truth that counts."""
        print("Accumulating evaluation results...")
        tic = time.time()
        if not self._evalImgsAssigned and self._run is None:
            print("Please run evaluate() first")
            raise RuntimeError("Please run evaluate() first")
        if p is None:
            p = self.params
        p.catIds = p.catIds if p.useCats == 1 else [-1]
        _check_evaluated(p, self._paramsEval)
        java = _jvm.java()
        with ENGINE_ERRORS:
            if self._evalImgsAssigned:
                acc = java.EvalCalls.accumulate(_engine_params(java, self._paramsEval),
                                                *_flattened(self._evalImgs, self._paramsEval))
            else:
                acc = self._run.accumulate()
        counts = [int(c) for c in acc.counts()]
        t, r, k, a, m = counts
        self._accumulation = acc
        self.eval = {
            "params": p,
            "counts": counts,
            "date": datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S"),
            "precision": np.array(acc.precision()).reshape(t, r, k, a, m),
            "recall": np.array(acc.recall()).reshape(t, k, a, m),
            "scores": np.array(acc.scores()).reshape(t, r, k, a, m),
        }
        print("DONE (t={:0.2f}s).".format(time.time() - tic))

    def summarize(self):
        """Prints the 12 AP/AR lines (10 for keypoints) and sets self.stats, as pycocotools does."""
        if not self.eval:
            raise Exception("Please run accumulate() first")
        java = _jvm.java()
        try:
            summary = self._accumulation.summarize()
        except java.IllegalStateException as e:
            raise IndexError(str(e.getMessage())) from None
        for line in summary.lines():
            print(line)
        self.stats = np.array(summary.stats(), dtype=np.float64)

    def _image_evaluations(self):
        if self._run is None:
            return defaultdict(list)
        with ENGINE_ERRORS:
            images = self._run.imageEvaluations()
        p = self._paramsEval
        cat_ids = p.catIds if p.useCats else [-1]
        areas, img_ids = len(p.areaRng), len(p.imgIds)
        t = len(p.iouThrs)
        max_det = p.maxDets[-1]
        category, area, image = (np.array(x) for x in (images.category(), images.area(), images.image()))
        dt_start, gt_start, counted = (np.array(x) for x in (images.dtStart(), images.gtStart(), images.gtCounted()))
        dt_ids, dt_scores, gt_ids = np.array(images.dtIds()), np.array(images.dtScores()), np.array(images.gtIds())
        dt_matches, gt_matches = np.array(images.dtMatches()), np.array(images.gtMatches())
        dt_ignore = np.array(images.dtIgnore(), dtype=bool)
        out = [None] * (len(cat_ids) * areas * img_ids)
        for e in range(len(category)):
            d0, d1, g0, g1 = int(dt_start[e]), int(dt_start[e + 1]), int(gt_start[e]), int(gt_start[e + 1])
            gt_ignore = np.zeros(g1 - g0, dtype=np.int64) if g1 > g0 else np.array([])
            gt_ignore[counted[e]:] = 1
            k, a, i = int(category[e]), int(area[e]), int(image[e])
            out[(k * areas + a) * img_ids + i] = {
                "image_id": p.imgIds[i],
                "category_id": cat_ids[k],
                "aRng": p.areaRng[a],
                "maxDet": max_det,
                "dtIds": dt_ids[d0:d1].tolist(),
                "gtIds": gt_ids[g0:g1].tolist(),
                "dtMatches": dt_matches[t * d0:t * d1].reshape(t, d1 - d0),
                "gtMatches": gt_matches[t * g0:t * g1].reshape(t, g1 - g0),
                "dtScores": dt_scores[d0:d1].tolist(),
                "gtIgnore": gt_ignore,
                "dtIgnore": dt_ignore[t * d0:t * d1].reshape(t, d1 - d0),
            }
        return out


class Params:
    """COCOeval's parameters, with pycocotools' defaults for iouType."""

    def setDetParams(self):
        self.imgIds = []
        self.catIds = []
        self.iouThrs = np.linspace(.5, 0.95, int(np.round((0.95 - .5) / .05)) + 1, endpoint=True)
        self.recThrs = np.linspace(.0, 1.00, int(np.round((1.00 - .0) / .01)) + 1, endpoint=True)
        self.maxDets = [1, 10, 100]
        self.areaRng = [[0 ** 2, 1e5 ** 2], [0 ** 2, 32 ** 2], [32 ** 2, 96 ** 2], [96 ** 2, 1e5 ** 2]]
        self.areaRngLbl = ["all", "small", "medium", "large"]
        self.useCats = 1

    def setKpParams(self):
        self.imgIds = []
        self.catIds = []
        self.iouThrs = np.linspace(.5, 0.95, int(np.round((0.95 - .5) / .05)) + 1, endpoint=True)
        self.recThrs = np.linspace(.0, 1.00, int(np.round((1.00 - .0) / .01)) + 1, endpoint=True)
        self.maxDets = [20]
        self.areaRng = [[0 ** 2, 1e5 ** 2], [32 ** 2, 96 ** 2], [96 ** 2, 1e5 ** 2]]
        self.areaRngLbl = ["all", "medium", "large"]
        self.useCats = 1
        self.kpt_oks_sigmas = np.array([.26, .25, .25, .35, .35, .79, .79, .72, .72, .62, .62, 1.07, 1.07, .87, .87,
                                        .89, .89]) / 10.0

    def __init__(self, iouType="segm"):
        if iouType == "segm" or iouType == "bbox":
            self.setDetParams()
        elif iouType == "keypoints":
            self.setKpParams()
        else:
            raise Exception("iouType not supported")
        self.iouType = iouType
        self.useSegm = None


def _engine_params(java, p):
    sigmas = np.asarray(p.kpt_oks_sigmas, dtype=np.float64) if p.iouType == "keypoints" else None
    return java.EvalCalls.params(
        p.iouType, np.asarray(p.imgIds, dtype=np.int64).reshape(-1), np.asarray(p.catIds, dtype=np.int64).reshape(-1),
        bool(p.useCats), np.asarray(p.iouThrs, dtype=np.float64).reshape(-1),
        np.asarray(p.recThrs, dtype=np.float64).reshape(-1), np.asarray(p.maxDets, dtype=np.int32).reshape(-1),
        np.asarray(p.areaRng, dtype=np.float64).reshape(-1), [str(label) for label in p.areaRngLbl], sigmas)


def _check_evaluated(p, evaluated):
    """accumulate() reads what evaluate() made: parameters that select something else are refused."""
    fields = ["iouThrs", "recThrs", "maxDets", "areaRng", "imgIds", "useCats"] + (["catIds"] if p.useCats else [])
    for name in fields:
        given, used = np.asarray(getattr(p, name)), np.asarray(getattr(evaluated, name))
        if given.shape != used.shape or not np.array_equal(given, used):
            raise ValueError(f"accumulate(): params.{name} is not what evaluate() used ({getattr(evaluated, name)}); "
                             "segpack accumulates what evaluate() evaluated: run evaluate() again")


def _flattened(evalImgs, p):
    """An evalImgs list as EvalCalls.accumulate takes it: the entries that are not None, their
    positions (category, area range, image) and their lists and arrays back to back."""
    cat_ids = p.catIds if p.useCats else [-1]
    areas, images = len(p.areaRng), len(p.imgIds)
    if len(evalImgs) != len(cat_ids) * areas * images:
        raise ValueError(f"evalImgs has {len(evalImgs)} entries; _paramsEval's categories, area ranges and images "
                         f"make {len(cat_ids) * areas * images}")
    at = np.array([j for j, e in enumerate(evalImgs) if e is not None], dtype=np.int64)
    entries = [evalImgs[j] for j in at.tolist()]
    n = len(entries)

    def starts(lengths):
        out = np.zeros(n + 1, dtype=np.int32)
        np.cumsum(np.fromiter(lengths, np.int64, n), out=out[1:])
        return out

    def joined(arrays, dtype):
        return np.concatenate([np.asarray(x, dtype=dtype).reshape(-1) for x in arrays]) if n else np.zeros(0, dtype)

    chain = itertools.chain.from_iterable
    dt_start = starts(len(e["dtIds"]) for e in entries)
    gt_start = starts(len(e["gtIds"]) for e in entries)
    return ((at // (areas * images)).astype(np.int32), (at // images % areas).astype(np.int32),
            (at % images).astype(np.int32), dt_start,
            np.fromiter(chain(e["dtIds"] for e in entries), np.int64, int(dt_start[-1])),
            np.fromiter(chain(e["dtScores"] for e in entries), np.float64, int(dt_start[-1])), gt_start,
            np.fromiter(chain(e["gtIds"] for e in entries), np.int64, int(gt_start[-1])),
            np.fromiter((np.count_nonzero(np.asarray(e["gtIgnore"]) == 0) for e in entries), np.int32, n),
            joined((e["dtMatches"] for e in entries), np.float64), joined((e["gtMatches"] for e in entries), np.float64),
            joined((e["dtIgnore"] for e in entries), np.uint8).tobytes())


def _annotations(coco, p):
    """The annotations _prepare gathers: on p.imgIds, image by image in file order, of p.catIds."""
    if coco is None:
        return []
    by_image = coco.imgToAnns
    anns = [a for i in p.imgIds for a in by_image.get(i, ())]
    cats = set(p.catIds)
    return [a for a in anns if a["category_id"] in cats]


def _plain(value):
    """json.dumps' fallback for what segmentations hold besides JSON values: bytes counts, numpy values."""
    if isinstance(value, bytes):
        return value.decode("latin-1")
    if isinstance(value, (np.ndarray, np.generic)):
        return value.tolist()
    raise TypeError(f"a segmentation holds a {type(value).__name__}")


def _columns(java, coco, p, ground_truth):
    """_gts or _dts as the engine's GroundTruth or Detections: the columns p.iouType reads."""
    anns = _annotations(coco, p)
    n = len(anns)
    ids = np.fromiter((a["id"] for a in anns), np.int64, n)
    images = np.fromiter((a["image_id"] for a in anns), np.int64, n)
    categories = np.fromiter((a["category_id"] for a in anns), np.int64, n)
    areas = np.fromiter((a["area"] for a in anns), np.float64, n)
    kind = p.iouType
    boxes = masks = keypoints = None
    if kind == "bbox" or (kind == "keypoints" and ground_truth):
        boxes = np.array([a["bbox"] for a in anns], dtype=np.float64).reshape(-1)
        if boxes.size != 4 * n:
            raise ValueError("every annotation's bbox must be [x, y, w, h]")
    if kind == "segm":
        sizes = {}
        for i in set(images.tolist()):
            img = coco.imgs[i]
            sizes[i] = (img["height"], img["width"])
        image_sizes = np.array([sizes[i] for i in images.tolist()], dtype=np.int32).reshape(-1)
        segmentations = [a["segmentation"] for a in anns]
        if all(type(s) == dict and type(s.get("counts")) in (bytes, str) for s in segmentations):
            strings, lengths, sizes = maskUtils._rle_args(segmentations)
            with direct_buffers(strings) as (strings,):
                masks = java.EvalCalls.compressedMasks(strings, lengths, sizes, image_sizes, ids, ground_truth)
        else:
            masks = java.EvalCalls.masks(json.dumps(segmentations, default=_plain).encode(), image_sizes, ids,
                                         ground_truth)
    if kind == "keypoints":
        width = 3 * len(p.kpt_oks_sigmas)
        keypoints = np.array([a["keypoints"] for a in anns], dtype=np.float64).reshape(-1)
        if keypoints.size != width * n:
            raise ValueError(f"every annotation's keypoints must be {width} values (x, y, v for each of "
                             f"{width // 3} sigmas)")
    if ground_truth:
        crowd = np.fromiter((bool(a["iscrowd"]) for a in anns), np.uint8, n)
        counts = np.fromiter((a["num_keypoints"] for a in anns), np.int32, n) if kind == "keypoints" else None
        return java.EvalCalls.groundTruth(ids, images, categories, areas, crowd.tobytes(), boxes, masks, keypoints, counts)
    scores = np.fromiter((a["score"] for a in anns), np.float64, n)
    return java.EvalCalls.detections(ids, images, categories, scores, areas, boxes, masks, keypoints)

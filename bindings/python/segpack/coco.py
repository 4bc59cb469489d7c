"""pycocotools.coco.COCO's index and lookups, with annToRLE/annToMask computed by the segpack engine.

The file is read with json (COCO's users reach into dataset, anns and imgs as plain Python dicts,
so the dicts are made either way); the masks go through the same Java code as `segpack coco rle`
(dev.segpack.python.AnnotationCalls over dev.segpack.coco.Segmentation), which refuses what
pycocotools turns into a wrong mask: an RLE whose size is not its image's, `segmentation: []`,
malformed counts (ValueError saying why). getImgIds with filters returns ascending ids (pycocotools:
set order). loadRes takes a results file (a path or path-like), a list of results or an Nx7 array and
sets each result's area, bbox, id and iscrowd as pycocotools does; where pycocotools crashes it
answers: an empty list gives a result set without annotations, and a segmentation result with
polygons or an uncompressed RLE and no bbox gets its area and box from annToRLE's mask.
"""
import copy
import itertools
import json
import os
import time
import urllib.request
from collections import defaultdict

import numpy as np

from . import _jvm, mask as maskUtils
from ._jvm import ENGINE_ERRORS

__all__ = ["COCO"]


def _isArrayLike(obj):
    return hasattr(obj, "__iter__") and hasattr(obj, "__len__")


def _as_list(ids):
    return ids if _isArrayLike(ids) else [ids]


class COCO:
    """A COCO annotation file (a path, a path-like, or an already loaded dict) and its index:
    dataset, anns, imgs, cats, imgToAnns, catToImgs."""

    def __init__(self, annotation_file=None):
        self.dataset, self.anns, self.cats, self.imgs = {}, {}, {}, {}
        self.imgToAnns, self.catToImgs = defaultdict(list), defaultdict(list)
        if annotation_file is None:
            return
        if isinstance(annotation_file, dict):
            dataset = annotation_file
        else:
            print("loading annotations into memory...")
            tic = time.time()
            with open(os.fspath(annotation_file), "r") as f:
                dataset = json.load(f)
            print("Done (t={:0.2f}s)".format(time.time() - tic))
        assert type(dataset) == dict, "annotation file format {} not supported".format(type(dataset))
        self.dataset = dataset
        self.createIndex()

    def createIndex(self):
        print("creating index...")
        anns, cats, imgs = {}, {}, {}
        imgToAnns, catToImgs = defaultdict(list), defaultdict(list)
        annotations = self.dataset.get("annotations", ())
        for ann in annotations:
            imgToAnns[ann["image_id"]].append(ann)
            anns[ann["id"]] = ann
        for img in self.dataset.get("images", ()):
            imgs[img["id"]] = img
        for cat in self.dataset.get("categories", ()):
            cats[cat["id"]] = cat
        if "annotations" in self.dataset and "categories" in self.dataset:
            for ann in annotations:
                catToImgs[ann["category_id"]].append(ann["image_id"])
        print("index created!")
        self.anns, self.imgToAnns, self.catToImgs, self.imgs, self.cats = anns, imgToAnns, catToImgs, imgs, cats

    def info(self):
        for key, value in self.dataset["info"].items():
            print("{}: {}".format(key, value))

    def getAnnIds(self, imgIds=[], catIds=[], areaRng=[], iscrowd=None):
        """Ids of the annotations on imgIds, of catIds, with area strictly inside areaRng and the
        given iscrowd; an empty filter is no filter."""
        imgIds, catIds = _as_list(imgIds), _as_list(catIds)
        anns = self.dataset["annotations"]
        if len(imgIds) or len(catIds) or len(areaRng):
            if len(imgIds):
                anns = list(itertools.chain.from_iterable(self.imgToAnns[i] for i in imgIds if i in self.imgToAnns))
            if len(catIds):
                anns = [a for a in anns if a["category_id"] in catIds]
            if len(areaRng):
                anns = [a for a in anns if areaRng[0] < a["area"] < areaRng[1]]
        if iscrowd is not None:
            return [a["id"] for a in anns if a["iscrowd"] == iscrowd]
        return [a["id"] for a in anns]

    def getCatIds(self, catNms=[], supNms=[], catIds=[]):
        """Ids of the categories named catNms, in supercategories supNms, among catIds."""
        catNms, supNms, catIds = _as_list(catNms), _as_list(supNms), _as_list(catIds)
        cats = self.dataset["categories"]
        if len(catNms):
            cats = [c for c in cats if c["name"] in catNms]
        if len(supNms):
            cats = [c for c in cats if c["supercategory"] in supNms]
        if len(catIds):
            cats = [c for c in cats if c["id"] in catIds]
        return [c["id"] for c in cats]

    def getImgIds(self, imgIds=[], catIds=[]):
        """Ids of the images among imgIds that have every category of catIds; ascending when filtered."""
        imgIds, catIds = _as_list(imgIds), _as_list(catIds)
        if len(imgIds) == 0 and len(catIds) == 0:
            return list(self.imgs.keys())
        ids = set(imgIds)
        for i, catId in enumerate(catIds):
            if i == 0 and len(ids) == 0:
                ids = set(self.catToImgs[catId])
            else:
                ids &= set(self.catToImgs[catId])
        return sorted(ids)

    def _load(self, table, ids):
        if _isArrayLike(ids):
            return [table[i] for i in ids]
        if type(ids) == int:
            return [table[ids]]
        return None

    def loadAnns(self, ids=[]):
        return self._load(self.anns, ids)

    def loadCats(self, ids=[]):
        return self._load(self.cats, ids)

    def loadImgs(self, ids=[]):
        return self._load(self.imgs, ids)

    def loadRes(self, resFile):
        """A COCO of results on this one's images: from a results file, a list of result dicts (which
        are completed in place) or an Nx7 array (see loadNumpyAnnotations). The first result decides
        what every result gets, as in pycocotools: with a non-empty bbox, area = w*h (and a box polygon
        as segmentation when there is none); with a segmentation, its mask's area (numpy.uint32) and,
        without a bbox, its box (a float64 array); with keypoints, the box and area of their extent."""
        res = COCO()
        res.dataset["info"] = copy.deepcopy(self.dataset.get("info", {}))
        res.dataset["images"] = [img for img in self.dataset["images"]]
        print("Loading and preparing results...")
        tic = time.time()
        if isinstance(resFile, (str, os.PathLike)):
            with open(os.fspath(resFile)) as f:
                anns = json.load(f)
        elif type(resFile) == np.ndarray:
            anns = self.loadNumpyAnnotations(resFile)
        else:
            anns = resFile
        assert type(anns) == list, "results in not an array of objects"
        annsImgIds = [ann["image_id"] for ann in anns]
        assert set(annsImgIds) == (set(annsImgIds) & set(self.getImgIds())), \
            "Results do not correspond to current coco set"
        if anns and "caption" in anns[0]:
            imgIds = set([img["id"] for img in res.dataset["images"]]) & set(annsImgIds)
            res.dataset["images"] = [img for img in res.dataset["images"] if img["id"] in imgIds]
            for id, ann in enumerate(anns):
                ann["id"] = id + 1
        else:
            res.dataset["categories"] = copy.deepcopy(self.dataset["categories"])
            if anns and "bbox" in anns[0] and not anns[0]["bbox"] == []:
                for id, ann in enumerate(anns):
                    bb = ann["bbox"]
                    x1, x2, y1, y2 = [bb[0], bb[0] + bb[2], bb[1], bb[1] + bb[3]]
                    if "segmentation" not in ann:
                        ann["segmentation"] = [[x1, y1, x1, y2, x2, y2, x2, y1]]
                    ann["area"] = bb[2] * bb[3]
                    ann["id"] = id + 1
                    ann["iscrowd"] = 0
            elif anns and "segmentation" in anns[0]:
                self._completeSegmentationResults(anns)
            elif anns and "keypoints" in anns[0]:
                for id, ann in enumerate(anns):
                    s = ann["keypoints"]
                    x = s[0::3]
                    y = s[1::3]
                    x0, x1, y0, y1 = np.min(x), np.max(x), np.min(y), np.max(y)
                    ann["area"] = (x1 - x0) * (y1 - y0)
                    ann["id"] = id + 1
                    ann["bbox"] = [x0, y0, x1 - x0, y1 - y0]
        print("DONE (t={:0.2f}s)".format(time.time() - tic))
        res.dataset["annotations"] = anns
        res.createIndex()
        return res

    def _completeSegmentationResults(self, anns):
        """loadRes' segmentation branch, one engine call for all compressed RLEs: area = the mask's
        area, bbox = its box unless given; a polygon or uncompressed mask is first made as annToRLE
        makes it on the result's image."""
        rles = []
        for ann in anns:
            segm = ann["segmentation"]
            if type(segm) == dict and type(segm.get("counts")) in (bytes, str):
                rles.append(segm)
            else:
                rles.append(self.annToRLE(ann))
        areas, boxes = maskUtils._area_and_bbox(rles)
        for id, ann in enumerate(anns):
            ann["area"] = areas[id]
            if "bbox" not in ann:
                ann["bbox"] = boxes[id]
            ann["id"] = id + 1
            ann["iscrowd"] = 0

    def loadNumpyAnnotations(self, data):
        """Results from an Nx7 array of rows [image_id, x, y, w, h, score, category_id], as pycocotools
        makes them (numpy scalars for the box and score)."""
        print("Converting ndarray to lists...")
        assert type(data) == np.ndarray
        print(data.shape)
        assert data.shape[1] == 7
        N = data.shape[0]
        for i in range(0, N, 1000000):
            print("{}/{}".format(i, N))
        return [{"image_id": int(image), "bbox": list(box), "score": score, "category_id": int(category)}
                for image, box, score, category in zip(data[:, 0], data[:, 1:5], data[:, 5], data[:, 6])]

    def download(self, tarDir=None, imgIds=[]):
        """Fetches each image's coco_url (every image, or those of imgIds) into tarDir/file_name,
        leaving files already there, and prints pycocotools' progress line per image; -1 without
        tarDir. Each file is written under a temporary name and renamed when complete, so an
        interrupted download is fetched again next time (pycocotools keeps the partial file)."""
        if tarDir is None:
            print("Please specify target directory")
            return -1
        imgs = self.loadImgs(imgIds) if len(imgIds) else list(self.imgs.values())
        os.makedirs(tarDir, exist_ok=True)
        for i, img in enumerate(imgs):
            started = time.time()
            target = os.path.join(tarDir, img["file_name"])
            if not os.path.exists(target):
                urllib.request.urlretrieve(img["coco_url"], target + ".part")
                os.replace(target + ".part", target)
            print("downloaded {}/{} images (t={:0.1f}s)".format(i, len(imgs), time.time() - started))

    def annToRLE(self, ann):
        """The annotation's compressed RLE on its image: polygons rasterised and united, an
        uncompressed RLE compressed, a compressed RLE checked and returned as it is."""
        img = self.imgs[ann["image_id"]]
        h, w = img["height"], img["width"]
        segm = ann["segmentation"]
        java = _jvm.java()
        with ENGINE_ERRORS:
            if type(segm) == list:
                coordinates = np.fromiter(itertools.chain.from_iterable(segm), dtype=np.float64)
                lengths = np.fromiter(map(len, segm), np.int32, len(segm))
                counts = java.AnnotationCalls.polygons(coordinates, lengths, h, w)
                return {"size": [h, w], "counts": bytes(counts)}
            rh, rw = segm["size"]
            counts = segm["counts"]
            if type(counts) == list:
                counts = java.AnnotationCalls.uncompressed(np.asarray(counts, dtype=np.int64), rh, rw, h, w)
                return {"size": [rh, rw], "counts": bytes(counts)}
            java.AnnotationCalls.checkCompressed(counts.encode() if type(counts) == str else counts, rh, rw, h, w)
            return segm

    def annToMask(self, ann):
        """The annotation's mask: uint8 [h, w] in Fortran order."""
        return maskUtils.decode(self.annToRLE(ann))

    def showAnns(self, anns, draw_bbox=False):
        """Draws the annotations on the current matplotlib axes: polygons and boxes as translucent
        patches, RLE masks as a tinted overlay (crowd in a fixed green), keypoints with their
        skeleton; caption annotations are printed."""
        if len(anns) == 0:
            return 0
        if "segmentation" in anns[0] or "keypoints" in anns[0]:
            self._drawInstances(anns, draw_bbox)
        elif "caption" in anns[0]:
            for ann in anns:
                print(ann["caption"])
        else:
            raise Exception("datasetType not supported")

    def _drawInstances(self, anns, draw_bbox):
        import matplotlib.pyplot as plt
        from matplotlib.collections import PatchCollection
        from matplotlib.patches import Polygon

        axes = plt.gca()
        axes.set_autoscale_on(False)
        patches, colours = [], []
        for ann in anns:
            colour = (np.random.random(3) * 0.6 + 0.4).tolist()
            segm = ann.get("segmentation")
            if type(segm) == list:
                for part in segm:
                    patches.append(Polygon(np.array(part).reshape(-1, 2)))
                    colours.append(colour)
            elif segm is not None:
                mask = self.annToMask(ann) if type(segm["counts"]) == list else maskUtils.decode(segm)
                tint = np.array([2.0, 166.0, 101.0]) / 255 if ann["iscrowd"] == 1 else np.random.random(3)
                overlay = np.empty(mask.shape + (4,))
                overlay[:, :, :3] = tint
                overlay[:, :, 3] = mask * 0.5
                axes.imshow(overlay)
            if type(ann.get("keypoints")) == list:
                self._drawKeypoints(plt, ann, colour)
            if draw_bbox:
                x, y, bw, bh = ann["bbox"]
                patches.append(Polygon(np.array([[x, y], [x, y + bh], [x + bw, y + bh], [x + bw, y]])))
                colours.append(colour)
        axes.add_collection(PatchCollection(patches, facecolor=colours, linewidths=0, alpha=0.4))
        axes.add_collection(PatchCollection(patches, facecolor="none", edgecolors=colours, linewidths=2))

    def _drawKeypoints(self, plt, ann, colour):
        skeleton = np.array(self.loadCats(ann["category_id"])[0]["skeleton"]) - 1
        points = np.array(ann["keypoints"])
        x, y, v = points[0::3], points[1::3], points[2::3]
        for bone in skeleton:
            if np.all(v[bone] > 0):
                plt.plot(x[bone], y[bone], linewidth=3, color=colour)
        plt.plot(x[v > 0], y[v > 0], "o", markersize=8, markerfacecolor=colour, markeredgecolor="k", markeredgewidth=2)
        plt.plot(x[v > 1], y[v > 1], "o", markersize=8, markerfacecolor=colour, markeredgecolor=colour,
                 markeredgewidth=2)

"""cityscapesScripts' label and instance images and its COCO conversion, computed by the segpack
engine (the code of `segpack cityscapes render` and `to-coco`), pixel for pixel as cityscapesScripts
2.2.4 with Pillow 9.4 draws them.
"""
import json
import os
import tempfile
import warnings

import numpy as np

from . import _jvm, _memory
from ._jvm import ENGINE_ERRORS, direct_buffers

__all__ = ["render", "to_coco", "IMAGE_TYPES"]

# Each image type and what cityscapesScripts' in-memory image of it holds, as numpy gives it
IMAGE_TYPES = {"labelIds": np.uint8, "labelTrainIds": np.uint8, "color": np.uint8, "instanceIds": np.int32,
               "instanceTrainIds": np.int32}


def render(json_path, types=tuple(IMAGE_TYPES), labels=None):
    """The images of one *_polygons.json as a dict {type: array}: labelIds and labelTrainIds uint8
    [h, w], color uint8 [h, w, 4] (RGBA), instanceIds and instanceTrainIds int32 [h, w] (the PNGs
    cityscapesScripts saves hold the same values in 16 bits). labels: a label table CSV with labels.py's
    columns instead of labels.py's table."""
    types = [types] if isinstance(types, str) else list(types)
    unknown = [t for t in types if t not in IMAGE_TYPES]
    if unknown:
        raise ValueError(f"unknown Cityscapes image type {unknown[0]!r} ({', '.join(IMAGE_TYPES)})")
    java = _jvm.java()
    with ENGINE_ERRORS:
        frame = java.CityscapesCalls.read(os.fspath(json_path), None if labels is None else os.fspath(labels))
        h, w = int(frame.h()), int(frame.w())
        out = {t: _memory.empty((h, w, 4) if t == "color" else (h, w), IMAGE_TYPES[t]) for t in types}
        if h * w:
            with direct_buffers(*out.values()) as buffers:
                frame.render(types, buffers)
    return out


def to_coco(gt_root, out=None, trainids=False, polygons=False, labels=None):
    """The instances of every frame under gt_root (gtFine/<split>/<city>/*_polygons.json) as a COCO
    dataset dict, as `segpack cityscapes to-coco` writes it (also written to out when given): one
    annotation per instance of the rendered instanceIds (or instanceTrainIds) image, crowd regions as
    compressed RLE, the others as RLE or, with polygons, as their outer contours."""
    java = _jvm.java()
    with tempfile.TemporaryDirectory(prefix="segpack-cityscapes-") as scratch:
        path = os.fspath(out) if out is not None else os.path.join(scratch, "instances.json")
        with ENGINE_ERRORS:
            given = java.CityscapesCalls.toCoco(os.fspath(gt_root), path, bool(trainids), bool(polygons),
                                                None if labels is None else os.fspath(labels))
        for warning in given:
            warnings.warn(str(warning), stacklevel=2)
        with open(path, encoding="utf-8") as f:
            return json.load(f)

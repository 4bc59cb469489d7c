"""pycocotools.mask's API computed by the segpack engine: the same functions, signatures, return
types and dtypes, and the same exception types for bad arguments. Where pycocotools crashes or
returns garbage (malformed counts, RLEs of mixed sizes in one decode, decode of nothing, boxes that
are not [n, 4], masks that are not 2-D or 3-D), these raise ValueError saying why.

RLEs are dicts {'size': [h, w], 'counts': bytes} (a str counts is accepted, as in pycocotools).
Arrays cross to Java without copies: masks of any contiguous layout are read in place (pycocotools
takes only Fortran order; the copy-free layouts here are Fortran [h,w,n], C [h,w], and a C-order
[n,h,w] stack seen as [h,w,n] through .transpose(1, 2, 0); any other layout is copied once), and
results are written straight into the numpy arrays returned (decode's, when large, in recycled
memory: see _memory). Each call is one call into Java for the whole batch.
"""
import itertools
import operator

import numpy as np

from . import _jvm, _memory
from ._jvm import ENGINE_ERRORS, direct_buffers

__all__ = ["encode", "decode", "area", "toBbox", "merge", "iou", "frPyObjects"]
_MAX_PIXELS = 0xFFFF_FFFF


def _rles(strings, sizes):
    """RLE dicts from the engine's space-terminated counts strings and their [h, w] pairs."""
    return [{"size": [h, w], "counts": s} for s, (h, w) in zip(bytes(strings).split(b" ")[:-1], sizes)]


def _rle_args(rleObjs):
    """The (strings, lengths, sizes) triple the Java side takes for a list of RLE dicts: the counts
    strings back to back in a writable uint8 array (for direct_buffers: JPype copies bytes into a Java
    byte[] one at a time), their lengths and the flat [h, w] pairs as int32 arrays. Built with map and
    join (each step one loop in C); only a list with counts other than bytes is looked at one by one."""
    counts = list(map(_COUNTS, rleObjs))
    if set(map(type, counts)) - {bytes}:
        counts = list(map(_counts_bytes, counts))
    sizes = list(map(_SIZE, rleObjs))
    try:
        if set(map(len, sizes)) - {2}:
            raise TypeError
    except TypeError:
        raise ValueError("every RLE's size must be [h, w]") from None
    n = len(counts)
    return (np.frombuffer(bytearray().join(counts), np.uint8), np.fromiter(map(len, counts), np.int32, n),
            np.fromiter(itertools.chain.from_iterable(sizes), np.int32, 2 * n))


_COUNTS = operator.itemgetter("counts")
_SIZE = operator.itemgetter("size")


def _counts_bytes(counts):
    """A compressed RLE's counts as bytes (a str is encoded, as pycocotools does)."""
    if type(counts) is str:
        return counts.encode()
    if not isinstance(counts, bytes):
        raise TypeError(f"expected bytes, {type(counts).__name__} found (compressed RLE counts are bytes or str; "
                        "frPyObjects converts uncompressed counts)")
    return counts


def encode(bimask):
    """Compressed RLEs of a uint8 (or bool) mask [h,w] (one dict) or masks [h,w,n] (a list of n
    dicts). Any nonzero value is foreground (pycocotools garbles values above 1)."""
    shape = bimask.shape
    if not isinstance(bimask, np.ndarray):
        raise TypeError(f"encode takes a numpy.ndarray, not {type(bimask).__name__}")
    if len(shape) not in (2, 3):
        raise ValueError(f"encode takes a mask [h,w] or masks [h,w,n], not an array of shape {shape}")
    if bimask.dtype == np.bool_:
        bimask = bimask.view(np.uint8)
    elif bimask.dtype != np.uint8:
        raise ValueError(f"encode takes uint8 or bool masks (as pycocotools), not {bimask.dtype}: "
                         "pass mask.astype(np.uint8)")
    if len(shape) == 2:
        return _encode(bimask[:, :, np.newaxis])[0]
    return _encode(bimask)


def _encode(masks):
    h, w, n = masks.shape
    if n == 0:
        return []
    if masks.flags.f_contiguous:
        column_major = True
    elif masks.transpose(2, 0, 1).flags.c_contiguous:
        column_major = False
    else:
        masks, column_major = np.asfortranarray(masks), True
    java = _jvm.java()
    with ENGINE_ERRORS, direct_buffers(masks) as (buffer,):
        strings = java.MaskCalls.encode(buffer, n, h, w, column_major)
    return _rles(strings, [(h, w)] * n)


def decode(rleObjs):
    """The mask of one RLE (uint8 [h,w]) or of a list of RLEs (uint8 [h,w,n]), in Fortran order."""
    if isinstance(rleObjs, list):
        return _decode(rleObjs)
    return _decode([rleObjs])[:, :, 0]


def _decode(rleObjs):
    if not rleObjs:
        raise ValueError("decode needs at least one RLE (pycocotools reads memory that is not there)")
    strings, lengths, sizes = _rle_args(rleObjs)
    h, w = int(sizes[0]), int(sizes[1])
    if h < 0 or w < 0 or h * w > _MAX_PIXELS:
        raise ValueError(f"RLE 0 has size [{h}, {w}], which no COCO RLE can have")
    java = _jvm.java()
    out = _memory.empty((h, w, len(rleObjs)), np.uint8, order="F")
    with ENGINE_ERRORS, direct_buffers(strings, out) as (strings, buffer):
        java.MaskCalls.decode(strings, lengths, sizes, buffer)
    return out


def area(rleObjs):
    """Foreground pixel counts: numpy.uint32 for one RLE, a uint32 array for a list."""
    if isinstance(rleObjs, list):
        return _area(rleObjs)
    return _area([rleObjs])[0]


def _area(rleObjs):
    return _per_rle(rleObjs, (len(rleObjs),), np.uint32, "area")


def toBbox(rleObjs):
    """Boxes [x, y, w, h] around the foreground: float64 [4] for one RLE, [n, 4] for a list."""
    if isinstance(rleObjs, list):
        return _toBbox(rleObjs)
    return _toBbox([rleObjs])[0]


def _toBbox(rleObjs):
    return _per_rle(rleObjs, (len(rleObjs), 4), np.float64, "toBbox")


def _per_rle(rleObjs, shape, dtype, call):
    """One MaskCalls `call` over a list of RLEs, writing its values straight into a new array."""
    out = np.empty(shape, dtype=dtype)
    if rleObjs:
        strings, lengths, sizes = _rle_args(rleObjs)
        java = _jvm.java()
        with ENGINE_ERRORS, direct_buffers(strings, out) as (strings, buffer):
            getattr(java.MaskCalls, call)(strings, lengths, sizes, buffer)
    return out


def _area_and_bbox(rleObjs):
    """area and toBbox of a non-empty list of RLEs, each read once."""
    areas = np.empty(len(rleObjs), dtype=np.uint32)
    boxes = np.empty((len(rleObjs), 4), dtype=np.float64)
    strings, lengths, sizes = _rle_args(rleObjs)
    java = _jvm.java()
    with ENGINE_ERRORS, direct_buffers(strings, areas, boxes) as (strings, *buffers):
        java.MaskCalls.areaAndBbox(strings, lengths, sizes, *buffers)
    return areas, boxes


def merge(rleObjs, intersect=False):
    """The union (or intersection) of a list of RLEs as one RLE; size [0, 0] for none or mixed sizes."""
    if not isinstance(rleObjs, list):
        raise TypeError(f"merge takes a list of RLEs, not {type(rleObjs).__name__}")
    strings, lengths, sizes = _rle_args(rleObjs)
    java = _jvm.java()
    with ENGINE_ERRORS, direct_buffers(strings) as (strings,):
        counts = bytes(java.MaskCalls.merge(strings, lengths, sizes, bool(intersect)))
    flat = sizes.tolist()
    size = flat[:2] if flat and flat == flat[:2] * len(rleObjs) else [0, 0]
    return {"size": size, "counts": counts}


def _iou_operand(objs):
    """pycocotools' reading of an iou argument: boxes (an [n,4] array, or a list of 4-value lists or
    arrays) become a float64 [n,4] array, a list of dicts stays RLEs; an empty one stays as it is."""
    if len(objs) == 0:
        return objs
    if type(objs) == np.ndarray:
        if objs.ndim != 2 or objs.shape[1] != 4:
            raise Exception("numpy ndarray input is only for *bounding boxes* and should have Nx4 dimension")
        return np.ascontiguousarray(objs, dtype=np.float64)
    if type(objs) == list:
        if all(type(o) in (list, np.ndarray) and len(o) == 4 for o in objs):
            return np.array(objs, dtype=np.float64).reshape(-1, 4)
        if all(type(o) == dict for o in objs):
            return objs
        raise Exception("list input can be bounding box (Nx4) or RLEs ([RLE])")
    raise Exception("unrecognized type.  The following type: RLEs (rle), np.ndarray (box), and list (box) are supported.")


def iou(dt, gt, pyiscrowd):
    """IoU of every detection with every ground truth (boxes or RLEs): float64 [m, n] in Fortran
    order; for a crowd ground truth the union is the detection's area; -1 where RLEs of different
    sizes have overlapping boxes; [] when either side is empty."""
    iscrowd = np.array(pyiscrowd, dtype=np.uint8).reshape(-1)
    dt = _iou_operand(dt)
    gt = _iou_operand(gt)
    m, n = len(dt), len(gt)
    assert len(pyiscrowd) == n, "iou(iscrowd=) must have the same length as gt"
    if m == 0 or n == 0:
        return []
    if type(dt) != type(gt):
        raise Exception("The dt and gt should have the same data type, either RLEs, list or np.ndarray")
    out = np.empty((m, n), dtype=np.float64, order="F")
    java = _jvm.java()
    if type(dt) == np.ndarray:
        with ENGINE_ERRORS, direct_buffers(dt, gt, out) as (dt_boxes, gt_boxes, buffer):
            java.MaskCalls.bbIou(dt_boxes, m, gt_boxes, n, iscrowd.tobytes(), buffer)
    else:
        dt_strings, dt_lengths, dt_sizes = _rle_args(dt)
        gt_strings, gt_lengths, gt_sizes = _rle_args(gt)
        with ENGINE_ERRORS, direct_buffers(dt_strings, gt_strings, out) as (dt_strings, gt_strings, buffer):
            java.MaskCalls.iou(dt_strings, dt_lengths, dt_sizes, gt_strings, gt_lengths, gt_sizes, iscrowd.tobytes(),
                               buffer)
    return out


def frPyObjects(pyobj, h, w):
    """Compressed RLEs of polygons, boxes or uncompressed RLEs on an h x w image: a list of them
    gives a list, one of them (a flat polygon, one box, one RLE dict) gives one dict. Boxes are
    an [n,4] float64 array or a list of 4-value lists; uncompressed RLEs keep their own size."""
    h, w = int(h), int(w)
    if type(pyobj) == np.ndarray:
        return _frBbox(pyobj, h, w)
    if type(pyobj) == list:
        first = pyobj[0]
        if type(first) == dict:
            return _frUncompressed(pyobj)
        if hasattr(first, "__len__"):
            if len(first) == 4:
                return _frBbox(np.array(pyobj, dtype=np.float64), h, w)
            return _frPoly(pyobj, h, w)
        if len(pyobj) == 4:
            return _frBbox(np.array([pyobj], dtype=np.float64), h, w)[0]
        if len(pyobj) > 4:
            return _frPoly([pyobj], h, w)[0]
    elif type(pyobj) == dict and "counts" in pyobj and "size" in pyobj:
        return _frUncompressed([pyobj])[0]
    raise Exception("input type is not supported.")


def _frBbox(boxes, h, w):
    if boxes.dtype != np.float64 or boxes.ndim != 2 or boxes.shape[1] != 4:
        raise ValueError(f"boxes must be a float64 array [n, 4], not {boxes.dtype} {boxes.shape}")
    java = _jvm.java()
    n = len(boxes)
    if n == 0:
        return []
    with ENGINE_ERRORS, direct_buffers(np.ascontiguousarray(boxes)) as (buffer,):
        strings = java.MaskCalls.frBbox(buffer, n, h, w)
    return _rles(strings, [(h, w)] * n)


def _frPoly(polygons, h, w):
    coordinates = np.fromiter(itertools.chain.from_iterable(polygons), dtype=np.float64)
    lengths = np.fromiter(map(len, polygons), np.int32, len(polygons))
    java = _jvm.java()
    with ENGINE_ERRORS:
        strings = java.MaskCalls.frPoly(coordinates, lengths, h, w)
    return _rles(strings, [(h, w)] * len(polygons))


def _counts_array(counts, what):
    if isinstance(counts, (str, bytes)):
        raise ValueError(f"{what} has compressed counts; frPyObjects converts uncompressed RLEs (counts a list of ints)")
    return np.asarray(counts, dtype=np.int64).reshape(-1)


def _frUncompressed(ucRles):
    counts = [_counts_array(r["counts"], f"RLE {i}") for i, r in enumerate(ucRles)]
    sizes = np.array([r["size"] for r in ucRles], dtype=np.int32).reshape(-1)
    lengths = np.fromiter(map(len, counts), np.int32, len(counts))
    java = _jvm.java()
    with ENGINE_ERRORS:
        strings = java.MaskCalls.frUncompressed(np.concatenate(counts), lengths, sizes)
    return _rles(strings, sizes.reshape(-1, 2).tolist())

"""pycocotools._mask, the module pycocotools.mask wraps and some libraries import directly: its
functions on lists of RLEs and 3-D mask stacks, computed as segpack.mask computes them (the same
checks, and ValueError where pycocotools crashes). Its RLEs and Masks classes, C buffers that
pycocotools passes between these functions, have no counterpart: RLEs are dicts here.
"""
import numpy as np

from . import mask

__all__ = ["encode", "decode", "merge", "area", "iou", "toBbox", "frBbox", "frPoly", "frUncompressedRLE",
           "frPyObjects"]

iou = mask.iou
merge = mask.merge
frPyObjects = mask.frPyObjects


def encode(mask3d):
    """The compressed RLEs of masks [h, w, n] (uint8; Fortran order as pycocotools requires, or any
    other layout): a list of n dicts."""
    if not isinstance(mask3d, np.ndarray) or mask3d.ndim != 3:
        raise ValueError(f"_mask.encode takes uint8 masks [h, w, n], not {getattr(mask3d, 'shape', type(mask3d))}")
    return mask.encode(mask3d)


def decode(rleObjs):
    """The masks of a list of RLEs: uint8 [h, w, n] in Fortran order."""
    return mask.decode(list(rleObjs))


def area(rleObjs):
    """Foreground pixel counts of a list of RLEs (uint32 [n])."""
    return mask.area(list(rleObjs))


def toBbox(rleObjs):
    """Boxes [x, y, w, h] of a list of RLEs (float64 [n, 4])."""
    return mask.toBbox(list(rleObjs))


def frBbox(bb, h, w):
    """The RLEs of boxes, a float64 array [n, 4], on an h x w image."""
    return mask._frBbox(bb, int(h), int(w))


def frPoly(poly, h, w):
    """The RLE of each polygon (a flat x, y list) on an h x w image."""
    return mask._frPoly(poly, int(h), int(w))


def frUncompressedRLE(ucRles, h, w):
    """The compressed RLEs of uncompressed ones ({'size', 'counts': [...]}), each at its own size (h and
    w are not used, as in pycocotools)."""
    return mask._frUncompressed(list(ucRles))

"""COCO RLE in numpy, to write the harness's RLE inputs where pycocotools is not installed. It
follows the documented format (column-major runs from a zero run; the compressed string of 5-bit
groups with deltas from the fourth run on), not pycocotools' code."""
import numpy as np


def encode(mask):
    """Uncompressed counts of a 2-D mask (nonzero = foreground), column-major."""
    flat = (np.asarray(mask).ravel(order="F") != 0).astype(np.int8)
    edges = np.flatnonzero(np.diff(np.concatenate([[0], flat, [1 - flat[-1] if flat.size else 1]])))
    return np.diff(np.concatenate([[0], edges])).astype(np.int64)


def to_string(counts):
    out = []
    counts = [int(c) for c in counts]
    for i, x in enumerate(counts):
        if i > 2:
            x -= counts[i - 2]
        more = True
        while more:
            c = x & 0x1F
            x >>= 5
            more = x != -1 if c & 0x10 else x != 0
            if more:
                c |= 0x20
            out.append(chr(c + 48))
    return "".join(out)

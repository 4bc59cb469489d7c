"""COCO RLE in numpy, to write the harness's RLE inputs where pycocotools is not installed. It
follows the documented format (column-major runs from a zero run; the compressed string of 5-bit
groups with deltas from the fourth run on), not pycocotools' code."""
import numpy as np


def encode(mask):
    """Uncompressed counts of a 2-D mask (nonzero = foreground), column-major; of a 1-D array, its runs
    in order."""
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


def from_string(s):
    """Uncompressed counts of a compressed counts string."""
    counts, p = [], 0
    while p < len(s):
        x, k, more = 0, 0, True
        while more:
            c = ord(s[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and c & 0x10:
                x |= -1 << (5 * k)
        if len(counts) > 2:
            x += counts[-2]
        counts.append(x)
    return counts


def decode(counts, h, w):
    """The h×w uint8 mask (C-contiguous view of the column-major runs)."""
    values = np.arange(len(counts)) % 2
    return np.repeat(values.astype(np.uint8), counts).reshape((h, w), order="F")

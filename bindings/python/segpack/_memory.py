"""The memory of the large arrays the engine writes results into (decode's masks, heatmaps, Cityscapes
images): blocks recycled through a small bounded pool, so that a result's pages are, after the first
calls, pages that are already there.

A fresh array costs the page faults of its first writes (for 200 decoded 480x640 masks, 61 MB, numpy
takes ~15 ms to allocate and fill one, where the decoding takes ~6), and on a VM whose host takes
freed memory back (free page reporting) up to ~110 ms. So a large result is a view of an anonymous mapping (huge pages asked for with
MADV_HUGEPAGE, populated by the kernel with MADV_POPULATE_WRITE when new); the array keeps it, and when
the array and every view of it are gone its block returns to the pool, which keeps the most recently
returned blocks up to SEGPACK_POOL_MB (default 256; 0 keeps none) and hands one to the next result
that fits it. A block serves one live array at a time.
Elsewhere than on Linux, and below 4 MiB, np.empty.
"""
import math
import mmap
import os
import threading
import weakref

import numpy as np

__all__ = ["empty"]

# Results of at least this many bytes come from the pool
_POOLED_FROM = 1 << 22
_HUGE_PAGE = 1 << 21
# madvise(MADV_POPULATE_WRITE), Linux 5.14; Python's mmap module does not name it before 3.13
_MADV_POPULATE_WRITE = getattr(mmap, "MADV_POPULATE_WRITE", 23)


def empty(shape, dtype, order="C"):
    """An uninitialised array for a result the engine writes whole: writable, its memory alive as long
    as the array or a view of it is."""
    dtype = np.dtype(dtype)
    size = math.prod(shape) * dtype.itemsize
    if size < _POOLED_FROM or not hasattr(mmap, "MADV_HUGEPAGE"):
        return np.empty(shape, dtype=dtype, order=order)
    return _POOL.array(size, shape, dtype, order)


class _Pool:
    """Blocks no array uses any more, oldest first, at most `capacity` bytes of them."""

    def __init__(self, capacity):
        self.capacity = capacity
        self._free = []
        # Reentrant: a block can come back (a cyclic collection freeing an array) while a thread holds the lock
        self._lock = threading.RLock()

    def array(self, size, shape, dtype, order):
        block = self._take(size)
        flat = np.frombuffer(block, dtype=dtype, count=size // dtype.itemsize)
        # flat.base is numpy's memoryview of the block, which every view of the result keeps alive
        weakref.finalize(flat.base, self._give_back, block).atexit = False
        return flat.reshape(shape, order=order)

    def _take(self, size):
        length = -(-size // _HUGE_PAGE) * _HUGE_PAGE
        with self._lock:
            # The smallest free block that holds size bytes and is at most a quarter larger than a new one
            fitting = [b for b in self._free if length <= len(b) <= length + size // 4]
            if fitting:
                block = min(fitting, key=len)
                self._free.remove(block)
                return block
        block = mmap.mmap(-1, length, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
        for advice in (mmap.MADV_HUGEPAGE, _MADV_POPULATE_WRITE):
            try:
                block.madvise(advice)
            except OSError:
                pass  # a kernel without it: plain pages, faulted in as they are written
        return block

    def _give_back(self, block):
        with self._lock:
            self._free.append(block)
            while sum(map(len, self._free)) > self.capacity:
                del self._free[0]


def _capacity():
    given = os.environ.get("SEGPACK_POOL_MB", "256")
    if not given.isdigit():
        raise ImportError(f"SEGPACK_POOL_MB must be a whole number of megabytes, not {given!r}")
    return int(given) << 20


_POOL = _Pool(_capacity())

"""The memory of arrays that cross to Java: inputs and results are not held after the call, a large
result (decode's masks, from segpack._memory's pool) is independent of every other live one, and
decoding in a loop keeps memory bounded."""
import gc
import weakref

import numpy as np
import pytest

from segpack import _memory, mask

H, W = 480, 640


def boxes(seed, n):
    """n uint8 [H, W] masks, each a random rectangle, stacked in Fortran order."""
    rng = np.random.default_rng(seed)
    masks = np.zeros((H, W, n), dtype=np.uint8, order="F")
    for i in range(n):
        y, x = rng.integers(0, H - 40), rng.integers(0, W - 40)
        masks[y:y + rng.integers(20, H - y), x:x + rng.integers(20, W - x), i] = 1
    return masks


# 20 masks, 6 MB: large enough to come from the pool
MASKS_A, MASKS_B = boxes(1, 20), boxes(2, 20)
RLES_A, RLES_B = mask.encode(MASKS_A), mask.encode(MASKS_B)


def test_two_live_results_are_independent():
    a = mask.decode(RLES_A)
    b = mask.decode(RLES_B)
    for result in (a, b):
        assert result.dtype == np.uint8 and result.shape == (H, W, 20) and result.flags.f_contiguous
        assert result.flags.writeable
    assert not np.shares_memory(a, b)
    np.testing.assert_array_equal(a, MASKS_A)
    np.testing.assert_array_equal(b, MASKS_B)
    b[:] = 7
    np.testing.assert_array_equal(a, MASKS_A)
    del a
    c = mask.decode(RLES_A)  # may take a's block, never b's
    np.testing.assert_array_equal(c, MASKS_A)
    assert (b == 7).all()


def test_a_view_keeps_its_block():
    view = mask.decode(RLES_A)[:, :, 3]
    other = mask.decode(RLES_B)
    np.testing.assert_array_equal(view, MASKS_A[:, :, 3])
    np.testing.assert_array_equal(other, MASKS_B)


def test_a_dropped_array_gives_its_block_to_the_next_that_fits():
    pool = _memory._Pool(64 << 20)

    def address(array):
        return array.ctypes.data
    kept = pool.array(6 << 20, (6 << 20,), np.dtype(np.uint8), "C")
    dropped = address(pool.array(6 << 20, (3 << 20,), np.dtype(np.uint16), "C"))
    again = pool.array(6 << 20, (6 << 20,), np.dtype(np.uint8), "C")
    assert address(again) == dropped
    other = pool.array(6 << 20, (6 << 20,), np.dtype(np.uint8), "C")
    assert address(other) not in (address(kept), dropped)
    del again
    assert address(pool.array(40 << 20, (40 << 20,), np.dtype(np.uint8), "C")) != dropped  # too small for it
    assert address(pool.array(5 << 20, (5 << 20,), np.dtype(np.uint8), "C")) == dropped
    assert address(pool.array(5 << 20, (1 << 20, 5), np.dtype(np.uint8), "F")) == dropped


def test_the_pool_keeps_at_most_its_capacity():
    pool = _memory._Pool(16 << 20)
    results = [pool.array(6 << 20, (6 << 20,), np.dtype(np.uint8), "C") for _ in range(4)]
    del results
    assert sum(map(len, pool._free)) <= 16 << 20 and len(pool._free) == 2


def test_small_results_are_plain_numpy_arrays():
    one = mask.decode(RLES_A[0])
    assert one.flags.owndata is False  # a view of the [h, w, 1] result, as pycocotools'
    assert _memory.empty((H, W, 1), np.uint8, order="F").flags.owndata


def test_arrays_are_not_held_after_the_call():
    masks = MASKS_A.copy(order="F")
    given = weakref.ref(masks)
    mask.encode(masks)
    areas = mask.area(RLES_A)
    made = weakref.ref(areas)
    del masks, areas
    gc.collect()
    assert given() is None and made() is None


def _rss_bytes():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise OSError("no VmRSS")


def test_decoding_in_a_loop_keeps_memory_bounded():
    try:
        before = _rss_bytes()
    except OSError:
        pytest.skip("needs /proc/self/status (Linux)")
    rles = RLES_A * 5  # 100 masks, 31 MB a result
    kept = []
    for _ in range(100):  # 3 GB of results, at most three alive at once
        kept = kept[-2:] + [mask.decode(rles)]
    np.testing.assert_array_equal(kept[-1][:, :, 20:40], MASKS_A)
    grown = _rss_bytes() - before
    assert grown < _memory._POOL.capacity + 4 * kept[-1].nbytes, f"RSS grew by {grown >> 20} MB"

"""Return types, dtypes, layouts and exception types as pycocotools 2.0.11 gives them (recorded from
it, ../shared/peers), and ValueError where it crashes or returns garbage."""
import numpy as np
import pytest

from segpack import mask

RNG = np.random.default_rng(14)
MASKS = np.asfortranarray((RNG.random((6, 5, 3)) > 0.5).astype(np.uint8))
RLES = mask.encode(MASKS)


def test_encode_returns_dicts_of_int_sizes_and_bytes_counts():
    assert isinstance(RLES, list) and len(RLES) == 3
    for r in RLES:
        assert set(r) == {"size", "counts"}
        assert type(r["size"]) is list and [type(v) for v in r["size"]] == [int, int] and r["size"] == [6, 5]
        assert type(r["counts"]) is bytes
    one = mask.encode(MASKS[:, :, 0])
    assert type(one) is dict and one == RLES[0]


@pytest.mark.parametrize("layout", ["F", "C", "stack", "strided"])
def test_every_layout_encodes_the_same(layout):
    stack = np.ascontiguousarray(MASKS.transpose(2, 0, 1))
    arrays = {"F": MASKS, "C": np.ascontiguousarray(MASKS), "stack": stack.transpose(1, 2, 0),
              "strided": np.repeat(MASKS, 2, axis=0)[::2]}
    assert mask.encode(arrays[layout]) == RLES


@pytest.mark.parametrize("layout", ["F", "C", "stack"])
def test_f_c_and_stack_layouts_cross_without_a_copy(layout, monkeypatch):
    stack = np.ascontiguousarray(MASKS.transpose(2, 0, 1))
    array = {"F": MASKS, "C": np.ascontiguousarray(MASKS[:, :, 0]), "stack": stack.transpose(1, 2, 0)}[layout]
    passed = []
    real = mask.direct_buffers

    def spy(*arrays):
        passed.extend(arrays)
        return real(*arrays)
    monkeypatch.setattr(mask, "direct_buffers", spy)
    mask.encode(array)
    assert len(passed) == 1 and np.shares_memory(passed[0], array)


def test_read_only_masks_encode():
    m = MASKS.copy(order="F")
    m.flags.writeable = False
    assert mask.encode(m) == RLES


def test_bool_masks_encode_like_uint8():
    assert mask.encode(MASKS.astype(bool)) == RLES


def test_values_above_one_are_foreground():
    assert mask.encode(np.asfortranarray(MASKS * 7)) == RLES


def test_decode_is_fortran_uint8():
    masks = mask.decode(RLES)
    assert masks.dtype == np.uint8 and masks.shape == (6, 5, 3) and masks.flags.f_contiguous
    np.testing.assert_array_equal(masks, MASKS)
    one = mask.decode(RLES[1])
    assert one.shape == (6, 5) and one.flags.f_contiguous
    np.testing.assert_array_equal(one, MASKS[:, :, 1])


def test_decode_takes_str_counts():
    np.testing.assert_array_equal(mask.decode({"size": [6, 5], "counts": RLES[0]["counts"].decode()}),
                                  MASKS[:, :, 0])


def test_area_and_to_bbox_types():
    a = mask.area(RLES)
    assert type(a) is np.ndarray and a.dtype == np.uint32 and a.shape == (3,)
    assert type(mask.area(RLES[0])) is np.uint32
    assert a.tolist() == [int(MASKS[:, :, i].sum()) for i in range(3)]
    b = mask.toBbox(RLES)
    assert b.dtype == np.float64 and b.shape == (3, 4)
    assert mask.toBbox(RLES[0]).shape == (4,)
    assert mask.area([]).dtype == np.uint32 and mask.area([]).shape == (0,)
    assert mask.toBbox([]).shape == (0, 4)


def test_merge_types():
    merged = mask.merge(RLES)
    assert merged["size"] == [6, 5] and type(merged["counts"]) is bytes
    np.testing.assert_array_equal(mask.decode(merged), MASKS.max(axis=2))
    np.testing.assert_array_equal(mask.decode(mask.merge(RLES, intersect=True)), MASKS.min(axis=2))
    assert mask.merge([]) == {"size": [0, 0], "counts": b""}
    other = mask.encode(np.zeros((2, 2), np.uint8))
    assert mask.merge([RLES[0], other]) == {"size": [0, 0], "counts": b""}


def test_iou_types():
    o = mask.iou(RLES, RLES, [0, 1, 0])
    assert o.dtype == np.float64 and o.shape == (3, 3) and o.flags.f_contiguous
    assert mask.iou([], RLES, [0, 0, 0]) == []
    boxes = mask.iou([[0, 0, 2, 2], np.array([1, 1, 2, 2])], np.array([[0, 0, 2, 2.0]]), [False])
    assert boxes.shape == (2, 1) and boxes.tolist() == [[1.0], [1 / 7]]


def test_iou_of_different_sizes_is_minus_one_where_boxes_overlap():
    full = mask.encode(np.ones((4, 4), np.uint8))
    assert mask.iou([full], [mask.encode(np.ones((5, 5), np.uint8))], [0]).tolist() == [[-1.0]]


def test_fr_py_objects_shapes():
    poly = [1, 1, 4, 1, 4, 4, 1, 4]
    assert type(mask.frPyObjects([poly], 6, 5)) is list
    assert mask.frPyObjects(poly, 6, 5) == mask.frPyObjects([poly], 6, 5)[0]
    assert mask.frPyObjects([1, 1, 3, 3], 6, 5) == mask.frPyObjects(np.array([[1, 1, 3, 3.0]]), 6, 5)[0]
    assert mask.frPyObjects([[1, 1, 3, 3]], 6.0, 5) == mask.frPyObjects(np.array([[1, 1, 3, 3.0]]), 6, 5)
    uncompressed = {"size": [6, 5], "counts": [3, 27]}
    assert mask.frPyObjects(uncompressed, 1, 1) == {"size": [6, 5], "counts": b"3k0"}


@pytest.mark.parametrize("call, error", [
    (lambda: mask.encode([[1]]), AttributeError),
    (lambda: mask.encode(np.zeros((2, 2), np.int64)), ValueError),
    (lambda: mask.decode({"size": [2, 2], "counts": [1, 3]}), TypeError),
    (lambda: mask.iou([[1, 1, 2, 2]], [[1, 1, 2, 2]], [0, 0]), AssertionError),
    (lambda: mask.iou([[1, 1, 2, 2]], [[1, 1, 2, 2]], None), TypeError),
    (lambda: mask.frPyObjects([], 5, 5), IndexError),
    (lambda: mask.frPyObjects(np.array([[1, 1, 2, 2]]), 5, 5), ValueError),
])
def test_error_types_as_pycocotools(call, error):
    with pytest.raises(error):
        call()


@pytest.mark.parametrize("call, error", [
    (lambda: mask.iou([[1, 1, 2, 2]], [RLES[0]], [0]), "same data type"),
    (lambda: mask.iou((1, 2), [[1, 1, 2, 2]], [0]), "unrecognized type"),
    (lambda: mask.iou(["abcd"], [[1, 1, 2, 2]], [0]), "bounding box"),
    (lambda: mask.frPyObjects((1, 2), 5, 5), "not supported"),
])
def test_bare_exceptions_as_pycocotools(call, error):
    with pytest.raises(Exception, match=error):
        call()


@pytest.mark.parametrize("call, reason", [
    (lambda: mask.encode(np.zeros(3, np.uint8)), "shape"),
    (lambda: mask.decode([]), "at least one"),
    (lambda: mask.decode([RLES[0], mask.encode(np.zeros((2, 2), np.uint8))]), "share a size"),
    (lambda: mask.decode({"size": [2, 2], "counts": b"1"}), "add up"),
    (lambda: mask.decode({"size": [2, 2], "counts": b"1z"}), "'z'"),
    (lambda: mask.area({"size": [2, 2], "counts": b"3"}), "add up"),
    (lambda: mask.frPyObjects(np.array([[1.0, 1, 2]]), 5, 5), r"\[n, 4\]"),
    (lambda: mask.frPyObjects([[0, 0, float("nan"), 1, 2, 2]], 5, 5), "finite|NaN"),
    (lambda: mask.frPyObjects({"size": [2, 2], "counts": [1, -3]}, 2, 2), "outside"),
])
def test_value_error_where_pycocotools_crashes_or_returns_garbage(call, reason):
    with pytest.raises(ValueError, match=reason):
        call()

"""segpack._mask, pycocotools._mask's functions on lists and 3-D stacks, on golden rows."""
import numpy as np
import pytest

from conftest import golden, mask_of
from segpack import _mask, mask

POLYGONS = golden("polygon")[:20]
BOXES = golden("bbox")[:20]
UNCOMPRESSED = golden("uncompressed")[:20]


def rle(h, w, string):
    return {"size": [h, w], "counts": string.encode()}


@pytest.mark.parametrize("g", golden("encode")[:20])
def test_list_functions(g):
    h, w = g["h"], g["w"]
    m = mask_of(g["counts"], h, w)
    expected = rle(h, w, g["string"])
    assert _mask.encode(m[:, :, np.newaxis]) == [expected]
    np.testing.assert_array_equal(_mask.decode([expected]), m[:, :, np.newaxis])
    assert _mask.area([expected]).tolist() == [g["area"]] and _mask.area([expected]).dtype == np.uint32
    assert _mask.toBbox([expected]).tolist() == [g["bbox"]]
    assert _mask.merge([expected, expected]) == expected
    assert _mask.iou([expected], [expected], [0]).shape == (1, 1)


@pytest.mark.parametrize("p", POLYGONS)
def test_fr_poly(p):
    assert _mask.frPoly(p["polygons"], p["h"], p["w"]) == [rle(p["h"], p["w"], s) for s in p["parts"]]


@pytest.mark.parametrize("b", BOXES)
def test_fr_bbox(b):
    assert _mask.frBbox(np.array([b["bbox"]], dtype=np.double), b["h"], b["w"]) == [rle(b["h"], b["w"], b["string"])]


@pytest.mark.parametrize("u", UNCOMPRESSED)
def test_fr_uncompressed_rle_keeps_each_rles_size(u):
    got = _mask.frUncompressedRLE([{"size": [u["h"], u["w"]], "counts": u["counts"]}], 1, 1)
    assert got == [rle(u["h"], u["w"], u["string"])]


def test_same_functions_as_mask():
    assert _mask.frPyObjects is mask.frPyObjects and _mask.iou is mask.iou and _mask.merge is mask.merge


def test_encode_takes_only_stacks():
    with pytest.raises(ValueError, match=r"\[h, w, n\]"):
        _mask.encode(np.zeros((2, 2), np.uint8))

"""Every pycocotools golden row (testdata/golden) through segpack.mask and COCO.annToRLE."""
import base64
import zlib

import numpy as np
import pytest

from conftest import golden, mask_of
from segpack import mask
from segpack.coco import COCO


def rle(h, w, string):
    return {"size": [h, w], "counts": string.encode()}


@pytest.mark.parametrize("g", golden("encode"))
def test_encode(g):
    h, w = g["h"], g["w"]
    m = mask_of(g["counts"], h, w)
    expected = {"size": [h, w], "counts": g["string"].encode()}
    assert mask.encode(m) == expected
    assert mask.encode(np.ascontiguousarray(m)) == expected
    assert mask.encode(m[:, :, np.newaxis]) == [expected]
    assert mask.area(expected) == g["area"]
    assert mask.toBbox(expected).tolist() == g["bbox"]
    np.testing.assert_array_equal(mask.decode(expected), m)


@pytest.mark.parametrize("g", golden("uncompressed"))
def test_uncompressed(g):
    h, w = g["h"], g["w"]
    assert mask.frPyObjects({"size": [h, w], "counts": g["counts"]}, h, w) == rle(h, w, g["string"])


@pytest.mark.parametrize("g", golden("merge"))
def test_merge(g):
    h, w = g["h"], g["w"]
    merged = mask.merge([rle(h, w, s) for s in g["inputs"]], intersect=g["intersect"])
    assert merged == rle(h, w, g["string"])
    assert mask.area(merged) == g["area"]


@pytest.mark.parametrize("g", golden("iou"))
def test_iou(g):
    if g["kind"] == "rle":
        dt = [rle(g["h"], g["w"], s) for s in g["dt"]]
        gt = [rle(g["h"], g["w"], s) for s in g["gt"]]
    else:
        dt, gt = np.array(g["dt"], dtype=np.float64).reshape(-1, 4), g["gt"]
    result = mask.iou(dt, gt, g["iscrowd"])
    expected = g["iou"]
    if len(expected) == 0 or len(expected[0]) == 0:
        assert result == []
    else:
        np.testing.assert_array_equal(result, np.array(expected))


@pytest.mark.parametrize("g", golden("polygon"))
def test_polygon(g):
    h, w = g["h"], g["w"]
    parts = mask.frPyObjects(g["polygons"], h, w)
    assert [p["counts"].decode() for p in parts] == g["parts"]
    union = mask.merge(parts)
    assert union == rle(h, w, g["string"])
    assert mask.area(union) == g["area"]
    assert mask.toBbox(union).tolist() == g["bbox"]
    coco = COCO({"images": [{"id": 1, "height": h, "width": w}],
                 "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "segmentation": g["polygons"]}]})
    assert coco.annToRLE(coco.anns[1]) == union


@pytest.mark.parametrize("g", golden("bbox"))
def test_bbox(g):
    h, w = g["h"], g["w"]
    assert mask.frPyObjects(np.array([g["bbox"]]), h, w) == [rle(h, w, g["string"])]
    assert mask.frPyObjects(g["bbox"], h, w) == rle(h, w, g["string"])
    assert mask.area(rle(h, w, g["string"])) == g["area"]


@pytest.mark.parametrize("g", golden("malformed"))
def test_malformed(g):
    h, w, counts = g["h"], g["w"], g["counts"]
    with pytest.raises(ValueError, match="counts"):
        mask.frPyObjects({"size": [h, w], "counts": counts}, h, w)
    string = mask.frPyObjects({"size": [1, sum(counts)], "counts": counts}, 1, sum(counts))["counts"]
    for call in (mask.decode, mask.area, mask.toBbox):
        with pytest.raises(ValueError, match="counts"):
            call({"size": [h, w], "counts": string})


@pytest.mark.parametrize("g", golden("labelmap"))
def test_labelmap(g):
    dtype = np.dtype(g["dtype"]).newbyteorder("<" if g["byteorder"] == "little" else ">")
    labels = np.frombuffer(zlib.decompress(base64.b64decode(g["labels_zlib_b64"])), dtype=dtype)
    labels = labels.reshape(g["h"], g["w"])
    for value, string in g["rles"].items():
        expected = rle(g["h"], g["w"], string)
        assert mask.encode(labels == int(value)) == expected
        assert mask.encode(np.asfortranarray(labels == int(value), dtype=np.uint8)) == expected

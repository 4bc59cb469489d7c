"""segpack.cityscapes on cityscapesScripts' recorded output (testdata/cityscapes): synthetic frames drawn
by cityscapesScripts 2.2.4 itself, and the COCO instances of the bochum frames."""
import base64
import gzip
import json
import zlib

import numpy as np
import pytest

from conftest import TESTDATA
from segpack import cityscapes

CITYSCAPES = TESTDATA / "cityscapes"
TABLES = {"cityscapes": None, "odd": CITYSCAPES / "synthetic" / "labels_odd.csv"}


def cases():
    with gzip.open(CITYSCAPES / "synthetic" / "cases.jsonl.gz", "rt", encoding="utf-8") as f:
        return [pytest.param(json.loads(line), id=f"case:{i}") for i, line in enumerate(f)]


def recorded(row, image_type):
    values = np.frombuffer(zlib.decompress(base64.b64decode(row[image_type])), "<i4")
    frame = row["frame"]
    shape = (frame["imgHeight"], frame["imgWidth"])
    if image_type == "color":
        return values.view(np.uint8).reshape(shape + (4,))
    return values.reshape(shape)


@pytest.mark.parametrize("row", cases())
def test_render_draws_what_cityscapes_scripts_draws(row, tmp_path):
    path = tmp_path / "frame_gtFine_polygons.json"
    path.write_text(json.dumps(row["frame"]))
    errors = [row[t + "_error"] for t in cityscapes.IMAGE_TYPES if t + "_error" in row]
    if errors:
        with pytest.raises(ValueError, match=f"frame_gtFine_polygons.json: object {min(errors)}"):
            cityscapes.render(path, labels=TABLES[row["table"]])
        return
    images = cityscapes.render(path, labels=TABLES[row["table"]])
    assert list(images) == list(cityscapes.IMAGE_TYPES)
    for image_type, image in images.items():
        assert image.dtype == cityscapes.IMAGE_TYPES[image_type]
        np.testing.assert_array_equal(image, recorded(row, image_type), err_msg=image_type)
    one = cityscapes.render(path, "labelTrainIds", labels=TABLES[row["table"]])
    assert list(one) == ["labelTrainIds"]
    np.testing.assert_array_equal(one["labelTrainIds"], images["labelTrainIds"])


def test_unknown_image_type_is_refused():
    json_path = next((CITYSCAPES / "gtFine").rglob("*_polygons.json"))
    with pytest.raises(ValueError, match="unknown Cityscapes image type 'depth'"):
        cityscapes.render(json_path, ["labelIds", "depth"])


def test_to_coco_gives_the_reference_instances(tmp_path):
    out = tmp_path / "instances.json"
    coco = cityscapes.to_coco(CITYSCAPES / "gtFine", out)
    assert json.loads(out.read_text()) == coco
    reference = [json.loads(line) for line in (CITYSCAPES / "reference" / "coco_instances.jsonl").read_text().splitlines()]
    frames = {img["id"]: img["file_name"].split("/")[1].replace("_leftImg8bit.png", "") for img in coco["images"]}
    assert len(coco["annotations"]) == len(reference)
    for i, (expected, actual) in enumerate(zip(reference, coco["annotations"])):
        assert frames[actual["image_id"]] == expected["frame"]
        assert actual["segmentation"]["counts"] == expected["string"]
        assert [actual[k] for k in ("area", "bbox", "iscrowd", "category_id", "id")] == \
            [expected["area"], expected["bbox"], expected["iscrowd"], expected["category_id"], i + 1]
    polygons = cityscapes.to_coco(CITYSCAPES / "gtFine", polygons=True)
    assert any(type(a["segmentation"]) == list for a in polygons["annotations"])
    assert [a["area"] for a in polygons["annotations"]] == [r["area"] for r in reference]

"""segpack.coco.COCO on testdata/coco-mini (annToRLE against pycocotools' recorded strings) and on
small datasets that pin pycocotools' filter semantics."""
import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from conftest import TESTDATA
from segpack import mask
from segpack.coco import COCO

ANNOTATIONS = TESTDATA / "coco-mini" / "annotations"


@pytest.mark.parametrize("name", ["instances_val2017", "person_keypoints_val2017"])
def test_ann_to_rle_matches_pycocotools_on_coco_mini(name):
    coco = COCO(ANNOTATIONS / f"{name}.json")
    with gzip.open(TESTDATA / "coco-mini" / "reference" / f"{name}_annrle.jsonl.gz", "rt") as f:
        reference = [json.loads(line) for line in f]
    assert len(reference) == len(coco.anns)
    for r in reference:
        ann = coco.anns[r["id"]]
        rle = coco.annToRLE(ann)
        counts = rle["counts"] if isinstance(rle["counts"], bytes) else rle["counts"].encode()
        assert counts == r["string"].encode(), r["id"]
        assert mask.area(rle) == r["area"] and mask.toBbox(rle).tolist() == r["bbox"], r["id"]
        m = coco.annToMask(ann)
        img = coco.imgs[ann["image_id"]]
        assert m.shape == (img["height"], img["width"]) and m.dtype == np.uint8 and m.flags.f_contiguous
        assert int(m.sum()) == r["area"]


def test_path_str_and_dict_give_the_same_index(capsys):
    path = ANNOTATIONS / "instances_val2017.json"
    by_path, by_str = COCO(path), COCO(str(path))
    assert "loading annotations into memory..." in capsys.readouterr().out
    by_dict = COCO(json.loads(path.read_text()))
    for coco in (by_str, by_dict):
        assert coco.anns == by_path.anns and coco.imgs == by_path.imgs and coco.cats == by_path.cats
        assert coco.imgToAnns == by_path.imgToAnns and coco.catToImgs == by_path.catToImgs
    assert COCO().dataset == {} and COCO().anns == {}


def small():
    return COCO({
        "info": {"description": "small"},
        "images": [{"id": i, "height": 4, "width": 5} for i in (30, 10, 20)],
        "categories": [{"id": 1, "name": "person", "supercategory": "person"},
                       {"id": 2, "name": "dog", "supercategory": "animal"},
                       {"id": 3, "name": "cat", "supercategory": "animal"}],
        "annotations": [
            {"id": 101, "image_id": 30, "category_id": 1, "area": 10, "iscrowd": 0, "bbox": [0, 0, 2, 2],
             "segmentation": [[0, 0, 3, 0, 3, 3, 0, 3]]},
            {"id": 102, "image_id": 30, "category_id": 2, "area": 20, "iscrowd": 1, "bbox": [0, 0, 2, 2],
             "segmentation": {"size": [4, 5], "counts": [2, 3, 15]}},
            {"id": 103, "image_id": 10, "category_id": 2, "area": 30, "iscrowd": 0, "bbox": [0, 0, 2, 2],
             "segmentation": {"size": [4, 5], "counts": "52="}},
            {"id": 104, "image_id": 20, "category_id": 3, "area": 40, "iscrowd": 0, "bbox": [0, 0, 2, 2],
             "segmentation": [[1, 1, 4, 1, 4, 3]]},
        ]})


def test_index_tables():
    coco = small()
    assert [a["id"] for a in coco.imgToAnns[30]] == [101, 102]
    assert coco.catToImgs == {1: [30], 2: [30, 10], 3: [20]}
    assert list(coco.imgs) == [30, 10, 20] and sorted(coco.cats) == [1, 2, 3]


@pytest.mark.parametrize("kwargs, ids", [
    ({}, [101, 102, 103, 104]),
    ({"imgIds": 30}, [101, 102]),
    ({"imgIds": [20, 30, 99]}, [104, 101, 102]),
    ({"catIds": [2]}, [102, 103]),
    ({"areaRng": [10, 40]}, [102, 103]),
    ({"iscrowd": 0}, [101, 103, 104]),
    ({"iscrowd": True}, [102]),
    ({"imgIds": [30], "catIds": 2, "iscrowd": 1}, [102]),
    ({"imgIds": [99]}, []),
])
def test_get_ann_ids(kwargs, ids):
    assert small().getAnnIds(**kwargs) == ids


@pytest.mark.parametrize("kwargs, ids", [
    ({}, [1, 2, 3]),
    ({"catNms": "dog"}, [2]),
    ({"supNms": ["animal"]}, [2, 3]),
    ({"supNms": "animal", "catIds": [3, 1]}, [3]),
    ({"catNms": ["person", "cat"], "catIds": 1}, [1]),
])
def test_get_cat_ids(kwargs, ids):
    assert small().getCatIds(**kwargs) == ids


@pytest.mark.parametrize("kwargs, ids", [
    ({}, [30, 10, 20]),
    ({"catIds": 2}, [10, 30]),
    ({"catIds": [1, 2]}, [30]),
    ({"imgIds": [20, 10], "catIds": [2]}, [10]),
    ({"imgIds": 20}, [20]),
    ({"catIds": [1, 3]}, []),
])
def test_get_img_ids(kwargs, ids):
    assert small().getImgIds(**kwargs) == ids


def test_load_by_id_or_ids():
    coco = small()
    assert coco.loadAnns(101) == [coco.anns[101]]
    assert [a["id"] for a in coco.loadAnns([104, 102])] == [104, 102]
    assert coco.loadCats([3])[0]["name"] == "cat" and coco.loadImgs(10) == [coco.imgs[10]]
    assert coco.loadImgs(10.0) is None
    with pytest.raises(KeyError):
        coco.loadAnns([999])


def test_info_prints_the_info_block(capsys):
    coco = small()
    capsys.readouterr()
    coco.info()
    assert capsys.readouterr().out == "description: small\n"


def test_download_fetches_each_coco_url_once(tmp_path, capsys):
    sources = {}
    for id in (1, 2):
        sources[id] = tmp_path / f"source-{id}.jpg"
        sources[id].write_bytes(bytes([id]) * 100)
    coco = COCO({"images": [{"id": id, "file_name": f"{id:012d}.jpg", "coco_url": path.as_uri()}
                            for id, path in sources.items()], "annotations": [], "categories": []})
    capsys.readouterr()
    assert coco.download() == -1 and capsys.readouterr().out == "Please specify target directory\n"
    coco.download(tmp_path / "images", [2])
    assert sorted(p.name for p in (tmp_path / "images").iterdir()) == ["000000000002.jpg"]
    coco.download(tmp_path / "images")
    assert (tmp_path / "images" / "000000000001.jpg").read_bytes() == bytes([1]) * 100
    sources[2].write_bytes(b"changed")  # a file already there is left as it is
    coco.download(tmp_path / "images")
    assert (tmp_path / "images" / "000000000002.jpg").read_bytes() == bytes([2]) * 100
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5 and lines[0].startswith("downloaded 0/1 images (t=") and lines[-1].startswith("downloaded 1/2 ")


def test_ann_to_rle_forms():
    coco = small()
    compressed = coco.anns[103]["segmentation"]
    assert coco.annToRLE(coco.anns[103]) is compressed
    assert coco.annToRLE(coco.anns[102]) == mask.frPyObjects(coco.anns[102]["segmentation"], 4, 5)
    polygon = coco.annToRLE(coco.anns[101])
    assert polygon == mask.merge(mask.frPyObjects(coco.anns[101]["segmentation"], 4, 5))
    np.testing.assert_array_equal(coco.annToMask(coco.anns[102]), mask.decode(coco.annToRLE(coco.anns[102])))


@pytest.mark.parametrize("segmentation, reason", [
    ([], "empty"),
    ({"size": [5, 4], "counts": [20]}, "differs"),
    ({"size": [4, 5], "counts": "52=z"}, "'z'"),
    ({"size": [4, 5], "counts": [2, 3]}, "add up"),
])
def test_ann_to_rle_refuses_what_pycocotools_turns_into_a_wrong_mask(segmentation, reason):
    coco = small()
    with pytest.raises(ValueError, match=reason):
        coco.annToRLE({"image_id": 30, "segmentation": segmentation})


def test_show_anns_draws_polygons_masks_and_keypoints():
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    coco = small()
    coco.cats[1]["skeleton"] = [[1, 2]]
    anns = coco.loadAnns([101, 102, 103])
    anns[0] = dict(anns[0], keypoints=[1, 1, 2, 3, 3, 2])
    plt.figure()
    coco.showAnns(anns, draw_bbox=True)
    axes = plt.gca()
    assert len(axes.collections) == 2 and len(axes.images) == 2 and len(axes.lines) == 3
    plt.close("all")
    assert coco.showAnns([]) == 0

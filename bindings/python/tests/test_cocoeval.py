"""segpack.cocoeval.COCOeval and COCO.loadRes against what pycocotools 2.0.11 gives (testdata/eval:
expected.jsonl.gz recorded by bench/harness/record_eval.py, python/ by record_python_api.py): stats,
the lines summarize prints, precision/recall/scores bit for bit, evalImgs entry by entry, and what
loadRes leaves in the results for each of its branches and inputs."""
import base64
import contextlib
import copy
import gzip
import io
import json
import re
import zlib

import numpy as np
import pytest

from conftest import TESTDATA
from segpack.coco import COCO
from segpack.cocoeval import COCOeval

EVAL = TESTDATA / "eval"
INSTANCES = TESTDATA / "coco-mini" / "annotations" / "instances_val2017.json"
PERSONS = TESTDATA / "coco-mini" / "annotations" / "person_keypoints_val2017.json"


def rows(path):
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


EXPECTED = rows(EVAL / "expected.jsonl.gz")
EVALIMGS = rows(EVAL / "python" / "evalimgs.jsonl.gz")
LOADRES = json.loads((EVAL / "python" / "loadres.json").read_text())


def files(case, iou_type):
    """The GT and results files record_eval.py ran a case on."""
    if case.startswith("coco_mini"):
        return PERSONS if iou_type == "keypoints" else INSTANCES, EVAL / f"coco_mini_{iou_type}_results.json"
    gt = "synth_person_keypoints.json" if iou_type == "keypoints" else "synth_instances.json"
    return EVAL / gt, EVAL / f"{case.split('/')[0]}_results.json"


def given_params(params, given):
    for key, value in given.items():
        setattr(params, key, np.array(value, dtype=float) if key in ("iouThrs", "recThrs", "kpt_oks_sigmas")
                else copy.deepcopy(value))


def evaluated(gt_path, dt, iou_type, given):
    with contextlib.redirect_stdout(io.StringIO()):
        gt = COCO(gt_path)
        E = COCOeval(gt, gt.loadRes(dt), iou_type)
        given_params(E.params, given)
        E.evaluate()
        E.accumulate()
    return E


def recorded_array(field):
    return np.frombuffer(zlib.decompress(base64.b64decode(field["zlib64"])), "<f8").reshape(field["shape"])


def summarized(E):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        E.summarize()
    return out.getvalue().splitlines()


@pytest.mark.parametrize("row", EXPECTED, ids=[r["case"] for r in EXPECTED])
def test_arrays_stats_and_lines_are_pycocotools(row):
    E = evaluated(*files(row["case"], row["iouType"]), row["iouType"], row["given"])
    for name in ("precision", "recall", "scores"):
        assert E.eval[name].dtype == np.float64
        np.testing.assert_array_equal(E.eval[name], recorded_array(row[name]), err_msg=name)
    t, r, k, a, m = E.eval["counts"]
    assert E.eval["precision"].shape == (t, r, k, a, m) and E.eval["recall"].shape == (t, k, a, m)
    assert E.eval["params"] is E.params and re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", E.eval["date"])
    assert [int(i) for i in E.params.imgIds] == row["params"]["imgIds"]
    if row["stats"] is None:
        with pytest.raises(IndexError):
            E.summarize()
        return
    assert summarized(E) == row["lines"]
    assert type(E.stats) is np.ndarray and E.stats.dtype == np.float64
    np.testing.assert_allclose(E.stats, row["stats"], rtol=0, atol=1e-12)


def evalimgs_cases():
    cases, current = [], None
    for row in EVALIMGS:
        if "case" in row:
            current = (row, [])
            cases.append(pytest.param(*current, id=row["case"]))
        else:
            current[1].append(row)
    return cases


def kind_of(value):
    return f"ndarray {value.dtype}" if isinstance(value, np.ndarray) else type(value).__name__


@pytest.mark.parametrize("header, entries", evalimgs_cases())
def test_eval_imgs_and_what_is_printed_are_pycocotools(header, entries):
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        gt = COCO(TESTDATA / header["gt"])
        E = COCOeval(gt, gt.loadRes(str(TESTDATA / header["dt"])), header["iouType"])
        given_params(E.params, header["given"])
        E.evaluate()
        E.accumulate()
    assert re.sub(r"\(t=\d+\.\d\ds\)", "(t=T)", printed.getvalue()).splitlines() == header["printed"]
    ours = E.evalImgs
    assert len(ours) == header["length"] and ours is E.evalImgs
    assert [i for i, e in enumerate(ours) if e is not None] == [e["index"] for e in entries]
    for expected in entries:
        entry = ours[expected["index"]]
        assert list(entry) == [key for key in expected if key != "index"]
        for key, value in entry.items():
            kind = "gtIgnore of none" if key == "gtIgnore" and not entry["gtIds"] else key
            assert kind_of(value) == header["types"][kind], key
            plain = value.tolist() if isinstance(value, np.ndarray) else value
            assert plain == expected[key], (expected["index"], key)


def completed(anns):
    def plain(value):
        return value.tolist() if isinstance(value, (np.ndarray, np.generic)) else value
    return [{key: [plain(value), type(value).__name__] for key, value in ann.items()} for ann in anns[:3]]


@pytest.mark.parametrize("name", ["bbox", "segm", "segm_with_bbox", "keypoints"])
@pytest.mark.parametrize("given_as", ["str", "path", "list"])
def test_load_res_completes_results_as_pycocotools(name, given_as, capsys):
    case = LOADRES[name]
    gt = COCO(PERSONS if name == "keypoints" else EVAL / "synth_instances.json" if name == "segm_with_bbox"
              else INSTANCES)
    path = TESTDATA / case["dt"]
    res = gt.loadRes({"str": str(path), "path": path, "list": json.loads(path.read_text())}[given_as])
    assert sorted(res.dataset) == case["keys"] and len(res.dataset["images"]) == case["images"]
    assert len(res.dataset.get("categories", [])) == case["categories"]
    assert completed(res.dataset["annotations"]) == case["annotations"]
    assert "Loading and preparing results..." in capsys.readouterr().out


def numpy_results():
    results = json.loads((EVAL / "coco_mini_bbox_results.json").read_text())
    return np.array([[r["image_id"], *r["bbox"], r["score"], r["category_id"]] for r in results])


def test_load_res_of_an_nx7_array_is_load_numpy_annotations_and_evaluates_as_the_file():
    gt = COCO(INSTANCES)
    res = gt.loadRes(numpy_results())
    case = LOADRES["numpy"]
    assert completed(res.dataset["annotations"]) == case["annotations"]
    assert len(res.dataset["categories"]) == case["categories"]
    E = COCOeval(gt, res, "bbox")
    E.evaluate()
    E.accumulate()
    summarized(E)
    expected = next(r for r in EXPECTED if r["case"] == "coco_mini_bbox/default")
    np.testing.assert_allclose(E.stats, expected["stats"], rtol=0, atol=1e-12)


def test_an_empty_result_list_evaluates_to_zeros_where_pycocotools_raises():
    gt = COCO(INSTANCES)
    res = gt.loadRes([])
    assert res.dataset["annotations"] == [] and len(res.dataset["categories"]) == len(gt.cats)
    E = COCOeval(gt, res, "bbox")
    E.evaluate()
    E.accumulate()
    summarized(E)
    has_gt = E.eval["recall"][0, :, 0, -1] > -1
    assert has_gt.any() and (E.eval["recall"][0, has_gt, 0, -1] == 0).all()
    assert E.stats[0] == 0


def test_polygon_results_without_bbox_get_the_area_and_box_of_their_mask():
    gt = COCO(INSTANCES)
    ann = next(a for a in gt.dataset["annotations"] if type(a["segmentation"]) == list and not a["iscrowd"])
    res = gt.loadRes([{"image_id": ann["image_id"], "category_id": ann["category_id"], "score": 0.5,
                       "segmentation": ann["segmentation"]}])
    done = res.dataset["annotations"][0]
    rle = gt.annToRLE(ann)
    from segpack import mask
    assert done["area"] == mask.area(rle) and done["bbox"].tolist() == mask.toBbox(rle).tolist()


def test_evaluated_params_are_normalised_as_pycocotools_does():
    gt = COCO(INSTANCES)
    E = COCOeval(gt, gt.loadRes(str(EVAL / "coco_mini_bbox_results.json")), "bbox")
    E.params.imgIds = [139, 139, 802, 11813][::-1]
    E.params.maxDets = [100, 1, 10]
    E.evaluate()
    assert E.params.imgIds == [139, 802, 11813] and type(E.params.imgIds[0]) is np.int64
    assert E.params.maxDets == [1, 10, 100] and E._paramsEval.imgIds == E.params.imgIds
    assert E._paramsEval is not E.params


def test_accumulate_reads_what_evaluate_evaluated():
    E = evaluated(INSTANCES, str(EVAL / "coco_mini_bbox_results.json"), "bbox", {})
    E.params.maxDets = [1, 10]
    with pytest.raises(ValueError, match="maxDets"):
        E.accumulate()
    fresh = COCOeval(COCO(INSTANCES), None, "bbox")
    with pytest.raises(RuntimeError, match="evaluate"):
        fresh.accumulate()
    with pytest.raises(Exception, match="accumulate"):
        fresh.summarize()


def test_accumulate_over_eval_imgs_merged_from_batches_as_torchvision_does():
    """torchvision's CocoEvaluator: evaluate() per batch of images, evalImgs reshaped and joined, then
    assigned with the joined imgIds before accumulate()."""
    gt = COCO(INSTANCES)
    results = json.loads((EVAL / "coco_mini_segm_results.json").read_text())
    E = COCOeval(gt, iouType="segm")
    parts, ids = [], []
    with contextlib.redirect_stdout(io.StringIO()):
        for start in range(0, len(gt.imgs), 16):
            batch = sorted(gt.imgs)[start:start + 16]
            chosen = [copy.deepcopy(r) for r in results if r["image_id"] in batch]
            E.cocoDt = gt.loadRes(chosen) if chosen else COCO()
            E.params.imgIds = batch
            E.evaluate()
            parts.append(np.asarray(E.evalImgs).reshape(-1, len(E.params.areaRng), len(E.params.imgIds)))
            ids += E.params.imgIds
        E.evalImgs = list(np.concatenate(parts, 2).flatten())
        E.params.imgIds = ids
        E._paramsEval = copy.deepcopy(E.params)
        E.accumulate()
    summarized(E)
    expected = next(r for r in EXPECTED if r["case"] == "coco_mini_segm/default")
    np.testing.assert_array_equal(E.eval["precision"], recorded_array(expected["precision"]))
    np.testing.assert_allclose(E.stats, expected["stats"], rtol=0, atol=1e-12)


def test_results_in_memory_are_evaluated_as_they_are_now():
    """COCOeval reads both COCO objects as they are when evaluate() runs, as pycocotools does: a score
    changed after loadRes counts."""
    gt = COCO(INSTANCES)
    res = gt.loadRes(str(EVAL / "coco_mini_bbox_results.json"))
    E = COCOeval(gt, res, "bbox")
    E.evaluate()
    E.accumulate()
    before = E.eval["precision"].copy()
    for ann in res.dataset["annotations"]:
        ann["score"] = 1 - ann["score"]
    E.evaluate()
    E.accumulate()
    assert not np.array_equal(before, E.eval["precision"])


def test_a_ground_truth_rle_of_another_size_than_its_image_is_refused():
    gt = COCO(json.loads(INSTANCES.read_text()))
    ann = gt.dataset["annotations"][0]
    ann["segmentation"] = {"size": [3, 3], "counts": "9"}
    E = COCOeval(gt, gt.loadRes(str(EVAL / "coco_mini_segm_results.json")), "segm")
    with pytest.raises(ValueError, match=f"ground-truth annotation id {ann['id']}: RLE size"):
        E.evaluate()


def test_ground_truth_given_as_compressed_rles_evaluates_as_its_polygons():
    dataset = json.loads(INSTANCES.read_text())
    gt = COCO(dataset)
    for ann in dataset["annotations"]:
        rle = gt.annToRLE(ann)
        ann["segmentation"] = {"size": rle["size"], "counts": rle["counts"].decode() if type(rle["counts"]) == bytes
                               else rle["counts"]}
    E = evaluated(dataset, str(EVAL / "coco_mini_segm_results.json"), "segm", {})
    expected = next(r for r in EXPECTED if r["case"] == "coco_mini_segm/default")
    np.testing.assert_array_equal(E.eval["precision"], recorded_array(expected["precision"]))
    ann = dataset["annotations"][3]
    ann["segmentation"] = {"size": [3, 3], "counts": "9"}
    with pytest.raises(ValueError, match=f"ground-truth annotation id {ann['id']}: RLE size"):
        evaluated(dataset, str(EVAL / "coco_mini_segm_results.json"), "segm", {})


def test_a_malformed_result_rle_is_refused_naming_the_result():
    gt = COCO(INSTANCES)
    results = json.loads((EVAL / "coco_mini_segm_results.json").read_text())
    results[5]["segmentation"]["counts"] = results[5]["segmentation"]["counts"] + "z"
    E = COCOeval(gt, gt.loadRes(results[:5]), "segm")
    E.cocoDt.dataset["annotations"].append(dict(results[5], id=6, area=1.0, iscrowd=0))
    E.cocoDt.createIndex()
    with pytest.raises(ValueError, match="result id 6: .*'z'"):
        E.evaluate()

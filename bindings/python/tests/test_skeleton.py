"""segpack.skeleton on the PYSKL golden rows (testdata/skeleton): the safe reader's content of numpy 1
and 2 pickles, GeneratePoseTarget heatmaps and the PoseC3D test pipeline, bit for bit."""
import base64
import gzip
import json
import pickle
import zlib

import numpy as np
import pytest

from conftest import TESTDATA
from segpack import skeleton

SKELETON = TESTDATA / "skeleton"


def rows(name):
    with gzip.open(SKELETON / name, "rt", encoding="utf-8") as f:
        return [pytest.param(json.loads(line), id=f"{name}:{i + 1}") for i, line in enumerate(f)]


def floats(blob, shape):
    return np.frombuffer(zlib.decompress(base64.b64decode(blob)), "<f4").reshape(shape)


def described(value):
    """A loaded value as the .json files describe it: arrays as {dtype, shape, values}."""
    if isinstance(value, np.ndarray):
        return {"dtype": str(value.dtype), "shape": list(value.shape), "values": value.reshape(-1).tolist()}
    if isinstance(value, dict):
        return {key: described(v) for key, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [described(v) for v in value]
    return value


@pytest.mark.parametrize("name, description", [("numpy1_p4.pkl", "numpy1.json"), ("numpy1_p5.pkl", "numpy1.json"),
                                               ("numpy2_p4.pkl", "numpy2.json"), ("numpy2_p5.pkl", "numpy2.json")])
def test_load_gives_the_pickled_content(name, description):
    content = skeleton.load(SKELETON / name)
    expected = json.loads((SKELETON / description).read_text())
    assert described(content) == expected
    assert type(content["annotations"][0]["img_shape"]) is tuple


def test_load_runs_nothing_a_pickle_names(tmp_path):
    class Evil:
        def __reduce__(self):
            return (print, ("ran",))
    path = tmp_path / "evil.pkl"
    path.write_bytes(pickle.dumps({"annotations": [Evil()]}, protocol=4))
    with pytest.raises(ValueError, match="refused to load global builtins.print"):
        skeleton.load(path)
    with pytest.raises(OSError):
        skeleton.load(tmp_path / "missing.pkl")


def annotation(row, has_score=True):
    out = {"keypoint": np.array(row["keypoint"], dtype=np.float32), "img_shape": tuple(row["img_shape"])}
    if has_score:
        scores = [[[np.nan if s is None else s for s in frame] for frame in person] for person in row["keypoint_score"]]
        out["keypoint_score"] = np.array(scores, dtype=np.float32)
    return out


@pytest.mark.parametrize("row", rows("heatmaps.jsonl.gz") + rows("heatmaps_extra.jsonl.gz"))
def test_heatmaps_are_generate_pose_targets(row):
    params = dict(row["params"])
    out = skeleton.heatmaps(annotation(row, row.get("has_score", True)), **params)
    assert out.dtype == np.float32 and out.shape == tuple(row["shape"]) and out.flags.c_contiguous
    np.testing.assert_array_equal(out, floats(row["heatmap_zlib_b64"], row["shape"]))


@pytest.mark.parametrize("row", rows("pipeline.jsonl.gz"))
def test_pipeline_is_posec3ds_test_pipeline(row):
    annotations = {a["frame_dir"]: a for a in skeleton.load(SKELETON / "numpy1_p4.pkl")["annotations"]}
    c = row["config"]
    out = skeleton.pipeline(annotations[row["frame_dir"]], c["clip_len"], c["num_clips"], tuple(c["scale"]),
                            with_kp=not c["limb"], with_limb=c["limb"], double=c["double"])
    assert out.dtype == np.float32 and out.shape == tuple(row["shape"])
    np.testing.assert_array_equal(out, floats(row["volume_zlib_b64"], row["shape"]))


@pytest.mark.parametrize("options, reason", [
    ({"with_kp": True, "with_limb": True}, "exactly one"),
    ({"sigma": 0}, "sigma"),
    ({"left_kp": (1, 2), "right_kp": (3,)}, "differ in length"),
])
def test_bad_options_are_refused(options, reason):
    row = rows("heatmaps.jsonl.gz")[0].values[0]
    with pytest.raises(ValueError, match=reason):
        skeleton.heatmaps(annotation(row), **options)


def test_an_annotation_without_keypoints_is_refused_naming_it():
    with pytest.raises(ValueError, match="frame_dir x.*has no keypoint"):
        skeleton.heatmaps({"frame_dir": "x", "img_shape": (4, 4)})

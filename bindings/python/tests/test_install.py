"""install_as_pycocotools: unchanged pycocotools scripts run on segpack."""
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TESTDATA

HERE = Path(__file__).resolve().parent
RUN_AS_PYCOCOTOOLS = ("import runpy, sys, segpack; segpack.install_as_pycocotools(); "
                      "import pycocotools.mask, pycocotools.coco, pycocotools.cocoeval, pycocotools._mask; "
                      "assert pycocotools.mask is segpack.mask and pycocotools.coco is segpack.coco; "
                      "assert pycocotools.cocoeval is segpack.cocoeval and pycocotools._mask is segpack._mask; "
                      "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")
INSTANCES = TESTDATA / "coco-mini" / "annotations" / "instances_val2017.json"


def run_as_pycocotools(script, *args):
    """What the script prints last, as JSON, run with segpack standing in for pycocotools."""
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    result = subprocess.run([sys.executable, "-c", RUN_AS_PYCOCOTOOLS, str(HERE / script), *map(str, args)], env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_unmodified_pycocotools_script_runs_on_segpack():
    printed = run_as_pycocotools("pycocotools_script.py", INSTANCES)
    with gzip.open(TESTDATA / "coco-mini" / "reference" / "instances_val2017_annrle.jsonl.gz", "rt") as f:
        reference = {str(r["id"]): [r["string"], r["area"], r["bbox"]] for r in map(json.loads, f)}
    assert printed and all(printed[i] == reference[i] for i in printed)


@pytest.mark.parametrize("iou_type", ["bbox", "segm"])
def test_unmodified_cocoeval_script_gives_pycocotools_stats(iou_type):
    printed = run_as_pycocotools("pycocotools_eval_script.py", INSTANCES,
                                 TESTDATA / "eval" / f"coco_mini_{iou_type}_results.json", iou_type)
    with gzip.open(TESTDATA / "eval" / "expected.jsonl.gz", "rt") as f:
        expected = next(r for r in map(json.loads, f) if r["case"] == f"coco_mini_{iou_type}/default")["stats"]
    for stats in (printed["file"], printed.get("array", expected)):
        assert max(abs(a - b) for a, b in zip(stats, expected)) <= 1e-12
    if iou_type == "bbox":
        assert printed["iou"] == pytest.approx([1.0] * 5, abs=1e-12)

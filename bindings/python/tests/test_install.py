"""install_as_pycocotools: an unchanged pycocotools script runs on segpack."""
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import TESTDATA

HERE = Path(__file__).resolve().parent
RUN_AS_PYCOCOTOOLS = ("import runpy, sys, segpack; segpack.install_as_pycocotools(); "
                      "import pycocotools.mask, pycocotools.coco; "
                      "assert pycocotools.mask is segpack.mask and pycocotools.coco is segpack.coco; "
                      "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')")


def test_unmodified_pycocotools_script_runs_on_segpack():
    annotations = TESTDATA / "coco-mini" / "annotations" / "instances_val2017.json"
    env = dict(os.environ, PYTHONPATH=str(HERE.parent))
    result = subprocess.run([sys.executable, "-c", RUN_AS_PYCOCOTOOLS, str(HERE / "pycocotools_script.py"),
                             str(annotations)], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout.splitlines()[-1])
    with gzip.open(TESTDATA / "coco-mini" / "reference" / "instances_val2017_annrle.jsonl.gz", "rt") as f:
        reference = {str(r["id"]): [r["string"], r["area"], r["bbox"]] for r in map(json.loads, f)}
    assert printed and all(printed[i] == reference[i] for i in printed)

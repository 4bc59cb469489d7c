"""Shared helpers of the segpack Python suite: the repository's testdata and its golden rows."""
import gzip
import json
from pathlib import Path

import numpy as np

TESTDATA = Path(__file__).resolve().parents[3] / "testdata"


def golden(name):
    """The rows of testdata/golden/<name>.jsonl.gz as pytest parameters named <name>:<line>."""
    import pytest
    with gzip.open(TESTDATA / "golden" / f"{name}.jsonl.gz", "rt", encoding="utf-8") as f:
        return [pytest.param(json.loads(line), id=f"{name}:{i + 1}") for i, line in enumerate(f)]


def mask_of(counts, h, w):
    """The uint8 [h, w] Fortran-order mask whose uncompressed COCO counts are `counts`."""
    values = np.arange(len(counts)) % 2
    flat = np.repeat(values.astype(np.uint8), counts)
    return flat.reshape((h, w), order="F")

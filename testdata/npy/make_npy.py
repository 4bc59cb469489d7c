#!/usr/bin/env python3
"""Regenerates testdata/npy/*.npy and expected.json with numpy (written with numpy 2.4.6).

    python3 testdata/npy/make_npy.py

expected.json gives, per file: dtype (numpy's str), shape, fortran_order, format version and the
md5 of the data bytes exactly as they follow the header (C or Fortran order, little-endian).
bad_*.npy are files numpy itself writes but segpack refuses (big-endian, object dtype).
"""
import hashlib
import json
import os

import numpy as np
import numpy.lib.format as npformat

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    rng = np.random.default_rng(7)
    arrays = {
        # a stack of n binary masks [h, w, n] as pycocotools' decode returns it (Fortran order)
        "masks_hwn_fortran_u1.npy": np.asfortranarray(rng.integers(0, 2, size=(5, 7, 3), dtype=np.uint8)),
        # the same stack as [n, h, w] in C order
        "masks_nhw_c_u1.npy": np.ascontiguousarray(rng.integers(0, 2, size=(3, 5, 7), dtype=np.uint8)),
        "labels_u2.npy": rng.integers(0, 65536, size=(6, 9), dtype=np.uint16),
        "labels_i4.npy": rng.integers(-2**31, 2**31, size=(6, 9), dtype=np.int32),
        "labels_i4_fortran.npy": np.asfortranarray(rng.integers(-5, 30000, size=(4, 3), dtype=np.int32)),
        "heatmap_f4.npy": rng.standard_normal(size=(2, 3, 4)).astype(np.float32),
        "flags_b1.npy": rng.integers(0, 2, size=(11,)).astype(np.bool_),
        "scalar_f8.npy": np.array(2.5, dtype=np.float64),
        "empty_u1.npy": np.zeros((0, 4), dtype=np.uint8),
        "values_i8.npy": np.array([-(2**63), 2**63 - 1, 0, 12345], dtype=np.int64),
    }
    expected = {}
    for name, array in arrays.items():
        np.save(os.path.join(HERE, name), array)
        expected[name] = describe(array, (1, 0))
    versioned = rng.integers(0, 65536, size=(3, 4), dtype=np.uint16)
    for version in ((2, 0), (3, 0)):
        name = "labels_u2_v%d.npy" % version[0]
        with open(os.path.join(HERE, name), "wb") as f:
            npformat.write_array(f, versioned, version=version)
        expected[name] = describe(versioned, version)
    # a hand-written header with a dtype name instead of numpy's '|u1'; numpy itself reads it
    named = rng.integers(0, 256, size=(2, 5), dtype=np.uint8)
    with open(os.path.join(HERE, "named_dtype_uint8.npy"), "wb") as f:
        npformat.write_array_header_1_0(f, {"descr": "uint8", "fortran_order": False, "shape": (2, 5)})
        f.write(named.tobytes())
    assert (np.load(os.path.join(HERE, "named_dtype_uint8.npy")) == named).all()
    expected["named_dtype_uint8.npy"] = describe(named, (1, 0))

    np.save(os.path.join(HERE, "bad_big_endian_u2.npy"), np.arange(4, dtype=">u2"))
    np.save(os.path.join(HERE, "bad_object.npy"), np.array([1, "a"], dtype=object), allow_pickle=True)

    for name, entry in expected.items():
        loaded = np.load(os.path.join(HERE, name))
        assert loaded.dtype.str == entry["dtype"] and list(loaded.shape) == entry["shape"], name
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, sort_keys=True)
        f.write("\n")


def describe(array, version):
    fortran = bool(array.flags.f_contiguous and not array.flags.c_contiguous)
    data = array.tobytes(order="F" if fortran else "C")
    entry = {"dtype": array.dtype.str, "shape": list(array.shape), "fortran_order": fortran,
             "version": list(version), "data_md5": hashlib.md5(data).hexdigest(), "data_bytes": len(data)}
    if array.ndim == 2 and array.shape[0] > 1 and array.shape[1] > 2:
        entry["value_at_1_2"] = int(array[1, 2])  # checks the order of a 2-D view
    return entry


if __name__ == "__main__":
    main()

# Interop check for segpack's pickle writer (PickleInteropTest).
#   canon FILE...  prints, per file, one line describing its content exactly (types, dtypes, bytes)
#   make FILE P    writes a pickle of every kind of value segpack reads, with this numpy and protocol P
# Arrays compare by dtype name and little-endian bytes: segpack reads big-endian arrays little-endian.
import collections, pickle, sys
import numpy as np


def canon(x):
    if isinstance(x, np.ndarray):
        return "array(%s, %s, %s, %s)" % (x.dtype.name, x.shape, x.flags.f_contiguous and not x.flags.c_contiguous,
                                          np.ascontiguousarray(x, x.dtype.newbyteorder("<")).tobytes().hex())
    if isinstance(x, np.generic):
        return "%s(%r)" % (type(x).__name__, x.item())
    if isinstance(x, dict):
        return "{" + ", ".join(canon(k) + ": " + canon(v) for k, v in x.items()) + "}"
    if isinstance(x, tuple):
        return "(" + ", ".join(canon(v) for v in x) + ")"
    if isinstance(x, list):
        return "[" + ", ".join(canon(v) for v in x) + "]"
    if isinstance(x, (set, frozenset)):
        return "set{" + ", ".join(sorted(canon(v) for v in x)) + "}"
    return "%s(%r)" % (type(x).__name__, x)


if sys.argv[1] == "make":
    value = {
        "f16": np.arange(24, dtype=np.float16).reshape(2, 3, 4) / 7,
        "f32": np.array([[0.1, -2.5e-30], [np.nan, np.inf]], dtype=np.float32),
        "f64": np.linspace(-1, 1, 5),
        "i16": np.array([-32768, 5, 32767], dtype=np.int16),
        "i32": np.arange(-3, 3, dtype=np.int32).reshape(3, 2),
        "i64": np.array([2 ** 62, -1], dtype=np.int64),
        "u8": np.arange(7, dtype=np.uint8),
        "big_endian": np.arange(-2, 3, dtype=">i4"),
        "bool": np.array([True, False]),
        "fortran": np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4)),
        "empty": np.zeros((0, 17, 2), dtype=np.float16),
        "zero_d": np.array(3.5),
        "scalars": [np.float32(0.25), np.int64(-7), np.float16(1.5), np.bool_(True)],
        "tuple": (1080, 1920),
        "nested": {0.5: 3, 7: "seven", None: [True, False, None], (1, 2): b"\x00\xff"},
        "text": "caf\u00e9 \U0001f600 \"quoted\"\n",
        "ints": [0, 255, 256, 65535, 65536, -1, 2 ** 31, -2 ** 31 - 1, 2 ** 70, -2 ** 100],
        "floats": [0.0, -0.0, 1e-300, 1.7976931348623157e308],
        "set": {1, 2, 3},
        "frozenset": frozenset(["a"]),
        "ordered": collections.OrderedDict([("b", 1), ("a", 2)]),
        "long_list": list(range(1500)),
        "long_text": "x" * 300,
        "long_bytes": bytes(range(256)) * 2,
    }
    with open(sys.argv[2], "wb") as f:
        pickle.dump(value, f, protocol=int(sys.argv[3]))
else:
    for path in sys.argv[2:]:
        with open(path, "rb") as f:
            print(canon(pickle.load(f)))

"""PYSKL's skeleton annotations and pose heatmaps, computed by the segpack engine (the code of
`segpack skeleton heatmaps`), bit for bit as PYSKL's numpy pipeline gives them.

load() reads a PYSKL annotation pickle with segpack's safe reader (only numpy arrays, dtypes, scalars
and plain containers; any other global is refused with ValueError, so an untrusted file runs nothing)
and returns its content as pickle.load would. heatmaps() is GeneratePoseTarget on one annotation at its
img_shape; pipeline() is PoseC3D's test pipeline (UniformSampleFrames in test mode, PoseDecode,
PoseCompact, Resize, GeneratePoseTarget, FormatShape('NCTHW_Heatmap')). Both return float32 arrays.
"""
import io
import os
import pickle

import numpy as np

from . import _jvm, _memory
from ._jvm import ENGINE_ERRORS, direct_buffers

__all__ = ["load", "heatmaps", "pipeline"]

# GeneratePoseTarget's defaults (the COCO-17 skeleton and its left/right tables)
COCO_SKELETON = ((0, 1), (0, 2), (1, 3), (2, 4), (0, 5), (5, 7), (7, 9), (0, 6), (6, 8), (8, 10), (5, 11), (11, 13),
                 (13, 15), (6, 12), (12, 14), (14, 16), (11, 12))
COCO_LEFT_KP = (1, 3, 5, 7, 9, 11, 13, 15)
COCO_RIGHT_KP = (2, 4, 6, 8, 10, 12, 14, 16)
COCO_LEFT_LIMB = (0, 2, 4, 5, 6, 10, 11, 12)
COCO_RIGHT_LIMB = (1, 3, 7, 8, 9, 13, 14, 15)
# What the annotation's drawing reads of it
_DRAWN_KEYS = ("frame_dir", "total_frames", "img_shape", "keypoint", "keypoint_score")


class _WrittenPickle(pickle.Unpickler):
    """Loads the pickle the Java side re-wrote from what it read: numpy's array and scalar makers and
    plain containers, nothing else."""
    _ALLOWED = {("numpy.core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"), ("numpy", "ndarray"),
                ("numpy", "dtype")}

    def find_class(self, module, name):
        if (module, name) not in self._ALLOWED:
            raise pickle.UnpicklingError(f"unexpected global {module}.{name}")
        return super().find_class(module, name)


def load(path):
    """The content of a PYSKL annotation pickle (a dict with 'split' and 'annotations', or a list of
    annotations), numpy arrays with their dtypes, read without running anything the file names."""
    java = _jvm.java()
    with ENGINE_ERRORS:
        written = bytes(java.SkeletonCalls.load(os.fspath(path)))
    return _WrittenPickle(io.BytesIO(written)).load()


def heatmaps(annotation, sigma=0.6, use_score=True, with_kp=True, with_limb=False, skeletons=COCO_SKELETON,
             double=False, left_kp=COCO_LEFT_KP, right_kp=COCO_RIGHT_KP, left_limb=COCO_LEFT_LIMB,
             right_limb=COCO_RIGHT_LIMB, scaling=1.0):
    """GeneratePoseTarget(...) of an annotation dict (keypoint [M, T, V, 2], keypoint_score [M, T, V]
    (optional), img_shape (h, w)): float32 [T', C, H, W], T' = 2T with double."""
    return _draw(annotation, locals(), 0, 0, (0, 0))


def pipeline(annotation, clip_len, num_clips=1, scale=(64, 64), sigma=0.6, use_score=True, with_kp=True,
             with_limb=False, skeletons=COCO_SKELETON, double=False, left_kp=COCO_LEFT_KP, right_kp=COCO_RIGHT_KP,
             left_limb=COCO_LEFT_LIMB, right_limb=COCO_RIGHT_LIMB, scaling=1.0):
    """PoseC3D's test pipeline on an annotation dict (which also needs total_frames): num_clips clips of
    clip_len frames, resized to scale = (w, h): float32 [N', C, clip_len, h, w]."""
    if clip_len < 1:
        raise ValueError(f"clip_len must be at least 1, not {clip_len}")
    return _draw(annotation, locals(), int(clip_len), int(num_clips), scale)


def _draw(annotation, options, clip_len, num_clips, scale):
    drawn = {key: annotation[key] for key in _DRAWN_KEYS if key in annotation}
    if "img_shape" in drawn:
        drawn["img_shape"] = tuple(int(v) for v in drawn["img_shape"])
    if "total_frames" in drawn:
        drawn["total_frames"] = int(drawn["total_frames"])
    pickled = pickle.dumps([drawn], protocol=4)

    def ints(values):
        return np.asarray(values, dtype=np.int32).reshape(-1)
    java = _jvm.java()
    with ENGINE_ERRORS:
        job = java.SkeletonCalls.heatmaps(
            pickled, float(options["sigma"]), bool(options["use_score"]), bool(options["with_kp"]),
            bool(options["with_limb"]), ints(options["skeletons"]), bool(options["double"]), ints(options["left_kp"]),
            ints(options["right_kp"]), ints(options["left_limb"]), ints(options["right_limb"]),
            float(options["scaling"]), clip_len, num_clips, int(scale[0]), int(scale[1]))
        try:
            out = _memory.empty(tuple(int(n) for n in job.shape()), np.float32)
            if out.size:
                with direct_buffers(out) as (buffer,):
                    job.draw(buffer)
        finally:
            job.close()
    return out

# Prints, as JSON, what h5py sees in a person-pose HDF5 file: root attribute names, groups, and
# per image dataset its shape, dtype, storage filter, a sha256 of its bytes (C order) and its
# keypoints attribute (dtype, shape, values). Used by PoseH5H5pyInteropTest.
import hashlib, json, sys
import h5py

with h5py.File(sys.argv[1], "r") as f:
    out = {"root_attributes": sorted(f.attrs.keys()), "root_members": sorted(f.keys()), "images": {}}
    for name, ds in f["coco"].items():
        data = ds[()]
        kp = ds.attrs["keypoints"]
        out["images"][name] = {
            "shape": list(ds.shape),
            "dtype": ds.dtype.str,
            "compression": ds.compression,
            "compression_opts": ds.compression_opts,
            "sha256": hashlib.sha256(data.tobytes()).hexdigest(),
            "attributes": sorted(ds.attrs.keys()),
            "keypoints_dtype": kp.dtype.str,
            "keypoints_shape": list(kp.shape),
            "keypoints": kp.tolist(),
        }
    json.dump(out, sys.stdout, sort_keys=True)

#!/usr/bin/python3
"""Regenerates testdata/images/{jpeg,png}/ and reference.json.

Run with Debian's python3 (needs python3-opencv 4.6, python3-pil, python3-numpy):
    /usr/bin/python3 testdata/images/make_testdata.py <coco val2017 dir> <packed reference .jsonl.gz>

The COCO JPEGs in coco/ are byte copies of three val2017 images; their reference (bgr_md5,
bgr_mean) comes from the packed reference file, which was made with cv2.imread.
The small JPEGs are crops of one COCO image re-encoded by Pillow; the PNGs are written by the
small writer below so that every colour type / bit depth / interlace combination is covered.
Every file's expected BGR pixels are what cv2.imread(path, IMREAD_COLOR) returns (md5 of the
C-order bytes); the expected raw samples of the PNGs come from the arrays written.
"""
import gzip
import hashlib
import json
import os
import shutil
import struct
import sys
import zlib

import cv2
import numpy as np
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
COCO_IDS = [117645, 205401, 536038]


def md5(a):
    return hashlib.md5(np.ascontiguousarray(a).tobytes()).hexdigest()


def chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def pack_rows(samples, depth):
    """samples: uint array [h, w*channels]; returns the raw scanlines (without filter bytes)."""
    if depth == 16:
        return [row.astype(">u2").tobytes() for row in samples]
    if depth == 8:
        return [row.astype(np.uint8).tobytes() for row in samples]
    per_byte = 8 // depth
    out = []
    for row in samples:
        padded = np.zeros(-(-len(row) // per_byte) * per_byte, dtype=np.uint8)
        padded[: len(row)] = row
        groups = padded.reshape(-1, per_byte)
        byte = np.zeros(len(groups), dtype=np.uint8)
        for i in range(per_byte):
            byte |= (groups[:, i] << (8 - depth * (i + 1))).astype(np.uint8)
        out.append(byte.tobytes())
    return out


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def write_png(path, pixels, depth, color_type, palette=None, trns=None, interlace=False,
              exif=None, exif_after_idat=False):
    """pixels: [h, w] or [h, w, c] array of stored sample values."""
    h, w = pixels.shape[:2]
    channels = 1 if pixels.ndim == 2 else pixels.shape[2]
    rows = []
    if interlace:
        for x0, y0, dx, dy in ADAM7:
            sub = pixels[y0::dy, x0::dx]
            if sub.size:
                rows += pack_rows(sub.reshape(sub.shape[0], -1), depth)
    else:
        rows = pack_rows(pixels.reshape(h, w * channels), depth)
    raw = b"".join(b"\x00" + r for r in rows)
    out = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, depth, color_type, 0, 0,
                                                          1 if interlace else 0))
    if palette is not None:
        out += chunk(b"PLTE", np.asarray(palette, dtype=np.uint8).tobytes())
    if trns is not None:
        out += chunk(b"tRNS", trns)
    if exif is not None and not exif_after_idat:
        out += chunk(b"eXIf", exif)
    out += chunk(b"IDAT", zlib.compress(raw, 9))
    if exif is not None and exif_after_idat:
        out += chunk(b"eXIf", exif)
    out += chunk(b"IEND", b"")
    with open(path, "wb") as f:
        f.write(out)


def tiff_orientation(orientation, big_endian=False):
    e = ">" if big_endian else "<"
    head = (b"MM" if big_endian else b"II") + struct.pack(e + "HI", 42, 8)
    ifd = struct.pack(e + "H", 1) + struct.pack(e + "HHIHH", 0x0112, 3, 1, orientation, 0) + struct.pack(e + "I", 0)
    return head + ifd


def main(coco_dir, packed_reference):
    rng = np.random.default_rng(20240517)
    reference = {}

    # --- COCO JPEGs: byte copies plus the packed reference's md5 ---
    wanted = {}
    with gzip.open(packed_reference, "rt") as f:
        for line in f:
            row = json.loads(line)
            if row["image_id"] in COCO_IDS:
                wanted[row["image_id"]] = row
    for image_id in COCO_IDS:
        name = "%012d.jpg" % image_id
        shutil.copyfile(os.path.join(coco_dir, name), os.path.join(HERE, "coco", name))
        row = wanted[image_id]
        bgr = cv2.imread(os.path.join(HERE, "coco", name), cv2.IMREAD_COLOR)
        assert md5(bgr) == row["bgr_md5"], name
        reference["coco/" + name] = {"h": row["h"], "w": row["w"], "bgr_md5": row["bgr_md5"],
                                     "bgr_mean": row["bgr_mean"]}

    # --- small JPEG variants cut from the first COCO image ---
    source = Image.open(os.path.join(coco_dir, "%012d.jpg" % COCO_IDS[0])).convert("RGB")
    crop = source.crop((200, 150, 237, 173))  # 37x23: odd sizes exercise partial MCUs
    jpegs = {
        "s444.jpg": dict(subsampling=0, quality=90),
        "s422.jpg": dict(subsampling=1, quality=90),
        "s420.jpg": dict(subsampling=2, quality=75),
        "progressive.jpg": dict(subsampling=2, quality=80, progressive=True),
    }
    for name, options in jpegs.items():
        crop.save(os.path.join(HERE, "jpeg", name), **options)
    crop.convert("L").save(os.path.join(HERE, "jpeg", "gray.jpg"), quality=85)
    # a file cut inside its scan data: libjpeg warns ("premature end") and still returns an image
    larger = os.path.join(HERE, "jpeg", "truncated.jpg")
    source.crop((100, 100, 260, 220)).save(larger, quality=90)
    with open(larger, "rb") as f:
        data = f.read()
    with open(larger, "wb") as f:
        f.write(data[: len(data) * 3 // 4])
    for orientation in range(1, 9):
        exif = Image.Exif()
        exif[0x0112] = orientation
        crop.save(os.path.join(HERE, "jpeg", "orientation%d.jpg" % orientation), quality=85,
                  exif=exif.tobytes())

    # --- PNGs of every colour type and bit depth ---
    h, w = 13, 21
    pngs = {}  # name -> raw samples as segpack returns them from PngFile.read (RGB order, LE u16)
    palette_indices = {}  # name -> the index map of a palette PNG

    def add(name, raw, **kwargs):
        write_png(os.path.join(HERE, "png", name), **kwargs)
        pngs[name] = raw
        if kwargs["color_type"] == 3:
            palette_indices[name] = kwargs["pixels"].astype(np.uint8)

    for depth in (1, 2, 4, 8, 16):
        gray = rng.integers(0, 1 << depth, size=(h, w), dtype=np.uint32)
        raw = gray.astype(np.uint16 if depth == 16 else np.uint8)
        add("gray%d.png" % depth, raw, pixels=gray, depth=depth, color_type=0)
    gray16 = rng.integers(0, 65536, size=(h, w), dtype=np.uint32)
    add("gray16_interlaced.png", gray16.astype(np.uint16), pixels=gray16, depth=16, color_type=0,
        interlace=True)
    gray8 = rng.integers(0, 256, size=(h, w), dtype=np.uint32)
    add("gray8_trns.png", gray8.astype(np.uint8), pixels=gray8, depth=8, color_type=0,
        trns=struct.pack(">H", int(gray8[0, 0])))
    for depth in (8, 16):
        dt = np.uint16 if depth == 16 else np.uint8
        ga = rng.integers(0, 1 << depth, size=(h, w, 2), dtype=np.uint32)
        add("gray_alpha%d.png" % depth, ga.astype(dt), pixels=ga, depth=depth, color_type=4)
        rgb = rng.integers(0, 1 << depth, size=(h, w, 3), dtype=np.uint32)
        add("rgb%d.png" % depth, rgb.astype(dt), pixels=rgb, depth=depth, color_type=2)
        rgba = rng.integers(0, 1 << depth, size=(h, w, 4), dtype=np.uint32)
        add("rgba%d.png" % depth, rgba.astype(dt), pixels=rgba, depth=depth, color_type=6)
    rgb8 = rng.integers(0, 256, size=(h, w, 3), dtype=np.uint32)
    add("rgb8_interlaced.png", rgb8.astype(np.uint8), pixels=rgb8, depth=8, color_type=2, interlace=True)
    for depth in (1, 2, 4, 8):
        entries = min(1 << depth, 200)
        palette = rng.integers(0, 256, size=(entries, 3), dtype=np.uint32)
        index = rng.integers(0, entries, size=(h, w), dtype=np.uint32)
        add("palette%d.png" % depth, palette[index].astype(np.uint8), pixels=index, depth=depth, color_type=3,
            palette=palette)
    palette = rng.integers(0, 256, size=(16, 3), dtype=np.uint32)
    alpha = rng.integers(0, 256, size=10, dtype=np.uint32)  # shorter than the palette: the rest is opaque
    index = rng.integers(0, 16, size=(h, w), dtype=np.uint32)
    full_alpha = np.concatenate([alpha, np.full(6, 255, dtype=np.uint32)])
    rgba = np.concatenate([palette[index], full_alpha[index][..., None]], axis=2)
    add("palette8_trns.png", rgba.astype(np.uint8), pixels=index, depth=8, color_type=3, palette=palette,
        trns=alpha.astype(np.uint8).tobytes())
    # indices past the end of a 5-entry palette: libpng (so cv2) reads them as black
    palette = rng.integers(0, 256, size=(5, 3), dtype=np.uint32)
    index = rng.integers(0, 12, size=(h, w), dtype=np.uint32)
    padded = np.concatenate([palette, np.zeros((256 - 5, 3), dtype=np.uint32)])
    add("palette8_short.png", padded[index].astype(np.uint8), pixels=index, depth=8, color_type=3, palette=palette)
    for orientation in (1, 3, 6, 8):
        add("rgb8_orientation%d.png" % orientation, rgb8.astype(np.uint8), pixels=rgb8, depth=8, color_type=2,
            exif=tiff_orientation(orientation, big_endian=orientation == 8))
    add("rgb8_orientation6_after_idat.png", rgb8.astype(np.uint8), pixels=rgb8, depth=8, color_type=2,
        exif=tiff_orientation(6), exif_after_idat=True)

    for name in sorted(os.listdir(os.path.join(HERE, "jpeg"))):
        bgr = cv2.imread(os.path.join(HERE, "jpeg", name), cv2.IMREAD_COLOR)
        reference["jpeg/" + name] = {"h": bgr.shape[0], "w": bgr.shape[1], "bgr_md5": md5(bgr),
                                     "bgr_mean": float(bgr.mean())}
    for name, raw in sorted(pngs.items()):
        path = os.path.join(HERE, "png", name)
        bgr = cv2.imread(path, cv2.IMREAD_COLOR)
        entry = {"h": bgr.shape[0], "w": bgr.shape[1], "bgr_md5": md5(bgr), "bgr_mean": float(bgr.mean()),
                 "raw_md5": md5(raw.astype(raw.dtype.newbyteorder("<"))),
                 "raw_channels": 1 if raw.ndim == 2 else raw.shape[2],
                 "raw_bits": 16 if raw.dtype == np.uint16 else 8}
        if name in palette_indices:
            entry["index_md5"] = md5(palette_indices[name])
        reference["png/" + name] = entry

    with open(os.path.join(HERE, "reference.json"), "w") as f:
        json.dump(reference, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

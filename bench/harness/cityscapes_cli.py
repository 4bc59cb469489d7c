#!/usr/bin/python3
"""`segpack cityscapes render` (whole process) against cityscapesScripts' own loop, same frames, same run.

    /usr/bin/python3 bench/harness/cityscapes_cli.py PEER_DIR [--frames 60] [--threads 2] [--rounds 3]
                     [--workdir /tmp/segpack-cityscapes]

PEER_DIR holds the `cityscapesscripts` package (../shared/peers/cityscapesscripts-2.2.4). The frames are the
2048x1024 golden frames of testdata/cityscapes/gtFine replicated into --workdir/gtFine/val/city<k>/ until there
are --frames of them. The peer loop is what json2labelImg / json2instanceImg do per frame: Annotation.fromJsonFile,
createLabelImage "ids", "trainIds", "color" and createInstanceImage "ids", "trainIds", each saved as PNG (Pillow),
one thread. segpack: `segpack cityscapes render --gt ... --out ... --threads N`, timed as a whole process (JVM
start-up included), the median of --rounds runs, with its CPU time (user + sys; on a shared machine the
CPU-time ratio is the steadier one). Both write over the images of their previous run, as regenerating
after an edit of the label table does (deleting 300 files just before a run made the next run's file
creation slower on this machine's ext4, so segpack's output is not deleted between rounds either). Checks
that segpack's PNGs hold the peer's pixels for the first frames of each source.
"""
import argparse
import glob
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "testdata/cityscapes/gtFine/val/bochum"
SOURCES = ["bochum_000001_000019", "bochum_000001_000022"]  # the two 2048x1024 golden frames


def make_frames(workdir, count):
    gt = workdir / "gtFine"
    shutil.rmtree(gt, ignore_errors=True)
    for i in range(count):
        city = f"city{i // len(SOURCES):03d}"
        src = SOURCES[i % len(SOURCES)]
        d = gt / "val" / city
        d.mkdir(parents=True, exist_ok=True)
        shutil.copy(GOLDEN / f"{src}_gtFine_polygons.json", d / f"{city}{src[6:]}_gtFine_polygons.json")
    return gt


def peer_loop(gt, out):
    from cityscapesscripts.helpers.annotation import Annotation
    from cityscapesscripts.preparation.json2instanceImg import createInstanceImage
    from cityscapesscripts.preparation.json2labelImg import createLabelImage
    files = sorted(glob.glob(str(gt / "*" / "*" / "*_gt*_polygons.json")))
    start, cpu = time.perf_counter(), time.process_time()
    for f in files:
        a = Annotation()
        a.fromJsonFile(f)
        target = out / os.path.relpath(os.path.dirname(f), gt)
        target.mkdir(parents=True, exist_ok=True)
        stem = os.path.basename(f)[:-len("_polygons.json")]
        for encoding, suffix in (("ids", "labelIds"), ("trainIds", "labelTrainIds"), ("color", "color")):
            createLabelImage(a, encoding).save(target / f"{stem}_{suffix}.png")
        for encoding, suffix in (("ids", "instanceIds"), ("trainIds", "instanceTrainIds")):
            createInstanceImage(a, encoding).save(target / f"{stem}_{suffix}.png")
    return time.perf_counter() - start, time.process_time() - cpu, len(files)


def run_segpack(gt, out, threads):
    cmd = [str(ROOT / "segpack"), "cityscapes", "render", "--gt", str(gt), "--out", str(out), "--threads", str(threads)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    line = res.stdout.strip().splitlines()[-1]
    return wall, cpu, float(re.search(r", ([0-9.]+) s -> ", line).group(1)), line


def check_same(peer_out, ours):
    compared = 0
    for f in sorted(peer_out.glob("val/city000/*.png")):
        a = np.asarray(Image.open(f))
        b = np.asarray(Image.open(ours / f.relative_to(peer_out)))
        if a.shape != b.shape or not np.array_equal(a, b):
            sys.exit(f"segpack's {f.name} differs from cityscapesScripts'")
        compared += 1
    return compared


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("peer")
    ap.add_argument("--frames", type=int, default=60)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/segpack-cityscapes"))
    args = ap.parse_args()
    sys.path.insert(0, args.peer)
    gt = make_frames(args.workdir, args.frames)
    print(f"load average before: {os.getloadavg()[0]:.2f} (the machine is shared: the ratio is of one run)")
    runs = [run_segpack(gt, args.workdir / "segpack", args.threads) for _ in range(args.rounds)]
    peer_seconds, peer_cpu, frames = peer_loop(gt, args.workdir / "peer")
    compared = check_same(args.workdir / "peer", args.workdir / "segpack")
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    print(runs[0][3])
    print(f"segpack cityscapes render, {frames} frames, 5 images each, {args.threads} threads: whole process"
          f" median {wall:.2f} s of {args.rounds} (runs {', '.join(f'{r[0]:.2f}' for r in runs)} s; CPU"
          f" {', '.join(f'{r[1]:.2f}' for r in runs)} s; in-process {', '.join(f'{r[2]:.2f}' for r in runs)} s)")
    print(f"cityscapesScripts loop (Annotation + createLabelImage x3 + createInstanceImage x2 + save), 1 thread:"
          f" {peer_seconds:.2f} s (CPU {peer_cpu:.2f} s)")
    print(f"ratio {peer_seconds / wall:.1f}x wall (whole process), {peer_cpu / cpu:.1f}x CPU time;"
          f" {compared} PNGs of city000 pixel-identical")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()

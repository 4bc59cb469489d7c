#!/usr/bin/python3
"""Times cityscapesScripts' own drawing of the five images for every *_polygons.json in a folder.

    /usr/bin/python3 bench/harness/cityscapes_render.py PEER_DIR FRAMES_DIR [ROUNDS]

PEER_DIR holds the `cityscapesscripts` package. Per frame: Annotation read once (outside the timing),
then createLabelImage "ids", "trainIds", "color" and createInstanceImage "ids", "trainIds" (no PNG
saving), as createTrainIdLabelImgs/createTrainIdInstanceImgs and json2labelImg do. Prints the median
over rounds of the time for all frames, and per frame.
"""
import glob
import os
import statistics
import sys
import time


def main():
    peer, frames_dir = sys.argv[1], sys.argv[2]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    sys.path.insert(0, peer)
    from cityscapesscripts.helpers.annotation import Annotation
    from cityscapesscripts.preparation.json2instanceImg import createInstanceImage
    from cityscapesscripts.preparation.json2labelImg import createLabelImage
    files = sorted(glob.glob(os.path.join(frames_dir, "*_polygons.json")))
    annotations = []
    for f in files:
        a = Annotation()
        a.fromJsonFile(f)
        annotations.append(a)
    per_frame = [[] for _ in files]
    totals = []
    for _ in range(rounds):
        total = 0.0
        for i, a in enumerate(annotations):
            t0 = time.perf_counter()
            for encoding in ("ids", "trainIds", "color"):
                createLabelImage(a, encoding)
            for encoding in ("ids", "trainIds"):
                createInstanceImage(a, encoding)
            dt = time.perf_counter() - t0
            per_frame[i].append(dt)
            total += dt
        totals.append(total)
    print("cityscapesScripts createLabelImage x3 + createInstanceImage x2, %d frames, %d rounds: median %.2f ms"
          " for all frames" % (len(files), rounds, statistics.median(totals) * 1e3))
    for f, a, t in zip(files, annotations, per_frame):
        print("  %s %dx%d, %d objects: %.3f ms" % (os.path.basename(f), a.imgWidth, a.imgHeight, len(a.objects),
                                                 statistics.median(t) * 1e3))


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Records what cityscapesScripts itself draws for synthetic frames, for segpack's CityscapesRenderer tests.

    /usr/bin/python3 bench/harness/cityscapes_render_cases.py PEER_DIR testdata/cityscapes/synthetic 7

PEER_DIR is cityscapesScripts' source tree (the folder holding the `cityscapesscripts` package); its
json2labelImg.createLabelImage and json2instanceImg.createInstanceImage draw every image, with the Pillow
installed (9.4 here). Writes OUT/cases.jsonl.gz, one frame per line: `table` ("cityscapes": labels.py as
shipped; "odd": OUT/labels_odd.csv, which the script installs in place of labels.py's lookups), `frame`
(the polygons JSON: imgHeight, imgWidth, objects) and, per image type, either the in-memory image
(`<type>`: zlib+base64 of int32 little-endian, row-major; RGBA packed as R | G<<8 | B<<16 | A<<24) or
`<type>_error`: the index of the object at which cityscapesScripts stopped (it exits for an unknown label
and raises for a polygon Pillow refuses), found by drawing ever longer prefixes of the object list.
The frames are random (seeded): walks of integer or float vertices, partly outside the image, groups,
license plates, deleted flags of several truthy and falsy kinds.
"""
import base64
import csv
import gzip
import json
import os
import random
import sys
import zlib
from collections import namedtuple

import numpy as np

TYPES = {
    "labelIds": ("label", "ids"),
    "labelTrainIds": ("label", "trainIds"),
    "color": ("label", "color"),
    "instanceIds": ("instance", "ids"),
    "instanceTrainIds": ("instance", "trainIds"),
}

# labels.py's table with edits that exercise every rule a user's table can reach
ODD_EDITS = {
    "unlabeled": {"trainId": 7},          # another trainIds background
    "car": {"trainId": -1},               # labelTrainIds clips -1 to 0; instanceTrainIds skips it
    "person": {"trainId": 255},           # 255: instances not numbered
    "rider": {"trainId": 100},            # instanceTrainIds 100000 + k (beyond 16 bits)
    "sky": {"hasInstances": 1},           # "skygroup" stays a plain id, "sky" is numbered
    "license plate": {"trainId": 3},      # id -1: skipped, except in instanceTrainIds (trainId 3)
}
ODD_EXTRA = [["truck", 40, 41, "vehicle", 7, 1, 0, "9 9 9"]]  # a second "truck": name2label takes the last


def write_odd_table(labels, path):
    with open(path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["name", "id", "trainId", "category", "categoryId", "hasInstances", "ignoreInEval", "color"])
        for l in labels:
            row = {"name": l.name, "id": l.id, "trainId": l.trainId, "category": l.category,
                   "categoryId": l.categoryId, "hasInstances": int(l.hasInstances),
                   "ignoreInEval": int(l.ignoreInEval), "color": " ".join(map(str, l.color))}
            row.update(ODD_EDITS.get(l.name, {}))
            out.writerow(row.values())
        for row in ODD_EXTRA:
            out.writerow(row)


def read_table(path, Label):
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return [Label(r["name"], int(r["id"]), int(r["trainId"]), r["category"], int(r["categoryId"]),
                  r["hasInstances"] == "1", r["ignoreInEval"] == "1",
                  tuple(int(v) for v in r["color"].split())) for r in rows]


def install(table, labels_module, json2labelImg, json2instanceImg):
    """Points the two scripts' module-level lookups at a table, as editing labels.py would."""
    name2label = {l.name: l for l in table}
    json2labelImg.name2label = name2label
    json2instanceImg.name2label = name2label
    json2instanceImg.labels = table


def random_frame(rng, names, errors):
    w, h = rng.randint(8, 120), rng.randint(6, 80)
    objects = []
    for _ in range(rng.randint(1, 30)):
        integer = rng.random() < 0.6
        cx, cy = rng.uniform(-10, w + 10), rng.uniform(-10, h + 10)
        pts = []
        for _ in range(rng.choice([2, 3, 3, 4, 5, 8, 12, 25])):
            cx += rng.uniform(-w / 3, w / 3)
            cy += rng.uniform(-h / 3, h / 3)
            pts.append([int(cx), int(cy)] if integer else [round(cx, rng.choice([1, 3, 8])), round(cy, 3)])
        obj = {"label": rng.choice(names), "polygon": pts}
        r = rng.random()
        if r < 0.1:
            obj["deleted"] = rng.choice([1, True, 2])
        elif r < 0.2:
            obj["deleted"] = rng.choice([0, False])
        objects.append(obj)
    if errors:
        i = rng.randrange(len(objects))
        kind = rng.choice(["unknown", "unknowngroup", "one point", "no points"])
        if kind == "unknown":
            objects[i]["label"] = "lamppost"
        elif kind == "unknowngroup":
            objects[i]["label"] = "lamppostgroup"
        else:
            objects[i]["polygon"] = objects[i]["polygon"][:1] if kind == "one point" else []
    return {"imgHeight": h, "imgWidth": w, "objects": objects}


def pixels(image, kind):
    a = np.array(image)
    if kind == "color":
        a = a.astype(np.uint32)
        a = (a[..., 0] | a[..., 1] << 8 | a[..., 2] << 16 | a[..., 3] << 24).view(np.int32)
    return base64.b64encode(zlib.compress(a.astype("<i4").tobytes(), 9)).decode()


def draw(annotation_cls, frame, kind, encoding, json2labelImg, json2instanceImg):
    annotation = annotation_cls()
    annotation.fromJsonText(json.dumps(frame))
    if kind == "label":
        return json2labelImg.createLabelImage(annotation, encoding)
    return json2instanceImg.createInstanceImage(annotation, encoding)


def stopping_object(annotation_cls, frame, kind, encoding, modules):
    for k in range(1, len(frame["objects"]) + 1):
        prefix = dict(frame, objects=frame["objects"][:k])
        try:
            draw(annotation_cls, prefix, kind, encoding, *modules)
        except (SystemExit, Exception):
            return k - 1
    raise AssertionError("no prefix fails")


def main():
    peer, out, seed = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sys.path.insert(0, peer)
    from cityscapesscripts.helpers import labels as labels_module
    from cityscapesscripts.helpers.annotation import Annotation
    from cityscapesscripts.preparation import json2instanceImg, json2labelImg
    modules = (json2labelImg, json2instanceImg)
    os.makedirs(out, exist_ok=True)
    odd_path = os.path.join(out, "labels_odd.csv")
    write_odd_table(labels_module.labels, odd_path)
    tables = {"cityscapes": list(labels_module.labels), "odd": read_table(odd_path, labels_module.Label)}
    names = [l.name for l in labels_module.labels] + ["cargroup", "persongroup", "ridergroup", "skygroup",
                                                      "polegroup", "license plate", "license plate"]
    rng = random.Random(seed)
    devnull = open(os.devnull, "w")
    with gzip.open(os.path.join(out, "cases.jsonl.gz"), "wt", encoding="utf-8") as f:
        for case in range(80):
            table = "odd" if case % 3 == 2 else "cityscapes"
            install(tables[table], labels_module, *modules)
            frame = random_frame(rng, names, errors=case % 5 == 4)
            row = {"table": table, "frame": frame}
            for name, (kind, encoding) in TYPES.items():
                stdout, sys.stdout = sys.stdout, devnull  # the scripts print their errors
                try:
                    row[name] = pixels(draw(Annotation, frame, kind, encoding, *modules), name)
                except (SystemExit, Exception):
                    row[name + "_error"] = stopping_object(Annotation, frame, kind, encoding, modules)
                finally:
                    sys.stdout = stdout
            f.write(json.dumps(row, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()

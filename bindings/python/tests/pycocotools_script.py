# A script written for pycocotools and left as such (the install_as_pycocotools test runs it): for
# every person annotation of the first image with people, its RLE string, area and box.
import json
import sys

import numpy as np
import pycocotools.mask
from pycocotools import mask as maskUtils
from pycocotools.coco import COCO

coco = COCO(sys.argv[1])
catIds = coco.getCatIds(catNms=['person'])
imgIds = coco.getImgIds(catIds=catIds)
img = coco.loadImgs(imgIds[0])[0]
annIds = coco.getAnnIds(imgIds=img['id'], catIds=catIds, iscrowd=None)
out = {}
for ann in coco.loadAnns(annIds):
    rle = coco.annToRLE(ann)
    if type(rle['counts']) == list:
        rle = maskUtils.frPyObjects(rle, img['height'], img['width'])
    m = coco.annToMask(ann)
    again = pycocotools.mask.encode(np.asfortranarray(m))
    assert again['counts'] == (rle['counts'] if isinstance(rle['counts'], bytes) else rle['counts'].encode())
    out[ann['id']] = [again['counts'].decode(), int(maskUtils.area(again)), maskUtils.toBbox(again).tolist()]
print(json.dumps(out))

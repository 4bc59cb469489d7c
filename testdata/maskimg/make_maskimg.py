# Writes the mask-image test set under testdata/maskimg/ and expected.json, what OpenCV 4.6 / numpy / Pillow
# say about every mask file: the mask (value > threshold, as uncompressed column-major COCO RLE counts), its
# RETR_EXTERNAL + CHAIN_APPROX_SIMPLE contours and whether RETR_CCOMP finds a hole.
# Run: /usr/bin/python3 make_maskimg.py testdata/maskimg   (Debian 12: python3-opencv 4.6, numpy 1.24, Pillow 9.4)
import json, os, sys
import cv2
import numpy as np
from PIL import Image

out = sys.argv[1]
rng = np.random.default_rng(20261122)
H, W = 30, 40

def path(*parts):
    p = os.path.join(out, *parts)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    return p

def rle(mask):
    flat = (mask != 0).astype(np.uint8).ravel(order='F')
    counts, value, run = [], 0, 0
    for v in flat:
        if v != value:
            counts.append(run); value, run = v, 1
        else:
            run += 1
    counts.append(run)
    return counts

def describe(mask):
    m = (mask != 0).astype(np.uint8)
    ext, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    _, hier = cv2.findContours(m, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    hole = hier is not None and bool((hier[0][:, 3] >= 0).any())
    return {"counts": rle(m), "area": int(m.sum()),
            "contours": [c.reshape(-1).tolist() for c in ext], "hole": hole}

def gray_of(p):
    """The pixel values segpack documents: gray sample, palette index, or BGR2GRAY luma for colour/JPEG."""
    if p.endswith('.jpg'):
        return cv2.cvtColor(cv2.imread(p, cv2.IMREAD_COLOR), cv2.COLOR_BGR2GRAY)
    pil = Image.open(p)
    if pil.mode == 'P':
        return np.array(pil)
    img = cv2.imread(p, cv2.IMREAD_UNCHANGED)
    if img.ndim == 3:
        return cv2.cvtColor(img[:, :, :3], cv2.COLOR_BGR2GRAY)
    return img

expected = {}

# --- images: sizes only matter; a_1 is a JPEG, b and c are PNG, d has no masks
cv2.imwrite(path('images', 'a_1.jpg'), rng.integers(0, 256, (H, W, 3), dtype=np.uint8))
for stem in ['b', 'c']:
    cv2.imwrite(path('images', stem + '.png'), rng.integers(0, 256, (H, W, 3), dtype=np.uint8))
cv2.imwrite(path('images', 'd.jpg'), rng.integers(0, 256, (H, W, 3), dtype=np.uint8))

# --- flat binary masks <image_stem>_<category>_<k>
ring = np.zeros((H, W), np.uint8)
cv2.circle(ring, (12, 14), 9, 255, -1)
cv2.circle(ring, (12, 14), 4, 0, -1)                       # a hole: written as RLE in polygon mode
cv2.imwrite(path('flat', 'a_1_person_0.png'), ring)
blob = np.zeros((H, W), np.uint8)
cv2.fillPoly(blob, [np.array([[25, 3], [37, 6], [33, 20], [27, 15]])], 1)   # values 0/1
cv2.imwrite(path('flat', 'a_1_person_1.png'), blob)
box = np.zeros((H, W), np.uint8)
box[18:27, 20:36] = 255
cv2.imwrite(path('flat', 'a_1_car_0.jpg'), box, [cv2.IMWRITE_JPEG_QUALITY, 60])  # compression noise
pal = np.zeros((H, W), np.uint8)
pal[5:12, 4:30] = 1
pal[8, 31] = 1                                              # a lone pixel: a 1-point contour, written as RLE
img = Image.fromarray(pal, mode='P')
img.putpalette([0, 0, 0, 255, 255, 255] + [0] * 762)
img.save(path('flat', 'b_car_0.png'))
rgb = np.zeros((H, W, 3), np.uint8)
cv2.ellipse(rgb, (20, 20), (12, 6), 30, 0, 360, (0, 0, 255), -1)           # red in BGR: luma 76
cv2.imwrite(path('flat', 'b_person_3.png'), rgb)
cv2.imwrite(path('flat', 'c_person_0.png'), np.zeros((H, W), np.uint8))    # empty
for name in sorted(os.listdir(os.path.join(out, 'flat'))):
    p = path('flat', name)
    g = gray_of(p)
    expected['flat/' + name] = dict(h=int(g.shape[0]), w=int(g.shape[1]),
                                    **describe(g > (127 if name.endswith('.jpg') else 0)))

# --- multi-valued maps and their category map
m1 = np.zeros((H, W), np.uint8)
m1[2:8, 2:10] = 1
m1[20:26, 30:38] = 1                                        # value 1 twice: two instances with --instances
m1[10:18, 12:28] = 2
m1[13:15, 18:22] = 0                                        # a hole in value 2
m1[0, :] = 255                                              # void border, declared background
cv2.imwrite(path('map', 'm1.png'), m1)
m2 = np.zeros((H, W), np.uint8)
m2[3:9, 3:20] = 3
m2[9:15, 3:20] = 2                                          # touching values stay apart
img = Image.fromarray(m2, mode='P')
img.putpalette([0, 0, 0, 200, 0, 0, 0, 200, 0, 0, 0, 200] + [0] * 756)
img.save(path('map', 'm2.png'))
m3 = np.zeros((H, W), np.uint16)
m3[4:12, 5:15] = 300
m3[15:25, 20:34] = 1000
cv2.imwrite(path('map', 'm3.png'), m3)
categories = {"categories": [
    {"id": 1, "name": "person", "value": 1},
    {"id": 3, "name": "car", "supercategory": "vehicle", "value": 2},
    {"id": 5, "name": "tree", "value": 3},
    {"id": 7, "name": "road", "value": 300},
    {"id": 8, "name": "sky", "value": 1000}],
    "background": [0, 255]}
with open(path('map_categories.json'), 'w') as f:
    json.dump(categories, f, indent=1)
for name in sorted(os.listdir(os.path.join(out, 'map'))):
    p = path('map', name)
    g = np.array(Image.open(p)) if Image.open(p).mode == 'P' else cv2.imread(p, cv2.IMREAD_UNCHANGED)
    values = {}
    for v in sorted(int(x) for x in np.unique(g)):
        if v in (0, 255):
            continue
        n, labels = cv2.connectedComponents((g == v).astype(np.uint8), connectivity=8)
        values[str(v)] = dict(whole=describe(g == v), components=[describe(labels == i) for i in range(1, n)])
    expected['map/' + name] = dict(h=int(g.shape[0]), w=int(g.shape[1]), values=values)

# --- an RGB colour-coded map (CVAT SegmentationClass style) and its colours
k = np.zeros((H, W, 3), np.uint8)                           # RGB here, written through cv2 as BGR
k[2:12, 2:20] = (250, 50, 83)
k[14:28, 10:36] = (51, 221, 255)
cv2.imwrite(path('colour', 'k.png'), k[:, :, ::-1])
with open(path('colour_categories.json'), 'w') as f:
    json.dump({"categories": [{"id": 1, "name": "car", "color": [250, 50, 83]},
                              {"id": 2, "name": "sign", "color": "#33ddff"}]}, f, indent=1)
rgbk = cv2.imread(path('colour', 'k.png'), cv2.IMREAD_COLOR)[:, :, ::-1]
expected['colour/k.png'] = dict(h=H, w=W, values={
    name: dict(whole=describe((rgbk == np.array(c)).all(axis=2)))
    for name, c in [("car", (250, 50, 83)), ("sign", (0x33, 0xdd, 0xff))]})

with open(path('expected.json'), 'w') as f:
    json.dump(expected, f)

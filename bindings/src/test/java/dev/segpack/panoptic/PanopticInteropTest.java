package dev.segpack.panoptic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segpack.cli.Main;
import dev.segpack.io.Progress;
import dev.segpack.testing.Python;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PNGs segpack writes, read back by Pillow and checked with numpy as panopticapi computes them. */
class PanopticInteropTest {

    @TempDir
    Path tmp;

    /** Semantic PNGs equal panopticapi's numpy computation (semantic[pan == id] = category, in order). */
    @Test
    void semanticPngsEqualPanopticapiNumpy() throws IOException, InterruptedException {
        Python python = Python.require("PIL", "numpy");
        Path out = tmp.resolve("sem");
        assertEquals(0, Main.run("panoptic", "to-semantic", "--json", PanopticSegmentsTest.JSON.toString(),
                "--pngs", PanopticSegmentsTest.PNGS.toString(), "--categories",
                PanopticConvertersTest.CATEGORIES.toString(), "--out-dir", out.toString(), "--things-other"));
        String script = """
                import json, sys, os
                import numpy as np
                from PIL import Image
                pan_json, pngs, cats_file, out = sys.argv[1:]
                cats = {c['id']: c for c in json.load(open(cats_file))}
                checked = 0
                for ann in json.load(open(pan_json))['annotations']:
                    rgb = np.array(Image.open(os.path.join(pngs, ann['file_name'])), dtype=np.uint32)
                    pan = rgb[:, :, 0] + 256 * rgb[:, :, 1] + 256 * 256 * rgb[:, :, 2]
                    expected = np.zeros(pan.shape, dtype=np.uint8)
                    for s in ann['segments_info']:
                        cat = 183 if cats[s['category_id']]['isthing'] == 1 else s['category_id']
                        expected[pan == s['id']] = cat
                    got = Image.open(os.path.join(out, ann['file_name']))
                    assert got.mode == 'L', got.mode
                    assert np.array_equal(np.array(got), expected), ann['file_name']
                    checked += 1
                print(checked)
                """;
        assertEquals("2", python.run(script, PanopticSegmentsTest.JSON.toString(), PanopticSegmentsTest.PNGS.toString(),
                PanopticConvertersTest.CATEGORIES.toString(), out.toString()).strip());
    }

    /** Panoptic PNGs from from-detection: Pillow reads RGB whose rgb2id ids are exactly segments_info's, with their areas. */
    @Test
    void panopticPngsReadByPillowMatchSegmentsInfo() throws IOException, InterruptedException {
        Python python = Python.require("PIL", "numpy");
        Path det = tmp.resolve("det.json");
        new PanopticToDetection(new PanopticToDetection.Options(false, PanopticSegments.Mismatch.FAIL, 1), Progress.NONE)
                .convert(PanopticSegmentsTest.JSON, PanopticSegmentsTest.PNGS, null, det);
        Path panJson = tmp.resolve("pan.json");
        Path panPngs = tmp.resolve("pan");
        assertEquals(0, Main.run("panoptic", "from-detection", "--ann", det.toString(), "--categories",
                PanopticConvertersTest.CATEGORIES.toString(), "--out-json", panJson.toString(),
                "--out-pngs", panPngs.toString()));
        String script = """
                import json, sys, os
                import numpy as np
                from PIL import Image
                pan_json, pngs = sys.argv[1:]
                segments = 0
                for ann in json.load(open(pan_json))['annotations']:
                    img = Image.open(os.path.join(pngs, ann['file_name']))
                    assert img.mode == 'RGB', img.mode
                    rgb = np.array(img, dtype=np.uint32)
                    pan = rgb[:, :, 0] + 256 * rgb[:, :, 1] + 256 * 256 * rgb[:, :, 2]
                    ids, counts = np.unique(pan, return_counts=True)
                    areas = {int(i): int(c) for i, c in zip(ids, counts) if i != 0}
                    listed = {s['id']: s['area'] for s in ann['segments_info']}
                    assert areas == listed, (ann['file_name'], areas, listed)
                    segments += len(listed)
                print(segments)
                """;
        assertEquals("50", python.run(script, panJson.toString(), panPngs.toString()).strip());
    }
}

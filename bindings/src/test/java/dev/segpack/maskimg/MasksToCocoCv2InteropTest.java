package dev.segpack.maskimg;

import static dev.segpack.maskimg.MaskFixtures.JSON;
import static dev.segpack.maskimg.MaskFixtures.compressed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.cli.Main;
import dev.segpack.engine.rle.Rle;
import dev.segpack.testing.Python;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The users' recipe run live: cv2.findContours(cv2.imread(f, 0) > 0, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE). */
class MasksToCocoCv2InteropTest {

    private static final String RECIPE = """
            import sys, json, os
            import cv2, numpy as np
            out = {}
            d = sys.argv[1]
            for name in sorted(os.listdir(d)):
                m = (cv2.imread(os.path.join(d, name), cv2.IMREAD_GRAYSCALE) > 0).astype(np.uint8)
                ext, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
                _, hier = cv2.findContours(m, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
                flat = m.ravel(order='F')
                bounds = np.concatenate(([0], np.flatnonzero(flat[1:] != flat[:-1]) + 1, [flat.size]))
                counts = ([0] if flat[0] else []) + np.diff(bounds).tolist()
                out[name] = dict(contours=[c.reshape(-1).tolist() for c in ext],
                                 hole=bool(hier is not None and (hier[0][:, 3] >= 0).any()), counts=counts)
            print(json.dumps(out))
            """;

    @TempDir
    Path tmp;

    @Test
    void polygonsAreWhatCv2FindContoursGives() throws Exception {
        Python python = Python.require("cv2", "numpy");
        Path masks = tmp.resolve("masks");
        Files.createDirectories(masks);
        SplittableRandom random = new SplittableRandom(99);
        int n = 30, h = 41, w = 59;
        for (int i = 0; i < n; i++) {
            MaskFixtures.writeGray(masks.resolve(String.format("im%02d_thing_0.png", i)), MaskFixtures.blobs(random, h, w), h, w);
        }
        JsonNode cv2 = JSON.readTree(python.run(RECIPE, masks.toString()));
        Path out = tmp.resolve("out.json");
        assertEquals(0, Main.run("masks", "to-coco", "--masks", masks.toString(), "--out", out.toString()));
        JsonNode anns = JSON.readTree(out.toFile()).get("annotations");
        assertEquals(n, anns.size());
        for (int i = 0; i < n; i++) {
            String name = String.format("im%02d_thing_0.png", i);
            JsonNode e = cv2.get(name);
            boolean thin = false;
            for (JsonNode c : e.get("contours")) {
                thin |= c.size() < 6;
            }
            JsonNode seg = anns.get(i).get("segmentation");
            if (e.get("hole").asBoolean() || thin) {
                assertEquals(Rle.of(h, w, MaskFixtures.ints(e.get("counts"))), compressed(seg), name);
            } else {
                assertEquals(e.get("contours"), seg, name);
            }
        }
    }
}

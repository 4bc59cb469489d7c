package dev.segpack.eval;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.segpack.coco.CocoFormatException;
import dev.segpack.coco.CocoIndex;
import dev.segpack.coco.CocoResults;
import dev.segpack.coco.Segmentation;
import dev.segpack.engine.eval.CocoEval;
import dev.segpack.engine.eval.Detections;
import dev.segpack.engine.eval.EvalParams;
import dev.segpack.engine.eval.GroundTruth;
import dev.segpack.engine.eval.IouType;
import dev.segpack.engine.eval.Matches;
import dev.segpack.engine.rle.Rle;
import dev.segpack.image.Image;
import dev.segpack.image.ImageDecoder;
import dev.segpack.io.Json;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * One image with its annotations drawn as pycocotools' showAnns draws them: masks tinted (crowd regions
 * in its crowd green), polygons outlined, boxes, keypoint skeletons where both ends have v &gt; 0. With
 * results, each detection is drawn in the colour of its evaluateImg match at IoU 0.5 (area all, the
 * last maxDets): true positive green, false positive red, matched to a crowd grey; ground truth no
 * detection matched is outlined in yellow, the rest in white.
 */
public final class AnnotationPicture {

    /** showAnns' colour of crowd regions, [2, 166, 101] / 255. */
    private static final Color CROWD = new Color(2, 166, 101);
    private static final Color TRUE_POSITIVE = new Color(0, 220, 0);
    private static final Color FALSE_POSITIVE = new Color(235, 30, 30);
    private static final Color IGNORED = new Color(170, 170, 170);
    private static final Color MISSED = new Color(255, 230, 0);

    private final CocoIndex gt;
    private final BufferedImage picture;
    private final Graphics2D g;

    private AnnotationPicture(CocoIndex gt, BufferedImage picture) {
        this.gt = gt;
        this.picture = picture;
        this.g = picture.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
    }

    /**
     * Draws image {@code imageId} (its file_name under {@code images}) with its ground truth and, when
     * {@code dt} is not null, the results on it, evaluated as {@code type}; writes an RGB PNG.
     */
    public static void write(Path out, CocoIndex gt, Path images, long imageId, CocoResults dt, IouType type)
            throws IOException {
        int i = gt.imageIndex(imageId);
        if (i < 0) {
            throw new CocoFormatException(gt.path() + ": image_id " + imageId + " is not in the images table");
        }
        String name = gt.imageFileName(i);
        if (name == null) {
            throw new CocoFormatException(gt.path() + ": image_id " + imageId + " has no file_name");
        }
        AnnotationPicture p;
        try (Arena arena = Arena.ofConfined()) {
            p = new AnnotationPicture(gt, toPicture(ImageDecoder.readBgr(images.resolve(name), arena)));
        }
        try {
            if (dt == null) {
                p.groundTruth(imageId);
            } else {
                p.evaluated(imageId, dt, type);
            }
        } finally {
            p.g.dispose();
        }
        Raster.writePng(out, p.picture);
    }

    private static BufferedImage toPicture(Image bgr) {
        BufferedImage picture = new BufferedImage(bgr.w(), bgr.h(), BufferedImage.TYPE_INT_RGB);
        MemorySegment data = bgr.data();
        int[] row = new int[bgr.w()];
        for (int y = 0; y < bgr.h(); y++) {
            long at = y * bgr.rowBytes();
            for (int x = 0; x < row.length; x++, at += 3) {
                int b = data.get(ValueLayout.JAVA_BYTE, at) & 0xff, gr = data.get(ValueLayout.JAVA_BYTE, at + 1) & 0xff;
                int r = data.get(ValueLayout.JAVA_BYTE, at + 2) & 0xff;
                row[x] = r << 16 | gr << 8 | b;
            }
            picture.setRGB(0, y, row.length, 1, row, 0, row.length);
        }
        return picture;
    }

    /** showAnns: every annotation of the image in its own random colour (seeded by its position, so pictures repeat). */
    private void groundTruth(long imageId) {
        for (int a : gt.imageAnnotations(imageId)) {
            Random random = new Random(a);
            Color colour = new Color(0.4f + 0.6f * random.nextFloat(), 0.4f + 0.6f * random.nextFloat(),
                    0.4f + 0.6f * random.nextFloat());
            Color fill = gt.annotationIsCrowd(a) ? CROWD : colour;
            g.setStroke(new BasicStroke(2f));
            region(a, fill, colour, gt.annotationIsCrowd(a) ? 0.5f : 0.4f);
            g.setColor(colour);
            box(gt.annotationBbox(a).toArray(), 0);
            skeleton(gt.keypoints(a), gt.annotationCategoryId(a), colour);
        }
    }

    private void evaluated(long imageId, CocoResults results, IouType type) {
        EvalParams p = CocoEvaluation.defaultParams(gt, type).withImgIds(new long[] {imageId})
                .withIouThrs(new double[] {.5}).withAreaRanges(new double[][] {{0, 1e5 * 1e5}}, List.of("all"));
        GroundTruth truth = CocoEvaluation.groundTruth(gt, p);
        Detections dt = results.detections();
        Matches matches = CocoEval.matches(p, truth, dt);
        int[] anns = gt.imageAnnotations(imageId);
        for (int row = 0, next = 0; row < truth.size(); row++) {
            while (gt.annotationId(anns[next]) != truth.ids()[row]) {
                next++;
            }
            int a = anns[next++];
            boolean crowd = truth.iscrowd()[row];
            boolean missed = !crowd && matches.groundTruthMatch(row) < 0;
            Color edge = crowd ? CROWD : missed ? MISSED : Color.WHITE;
            g.setStroke(new BasicStroke(missed ? 3f : 1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    missed ? new float[] {8f, 5f} : null, 0f));
            if (type == IouType.SEGM) {
                region(a, crowd ? CROWD : null, edge, 0.5f);
            } else {
                g.setColor(edge);
                box(truth.boxes(), row);
            }
        }
        g.setStroke(new BasicStroke(2f));
        for (int d = 0; d < dt.size(); d++) {
            byte state = matches.detectionState(d);
            if (dt.imageIds()[d] != imageId || state == Matches.NOT_EVALUATED) {
                continue;
            }
            Color colour = state == Matches.TRUE_POSITIVE ? TRUE_POSITIVE
                    : state == Matches.FALSE_POSITIVE ? FALSE_POSITIVE : IGNORED;
            if (dt.masks() != null) {
                tint(dt.masks()[d], colour, 0.35f, true);
            }
            if (dt.keypoints() != null) {
                int values = dt.keypoints().length / dt.size();
                double[] points = new double[values];
                System.arraycopy(dt.keypoints(), d * values, points, 0, values);
                skeleton(points, (int) dt.categoryIds()[d], colour);
            }
            g.setColor(colour);
            if (dt.masks() == null) {
                box(dt.boxes(), d);
            }
            g.drawString(String.format(Locale.ROOT, "%.2f", dt.scores()[d]), (float) dt.boxes()[4 * d] + 2,
                    (float) dt.boxes()[4 * d + 1] - 3);
        }
    }

    /** An annotation's region: polygons filled and outlined (in the current stroke), an RLE tinted; {@code fill} null outlines only. */
    private void region(int a, Color fill, Color edge, float alpha) {
        if (gt.annotationProblem(a) != null) {
            return;
        }
        Segmentation seg;
        try {
            seg = gt.segmentation(a);
        } catch (CocoFormatException e) {
            return; // no segmentation (keypoint-only files): the box and skeleton are drawn
        }
        if (seg instanceof Segmentation.Polygons polygons) {
            Path2D.Double shape = new Path2D.Double(Path2D.WIND_NON_ZERO);
            for (double[] part : polygons.parts()) {
                for (int k = 0; k + 1 < part.length; k += 2) {
                    if (k == 0) {
                        shape.moveTo(part[0], part[1]);
                    } else {
                        shape.lineTo(part[k], part[k + 1]);
                    }
                }
                shape.closePath();
            }
            if (fill != null) {
                g.setColor(new Color(fill.getRed(), fill.getGreen(), fill.getBlue(), Math.round(alpha * 255)));
                g.fill(shape);
            }
            g.setColor(edge);
            g.draw(shape);
        } else {
            tint(gt.annToRle(a), fill != null ? fill : edge, fill != null ? alpha : 0f, true);
        }
    }

    /** Blends {@code colour} over the mask's pixels and, with {@code outline}, paints its edge pixels opaque. */
    private void tint(Rle rle, Color colour, float alpha, boolean outline) {
        int h = rle.h(), w = rle.w();
        if (h != picture.getHeight() || w != picture.getWidth()) {
            return; // a mask of another size (pycocotools' IoU −1 case) has no place on this image
        }
        boolean[] on = new boolean[h * w];
        long at = 0;
        for (int r = 0; r < rle.runs(); r++) {
            long n = rle.count(r);
            if ((r & 1) == 1) {
                for (long k = at; k < at + n; k++) {
                    int x = (int) (k / h), y = (int) (k % h);
                    on[y * w + x] = true;
                }
            }
            at += n;
        }
        int rgb = colour.getRGB();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!on[y * w + x]) {
                    continue;
                }
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1 || !on[y * w + x - 1] || !on[y * w + x + 1]
                        || !on[(y - 1) * w + x] || !on[(y + 1) * w + x];
                picture.setRGB(x, y, outline && edge ? rgb : blend(picture.getRGB(x, y), rgb, alpha));
            }
        }
    }

    private static int blend(int under, int over, float alpha) {
        int out = 0;
        for (int shift = 0; shift < 24; shift += 8) {
            int u = under >> shift & 0xff, o = over >> shift & 0xff;
            out |= Math.round(u + alpha * (o - u)) << shift;
        }
        return out;
    }

    private void box(double[] boxes, int row) {
        double x = boxes[4 * row], y = boxes[4 * row + 1], w = boxes[4 * row + 2], h = boxes[4 * row + 3];
        if (w > 0 || h > 0) {
            g.draw(new Rectangle2D.Double(x, y, w, h));
        }
    }

    /** The category's skeleton (1-based keypoint pairs) where both ends have v &gt; 0, then the points with v &gt; 0. */
    private void skeleton(double[] kp, int categoryId, Color colour) {
        if (kp.length < 3) {
            return;
        }
        g.setColor(colour);
        g.setStroke(new BasicStroke(3f));
        for (int[] bone : bones(categoryId)) {
            int p = 3 * (bone[0] - 1), q = 3 * (bone[1] - 1);
            if (p >= 0 && q >= 0 && q + 2 < kp.length && p + 2 < kp.length && kp[p + 2] > 0 && kp[q + 2] > 0) {
                g.draw(new Line2D.Double(kp[p], kp[p + 1], kp[q], kp[q + 1]));
            }
        }
        g.setStroke(new BasicStroke(2f));
        for (int k = 0; k + 2 < kp.length; k += 3) {
            if (kp[k + 2] > 0) {
                Ellipse2D.Double dot = new Ellipse2D.Double(kp[k] - 4, kp[k + 1] - 4, 8, 8);
                g.setColor(colour);
                g.fill(dot);
                g.setColor(kp[k + 2] > 1 ? colour : Color.BLACK);
                g.draw(dot);
            }
        }
    }

    /** The category's "skeleton" member: pairs of 1-based keypoint numbers (none when absent or not pairs of integers). */
    private int[][] bones(int categoryId) {
        for (int c = 0; c < gt.categoryCount(); c++) {
            if (gt.categoryId(c) == categoryId) {
                try (JsonParser p = Json.parser(gt.categoryJson(c))) {
                    return skeleton(p);
                } catch (IOException e) {
                    throw new CocoFormatException(gt.path() + ": category #" + c + ": " + e.getMessage(), e);
                }
            }
        }
        return new int[0][];
    }

    private static int[][] skeleton(JsonParser p) throws IOException {
        List<int[]> bones = new ArrayList<>();
        p.nextToken();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            boolean wanted = p.currentName().equals("skeleton");
            if (p.nextToken() != JsonToken.START_ARRAY || !wanted) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.START_ARRAY) {
                int[] pair = new int[2];
                int n = 0;
                for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                    if (t == JsonToken.VALUE_NUMBER_INT && n < 2) {
                        pair[n] = p.getIntValue();
                    }
                    n++;
                }
                if (n == 2) {
                    bones.add(pair);
                }
            }
        }
        return bones.toArray(int[][]::new);
    }
}

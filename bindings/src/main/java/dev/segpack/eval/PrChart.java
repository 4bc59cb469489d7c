package dev.segpack.eval;

import dev.segpack.engine.eval.Accumulation;
import dev.segpack.engine.eval.EvalParams;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code --plot} chart: precision against recall threshold, one curve per IoU threshold, each point
 * the mean over categories of precision[t, r, k, area "all", last maxDets] (entries above −1), the
 * values AP averages.
 */
public final class PrChart {

    private static final int W = 760, H = 520, LEFT = 70, RIGHT = 170, TOP = 40, BOTTOM = 60;
    /** matplotlib's tab10 colours, one per IoU threshold (repeated beyond ten). */
    private static final int[] COLOURS = {0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2,
        0x7f7f7f, 0xbcbd22, 0x17becf};

    private PrChart() {
    }

    public static void write(Path out, Accumulation acc) throws IOException {
        EvalParams p = acc.params();
        int[] n = acc.counts();
        int all = Math.max(0, p.areaLabels().indexOf("all"));
        int last = n[4] - 1;
        BufferedImage picture = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = picture.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            axes(g, p.iouType().cocoName() + ": precision-recall, area=all, maxDets=" + p.maxDets()[last]);
            g.setStroke(new BasicStroke(2f));
            double[] recThrs = p.recThrs();
            for (int t = 0; t < n[0]; t++) {
                Path2D.Double curve = new Path2D.Double();
                boolean any = false;
                for (int r = 0; r < n[1]; r++) {
                    double sum = 0;
                    int kept = 0;
                    for (int k = 0; k < n[2]; k++) {
                        double v = acc.precision(t, r, k, all, last);
                        if (v > -1) {
                            sum += v;
                            kept++;
                        }
                    }
                    if (kept == 0) {
                        continue;
                    }
                    double x = px(recThrs[r]), y = py(sum / kept);
                    if (any) {
                        curve.lineTo(x, y);
                    } else {
                        curve.moveTo(x, y);
                        any = true;
                    }
                }
                Color colour = new Color(COLOURS[t % COLOURS.length]);
                g.setColor(colour);
                if (any) {
                    g.draw(curve);
                }
                int ly = TOP + 20 + 22 * t;
                g.drawLine(W - RIGHT + 20, ly - 4, W - RIGHT + 45, ly - 4);
                g.setColor(Color.BLACK);
                g.drawString(String.format(Locale.ROOT, "IoU=%.2f%s", p.iouThrs()[t], any ? "" : " (none)"),
                        W - RIGHT + 52, ly);
            }
        } finally {
            g.dispose();
        }
        Raster.writePng(out, picture);
    }

    private static void axes(Graphics2D g, String title) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int i = 0; i <= 10; i++) {
            double v = i / 10.0;
            g.setColor(new Color(0xe6e6e6));
            g.drawLine((int) px(v), TOP, (int) px(v), H - BOTTOM);
            g.drawLine(LEFT, (int) py(v), W - RIGHT, (int) py(v));
            g.setColor(Color.BLACK);
            String label = String.format(Locale.ROOT, "%.1f", v);
            g.drawString(label, (int) px(v) - 8, H - BOTTOM + 18);
            g.drawString(label, LEFT - 30, (int) py(v) + 4);
        }
        g.drawRect(LEFT, TOP, W - RIGHT - LEFT, H - BOTTOM - TOP);
        g.drawString("recall", (W - RIGHT + LEFT) / 2 - 15, H - 20);
        g.drawString("precision", 8, TOP - 10);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(title, LEFT, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    }

    private static double px(double recall) {
        return LEFT + recall * (W - RIGHT - LEFT);
    }

    private static double py(double precision) {
        return H - BOTTOM - precision * (H - BOTTOM - TOP);
    }
}

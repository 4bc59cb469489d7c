package dev.segpack.engine.skeleton;

/**
 * PYSKL's {@code PoseCompact}: NaN coordinates become 0; the tight box over the non-zero x and the
 * non-zero y of all persons and frames (0 means missing) is padded by {@code padding} around its
 * centre, widened to the height/width ratio range {@code hwRatio} if one is given, truncated to
 * integers (clipped to the image unless {@code allowImgpad}); the non-zero coordinates are shifted
 * into it and it becomes the image shape. A box narrower or lower than {@code threshold} leaves the
 * sample as it is (NaNs zeroed). Arithmetic follows numpy's: the box in float32, its centre and
 * half sizes in float64, the shift in float32.
 */
public final class PoseCompact {

    private final double padding;
    private final double threshold;
    private final double[] hwRatio;
    private final boolean allowImgpad;

    /** The toolbox's defaults: padding 0.25, threshold 10, no ratio, image padding allowed. */
    public PoseCompact() {
        this(0.25, 10, null, true);
    }

    /**
     * @param hwRatio null, or the (low, high) ratio range ({@code hw_ratio=1.} is {@code {1, 1}})
     */
    public PoseCompact(double padding, double threshold, double[] hwRatio, boolean allowImgpad) {
        if (!(padding >= 0)) {
            throw new IllegalArgumentException("padding must be >= 0, not " + padding);
        }
        if (hwRatio != null && hwRatio.length != 2) {
            throw new IllegalArgumentException("hw_ratio is a pair, not " + hwRatio.length + " values");
        }
        this.padding = padding;
        this.threshold = threshold;
        this.hwRatio = hwRatio == null ? null : hwRatio.clone();
        this.allowImgpad = allowImgpad;
    }

    public PoseFrames apply(PoseFrames pose) {
        float[] kp = pose.coords().clone();
        float minX = Float.POSITIVE_INFINITY;
        float minY = Float.POSITIVE_INFINITY;
        float maxX = Float.NEGATIVE_INFINITY;
        float maxY = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < kp.length; i += 2) {
            if (Float.isNaN(kp[i])) {
                kp[i] = 0f;
            }
            if (Float.isNaN(kp[i + 1])) {
                kp[i + 1] = 0f;
            }
            float x = kp[i];
            float y = kp[i + 1];
            if (x != 0f) {
                minX = Math.min(minX, x);
                maxX = Math.max(maxX, x);
            }
            if (y != 0f) {
                minY = Math.min(minY, y);
                maxY = Math.max(maxY, y);
            }
        }
        if ((double) (maxX - minX) < threshold || (double) (maxY - minY) < threshold) {
            return pose.withCoords(kp, pose.height(), pose.width());
        }
        double centerX = (double) (maxX + minX) / 2;
        double centerY = (double) (maxY + minY) / 2;
        double halfWidth = (double) (maxX - minX) / 2 * (1 + padding);
        double halfHeight = (double) (maxY - minY) / 2 * (1 + padding);
        if (hwRatio != null) {
            halfHeight = pythonMax(hwRatio[0] * halfWidth, halfHeight);
            halfWidth = pythonMax(1 / hwRatio[1] * halfHeight, halfWidth);
        }
        double left = centerX - halfWidth;
        double right = centerX + halfWidth;
        double top = centerY - halfHeight;
        double bottom = centerY + halfHeight;
        long x0;
        long y0;
        long x1;
        long y1;
        if (allowImgpad) {
            x0 = truncate(left);
            y0 = truncate(top);
            x1 = truncate(right);
            y1 = truncate(bottom);
        } else {
            x0 = truncate(pythonMax(0, left));
            y0 = truncate(pythonMax(0, top));
            x1 = truncate(pythonMin(pose.width(), right));
            y1 = truncate(pythonMin(pose.height(), bottom));
        }
        long newWidth = x1 - x0;
        long newHeight = y1 - y0;
        if (newWidth <= 0 || newHeight <= 0 || newWidth > Integer.MAX_VALUE || newHeight > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("the compacted box " + newWidth + "x" + newHeight + " is not a usable image shape");
        }
        float shiftX = (float) x0;
        float shiftY = (float) y0;
        for (int i = 0; i < kp.length; i += 2) {
            if (kp[i] != 0f) {
                kp[i] -= shiftX;
            }
            if (kp[i + 1] != 0f) {
                kp[i + 1] -= shiftY;
            }
        }
        return pose.withCoords(kp, (int) newHeight, (int) newWidth);
    }

    /** Python's {@code int(x)} of a float: truncation toward zero (refusing what Python refuses). */
    static long truncate(double x) {
        if (!Double.isFinite(x) || Math.abs(x) >= 0x1p62) {
            throw new IllegalArgumentException("coordinate " + x + " cannot be converted to an integer");
        }
        return (long) x;
    }

    /** Python's {@code max(a, b)}: a unless b is greater. */
    private static double pythonMax(double a, double b) {
        return b > a ? b : a;
    }

    /** Python's {@code min(a, b)}: a unless b is smaller. */
    private static double pythonMin(double a, double b) {
        return b < a ? b : a;
    }
}

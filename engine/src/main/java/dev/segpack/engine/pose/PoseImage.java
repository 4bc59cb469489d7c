package dev.segpack.engine.pose;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * The stored person-pose pixel: B, G, R and the packed pose value of {@link PosePacker}, interleaved
 * as [h, w, 4]. {@link PosePacker.Encoding#NARROW} stores uint8 channels; {@link
 * PosePacker.Encoding#WIDE} stores every channel as uint16 little-endian (B, G, R widened, then the
 * 16-bit pose value), so one dataset keeps one element type as h5py requires.
 */
public final class PoseImage {

    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PoseImage() {
    }

    /** Bytes of an h×w stored pose image. */
    public static long byteSize(int h, int w, PosePacker.Encoding encoding) {
        return (long) h * w * 4 * encoding.bytes;
    }

    /** Interleaves {@code bgr} (h·w·3 bytes) and {@code pose} (h·w values) into {@code out}. */
    public static void interleave(MemorySegment bgr, MemorySegment pose, long pixels, PosePacker.Encoding encoding,
            MemorySegment out) {
        if (encoding == PosePacker.Encoding.NARROW) {
            // row-sized heap buffers: plain array loops compile early, so short runs are fast too
            int chunk = 1 << 14;
            byte[] in = new byte[3 * chunk];
            byte[] p = new byte[chunk];
            byte[] o = new byte[4 * chunk];
            for (long at = 0; at < pixels; at += chunk) {
                int n = (int) Math.min(chunk, pixels - at);
                MemorySegment.copy(bgr, ValueLayout.JAVA_BYTE, 3 * at, in, 0, 3 * n);
                MemorySegment.copy(pose, ValueLayout.JAVA_BYTE, at, p, 0, n);
                for (int i = 0, j = 0, k = 0; i < n; i++, j += 3, k += 4) {
                    o[k] = in[j];
                    o[k + 1] = in[j + 1];
                    o[k + 2] = in[j + 2];
                    o[k + 3] = p[i];
                }
                MemorySegment.copy(o, 0, out, ValueLayout.JAVA_BYTE, 4 * at, 4 * n);
            }
            return;
        }
        for (long i = 0; i < pixels; i++) {
            for (int c = 0; c < 3; c++) {
                out.set(U16, 8 * i + 2 * c, (short) Byte.toUnsignedInt(bgr.get(ValueLayout.JAVA_BYTE, 3 * i + c)));
            }
            out.set(U16, 8 * i + 6, pose.get(U16, 2 * i));
        }
    }

    /**
     * Splits a stored pose image into {@code bgr} (h·w·3 bytes), the instance index map (uint8 for
     * NARROW, uint16 for WIDE; 0 where no instance), the crowd and the unannotated masks (0/1 bytes).
     */
    public static void unpack(MemorySegment stored, long pixels, PosePacker.Encoding encoding, MemorySegment bgr,
            MemorySegment index, MemorySegment crowd, MemorySegment unannotated) {
        if (encoding == PosePacker.Encoding.NARROW) {
            for (long i = 0; i < pixels; i++) {
                bgr.set(ValueLayout.JAVA_BYTE, 3 * i, stored.get(ValueLayout.JAVA_BYTE, 4 * i));
                bgr.set(ValueLayout.JAVA_BYTE, 3 * i + 1, stored.get(ValueLayout.JAVA_BYTE, 4 * i + 1));
                bgr.set(ValueLayout.JAVA_BYTE, 3 * i + 2, stored.get(ValueLayout.JAVA_BYTE, 4 * i + 2));
                int p = Byte.toUnsignedInt(stored.get(ValueLayout.JAVA_BYTE, 4 * i + 3));
                index.set(ValueLayout.JAVA_BYTE, i, (byte) (p & 0x3f));
                crowd.set(ValueLayout.JAVA_BYTE, i, (byte) ((p >> 6) & 1));
                unannotated.set(ValueLayout.JAVA_BYTE, i, (byte) (p >> 7));
            }
            return;
        }
        for (long i = 0; i < pixels; i++) {
            for (int c = 0; c < 3; c++) {
                bgr.set(ValueLayout.JAVA_BYTE, 3 * i + c, (byte) stored.get(U16, 8 * i + 2 * c));
            }
            int p = Short.toUnsignedInt(stored.get(U16, 8 * i + 6));
            index.set(U16, 2 * i, (short) (p & 0x3fff));
            crowd.set(ValueLayout.JAVA_BYTE, i, (byte) ((p >> 14) & 1));
            unannotated.set(ValueLayout.JAVA_BYTE, i, (byte) (p >> 15));
        }
    }
}

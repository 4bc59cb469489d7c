package dev.segpack.engine.skeleton;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segpack.engine.testing.GoldenBlobs;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Reading the skeleton reference rows (nested JSON lists, float16/float32 bit lists) and comparing volumes. */
final class SkeletonRows {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private SkeletonRows() {
    }

    /** A nested JSON list of numbers, flattened in C order, as float32. */
    static float[] floats(JsonNode nested) {
        float[] out = new float[count(nested)];
        fill(nested, out, 0);
        return out;
    }

    private static int count(JsonNode node) {
        if (!node.isArray()) {
            return 1;
        }
        int n = 0;
        for (JsonNode child : node) {
            n += count(child);
        }
        return n;
    }

    private static int fill(JsonNode node, float[] out, int at) {
        if (!node.isArray()) {
            out[at] = node.isNull() ? Float.NaN : (float) node.asDouble();
            return at + 1;
        }
        for (JsonNode child : node) {
            at = fill(child, out, at);
        }
        return at;
    }

    static short[] halves(JsonNode bits) {
        short[] out = new short[bits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) bits.get(i).asInt();
        }
        return out;
    }

    static float[] float32Bits(JsonNode bits) {
        float[] out = new float[bits.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Float.intBitsToFloat((int) bits.get(i).asLong());
        }
        return out;
    }

    static float[] zlibFloats(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(GoldenBlobs.zlibBase64(base64)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[bytes.remaining() / 4];
        bytes.asFloatBuffer().get(out);
        return out;
    }

    /** How a computed volume compares with the reference's. */
    record Difference(long values, long differentBits, double maxAbs) {
    }

    static Difference compare(MemorySegment actual, float[] expected) {
        long different = 0;
        double maxAbs = 0;
        for (int i = 0; i < expected.length; i++) {
            float a = actual.getAtIndex(F32, i);
            if (Float.floatToRawIntBits(a) != Float.floatToRawIntBits(expected[i])
                    && !(Float.isNaN(a) && Float.isNaN(expected[i]))) {
                different++;
                maxAbs = Math.max(maxAbs, Math.abs((double) a - expected[i]));
            }
        }
        return new Difference(expected.length, different, maxAbs);
    }

    static PoseTargetConfig config(JsonNode params) {
        PoseTargetConfig config = params.get("with_limb").asBoolean() ? PoseTargetConfig.limbs() : PoseTargetConfig.keypoints();
        if (params.get("with_kp").asBoolean() == params.get("with_limb").asBoolean()) {
            throw new IllegalStateException("row sets both or neither of with_kp and with_limb");
        }
        config = config.withSigma(params.get("sigma").asDouble())
                .withUseScore(params.get("use_score").asBoolean())
                .withDoubled(params.get("double").asBoolean());
        return params.has("scaling") ? config.withScaling(params.get("scaling").asDouble()) : config;
    }

    static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }
}

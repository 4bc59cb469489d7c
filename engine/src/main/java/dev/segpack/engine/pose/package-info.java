/**
 * The person-pose packed value (instance index, crowd and unannotated bits in one byte or, wide, one uint16)
 * painted from RLEs. The bit layout itself is engine.simd's PoseEncoding; uses engine.rle and engine.simd.
 */
package dev.segpack.engine.pose;

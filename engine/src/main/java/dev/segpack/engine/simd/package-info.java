/**
 * The sealed SIMD seam: {@link dev.segpack.engine.simd.Kernels} is the one front door (arguments checked once),
 * behind it a scalar and a Vector API implementation chosen once per JVM. Only the Vector* classes here may use
 * jdk.incubator.vector (an architecture test enforces it). Uses engine.mask and the JDK.
 */
package dev.segpack.engine.simd;

/**
 * Image files to off-heap pixels: {@link dev.segpack.image.ImageFile} reads a file once, JPEG decodes through
 * libjpeg-turbo (ImageIO fallback), PNG through {@link dev.segpack.image.PngDecoder} (libdeflate or java.util.zip),
 * and PNG is written through {@link dev.segpack.image.ZlibDeflater} (libdeflate or java.util.zip), or from runs of
 * equal pixels by {@link dev.segpack.image.RunPngEncoder} (its own deflate, no pixels). May use
 * engine.mask and dev.segpack.io, no other segpack package.
 */
package dev.segpack.image;

/**
 * Cityscapes ground truth without file formats: the label table of cityscapesScripts' labels.py as data,
 * and the five label/instance images json2labelImg and json2instanceImg draw from a frame's polygons.
 * Uses the engine's label maps ({@code engine.mask}) and Pillow's polygon fill ({@code engine.geometry}).
 */
package dev.segpack.engine.cityscapes;

/**
 * The person-pose HDF5 dataset: CocoToPoseH5 builds it from COCO keypoints and images, PoseH5Writer/Reader lay
 * it out over jhdf, PoseH5Dataset decodes it for data loaders. Uses the engine, dev.segpack.coco, dev.segpack.image, dev.segpack.io.
 */
package dev.segpack.poseh5;

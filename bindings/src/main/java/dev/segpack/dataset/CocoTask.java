package dev.segpack.dataset;

import java.util.Locale;

/** The COCO annotation files the exporter writes, one per task and subset: {@code <task>_<subset>.json}. */
public enum CocoTask {
    IMAGE_INFO, INSTANCES, PERSON_KEYPOINTS, CAPTIONS, LABELS, PANOPTIC;

    /** The name used in file names and on the command line, e.g. {@code person_keypoints}. */
    public String fileName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CocoTask parse(String name) {
        for (CocoTask t : values()) {
            if (t.fileName().equals(name.trim().toLowerCase(Locale.ROOT))) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown COCO task '" + name + "'; expected one of image_info, instances,"
                + " person_keypoints, captions, labels, panoptic");
    }
}

package dev.segpack.engine.cityscapes;

import dev.segpack.engine.mask.LabelMap.LabelType;

/** The five images cityscapesScripts draws from a frame's polygons, named by their file suffix. */
public enum ImageType {
    /** json2labelImg, encoding "ids": mode L, label id, background unlabeled's id. */
    LABEL_IDS("labelIds", LabelType.UINT8),
    /** json2labelImg, encoding "trainIds": mode L, trainId, background unlabeled's trainId. */
    LABEL_TRAIN_IDS("labelTrainIds", LabelType.UINT8),
    /** json2labelImg, encoding "color": mode RGBA; an INT32 map whose little-endian bytes are R, G, B, A. */
    COLOR("color", LabelType.INT32),
    /**
     * json2instanceImg, encoding "ids": mode I. A UINT16 map holds what its 16-bit PNG holds (values clamped
     * to 0..65535), an INT32 map what the in-memory image holds.
     */
    INSTANCE_IDS("instanceIds", LabelType.UINT16),
    /** json2instanceImg, encoding "trainIds": as {@link #INSTANCE_IDS} with trainIds. */
    INSTANCE_TRAIN_IDS("instanceTrainIds", LabelType.UINT16);

    private final String suffix;
    private final LabelType pngType;

    ImageType(String suffix, LabelType pngType) {
        this.suffix = suffix;
        this.pngType = pngType;
    }

    /** The name cityscapesScripts gives the file: {@code <frame>_gtFine_<suffix>.png}. */
    public String suffix() {
        return suffix;
    }

    /** The map type the image's PNG holds: uint8 grey, RGBA bytes, or 16-bit grey. */
    public LabelType pngType() {
        return pngType;
    }

    boolean accepts(LabelType type) {
        return type == pngType || isInstanceImage() && type == LabelType.INT32;
    }

    boolean isInstanceImage() {
        return this == INSTANCE_IDS || this == INSTANCE_TRAIN_IDS;
    }

    boolean usesTrainIds() {
        return this == LABEL_TRAIN_IDS || this == INSTANCE_TRAIN_IDS;
    }

    /** The type of a suffix such as {@code labelTrainIds}. */
    public static ImageType ofSuffix(String suffix) {
        for (ImageType type : values()) {
            if (type.suffix.equals(suffix)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown Cityscapes image type '" + suffix
                + "' (labelIds, labelTrainIds, color, instanceIds, instanceTrainIds)");
    }
}

package dev.segpack.engine.eval;

/** What a detection is compared by: its box, its mask, or its keypoints (OKS). */
public enum IouType {
    BBOX("bbox"),
    SEGM("segm"),
    KEYPOINTS("keypoints");

    private final String cocoName;

    IouType(String cocoName) {
        this.cocoName = cocoName;
    }

    /** The name COCOeval's iouType parameter uses. */
    public String cocoName() {
        return cocoName;
    }
}

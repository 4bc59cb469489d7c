package dev.segpack.engine.geometry;

/** Which contours {@link Contours#find} returns and how they are linked, as OpenCV's {@code RETR_*}. */
public enum RetrievalMode {
    /** Outer borders that lie in no hole: no hole borders, no nesting ({@code RETR_EXTERNAL}). */
    EXTERNAL,
    /** Every border, all at one level with no parent ({@code RETR_LIST}). */
    LIST,
    /**
     * Two levels: every outer border is top-level and the borders of its holes are its children, even
     * when the outer border lies inside another component's hole ({@code RETR_CCOMP}).
     */
    CCOMP,
    /** The full nesting of outer and hole borders ({@code RETR_TREE}). */
    TREE
}

package dev.segpack.maskimg;

import dev.segpack.dataset.Annotation;
import dev.segpack.dataset.AnnotationInfo;
import dev.segpack.dataset.Attributes;
import dev.segpack.dataset.CategorySet;
import dev.segpack.dataset.DatasetReader;
import dev.segpack.dataset.Item;
import dev.segpack.io.OrderedPipeline;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/**
 * Mask images as a dataset: one item per image (id = image stem, subset "default", in stem order),
 * one mask annotation per object with ids 1, 2, … across the dataset, no group, z-order 0 and no
 * attributes. Files are decoded on worker threads a bounded window ahead of the consumer.
 */
public final class MaskImageReader implements DatasetReader {

    private final MaskLayout.Scan scan;
    private final MaskImageLoader loader;
    private final int threads;
    private OrderedPipeline<MaskLayout.ImageGroup, ImageObjects> pipeline;

    public MaskImageReader(MaskImportOptions options, int threads) throws IOException {
        CategoryMap map = MaskImageLoader.readMap(options);
        this.scan = MaskLayout.scan(options.masks(), options.images(), map, options.layout());
        this.loader = new MaskImageLoader(options, map, false);
        this.threads = threads;
    }

    @Override
    public CategorySet categories() {
        return scan.categories();
    }

    @Override
    public long itemCount() {
        return scan.images().size();
    }

    @Override
    public Iterator<Item> items() {
        if (pipeline != null) {
            throw new IllegalStateException("mask image items can be read once");
        }
        pipeline = OrderedPipeline.of(scan.images().iterator(), loader::load, threads);
        return new Iterator<>() {
            private long nextId = 1;

            @Override
            public boolean hasNext() {
                return pipeline.hasNext();
            }

            @Override
            public Item next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ImageObjects found = pipeline.next();
                List<Annotation> annotations = new ArrayList<>(found.objects().size());
                for (ExtractedObject o : found.objects()) {
                    annotations.add(new Annotation.RleMask(
                            new AnnotationInfo(nextId++, o.label(), 0, 0, Attributes.EMPTY), o.rle()));
                }
                return new Item(found.stem(), Item.DEFAULT_SUBSET, found.image(), OptionalLong.empty(), annotations);
            }
        };
    }

    @Override
    public void close() {
        if (pipeline != null) {
            pipeline.close();
        }
    }
}

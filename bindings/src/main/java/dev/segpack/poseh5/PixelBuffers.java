package dev.segpack.poseh5;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Native buffers of image size that the workers of {@link CocoToPoseH5} take for an image and give back
 * once it is written, so that a run allocates a few of them, not three per image: a fresh allocation is
 * zeroed and its pages faulted in again, which cost a long run a quarter of its CPU. A buffer's content is
 * whatever its last user left. Thread-safe; closing frees every buffer, lent or not.
 */
final class PixelBuffers implements AutoCloseable {

    private final List<MemorySegment> free = new ArrayList<>();
    /** Every buffer's own arena, so that one too small can be freed alone. */
    private final List<Arena> arenas = new ArrayList<>();
    private final List<MemorySegment> buffers = new ArrayList<>();
    private boolean closed;

    /**
     * A buffer of at least {@code bytes} bytes, aligned to 64: the smallest free one that is large enough, or
     * a new one (which replaces the smallest free one, so that the buffers grow to the images' sizes in number
     * bounded by how many are lent at once).
     */
    synchronized MemorySegment take(long bytes) {
        if (closed) {
            throw new IllegalStateException("the pixel buffers are closed");
        }
        MemorySegment best = null;
        MemorySegment smallest = null;
        for (MemorySegment s : free) {
            if (s.byteSize() >= bytes && (best == null || s.byteSize() < best.byteSize())) {
                best = s;
            }
            if (smallest == null || s.byteSize() < smallest.byteSize()) {
                smallest = s;
            }
        }
        if (best != null) {
            free.remove(best);
            return best.asSlice(0, bytes);
        }
        if (smallest != null) {
            free.remove(smallest);
            int i = buffers.indexOf(smallest);
            buffers.remove(i);
            arenas.remove(i).close();
        }
        Arena arena = Arena.ofShared();
        MemorySegment buffer = arena.allocate(Math.max(1, bytes), 64);
        arenas.add(arena);
        buffers.add(buffer);
        return buffer.asSlice(0, bytes);
    }

    /** Gives back a buffer {@link #take} returned (or a slice of one starting at its start). */
    synchronized void give(MemorySegment slice) {
        if (closed) {
            return;
        }
        for (MemorySegment b : buffers) {
            if (b.address() == slice.address()) {
                free.add(b);
                return;
            }
        }
        throw new IllegalArgumentException("not one of these pixel buffers");
    }

    @Override
    public synchronized void close() {
        closed = true;
        free.clear();
        buffers.clear();
        arenas.forEach(Arena::close);
        arenas.clear();
    }
}

package dev.shadowtrainer.agent.ppo;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;

/**
 * ND4J's CPU shape-info provider with one more cache. Every array ND4J makes needs a shape-info buffer
 * (rank, shape, strides, type flags), which lives off the heap. The backend's {@link DirectShapeInfoProvider}
 * reuses these for some ways of asking but not for the one DL4J's layers and most ops use (shape, strides,
 * element-wise stride, order, data type and the empty flag), so each of those arrays got a fresh native buffer:
 * a native allocation, a registration with JavaCPP's deallocator under a process-wide lock, a phantom
 * reference for the garbage collector and a free on ND4J's deallocator threads later; a training makes
 * millions. This provider hands out one buffer per distinct shape instead, as the backend does for the other
 * ways: the buffers are marked constant and ND4J never writes to them. A small network sees few distinct
 * shapes; past {@value #MAX_SHAPES} it stops adding and allocates as before.
 *
 * <p>ND4J reads the provider's class from its backend properties, which system properties override:
 * {@link #install()} sets {@value #PROPERTY} before ND4J starts (the CLI's main does it first thing, and the
 * test runner sets it), and {@link #active()} says whether it took.
 */
public final class CachedShapeInfoProvider extends DirectShapeInfoProvider {
    /** The backend property (and system property) naming the provider class. */
    public static final String PROPERTY = "shapeinfoprovider";
    static final int MAX_SHAPES = 10_000;

    private final Map<Key, Pair<DataBuffer, long[]>> shapes = new ConcurrentHashMap<>();

    /** Selects this provider for ND4J, unless a provider has been named already; call before ND4J starts. */
    public static void install() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, CachedShapeInfoProvider.class.getName());
        }
    }

    /** Whether ND4J runs with this provider. */
    public static boolean active() {
        return org.nd4j.linalg.factory.Nd4j.getShapeInfoProvider() instanceof CachedShapeInfoProvider;
    }

    /** Distinct shapes cached so far. */
    int cachedShapes() {
        return shapes.size();
    }

    @Override
    public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                                                            char order, DataType dataType, boolean empty) {
        Key key = new Key(shape, stride, elementWiseStride, order, dataType, empty);
        Pair<DataBuffer, long[]> cached = shapes.get(key);
        if (cached != null) {
            return cached;
        }
        Pair<DataBuffer, long[]> made = super.createShapeInformation(shape, stride, elementWiseStride, order,
                dataType, empty);
        if (shapes.size() >= MAX_SHAPES) {
            return made;
        }
        Pair<DataBuffer, long[]> raced = shapes.putIfAbsent(key.copy(), made);
        return raced == null ? made : raced;
    }

    /** What a shape-info buffer is made from; the arrays are the caller's until {@link #copy()}. */
    private static final class Key {
        private final long[] shape;
        private final long[] stride;
        private final long elementWiseStride;
        private final char order;
        private final DataType dataType;
        private final boolean empty;
        private final int hash;

        Key(long[] shape, long[] stride, long elementWiseStride, char order, DataType dataType, boolean empty) {
            this.shape = shape;
            this.stride = stride;
            this.elementWiseStride = elementWiseStride;
            this.order = order;
            this.dataType = dataType;
            this.empty = empty;
            int h = Arrays.hashCode(shape);
            h = 31 * h + Arrays.hashCode(stride);
            h = 31 * h + Long.hashCode(elementWiseStride);
            h = 31 * h + order;
            h = 31 * h + (dataType == null ? 0 : dataType.ordinal());
            this.hash = 31 * h + (empty ? 1 : 0);
        }

        Key copy() {
            return new Key(shape.clone(), stride.clone(), elementWiseStride, order, dataType, empty);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && elementWiseStride == k.elementWiseStride && order == k.order
                    && dataType == k.dataType && empty == k.empty && Arrays.equals(shape, k.shape)
                    && Arrays.equals(stride, k.stride);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}

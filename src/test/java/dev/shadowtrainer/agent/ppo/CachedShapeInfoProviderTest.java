package dev.shadowtrainer.agent.ppo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The shape-info cache is what ND4J runs with, shares one buffer per shape, and leaves values alone. */
class CachedShapeInfoProviderTest {
    @Test
    void nd4jRunsWithItAndArraysOfOneShapeShareTheirShapeInfo() {
        assertThat(CachedShapeInfoProvider.active()).as("the test runner selects it as main does").isTrue();
        CachedShapeInfoProvider provider = (CachedShapeInfoProvider) Nd4j.getShapeInfoProvider();

        INDArray a = Nd4j.createUninitialized(DataType.FLOAT, 37, 11);
        INDArray b = Nd4j.createUninitialized(DataType.FLOAT, 37, 11);
        INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 11, 37);
        INDArray d = Nd4j.createUninitialized(DataType.DOUBLE, 37, 11);

        assertThat(b.shapeInfoDataBuffer()).isSameAs(a.shapeInfoDataBuffer());
        assertThat(c.shapeInfoDataBuffer()).isNotSameAs(a.shapeInfoDataBuffer());
        assertThat(d.shapeInfoDataBuffer()).isNotSameAs(a.shapeInfoDataBuffer());
        assertThat(a.shape()).containsExactly(37, 11);
        assertThat(c.shape()).containsExactly(11, 37);
        assertThat(d.dataType()).isEqualTo(DataType.DOUBLE);
        assertThat(provider.cachedShapes()).isPositive().isLessThanOrEqualTo(CachedShapeInfoProvider.MAX_SHAPES);
    }

    @Test
    void arraysSharingShapeInfoKeepTheirOwnValues() {
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {4, 5, 6}});
        INDArray y = Nd4j.createFromArray(new float[][] {{6, 5, 4}, {3, 2, 1}});
        INDArray sum = x.add(y);
        INDArray product = x.mmul(y.transpose());

        assertThat(sum.data().asFloat()).containsExactly(7, 7, 7, 7, 7, 7);
        assertThat(product.data().asFloat()).containsExactly(28, 10, 73, 28);
        assertThat(x.data().asFloat()).containsExactly(1, 2, 3, 4, 5, 6);
        x.muli(2); // in place: y, which has the same shape info, keeps its values
        assertThat(y.data().asFloat()).containsExactly(6, 5, 4, 3, 2, 1);
        assertThat(x.reshape(3, 2).shape()).containsExactly(3, 2);
        assertThat(x.shape()).containsExactly(2, 3);
    }

    @Test
    void installLeavesAProviderAlreadyNamedAlone() {
        String before = System.getProperty(CachedShapeInfoProvider.PROPERTY);
        try {
            System.setProperty(CachedShapeInfoProvider.PROPERTY, "some.other.Provider");
            CachedShapeInfoProvider.install();
            assertThat(System.getProperty(CachedShapeInfoProvider.PROPERTY)).isEqualTo("some.other.Provider");
            System.clearProperty(CachedShapeInfoProvider.PROPERTY);
            CachedShapeInfoProvider.install();
            assertThat(System.getProperty(CachedShapeInfoProvider.PROPERTY))
                    .isEqualTo(CachedShapeInfoProvider.class.getName());
        } finally {
            if (before == null) {
                System.clearProperty(CachedShapeInfoProvider.PROPERTY);
            } else {
                System.setProperty(CachedShapeInfoProvider.PROPERTY, before);
            }
        }
    }
}

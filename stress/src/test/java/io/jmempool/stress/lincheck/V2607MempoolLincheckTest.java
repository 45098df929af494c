package io.jmempool.stress.lincheck;

/**
 * The mempool with the v26.07 cache algorithm (flush half, refill half, bypass above half), through default and
 * user-owned caches, against {@link MempoolBagSpec.V2607}: model checking and stress. See {@link MempoolUnderTest}.
 */
public final class V2607MempoolLincheckTest extends MempoolUnderTest {
    public static final Class<? extends MempoolBagSpec> SPEC = MempoolBagSpec.V2607.class;

    public V2607MempoolLincheckTest() {
        super(SPEC);
    }
}

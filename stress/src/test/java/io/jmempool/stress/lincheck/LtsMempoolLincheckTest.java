package io.jmempool.stress.lincheck;

/**
 * The mempool with the LTS v25.11 cache algorithm (1.5 x size threshold, flush all, refill size + rest), through
 * default and user-owned caches, against {@link MempoolBagSpec.Lts}: model checking and stress. See
 * {@link MempoolUnderTest}.
 */
public final class LtsMempoolLincheckTest extends MempoolUnderTest {
    public static final Class<? extends MempoolBagSpec> SPEC = MempoolBagSpec.Lts.class;

    public LtsMempoolLincheckTest() {
        super(SPEC);
    }
}

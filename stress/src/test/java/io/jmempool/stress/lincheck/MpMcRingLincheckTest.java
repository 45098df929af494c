package io.jmempool.stress.lincheck;

import org.junit.jupiter.api.Test;

/**
 * Linearizability of the MP/MC ring (several producers and several consumers) against {@link BoundedFifoSpec}, by
 * model checking and by stress. The calls are the ring's default ones, which take the MP/MC paths.
 */
public final class MpMcRingLincheckTest extends MpMcOperations {
    public MpMcRingLincheckTest() {
        super(false, COUNT);
    }

    @Test
    void linearizableUnderModelChecking() {
        LincheckRuns.modelChecking().check(getClass());
    }

    @Test
    void linearizableUnderStress() {
        LincheckRuns.stress().check(getClass());
    }
}

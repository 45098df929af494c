package io.jmempool.stress.lincheck;

/**
 * Linearizability of the MP/MC ring (several producers and several consumers) against {@link BoundedFifoSpec}, by
 * model checking and by stress. The calls are the ring's default ones, which take the MP/MC paths.
 */
public final class MpMcRingLincheckTest extends MpMcOperations implements RingLinearizabilityChecks {
    public MpMcRingLincheckTest() {
        super(false, COUNT);
    }
}

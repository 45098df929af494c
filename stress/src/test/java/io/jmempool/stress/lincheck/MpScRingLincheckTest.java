package io.jmempool.stress.lincheck;

import io.jmempool.ring.Ring;

import java.util.List;

import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Linearizability of the MP/SC ring (several producers, single consumer (dequeues on one thread)) against {@link
 * BoundedFifoSpec}, by model checking and by stress. The calls are the ring's default ones, which take the MP/SC
 * paths.
 */
public final class MpScRingLincheckTest extends RingUnderTest implements RingLinearizabilityChecks {
    public MpScRingLincheckTest() {
        super(Ring.SC_DEQ);
    }

    @Operation(params = "value")
    public boolean enqueue(int value) {
        return enqueueOne(value);
    }

    @Operation(params = {"value", "n"})
    public int enqueueBulk(int value, int n) {
        return enqueueBulkOf(value, n);
    }

    @Operation(params = {"value", "n"})
    public int enqueueBurst(int value, int n) {
        return enqueueBurstOf(value, n);
    }

    @Operation(nonParallelGroup = "consumer")
    public long dequeue() {
        return dequeueOne();
    }

    @Operation(params = "n", nonParallelGroup = "consumer")
    public List<Long> dequeueBulk(int n) {
        return dequeueBulkOf(n);
    }

    @Operation(params = "n", nonParallelGroup = "consumer")
    public List<Long> dequeueBurst(int n) {
        return dequeueBurstOf(n);
    }
}

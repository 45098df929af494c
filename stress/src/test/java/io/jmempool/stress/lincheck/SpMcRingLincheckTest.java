package io.jmempool.stress.lincheck;

import io.jmempool.ring.Ring;

import java.util.List;

import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Linearizability of the SP/MC ring (single producer (enqueues on one thread), several consumers) against {@link
 * BoundedFifoSpec}, by model checking and by stress. The calls are the ring's default ones, which take the SP/MC
 * paths.
 */
public final class SpMcRingLincheckTest extends RingUnderTest implements RingLinearizabilityChecks {
    public SpMcRingLincheckTest() {
        super(Ring.SP_ENQ);
    }

    @Operation(params = "value", nonParallelGroup = "producer")
    public boolean enqueue(int value) {
        return enqueueOne(value);
    }

    @Operation(params = {"value", "n"}, nonParallelGroup = "producer")
    public int enqueueBulk(int value, int n) {
        return enqueueBulkOf(value, n);
    }

    @Operation(params = {"value", "n"}, nonParallelGroup = "producer")
    public int enqueueBurst(int value, int n) {
        return enqueueBurstOf(value, n);
    }

    @Operation
    public long dequeue() {
        return dequeueOne();
    }

    @Operation(params = "n")
    public List<Long> dequeueBulk(int n) {
        return dequeueBulkOf(n);
    }

    @Operation(params = "n")
    public List<Long> dequeueBurst(int n) {
        return dequeueBurstOf(n);
    }
}

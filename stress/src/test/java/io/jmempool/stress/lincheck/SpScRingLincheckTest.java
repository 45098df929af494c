package io.jmempool.stress.lincheck;

import io.jmempool.ring.Ring;

import java.util.List;

import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Linearizability of the SP/SC ring (single producer and single consumer: all enqueues run on one thread, all dequeues
 * on one thread, possibly the same) against {@link BoundedFifoSpec}, by model checking and by stress. The calls are
 * the ring's default ones, which take the SP/SC paths.
 */
public final class SpScRingLincheckTest extends RingUnderTest implements RingLinearizabilityChecks {
    public SpScRingLincheckTest() {
        super(Ring.SP_ENQ | Ring.SC_DEQ);
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

package io.jmempool.stress.lincheck;

import java.util.List;

import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The MP/MC operations (no non-parallel group), shared by {@link MpMcRingLincheckTest} and the two probes that show
 * what the checks cannot do: {@link SpecialisedMpMcRing} and {@link FullRingIsNotStrictlyLinearizableTest}. Lincheck
 * finds operations declared in a superclass.
 */
public abstract class MpMcOperations extends RingUnderTest {
    protected MpMcOperations(boolean specialized, int count) {
        super(0, specialized, count);
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

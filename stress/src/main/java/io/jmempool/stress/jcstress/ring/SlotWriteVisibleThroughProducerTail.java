package io.jmempool.stress.jcstress.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import io.jmempool.internal.Mem;
import io.jmempool.ring.Ring;

import java.lang.foreign.MemorySegment;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Description;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * Edge slot write → R0 (release prod.tail) → A3 (acquire prod.tail) → slot read: a consumer that sees the producer
 * tail move sees the element written before it (DPDK 85cffb2ecc, 9ed8770628).
 */
public final class SlotWriteVisibleThroughProducerTail {
    private SlotWriteVisibleThroughProducerTail() {
    }

    /** One producer enqueues 42 into an empty SP/SC ring while one consumer dequeues. */
    @JCStressTest
    @Description("R0/A3 on an SP/SC ring: the consumer never takes an element whose slot write it cannot see.")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "The consumer read the tail before the publish: the ring was empty.")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "The consumer acquired the published tail and read the element.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer took an element but read the slot before the producer's write "
            + "(1, 0), or read something never enqueued: R0/A3 failed to order the slot.")
    @State
    public static class SpScRing {
        private static final RingPool POOL = new RingPool(4, Ring.SP_ENQ | Ring.SC_DEQ);
        private final Ring ring = POOL.borrow(this);
        private final long[] out = new long[1];

        @Actor
        public void producer() {
            ring.enqueue(42);
        }

        @Actor
        public void consumer(II_Result r) {
            boolean took = ring.dequeue(out, 0);
            r.r1 = took ? 1 : 0;
            r.r2 = (int) out[0];
        }
    }

    /** The same edge on an MP/MC ring, whose head moves are CASes and whose publish waits (W0) first. */
    @JCStressTest
    @Description("R0/A3 on an MP/MC ring: the consumer never takes an element whose slot write it cannot see.")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "The consumer read the tail before the publish: the ring was empty.")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "The consumer acquired the published tail and read the element.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer took an element but read the slot before the producer's write "
            + "(1, 0), or read something never enqueued: R0/A3 failed to order the slot.")
    @State
    public static class MpMcRing {
        private static final RingPool POOL = new RingPool(4, 0);
        private final Ring ring = POOL.borrow(this);
        private final long[] out = new long[1];

        @Actor
        public void producer() {
            ring.enqueue(42);
        }

        @Actor
        public void consumer(II_Result r) {
            boolean took = ring.dequeue(out, 0);
            r.r1 = took ? 1 : 0;
            r.r2 = (int) out[0];
        }
    }

    /**
     * Negative control: the same two steps by hand, with the tail stored and loaded opaque (C11 relaxed) instead of
     * release/acquire. The Java memory model allows (1, 0) here.
     */
    @JCStressTest
    @Description("Control for R0/A3: an opaque tail store/load does not order the slot write before the slot read. "
            + "On this x86 machine (AMD EPYC, 2 vCPUs, JDK 25, -m quick) the interesting outcome never showed, in "
            + "3.4 to 3.6 million samples: x86 keeps these accesses in order.")
    @Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "The tail was read before the publish.")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "Tail and slot both seen.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE_INTERESTING, desc = "Tail seen, slot write not seen: what the missing "
            + "release/acquire allows. Not seen on the x86 build machine (TSO keeps stores and loads in order, and the "
            + "JIT did not reorder the two off-heap accesses).")
    @Outcome(expect = FORBIDDEN, desc = "A value nobody wrote.")
    @State
    public static class OpaqueControl {
        private final MemorySegment m = ControlMemory.allocate();

        @Actor
        public void producer() {
            Mem.setLongPlain(m, ControlMemory.SLOT_0, 42);
            Mem.setIntOpaque(m, ControlMemory.PROD_TAIL, 1);
        }

        @Actor
        public void consumer(II_Result r) {
            int tail = Mem.getIntOpaque(m, ControlMemory.PROD_TAIL);
            r.r1 = tail;
            r.r2 = tail == 1 ? (int) Mem.getLongPlain(m, ControlMemory.SLOT_0) : 0;
        }
    }
}

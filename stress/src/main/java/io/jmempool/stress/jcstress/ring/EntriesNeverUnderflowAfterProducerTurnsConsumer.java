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
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * DPDK's 2025 fix (a4ad0eba9d): a thread that switches from producer to consumer publishes its enqueue (R0) and then
 * moves the consumer head (C1); another consumer that sees that head must see that tail, so its entries
 * {@code prod.tail - cons.head} stay in [0, capacity]. Herd7 showed that with a relaxed head load and CAS an RCpc CPU
 * (Arm LDAPR) could see the head without the tail, an underflow that would dequeue garbage. Here C1 is a volatile
 * CAS and A2 an acquire, so the head's happens-before carries R0 along.
 */
public final class EntriesNeverUnderflowAfterProducerTurnsConsumer {
    private EntriesNeverUnderflowAfterProducerTurnsConsumer() {
    }

    /**
     * An empty MP/MC ring (capacity 3). Actor 1 enqueues 7 (R0: prod.tail 0 → 1) and then dequeues one (C1:
     * cons.head 0 → 1). Actor 2 dequeues a burst of up to 3 and reports the entries left.
     */
    @JCStressTest
    @Description("C1/A2 then A3 on an MP/MC ring: entries are never negative after a producer turns consumer.")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "Actor 2 ran before the publish or after actor 1 took 7 "
            + "back: nothing to take.")
    @Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "Actor 2 took 7 first; actor 1's dequeue found the ring "
            + "empty.")
    @Outcome(expect = FORBIDDEN, desc = "Actor 2 saw actor 1's head move without its earlier tail release: entries "
            + "-1 (an underflow), or 7 dequeued twice.")
    @State
    public static class MpMcRing {
        private static final RingPool POOL = new RingPool(4, 0);
        private final Ring ring = POOL.borrow(this);
        private final long[] taken = new long[1];
        private final long[] burst = new long[3];
        private final int[] available = new int[1];

        @Actor
        public void producerTurnsConsumer(III_Result r) {
            ring.enqueue(7);
            r.r1 = ring.dequeue(taken, 0) ? 1 : 0;
        }

        @Actor
        public void consumer(III_Result r) {
            r.r2 = ring.dequeueBurst(burst, 0, 3, available);
            r.r3 = available[0];
        }
    }

    /**
     * Negative control: actor 1 stores the producer tail and then the consumer head opaque (for R0 and C1); actor 2
     * loads the head and then the tail opaque (for A2 and A3) and reports {@code (head, entries)}.
     */
    @JCStressTest
    @Description("Control for C1/A2 → A3: with opaque accesses the head move can be seen without the tail release. "
            + "On this x86 machine (AMD EPYC, 2 vCPUs, JDK 25, -m quick) the interesting outcome never showed, in "
            + "3.4 to 3.6 million samples: x86 keeps these accesses in order.")
    @Outcome(id = {"0, 0", "0, 1", "1, 0"}, expect = ACCEPTABLE, desc = "Head and tail seen in an order a "
            + "sequentially consistent run allows.")
    @Outcome(id = "1, -1", expect = ACCEPTABLE_INTERESTING, desc = "The new head with the old tail: the underflow "
            + "of a4ad0eba9d. Not seen on the x86 build machine (TSO keeps both the stores and the loads in order).")
    @Outcome(expect = FORBIDDEN, desc = "Impossible: values nobody stored.")
    @State
    public static class OpaqueControl {
        private final MemorySegment m = ControlMemory.allocate();

        @Actor
        public void producerTurnsConsumer() {
            Mem.setIntOpaque(m, ControlMemory.PROD_TAIL, 1);
            Mem.setIntOpaque(m, ControlMemory.CONS_HEAD, 1);
        }

        @Actor
        public void consumer(II_Result r) {
            int head = Mem.getIntOpaque(m, ControlMemory.CONS_HEAD);
            int tail = Mem.getIntOpaque(m, ControlMemory.PROD_TAIL);
            r.r1 = head;
            r.r2 = tail - head;
        }
    }
}

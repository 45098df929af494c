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
 * Head CAS vs opposite tail load: a producer that reads a producer head moved by another producer's CAS (C0) reads a
 * consumer tail at least as new as the one that producer saw, so its free space {@code capacity + cons.tail -
 * prod.head} is never negative. The order comes from C0 being a release (volatile) CAS and the head load being an
 * acquire: A0 on the first attempt, the CAS's own acquire on a failed attempt, before A1 is loaded again.
 *
 * <p>With two actors the other producer must have moved the consumer tail itself, so it is a thread switching from
 * consumer to producer: the mirror image of DPDK's a4ad0eba9d scenario (see
 * {@link EntriesNeverUnderflowAfterProducerTurnsConsumer}), and what DPDK's 2017 and 2025 fixes are about: with a
 * relaxed head load and CAS, Arm (2017, load/load reordering) and RCpc CPUs (2025) computed an underflowed count.
 */
public final class FreeSpaceNeverUnderflowsAfterConsumerTurnsProducer {
    private FreeSpaceNeverUnderflowsAfterConsumerTurnsProducer() {
    }

    /**
     * A full MP/MC ring (capacity 3). Actor 1 dequeues one element (R1: cons.tail 0 → 1), then enqueues one (C0:
     * prod.head 3 → 4). Actor 2 enqueues a burst of up to 3 and reports the free space left.
     */
    @JCStressTest
    @Description("C0/A0 then A1 on an MP/MC ring: free space is never negative after a consumer turns producer.")
    @Outcome(id = "1, 0, 0", expect = ACCEPTABLE, desc = "Actor 2 ran before actor 1's release, or after its "
            + "enqueue: no room; actor 1's enqueue took the freed slot.")
    @Outcome(id = "0, 1, 0", expect = ACCEPTABLE, desc = "Actor 2 saw the released slot first and took it; actor "
            + "1's enqueue then found the ring full.")
    @Outcome(expect = FORBIDDEN, desc = "Actor 2 saw actor 1's head move without its earlier tail release: free "
            + "space -1 (an underflow, which moves the head backwards), or both enqueues succeeded into one slot.")
    @State
    public static class MpMcRing {
        private static final RingPool POOL = new RingPool(4, 0);
        private final Ring ring = POOL.borrow(this);
        private final long[] taken = new long[1];
        private final long[] burst = {5, 6, 7};
        private final int[] freeSpace = new int[1];

        public MpMcRing() {
            ring.enqueueBulk(new long[] {1, 2, 3}, 0, 3);
        }

        @Actor
        public void consumerTurnsProducer(III_Result r) {
            ring.dequeue(taken, 0);
            r.r1 = ring.enqueue(4) ? 1 : 0;
        }

        @Actor
        public void producer(III_Result r) {
            r.r2 = ring.enqueueBurst(burst, 0, 3, freeSpace);
            r.r3 = freeSpace[0];
        }
    }

    /**
     * Negative control: actor 1 stores the consumer tail and then the producer head opaque (for R1 and C0); actor 2
     * loads the head and then the tail opaque (for A0 and A1) and reports {@code (head, free)}.
     */
    @JCStressTest
    @Description("Control for C0/A0 → A1: with opaque accesses the head move can be seen without the tail release. "
            + "On this x86 machine (AMD EPYC, 2 vCPUs, JDK 25, -m quick) the interesting outcome never showed, in "
            + "3.4 to 3.6 million samples: x86 keeps these accesses in order.")
    @Outcome(id = {"3, 0", "3, 1", "4, 0"}, expect = ACCEPTABLE, desc = "Head and tail seen in an order a "
            + "sequentially consistent run allows.")
    @Outcome(id = "4, -1", expect = ACCEPTABLE_INTERESTING, desc = "The new head with the old tail: the underflow "
            + "DPDK's fixes prevent. Not seen on the x86 build machine (TSO keeps both the stores and the loads in "
            + "order).")
    @Outcome(expect = FORBIDDEN, desc = "Impossible: values nobody stored.")
    @State
    public static class OpaqueControl {
        private final MemorySegment m = ControlMemory.allocate();

        public OpaqueControl() {
            Mem.setIntPlain(m, ControlMemory.PROD_HEAD, 3);
        }

        @Actor
        public void consumerTurnsProducer() {
            Mem.setIntOpaque(m, ControlMemory.CONS_TAIL, 1);
            Mem.setIntOpaque(m, ControlMemory.PROD_HEAD, 4);
        }

        @Actor
        public void producer(II_Result r) {
            int head = Mem.getIntOpaque(m, ControlMemory.PROD_HEAD);
            int tail = Mem.getIntOpaque(m, ControlMemory.CONS_TAIL);
            r.r1 = head;
            r.r2 = 3 + tail - head;
        }
    }
}

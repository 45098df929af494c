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
 * Edge slot read → R1 (release cons.tail) → A1 (acquire cons.tail) → slot overwrite: a producer never overwrites a
 * slot that a consumer is still reading (DPDK ecc7d10e44).
 *
 * <p>Setup: a ring of 4 slots (capacity 3) holding 1, 2, 3 in slots 0, 1, 2, so that it is full. A slot becomes
 * writable again only when the consumer tail has passed it and the next one (one slot always stays free), so the
 * consumer takes two elements at once: releasing slots 0 and 1 lets the producer's second element land in slot 0,
 * the slot the consumer read first.
 */
public final class SlotReadCompletesBeforeSlotIsReused {
    private SlotReadCompletesBeforeSlotIsReused() {
    }

    /** The consumer dequeues two (reads slots 0, 1) while the producer enqueues {4, 5} (writes slots 3, 0). */
    @JCStressTest
    @Description("R1/A1 on an MP/MC ring: the slot read happens before the producer that reuses the slot writes it.")
    @Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "The producer read the old consumer tail: the ring was "
            + "full, nothing written.")
    @Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "The producer acquired the released tail and reused slot 0 "
            + "after the consumer had read 1 from it.")
    @Outcome(expect = FORBIDDEN, desc = "The consumer read 5 (or anything but 1, 2): the producer's write to slot 0 "
            + "overtook the read that R1/A1 should order before it; or the producer wrote into a full ring.")
    @State
    public static class MpMcRing {
        private static final RingPool POOL = new RingPool(4, 0);
        private final Ring ring = POOL.borrow(this);
        private final long[] in = {4, 5};
        private final long[] out = new long[2];

        public MpMcRing() {
            ring.enqueueBulk(new long[] {1, 2, 3}, 0, 3);
        }

        @Actor
        public void consumer(III_Result r) {
            ring.dequeueBulk(out, 0, 2);
            r.r1 = (int) out[0];
            r.r2 = (int) out[1];
        }

        @Actor
        public void producer(III_Result r) {
            r.r3 = ring.enqueueBulk(in, 0, 2);
        }
    }

    /**
     * Negative control: the consumer reads slot 0 and then stores its tail opaque; the producer loads the tail
     * opaque and, if it moved, overwrites slot 0. The Java memory model allows the read to see the overwrite.
     */
    @JCStressTest
    @Description("Control for R1/A1: an opaque tail store/load does not order the slot read before the overwrite. "
            + "On this x86 machine (AMD EPYC, 2 vCPUs, JDK 25, -m quick) the interesting outcome never showed, in "
            + "3.4 to 3.6 million samples: x86 keeps these accesses in order.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "The producer saw the old tail and wrote nothing.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The consumer read 1, then the producer overwrote the slot.")
    @Outcome(id = "5, 1", expect = ACCEPTABLE_INTERESTING, desc = "The consumer read the producer's 5 although it "
            + "released the slot only after reading: what the missing release/acquire allows. Not seen on the x86 "
            + "build machine (TSO never moves a load after a later store).")
    @Outcome(expect = FORBIDDEN, desc = "Impossible: a value nobody wrote, or an overwrite without seeing the tail.")
    @State
    public static class OpaqueControl {
        private final MemorySegment m = ControlMemory.allocate();

        public OpaqueControl() {
            Mem.setLongPlain(m, ControlMemory.SLOT_0, 1);
        }

        @Actor
        public void consumer(II_Result r) {
            r.r1 = (int) Mem.getLongPlain(m, ControlMemory.SLOT_0);
            Mem.setIntOpaque(m, ControlMemory.CONS_TAIL, 1);
        }

        @Actor
        public void producer(II_Result r) {
            int tail = Mem.getIntOpaque(m, ControlMemory.CONS_TAIL);
            if (tail == 1) {
                Mem.setLongPlain(m, ControlMemory.SLOT_0, 5);
            }
            r.r2 = tail;
        }
    }
}

package io.jmempool.stress.mutant;

import java.util.List;

/**
 * The seeded bugs of the ring: each is a small rewrite of {@code io.jmempool.ring.OffHeapRing}'s bytecode, applied
 * by {@link RingMutantAgent} when the class loads, and never part of the library. Every mutant is a bug DPDK had or
 * guards against; README.md says which check kills each one.
 */
public enum RingMutant {
    /** No mutation: the agent only applies its options (the happens-before detector). */
    NONE(List.of(), "the ring as shipped"),
    /** R0 release → plain: the producer tail no longer publishes the slot writes (DPDK 9ed8770628). */
    R0_PLAIN(List.of("enqPublish"), "EnqPublish stores prod.tail plain instead of release (R0)"),
    /** R1 release → plain: the consumer tail no longer orders the slot reads before reuse (DPDK ecc7d10e44). */
    R1_PLAIN(List.of("deqPublish"), "DeqPublish stores cons.tail plain instead of release (R1)"),
    /** W0 skipped: an MP enqueue publishes without waiting for earlier claims, so tails go out of order. */
    NO_TAIL_WAIT(List.of("enqPublish"), "MP EnqPublish skips EnqWaitTail (W0)"),
    /** Every enqueue takes the single-producer path: the head is a plain read-modify-write by two producers. */
    SP_BY_TWO_PRODUCERS(List.of("enqueueOne", "enqueueLongs", "enqueueSegment"),
            "every enqueue runs the SP path (EnqStoreHead, no wait) on an MP ring"),
    /** Every dequeue takes the single-consumer path: the mirror image of {@link #SP_BY_TWO_PRODUCERS}. */
    SC_BY_TWO_CONSUMERS(List.of("dequeueOne", "dequeueLongs", "dequeueSegment"),
            "every dequeue runs the SC path (DeqStoreHead, no wait) on an MC ring"),
    /** C0 as get-then-set: two producers can claim the same slots. */
    C0_GET_THEN_SET(List.of("enqMoveHeadMt"), "EnqCas (C0) is a load then a store, not a CAS"),
    /** C1 as get-then-set: two consumers can claim the same elements. */
    C1_GET_THEN_SET(List.of("deqMoveHeadMt"), "DeqCas (C1) is a load then a store, not a CAS"),
    /** A3 reads prod.head: the consumer takes elements that are claimed but not yet written or published. */
    CONSUMER_READS_PROD_HEAD(List.of("deqMoveHeadSt", "deqMoveHeadMt"),
            "DeqLoad (A3) computes entries from prod.head instead of prod.tail"),
    /** A1 reads cons.head: the producer reuses slots a consumer has claimed but may still be reading. */
    PRODUCER_READS_CONS_HEAD(List.of("enqMoveHeadSt", "enqMoveHeadMt"),
            "EnqLoad (A1) computes free space from cons.head instead of cons.tail");

    private final List<String> methods;
    private final String description;

    RingMutant(List<String> methods, String description) {
        this.methods = methods;
        this.description = description;
    }

    /** The OffHeapRing methods the rewrite touches; a mutant that finds none of its sites fails loudly. */
    public List<String> methods() {
        return methods;
    }

    /** What the rewrite does, in the spec's action names. */
    public String description() {
        return description;
    }
}

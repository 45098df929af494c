package io.jmempool.ring;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemoryLayout.PathElement;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;

/**
 * The off-heap layout of a ring: one place that says where every field lives.
 *
 * <pre>
 *   offset  block (128 B each)               written by              read by
 *   0       header: magic size mask          create / reset          dump, tools
 *           capacity esize flags
 *   128     prod.head                        producers (S0 / C0)     producers (A0)
 *   256     prod.tail                        producers (R0)          consumers (A3), producers (W0)
 *   384     cons.head                        consumers (S1 / C1)     consumers (A2)
 *   512     cons.tail                        consumers (R1)          producers (A1), consumers (W1)
 *   640     slots[size * esize]              producers (copy)        consumers (copy)
 *   640 + size * esize
 *           guard (128 B, never accessed)
 * </pre>
 *
 * <p>Each counter has a block of its own, 128 bytes apart from the others and from the slots, because x86's
 * adjacent-line prefetcher pulls cache lines in pairs: with 64-byte separation a producer's head CAS would still
 * invalidate the line a consumer is polling. DPDK keeps each role's head and tail on one line; splitting them here
 * stops the MP head CAS from disturbing consumers that read the producer tail. The guard block after the slots keeps
 * the last slots off the line of whatever the allocator places next (DPDK v26.07 added the same guard).
 *
 * <p>Cost per ring: {@value #SLOTS} bytes of header plus {@value #GUARD} bytes of guard, plus the slots.
 */
final class RingLayout {
    /** Cache-line pair size: the unit of separation for hot counters. */
    static final long BLOCK = 128;

    /** Magic value at offset 0: "RING" in ASCII, for dumps and tools that inspect raw memory. */
    static final int MAGIC = 0x52494e47;

    private static final MemoryLayout COUNTER_BLOCK_PAD = MemoryLayout.paddingLayout(BLOCK - 4);

    /** The header and the four counter blocks; the slots follow at {@link #SLOTS}. */
    static final StructLayout HEADER = MemoryLayout.structLayout(
            ValueLayout.JAVA_INT.withName("magic"),
            ValueLayout.JAVA_INT.withName("size"),
            ValueLayout.JAVA_INT.withName("mask"),
            ValueLayout.JAVA_INT.withName("capacity"),
            ValueLayout.JAVA_INT.withName("esize"),
            ValueLayout.JAVA_INT.withName("flags"),
            MemoryLayout.paddingLayout(BLOCK - 24),
            ValueLayout.JAVA_INT.withName("prodHead"), COUNTER_BLOCK_PAD,
            ValueLayout.JAVA_INT.withName("prodTail"), COUNTER_BLOCK_PAD,
            ValueLayout.JAVA_INT.withName("consHead"), COUNTER_BLOCK_PAD,
            ValueLayout.JAVA_INT.withName("consTail"), COUNTER_BLOCK_PAD
    ).withByteAlignment(BLOCK);

    static final long MAGIC_OFFSET = offset("magic");
    static final long SIZE_OFFSET = offset("size");
    static final long MASK_OFFSET = offset("mask");
    static final long CAPACITY_OFFSET = offset("capacity");
    static final long ESIZE_OFFSET = offset("esize");
    static final long FLAGS_OFFSET = offset("flags");
    static final long PROD_HEAD = offset("prodHead");
    static final long PROD_TAIL = offset("prodTail");
    static final long CONS_HEAD = offset("consHead");
    static final long CONS_TAIL = offset("consTail");

    /** Offset of slot 0. */
    static final long SLOTS = 640;

    /** Bytes of guard after the last slot. */
    static final long GUARD = BLOCK;

    static {
        if (HEADER.byteSize() != SLOTS) {
            throw new AssertionError("ring header is " + HEADER.byteSize() + " bytes, expected " + SLOTS);
        }
    }

    private RingLayout() {
    }

    /**
     * Bytes needed for a ring of {@code size} slots of {@code esize} bytes. Computed in 64 bits: the product can exceed
     * 2^32 (DPDK fixed the 32-bit overflow in 2021).
     */
    static long memorySize(int esize, int size) {
        return SLOTS + (long) esize * size + GUARD;
    }

    /** Byte offset of slot {@code index & mask}. */
    static long slotOffset(int maskedIndex, int esize) {
        return SLOTS + (long) maskedIndex * esize;
    }

    private static long offset(String field) {
        return HEADER.byteOffset(PathElement.groupElement(field));
    }
}

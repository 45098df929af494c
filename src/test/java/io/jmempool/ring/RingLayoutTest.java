package io.jmempool.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RingLayoutTest {
    @Test
    void headerFieldsAreWhereTheDiagramSays() {
        assertEquals(0, RingLayout.MAGIC_OFFSET);
        assertEquals(4, RingLayout.SIZE_OFFSET);
        assertEquals(8, RingLayout.MASK_OFFSET);
        assertEquals(12, RingLayout.CAPACITY_OFFSET);
        assertEquals(16, RingLayout.ESIZE_OFFSET);
        assertEquals(20, RingLayout.FLAGS_OFFSET);
    }

    @Test
    void eachCounterHasA128ByteBlockOfItsOwn() {
        assertEquals(128, RingLayout.PROD_HEAD);
        assertEquals(256, RingLayout.PROD_TAIL);
        assertEquals(384, RingLayout.CONS_HEAD);
        assertEquals(512, RingLayout.CONS_TAIL);
        assertEquals(640, RingLayout.SLOTS);
        long[] hot = {RingLayout.PROD_HEAD, RingLayout.PROD_TAIL, RingLayout.CONS_HEAD, RingLayout.CONS_TAIL,
            RingLayout.SLOTS};
        for (int i = 1; i < hot.length; i++) {
            assertTrue(hot[i] - hot[i - 1] >= 128, "block " + i + " is less than 128 bytes after the previous one");
        }
    }

    @Test
    void headerIsAlignedAndSizedInBlocks() {
        assertEquals(128, RingLayout.HEADER.byteAlignment());
        assertEquals(640, RingLayout.HEADER.byteSize());
        assertEquals(128, RingLayout.GUARD);
    }

    @Test
    void memorySizeCountsHeaderSlotsAndGuardIn64Bits() {
        assertEquals(640 + 8 * 1024 + 128, Ring.memorySize(8, 1024));
        // DPDK 0e4dc6af06: count * esize overflowed 32 bits. 16 B x 2^30 is 2^34 bytes.
        assertEquals(640 + (16L << 30) + 128, Ring.memorySize(16, 1 << 30));
        assertTrue(Ring.memorySize(16, 1 << 30) > (1L << 32));
        assertEquals(640 + 20 * 4 + 128, RingLayout.memorySize(20, 4));
        assertEquals(640 + 3 * 20, RingLayout.slotOffset(3, 20));
    }
}

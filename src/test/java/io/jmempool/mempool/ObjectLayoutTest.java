package io.jmempool.mempool;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ObjectLayoutTest {
    @Test
    void objhdrFieldsAndSize() {
        assertEquals(32, ObjectLayout.OBJHDR_SIZE);
        assertEquals(0, ObjectLayout.HDR_HANDLE);
        assertEquals(8, ObjectLayout.HDR_IOVA);
        assertEquals(16, ObjectLayout.HDR_RESERVED);
        assertEquals(24, ObjectLayout.HDR_COOKIE);
        assertEquals(-32, ObjectLayout.objhdrFromElement());
        assertEquals(8, ObjectLayout.TRAILER_COOKIE_SIZE);
    }

    @Test
    void defaultLayoutIsCacheAlignedAndSpread() {
        ObjectLayout l = ObjectLayout.compute(64, 0);
        assertEquals(64, l.headerSize());
        assertEquals(64, l.eltSize());
        assertEquals(64, l.trailerSize(), "8 of cookie and padding to an odd number of lines");
        assertEquals(192, l.totalSize());
        assertEquals(64, l.alignment());
        // 2048-byte elements (DPDK's test size): 64 + 2048 + 8 -> 35 lines, odd.
        assertEquals(35 * 64, ObjectLayout.compute(2048, 0).totalSize());
        // 100 bytes round to 104; 64 + 104 + 8 = 176 -> 3 lines.
        ObjectLayout odd = ObjectLayout.compute(100, 0);
        assertEquals(104, odd.eltSize());
        assertEquals(192, odd.totalSize());
        // 120 bytes: 64 + 120 + 8 = 192 -> 3 lines, no growth; 184: 256 -> 4 lines -> 5.
        assertEquals(192, ObjectLayout.compute(120, 0).totalSize());
        assertEquals(320, ObjectLayout.compute(184, 0).totalSize());
    }

    @Test
    void noSpreadKeepsLineMultiplesWithoutGrowing() {
        assertEquals(256, ObjectLayout.compute(184, Mempool.NO_SPREAD).totalSize());
        assertEquals(128, ObjectLayout.compute(56, Mempool.NO_SPREAD).totalSize());
    }

    @Test
    void noCacheAlignPacksObjects() {
        ObjectLayout l = ObjectLayout.compute(8, Mempool.NO_CACHE_ALIGN);
        assertEquals(32, l.headerSize());
        assertEquals(8, l.eltSize());
        assertEquals(8, l.trailerSize());
        assertEquals(48, l.totalSize());
        assertEquals(8, l.alignment());
        assertEquals(32 + 16 + 8, ObjectLayout.compute(13, Mempool.NO_CACHE_ALIGN).totalSize());
    }
}

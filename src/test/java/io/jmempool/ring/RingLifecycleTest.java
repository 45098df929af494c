package io.jmempool.ring;

import static io.jmempool.Refusals.refused;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmempool.NameInUseException;
import io.jmempool.internal.TestHooks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Creation, names, flags and bad input (scenarios 1, 2, 3, 5, 6, 7 and 16 of dpdk-behaviour.md §6), and what
 * happens after close. Every refused call must name the parameter, its value and the limit, and leave nothing behind.
 */
class RingLifecycleTest {
    private final List<Ring> rings = new ArrayList<>();

    private Ring track(Ring r) {
        rings.add(r);
        return r;
    }

    @AfterEach
    void freeRings() {
        rings.forEach(Ring::close);
    }



    @Test
    void s01CountZeroIsRefused() {
        refused(IllegalArgumentException.class, () -> Ring.create("s01", 0, 0), "count = 0", "power of two");
    }

    @Test
    void s02BadCountsAndElementSizesAreRefused() {
        refused(IllegalArgumentException.class, () -> Ring.create("s02a", 4097, 0), "count = 4097", "1073741824");
        refused(IllegalArgumentException.class, () -> Ring.create("s02b", 1 << 31, 0), "count = -2147483648");
        refused(IllegalArgumentException.class, () -> Ring.create("s02c", -4, 0), "count = -4");
        refused(IllegalArgumentException.class, () -> Ring.createElem("s02d", 23, 1024, 0), "esize = 23",
                "multiple of 4");
        refused(IllegalArgumentException.class, () -> Ring.createElem("s02e", 0, 1024, 0), "esize = 0");
        refused(IllegalArgumentException.class, () -> Ring.createElem("s02f", -8, 1024, 0), "esize = -8");
        refused(IllegalArgumentException.class, () -> Ring.create("s02g", Ring.EXACT_COUNT_MAX + 1, Ring.EXACT_SZ),
                "count = 1073741824", "EXACT_SZ", "1073741823");
        refused(IllegalArgumentException.class, () -> Ring.create("s02h", -1, Ring.EXACT_SZ), "count = -1");
        refused(IllegalArgumentException.class, () -> Ring.builder("s02i").create(), "count = -1");
        refused(IllegalArgumentException.class, () -> Ring.memorySize(8, 3), "count = 3");
    }

    @Test
    void s03ExactSizeRoundsTheSlotsUpAndAcceptsZero() {
        Ring r = track(Ring.create("s03a", 16, Ring.EXACT_SZ));
        assertEquals(32, r.size());
        assertEquals(16, r.capacity());
        Ring zero = track(Ring.create("s03b", 0, Ring.EXACT_SZ));
        assertEquals(0, zero.capacity());
        assertEquals(1, zero.size());
        assertFalse(zero.enqueue(1));
        assertTrue(zero.isFull());
        assertTrue(zero.isEmpty());
        Ring fifteen = track(Ring.create("s03c", 15, Ring.EXACT_SZ));
        assertEquals(16, fifteen.size());
        assertEquals(15, fifteen.capacity());
    }

    @Test
    void s05DuplicateNameIsRefusedAndTheFirstRingIsUntouched() {
        Ring first = track(Ring.create("s05", 64, 0));
        refused(NameInUseException.class, () -> Ring.create("s05", 128, Ring.SP_ENQ), "s05", "already exists");
        assertSame(first, Ring.lookup("s05").orElseThrow());
        assertEquals(0, first.count());
        assertEquals(63, first.capacity());
    }

    @Test
    void s06LookupFindsOnlyLiveRingsAndFreeReleasesTheName() {
        assertTrue(Ring.lookup("ring_not_found").isEmpty());
        Ring r = Ring.create("s06", 64, 0);
        assertSame(r, Ring.lookup("s06").orElseThrow());
        assertTrue(Ring.list().contains(r));
        r.free();
        assertTrue(Ring.lookup("s06").isEmpty());
        assertFalse(Ring.list().contains(r));
        r.close(); // a second free does nothing
        Ring again = track(Ring.create("s06", 64, 0));
        assertSame(again, Ring.lookup("s06").orElseThrow());
    }

    @Test
    void s07NameLengthAndFlagsAreChecked() {
        String n28 = "r".repeat(28);
        track(Ring.create(n28, 64, 0));
        refused(IllegalArgumentException.class, () -> Ring.create("r".repeat(29), 64, 0), "29 characters", "28");
        refused(IllegalArgumentException.class, () -> Ring.create("", 64, 0), "0 characters");
        refused(IllegalArgumentException.class, () -> Ring.create(null, 64, 0), "name = null");
        refused(IllegalArgumentException.class, () -> Ring.create("s07a", 64, 0x80), "flags = 0x80", "unknown bits",
                "0x7f");
        refused(IllegalArgumentException.class, () -> Ring.create("s07b", 64, Ring.SP_ENQ | Ring.MP_RTS_ENQ),
                "flags = 0x9", "conflicting producer");
        refused(IllegalArgumentException.class, () -> Ring.create("s07c", 64, Ring.SC_DEQ | Ring.MC_HTS_DEQ),
                "flags = 0x42", "conflicting consumer");
        refused(IllegalArgumentException.class, () -> Ring.create("s07d", 64, Ring.MP_HTS_ENQ), "flags = 0x20",
                "not implemented");
    }

    @Test
    void modeFlagsChooseTheDefaultSides() {
        Ring mpmc = track(Ring.create("modes0", 64, 0));
        Ring spsc = track(Ring.create("modes3", 64, Ring.SP_ENQ | Ring.SC_DEQ));
        Ring spmc = track(Ring.create("modes1", 64, Ring.SP_ENQ));
        Ring mpsc = track(Ring.create("modes2", 64, Ring.SC_DEQ));
        assertFalse(mpmc.isProducerSingle());
        assertFalse(mpmc.isConsumerSingle());
        assertTrue(spsc.isProducerSingle());
        assertTrue(spsc.isConsumerSingle());
        assertTrue(spmc.isProducerSingle());
        assertFalse(spmc.isConsumerSingle());
        assertFalse(mpsc.isProducerSingle());
        assertTrue(mpsc.isConsumerSingle());
        assertEquals("Ring[modes2, MP/SC, capacity 63, esize 8]", mpsc.toString());
    }

    @Test
    void s16MisalignedBuffersRoundTripThroughAnExactSizeRing() {
        for (int esize : new int[] {4, 8, 16, 20}) {
            Ring r = track(Ring.createElem("s16-" + esize, esize, 100, Ring.EXACT_SZ));
            try (Arena a = Arena.ofConfined()) {
                int n = 37;
                MemorySegment src = a.allocate((long) n * esize + 1, 8).asSlice(1);
                MemorySegment dst = a.allocate((long) n * esize + 1, 8).asSlice(1);
                for (long i = 0; i < (long) n * esize; i++) {
                    src.set(ValueLayout.JAVA_BYTE, i, (byte) (i * 31 + esize));
                }
                for (int round = 0; round < 10; round++) { // 370 elements through a 100-element ring: it wraps
                    assertEquals(n, r.enqueueBulk(src, 0, n, null));
                    dst.fill((byte) 0);
                    assertEquals(n, r.dequeueBulk(dst, 0, n, null));
                    assertEquals(-1, src.mismatch(dst), "esize " + esize + " round " + round);
                }
            }
        }
    }

    @Test
    void badArgumentsToCallsAreRefusedAndChangeNothing() {
        Ring r = track(Ring.create("badargs", 16, 0));
        assertEquals(3, r.enqueueBulk(new long[] {1, 2, 3}, 0, 3));
        int[] before = TestHooks.ringIndices(r);
        long[] four = new long[4];
        List<Executable> calls = List.of(
                () -> r.enqueueBulk(four, 0, -1),
                () -> r.enqueueBurst(four, 0, -1),
                () -> r.dequeueBulk(four, 0, -1),
                () -> r.dequeueBurst(four, 0, -1, null));
        for (Executable c : calls) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c);
            assertTrue(e.getMessage().contains("n = -1"), e.getMessage());
        }
        List<Executable> ranges = List.of(
                () -> r.enqueueBulk(four, 2, 3),
                () -> r.mpEnqueueBurst(four, -1, 2, null),
                () -> r.dequeueBulk(four, 3, 2),
                () -> r.scDequeueBurst(four, 5, 0, null),
                () -> r.dequeue(four, 4),
                () -> r.enqueueBulk(four, 0, 1, new int[0]),
                () -> r.dequeueBurst(four, 0, 1, new int[0]));
        for (Executable c : ranges) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, c);
            assertTrue(e.getMessage().matches(".*(objs|obj|freeSpace|available).*"), e.getMessage());
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment small = a.allocate(16);
            assertThrows(IndexOutOfBoundsException.class, () -> r.enqueueBulk(small, 0, 3, null));
            assertThrows(IndexOutOfBoundsException.class, () -> r.dequeueBulk(small, 8, 2, null));
            assertThrows(IllegalArgumentException.class, () -> r.dequeueBulk(small.asReadOnly(), 0, 1, null));
            assertThrows(IllegalArgumentException.class, () -> r.enqueueBurst(small, 0, -2, null));
        }
        MemorySegment closed;
        try (Arena a = Arena.ofConfined()) {
            closed = a.allocate(64);
        }
        assertThrows(IllegalStateException.class, () -> r.enqueueBulk(closed, 0, 1, null));
        assertThrows(IllegalStateException.class, () -> r.dequeueBulk(closed, 0, 1, null));
        assertArrayEquals(before, TestHooks.ringIndices(r), "a refused call moved an index");
        long[] out = new long[3];
        assertEquals(3, r.dequeueBulk(out, 0, 3));
        assertArrayEquals(new long[] {1, 2, 3}, out);
    }

    @Test
    void longCallsOnARingOfOtherElementsAreRefused() {
        Ring r = track(Ring.createElem("elem16", 16, 16, 0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> r.enqueue(1L));
        assertTrue(e.getMessage().contains("esize = 16"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> r.dequeueBurst(new long[1], 0, 1));
        assertEquals(0, r.count());
    }

    @Test
    void everyCallAfterCloseThrowsAndTheJvmSurvives() {
        Ring r = Ring.create("closed", 16, 0);
        r.enqueue(5);
        r.close();
        long[] buf = new long[4];
        List<Consumer<Ring>> calls = List.of(
                x -> x.enqueue(1), x -> x.spEnqueue(1), x -> x.mpEnqueue(1),
                x -> x.dequeue(buf, 0), x -> x.scDequeue(buf, 0), x -> x.mcDequeue(buf, 0),
                x -> x.enqueueBulk(buf, 0, 2), x -> x.enqueueBurst(buf, 0, 2),
                x -> x.dequeueBulk(buf, 0, 1), x -> x.dequeueBurst(buf, 0, 1),
                Ring::count, Ring::freeCount, Ring::isEmpty, Ring::isFull, Ring::reset, Ring::dump);
        for (Consumer<Ring> c : calls) {
            assertThrows(IllegalStateException.class, () -> c.accept(r));
        }
        assertEquals("closed", r.name()); // the immutable facts stay readable
    }

    @Test
    void dumpShowsIdentitySizesAndIndices() {
        Ring r = track(Ring.create("dumped", 64, Ring.SP_ENQ));
        r.enqueueBulk(new long[] {1, 2, 3}, 0, 3);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Ring.listDump(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("ring <dumped>@"), text);
        assertTrue(text.contains("prod=SP, cons=MC"), text);
        assertTrue(text.contains("capacity=63"), text);
        assertTrue(text.contains("pt=3"), text);
        assertTrue(text.contains("used=3"), text);
        assertTrue(text.contains("avail=60"), text);
    }
}

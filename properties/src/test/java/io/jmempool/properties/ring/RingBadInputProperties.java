package io.jmempool.properties.ring;

import static io.jmempool.properties.ring.Elements.SENTINEL_BYTE;
import static io.jmempool.properties.ring.Elements.SENTINEL_INT;
import static io.jmempool.properties.ring.Elements.SENTINEL_LONG;

import io.jmempool.internal.TestHooks;
import io.jmempool.properties.Budget;
import io.jmempool.properties.ring.BadCall.Buffer;
import io.jmempool.properties.Refusal;
import io.jmempool.properties.ring.RingCommand.Api;
import io.jmempool.properties.ring.RingCommand.Memory;
import io.jmempool.ring.Ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/**
 * Generated invalid arguments for every public ring entry point. Each call must throw the documented exception, with
 * a message naming the bad parameter and its value, and change nothing: not the ring's raw indices, not its contents,
 * not the caller's buffers, not the registry of live rings. A freed ring must refuse every call that touches its
 * memory, and the JVM must survive all of it.
 */
class RingBadInputProperties {
    private static final AtomicLong NAMES = new AtomicLong();

    @Test
    void badCreationArgumentsAreRefusedByNameAndRegisterNothing() {
        Budget.qt().forAll(BadCreate.generator()).checkAssert(RingBadInputProperties::assertCreationRefused);
    }

    @Test
    void badCallArgumentsAreRefusedByNameAndChangeNothing() {
        Budget.qt().forAll(BadCall.generator()).checkAssert(RingBadInputProperties::assertCallRefused);
    }

    // ------------------------------------------------------------------------------------------------------------

    static void assertCreationRefused(BadCreate call) {
        Refusal expected = call.refusal();
        // A live ring with content next to every refused call: the one whose name is taken, and a witness that a
        // refusal touches no other ring.
        Ring victim = Ring.builder(BadCreate.TAKEN).count(8).specialized(false).create();
        try {
            victim.enqueueBulk(new long[] {11, 12, 13}, 0, 3);
            int[] indices = TestHooks.ringIndices(victim);
            Set<Ring> live = liveRings();
            RuntimeException thrown = null;
            try {
                Object made = call.call();
                if (made instanceof Ring ring) {
                    ring.close();
                }
            } catch (RuntimeException e) {
                thrown = e;
            }
            if (expected == null) {
                throw new AssertionError(thrown == null ? "the generator produced a valid call"
                        : "threw " + thrown + ", but by the documented rules every argument is valid", thrown);
            }
            Refusal.assertOneOf(List.of(expected), thrown);
            if (!live.equals(liveRings())) {
                throw new AssertionError("the refused call changed the live rings: " + Ring.list());
            }
            assertIndices(indices, victim);
            long[] out = new long[4];
            if (victim.dequeueBurst(out, 0, 4) != 3 || out[0] != 11 || out[1] != 12 || out[2] != 13) {
                throw new AssertionError("the refused call changed another ring's contents: " + Arrays.toString(out));
            }
        } finally {
            victim.close();
        }
    }

    static void assertCallRefused(BadCall call) {
        List<Refusal> expected = call.refusals();
        if (expected.isEmpty()) {
            throw new AssertionError("the generator produced a valid call: " + call);
        }
        Ring ring = call.ring().create("bad" + NAMES.incrementAndGet());
        try (Arena arena = Arena.ofConfined()) {
            List<Integer> contents = prefill(ring, call.prefill(), arena);
            long[] array = null;
            MemorySegment seg = null;
            if (call.shape().api() == Api.LONGS && call.buffer() != Buffer.NULL) {
                array = new long[Math.toIntExact(call.length())];
                Arrays.fill(array, SENTINEL_LONG);
            } else if (call.shape().api() == Api.SEGMENT) {
                seg = segment(call, arena);
            }
            long[] arrayBefore = array == null ? null : array.clone();
            byte[] segBefore = seg == null || !seg.scope().isAlive() ? null : seg.toArray(ValueLayout.JAVA_BYTE);
            int[] out = call.outLength() < 0 ? null : new int[call.outLength()];
            if (out != null) {
                Arrays.fill(out, SENTINEL_INT);
            }
            int[] indices = TestHooks.ringIndices(ring);
            int count = ring.count();
            if (call.closeRing()) {
                ring.close();
            }
            Set<Ring> live = liveRings();

            RuntimeException thrown = null;
            try {
                int returned = Calls.invoke(ring, call.shape(), Elements.asLong(999), array, seg, call.offset(),
                        call.n(), out);
                throw new AssertionError("returned " + returned + " instead of refusing " + call + "; expected one of "
                        + expected);
            } catch (RuntimeException e) {
                thrown = e;
            }
            Refusal.assertOneOf(expected, thrown);

            if (!live.equals(liveRings())) {
                throw new AssertionError("the refused call changed the live rings: " + Ring.list());
            }
            if (array != null && !Arrays.equals(arrayBefore, array)) {
                throw new AssertionError("the refused call wrote the caller's array: " + Arrays.toString(array));
            }
            if (segBefore != null && !Arrays.equals(segBefore, seg.toArray(ValueLayout.JAVA_BYTE))) {
                throw new AssertionError("the refused call wrote the caller's segment");
            }
            if (out != null && Arrays.stream(out).anyMatch(v -> v != SENTINEL_INT)) {
                throw new AssertionError("the refused call wrote the out-parameter: " + Arrays.toString(out));
            }
            if (call.closeRing()) {
                assertFreedRingRefusesEverything(ring);
            } else {
                assertIndices(indices, ring);
                if (ring.count() != count) {
                    throw new AssertionError("count() went from " + count + " to " + ring.count());
                }
                List<Integer> left = drain(ring, arena);
                if (!left.equals(contents)) {
                    throw new AssertionError("the ring held " + contents + " and now holds " + left);
                }
            }
        } finally {
            ring.close();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static MemorySegment segment(BadCall call, Arena arena) {
        long bytes = call.length();
        return switch (call.buffer()) {
            case NULL -> null;
            case CLOSED -> {
                MemorySegment s;
                try (Arena gone = Arena.ofConfined()) {
                    s = gone.allocate(bytes);
                }
                yield s;
            }
            case OK, READ_ONLY -> {
                MemorySegment s = call.shape().memory() == Memory.HEAP
                        ? MemorySegment.ofArray(new byte[Math.toIntExact(bytes)]) : arena.allocate(bytes);
                s.fill(SENTINEL_BYTE);
                yield call.buffer() == Buffer.READ_ONLY ? s.asReadOnly() : s;
            }
        };
    }

    private static List<Integer> prefill(Ring ring, int k, Arena arena) {
        int esize = ring.elementSize();
        MemorySegment src = arena.allocate((long) Math.max(k, 1) * esize);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            Elements.write(src, (long) i * esize, esize, 100 + i);
            values.add(100 + i);
        }
        if (ring.enqueueBulk(src, 0, k, null) != k) {
            throw new AssertionError("could not prefill " + k + " elements");
        }
        return values;
    }

    private static List<Integer> drain(Ring ring, Arena arena) {
        int esize = ring.elementSize();
        int max = ring.capacity() + 1;
        MemorySegment dst = arena.allocate((long) max * esize);
        int got = ring.dequeueBurst(dst, 0, max, null);
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < got; i++) {
            values.add(Elements.read(dst, (long) i * esize, esize));
        }
        return values;
    }

    /** After free: the queries and the data path throw IllegalStateException; the immutable facts stay readable. */
    private static void assertFreedRingRefusesEverything(Ring ring) {
        List<Consumer<Ring>> calls = List.of(Ring::count, Ring::freeCount, Ring::isFull, Ring::isEmpty, Ring::reset,
                Ring::dump);
        for (Consumer<Ring> c : calls) {
            try {
                c.accept(ring);
                throw new AssertionError("a query on a freed ring did not throw");
            } catch (IllegalStateException expected) {
                // the memory is gone; FFM's liveness check refused the access
            }
        }
        if (ring.name() == null || ring.capacity() < 0 || Ring.lookup(ring.name()).isPresent()) {
            throw new AssertionError("a freed ring lost its identity or is still registered");
        }
    }

    private static void assertIndices(int[] before, Ring ring) {
        int[] after = TestHooks.ringIndices(ring);
        if (!Arrays.equals(before, after)) {
            throw new AssertionError("the refused call moved the indices from " + Arrays.toString(before) + " to "
                    + Arrays.toString(after));
        }
    }

    private static Set<Ring> liveRings() {
        Set<Ring> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(Ring.list());
        return s;
    }
}

package io.jmempool.properties.ring;

import static io.jmempool.properties.ring.Elements.SENTINEL_BYTE;
import static io.jmempool.properties.ring.Elements.SENTINEL_INT;
import static io.jmempool.properties.ring.Elements.SENTINEL_LONG;

import io.jmempool.internal.TestHooks;
import io.jmempool.properties.ring.RingCommand.Api;
import io.jmempool.properties.ring.RingCommand.Direction;
import io.jmempool.properties.ring.RingCommand.Kind;
import io.jmempool.properties.ring.RingCommand.Memory;
import io.jmempool.properties.ring.RingCommand.Out;
import io.jmempool.properties.ring.RingCommand.Reset;
import io.jmempool.properties.ring.RingCommand.Side;
import io.jmempool.properties.ring.RingCommand.Transfer;
import io.jmempool.properties.ring.Trace.Outcome;
import io.jmempool.properties.ring.Trace.Snapshot;
import io.jmempool.properties.ring.Trace.Step;
import io.jmempool.ring.Ring;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a scenario on a fresh ring, single-threaded, and records a {@link Trace}. Every caller buffer starts filled
 * with a sentinel, so a write outside the range a call reports is recorded as damage. A last step drains the ring, so
 * that what was left in it is checked too. The ring is freed at the end, and must then be gone from the registry.
 */
final class RingRunner {
    private static final AtomicLong NAMES = new AtomicLong();

    private final Ring ring;
    private final int esize;
    /** Values are distinct within a run and the same in every run of one scenario, so runs can be compared. */
    private int nextValue = 1;

    private RingRunner(Ring ring) {
        this.ring = ring;
        this.esize = ring.elementSize();
    }

    static Trace run(Scenario scenario) {
        RingConfig config = scenario.config();
        Ring ring = config.create("prop" + NAMES.incrementAndGet());
        if (ring.isSpecialized() != config.specialized() || ring.capacity() != config.capacity()) {
            ring.close();
            throw new AssertionError("the ring is not the one configured: " + ring + " for " + config);
        }
        List<Step> steps = new ArrayList<>();
        Snapshot initial;
        try {
            RingRunner runner = new RingRunner(ring);
            initial = runner.snapshot();
            List<RingCommand> all = new ArrayList<>(scenario.commands());
            all.add(drain(config));
            for (int i = 0; i < all.size(); i++) {
                RingCommand c = all.get(i);
                Outcome o;
                try {
                    o = runner.execute(c);
                } catch (RuntimeException | AssertionError e) {
                    throw new AssertionError("step " + i + ", " + c + ": threw " + e, e);
                }
                steps.add(new Step(c, o, runner.snapshot()));
            }
        } finally {
            ring.close();
        }
        if (Ring.list().contains(ring)) {
            throw new AssertionError("a freed ring is still registered: " + ring);
        }
        return new Trace(scenario, initial, steps);
    }

    /** A generic burst dequeue of more than the capacity: it must return everything still in the ring. */
    static Transfer drain(RingConfig c) {
        return new Transfer(Direction.DEQUEUE, Kind.BURST, Side.DEFAULT, c.esize() == 8 ? Api.LONGS : Api.SEGMENT,
                c.capacity() + 1, 0, 0, Out.ONE, Memory.NATIVE);
    }

    private Snapshot snapshot() {
        return new Snapshot(ring.count(), ring.freeCount(), ring.isFull(), ring.isEmpty(), ring.capacity(),
                TestHooks.ringIndices(ring));
    }

    private Outcome execute(RingCommand c) {
        return switch (c) {
            case Reset r -> {
                ring.reset();
                yield Outcome.NONE;
            }
            case Transfer t -> transfer(t);
        };
    }

    private Outcome transfer(Transfer t) {
        int n = t.kind() == Kind.SINGLE ? 1 : t.n();
        int[] offered = new int[t.enqueue() ? n : 0];
        for (int i = 0; i < offered.length; i++) {
            offered[i] = nextValue++;
        }
        int[] out = switch (t.out()) {
            case ABSENT, NULL -> null;
            case ONE -> new int[] {SENTINEL_INT};
            case WIDE -> new int[] {SENTINEL_INT, SENTINEL_INT, SENTINEL_INT};
        };
        List<String> damage = new ArrayList<>();
        List<Integer> taken = new ArrayList<>();
        int returned = t.api() == Api.LONGS
                ? transferLongs(t, n, offered, out, taken, damage)
                : transferSegment(t, n, offered, out, taken, damage);
        for (int k = 1; out != null && k < out.length; k++) {
            if (out[k] != SENTINEL_INT) {
                damage.add("wrote element " + k + " of the out-parameter");
            }
        }
        List<Integer> offeredList = Arrays.stream(offered).boxed().toList();
        return new Outcome(returned, out == null ? null : out[0], offeredList, List.copyOf(taken),
                List.copyOf(damage));
    }

    private int transferLongs(Transfer t, int n, int[] offered, int[] out, List<Integer> taken, List<String> damage) {
        int off = t.offset();
        long[] buf = new long[off + n + t.slack()];
        Arrays.fill(buf, SENTINEL_LONG);
        for (int i = 0; i < offered.length; i++) {
            buf[off + i] = Elements.asLong(offered[i]);
        }
        long[] before = buf.clone();
        long value = offered.length > 0 ? Elements.asLong(offered[0]) : 0;
        int returned = Calls.invoke(ring, t, value, buf, null, off, n, out);
        if (t.enqueue()) {
            if (!Arrays.equals(before, buf)) {
                damage.add("wrote the source array");
            }
            return returned;
        }
        for (int j = 0; j < buf.length; j++) {
            boolean reported = j >= off && j < off + returned;
            if (reported) {
                taken.add(Elements.fromLong(buf[j]));
            } else if (buf[j] != SENTINEL_LONG) {
                damage.add("wrote objs[" + j + "] outside the " + returned + " reported from index " + off);
            }
        }
        return returned;
    }

    private int transferSegment(Transfer t, int n, int[] offered, int[] out, List<Integer> taken,
                                List<String> damage) {
        long off = t.offset();
        long bytes = off + (long) (n + t.slack()) * esize;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment seg = t.memory() == Memory.HEAP ? MemorySegment.ofArray(new byte[Math.toIntExact(bytes)])
                    : arena.allocate(bytes);
            seg.fill(SENTINEL_BYTE);
            for (int i = 0; i < offered.length; i++) {
                Elements.write(seg, off + (long) i * esize, esize, offered[i]);
            }
            byte[] before = seg.toArray(ValueLayout.JAVA_BYTE);
            MemorySegment arg = t.memory() == Memory.READ_ONLY ? seg.asReadOnly() : seg;
            int returned = Calls.invoke(ring, t, 0, null, arg, off, n, out);
            if (t.enqueue()) {
                if (!Arrays.equals(before, seg.toArray(ValueLayout.JAVA_BYTE))) {
                    damage.add("wrote the source segment");
                }
                return returned;
            }
            long end = off + (long) Math.max(0, returned) * esize;
            for (int i = 0; i < returned && off + (long) (i + 1) * esize <= bytes; i++) {
                taken.add(Elements.read(seg, off + (long) i * esize, esize));
            }
            for (long b = 0; b < bytes; b++) {
                if ((b < off || b >= end) && seg.get(ValueLayout.JAVA_BYTE, b) != SENTINEL_BYTE) {
                    damage.add("wrote byte " + b + " of dst outside the " + returned + " elements reported from offset "
                            + off);
                    break;
                }
            }
            return returned;
        }
    }
}

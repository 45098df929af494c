package io.jmempool.properties.ring;

import io.jmempool.properties.ring.RingCommand.Kind;
import io.jmempool.properties.ring.RingCommand.Out;
import io.jmempool.properties.ring.RingCommand.Reset;
import io.jmempool.properties.ring.RingCommand.Transfer;
import io.jmempool.properties.ring.Trace.Outcome;
import io.jmempool.properties.ring.Trace.Snapshot;
import io.jmempool.properties.ring.Trace.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ring's laws, each a check over a {@link Trace}. {@link #agreesWithFifoModel} predicts every observable value
 * from an {@code ArrayDeque}; the others state one law each without a model, so that a failure names the law broken.
 */
final class RingChecks {
    private RingChecks() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // The model: a bounded FIFO queue

    static void agreesWithFifoModel(Trace t) {
        RingConfig c = t.scenario().config();
        int capacity = c.capacity();
        ArrayDeque<Integer> model = new ArrayDeque<>();
        // The model's own idea of the raw indices: where they started, and how far each side has moved since.
        int base = c.start();
        int enqueued = 0;
        int dequeued = 0;
        expectModelState(t, -1, t.initial(), model.size(), capacity, base + enqueued, base + dequeued);
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            Outcome o = s.outcome();
            switch (s.command()) {
                case Reset r -> {
                    model.clear();
                    base = 0;
                    enqueued = 0;
                    dequeued = 0;
                }
                case Transfer x -> {
                    int n = x.kind() == Kind.SINGLE ? 1 : x.n();
                    int room = x.enqueue() ? capacity - model.size() : model.size();
                    int moved = x.kind() == Kind.BURST ? Math.min(n, room) : (n <= room ? n : 0);
                    expect(t, i, "returned", moved, o.returned());
                    boolean hasOut = x.out() == Out.ONE || x.out() == Out.WIDE;
                    expect(t, i, x.enqueue() ? "freeSpace" : "available", hasOut ? room - moved : null,
                            o.outParam());
                    if (x.enqueue()) {
                        model.addAll(o.offered().subList(0, moved));
                        enqueued += moved;
                    } else {
                        List<Integer> expected = new ArrayList<>();
                        for (int k = 0; k < moved; k++) {
                            expected.add(model.poll());
                        }
                        expect(t, i, "dequeued values", expected, o.taken());
                        dequeued += moved;
                    }
                    expect(t, i, "stray writes", List.of(), o.damage());
                }
            }
            expectModelState(t, i, s.after(), model.size(), capacity, base + enqueued, base + dequeued);
        }
    }

    private static void expectModelState(Trace t, int i, Snapshot s, int size, int capacity, int prod, int cons) {
        expect(t, i, "count()", size, s.count());
        expect(t, i, "freeCount()", capacity - size, s.freeCount());
        expect(t, i, "isFull()", size == capacity, s.full());
        expect(t, i, "isEmpty()", size == 0, s.empty());
        expect(t, i, "capacity()", capacity, s.capacity());
        expect(t, i, "[ph pt ch ct]", Arrays.toString(new int[] {prod, prod, cons, cons}),
                Arrays.toString(s.indices()));
    }

    // ------------------------------------------------------------------------------------------------------------
    // Laws without a model

    /**
     * A bulk (or single-element) call moves all n or nothing; it moves all exactly when there is room (free slots for
     * an enqueue, entries for a dequeue); when it moves nothing it changes nothing, not even the caller's buffer, and
     * reports the unchanged room.
     */
    static void bulkIsAllOrNothing(Trace t) {
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            if (!(s.command() instanceof Transfer x) || x.kind() == Kind.BURST) {
                continue;
            }
            Snapshot before = t.before(i);
            Outcome o = s.outcome();
            int n = x.kind() == Kind.SINGLE ? 1 : x.n();
            int room = x.enqueue() ? before.freeCount() : before.count();
            expect(t, i, "returned (room " + room + ")", n <= room ? n : 0, o.returned());
            expect(t, i, "count() after", before.count() + (x.enqueue() ? o.returned() : -o.returned()),
                    s.after().count());
            if (o.returned() == 0) {
                expect(t, i, "indices after a bulk that moved nothing", Arrays.toString(before.indices()),
                        Arrays.toString(s.after().indices()));
                expect(t, i, "values written by a bulk that moved nothing", List.of(), o.taken());
                expect(t, i, "stray writes", List.of(), o.damage());
                if (o.outParam() != null) {
                    expect(t, i, "out-parameter of a bulk that moved nothing", room, o.outParam());
                }
            }
        }
    }

    /** A burst moves min(n, room), and reports the room left. */
    static void burstMovesAsManyAsFit(Trace t) {
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            if (!(s.command() instanceof Transfer x) || x.kind() != Kind.BURST) {
                continue;
            }
            Snapshot before = t.before(i);
            Outcome o = s.outcome();
            int room = x.enqueue() ? before.freeCount() : before.count();
            int moved = Math.min(x.n(), room);
            expect(t, i, "returned (room " + room + ")", moved, o.returned());
            expect(t, i, "count() after", before.count() + (x.enqueue() ? moved : -moved), s.after().count());
            if (o.outParam() != null) {
                expect(t, i, "out-parameter", room - moved, o.outParam());
            }
        }
    }

    /** After every step, {@code count + freeCount == capacity}, both in range, and full and empty agree with them. */
    static void countPlusFreeCountIsCapacity(Trace t) {
        int capacity = t.scenario().config().capacity();
        for (int i = -1; i < t.steps().size(); i++) {
            Snapshot s = i < 0 ? t.initial() : t.steps().get(i).after();
            expect(t, i, "capacity()", capacity, s.capacity());
            expect(t, i, "count() + freeCount()", capacity, s.count() + s.freeCount());
            if (s.count() < 0 || s.count() > capacity) {
                fail(t, i, "count() = " + s.count() + " outside [0, " + capacity + "]");
            }
            expect(t, i, "isFull() with freeCount() " + s.freeCount(), s.freeCount() == 0, s.full());
            expect(t, i, "isEmpty() with count() " + s.count(), s.count() == 0, s.empty());
        }
    }

    /**
     * Elements come out in the order they went in, each exactly once, and the final drain returns exactly those still
     * in flight; a reset drops them all.
     */
    static void firstInFirstOut(Trace t) {
        ArrayDeque<Integer> inFlight = new ArrayDeque<>();
        for (int i = 0; i < t.steps().size(); i++) {
            Step s = t.steps().get(i);
            Outcome o = s.outcome();
            switch (s.command()) {
                case Reset r -> inFlight.clear();
                case Transfer x when x.enqueue() -> {
                    int accepted = Math.max(0, Math.min(o.returned(), o.offered().size()));
                    inFlight.addAll(o.offered().subList(0, accepted));
                }
                case Transfer x -> {
                    expect(t, i, "values written for the " + o.returned() + " returned", o.returned(), o.taken().size());
                    for (int v : o.taken()) {
                        Integer head = inFlight.poll();
                        if (!Objects.equals(head, v)) {
                            fail(t, i, "dequeued " + v + " where FIFO order gives " + head + " (taken " + o.taken()
                                    + ")");
                        }
                    }
                }
            }
        }
        if (!inFlight.isEmpty()) {
            fail(t, t.steps().size() - 1, "the final drain left " + inFlight + " in the ring");
        }
    }

    /**
     * A ring whose indices start at {@code wrapped.start} behaves exactly as one starting at 0: the same return values,
     * out-parameters, contents, counts and flags; its raw indices differ by the start, until a reset zeroes both.
     */
    static void wrapIsInvisible(Trace atZero, Trace wrapped) {
        int shift = wrapped.scenario().config().start();
        if (!atZero.initial().sameShiftedBy(wrapped.initial(), shift)) {
            fail(wrapped, -1, "differs from the ring started at 0: " + atZero.initial() + " vs " + wrapped.initial());
        }
        for (int i = 0; i < atZero.steps().size(); i++) {
            Step a = atZero.steps().get(i);
            Step b = wrapped.steps().get(i);
            if (a.command() instanceof Reset) {
                shift = 0;
            }
            if (!a.outcome().equals(b.outcome())) {
                fail(wrapped, i, "did " + b.outcome() + " where the ring started at 0 did " + a.outcome());
            }
            if (!a.after().sameShiftedBy(b.after(), shift)) {
                fail(wrapped, i, "left " + b.after() + " where the ring started at 0 left " + a.after()
                        + " (indices must differ by 0x" + Integer.toHexString(shift) + ")");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static void expect(Trace t, int step, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            fail(t, step, what + " = " + actual + ", expected " + expected);
        }
    }

    private static void fail(Trace t, int step, String message) {
        String where = step < 0 ? "after creation" : "step " + step + ", " + t.steps().get(step).command();
        throw new AssertionError(where + ": " + message + " [" + t.scenario().config() + "]");
    }
}

package io.jmempool.properties.ring;

import static io.jmempool.properties.Gens.draw;

import io.jmempool.properties.Refusal;
import io.jmempool.properties.ring.RingCommand.Api;
import io.jmempool.properties.ring.RingCommand.Direction;
import io.jmempool.properties.ring.RingCommand.Kind;
import io.jmempool.properties.ring.RingCommand.Memory;
import io.jmempool.properties.ring.RingCommand.Out;
import io.jmempool.properties.ring.RingCommand.Side;
import io.jmempool.properties.ring.RingCommand.Transfer;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * An enqueue or dequeue with at least one defect, on a ring holding {@code prefill} elements. The call's shape is a
 * {@link Transfer}, so every public overload is reachable; the concrete arguments are given here. The expected
 * refusals are computed from the arguments by the documented rules ({@link #refusals()}); with several defects the
 * call may report any one of them.
 *
 * @param ring the ring
 * @param prefill how many elements it holds before the call
 * @param shape the overload (its n, offset and out form are replaced by the fields below)
 * @param n the count passed
 * @param offset array index or byte offset
 * @param length array length (elements) or segment size (bytes)
 * @param outLength the out-parameter's length, or -1 for null or the overload without one
 * @param buffer the buffer's condition
 * @param closeRing whether the ring is freed before the call
 */
record BadCall(RingConfig ring, int prefill, Transfer shape, int n, long offset, long length, int outLength,
               Buffer buffer, boolean closeRing) {

    /** What the caller's array or segment is like. */
    enum Buffer { OK, NULL, CLOSED, READ_ONLY }

    /** The argument defects a generator can choose; a {@code long[]} call on a ring of other elements comes free. */
    enum Defect { CLOSED_RING, NEGATIVE_N, NEGATIVE_OFFSET, RANGE_PAST_END, EMPTY_OUT, NULL_BUFFER, CLOSED_SEGMENT,
        READ_ONLY_DESTINATION }

    boolean hasBuffer() {
        return !(shape.api() == Api.LONGS && shape.kind() == Kind.SINGLE && shape.enqueue());
    }

    /** The public name of the buffer parameter. */
    String bufferName() {
        if (shape.api() == Api.LONGS) {
            return shape.kind() == Kind.SINGLE ? "obj" : "objs";
        }
        return shape.enqueue() ? "src" : "dst";
    }

    int unit() {
        return shape.api() == Api.LONGS ? 1 : ring.esize();
    }

    int effectiveN() {
        return shape.kind() == Kind.SINGLE ? 1 : n;
    }

    /**
     * Every refusal the documented rules allow for these arguments; empty if the call is valid.
     */
    List<Refusal> refusals() {
        List<Refusal> r = new ArrayList<>();
        String name = bufferName();
        if (closeRing) {
            r.add(new Refusal(IllegalStateException.class, "")); // FFM's "Already closed": the ring has no parameter
        }
        if (shape.api() == Api.LONGS && ring.esize() != 8) {
            r.add(new Refusal(IllegalStateException.class, "esize = " + ring.esize()));
        }
        if (effectiveN() < 0) {
            r.add(new Refusal(IllegalArgumentException.class, "n = " + n));
        }
        if (hasBuffer()) {
            if (buffer == Buffer.NULL) {
                r.add(new Refusal(NullPointerException.class, name + " is null"));
            }
            if (buffer == Buffer.CLOSED) {
                r.add(new Refusal(IllegalStateException.class, name + ":"));
            }
            if (buffer == Buffer.READ_ONLY && !shape.enqueue()) {
                r.add(new Refusal(IllegalArgumentException.class, name + ":"));
            }
            if (buffer != Buffer.NULL
                    && (offset < 0 || (effectiveN() >= 0 && offset > length - (long) effectiveN() * unit()))) {
                r.add(new Refusal(IndexOutOfBoundsException.class, name + ":"));
            }
        }
        if (outLength == 0) {
            r.add(new Refusal(IndexOutOfBoundsException.class, shape.enqueue() ? "freeSpace" : "available"));
        }
        return r;
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(shape.method()).append('(');
        String buf = switch (buffer) {
            case OK -> "";
            case NULL -> "null ";
            case CLOSED -> "closed ";
            case READ_ONLY -> "read-only ";
        };
        if (shape.api() == Api.LONGS) {
            if (!hasBuffer()) {
                b.append("long");
            } else {
                b.append(buf).append("long[").append(length).append("], ").append(offset);
            }
        } else {
            b.append(buf).append(shape.memory() == Memory.HEAP ? "heap " : "").append("seg[").append(length)
                    .append(" bytes], ").append(offset);
        }
        if (shape.kind() != Kind.SINGLE) {
            b.append(", n ").append(n);
            if (shape.out() != Out.ABSENT) {
                b.append(outLength < 0 ? ", null" : ", int[" + outLength + "]");
            }
        }
        b.append(") on ").append(closeRing ? "a freed ring " : "a ring ").append(ring).append(" holding ")
                .append(prefill);
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Generation: a shape, a primary defect among those it admits, sometimes more; then arguments that realise them.

    private static final Gen<Direction> DIRECTION = Generate.pick(List.of(Direction.values()));
    private static final Gen<Kind> KIND = Generate.pick(List.of(Kind.values()));
    private static final Gen<Side> SIDE = Generate.pick(List.of(Side.values()));
    private static final Gen<Api> API = Generate.pick(List.of(Api.values()));
    private static final Gen<Out> OUT_GENERIC_LONGS = Generate.pick(List.of(Out.ABSENT, Out.NULL, Out.ONE));
    private static final Gen<Out> OUT = Generate.pick(List.of(Out.NULL, Out.ONE));
    private static final Gen<Memory> MEMORY = Generate.pick(List.of(Memory.NATIVE, Memory.HEAP));
    private static final Gen<Integer> NEGATIVE_N = Generate.pick(List.of(-1, -2, Integer.MIN_VALUE, -1000));

    static Gen<BadCall> generator() {
        return in -> {
            RingConfig ring = RingGenerators.configs().generate(in);
            int prefill = draw(in, 0, ring.capacity());
            Direction direction = DIRECTION.generate(in);
            Kind kind = KIND.generate(in);
            Api api = API.generate(in); // long[] calls on rings of any element size
            Side side = api == Api.SEGMENT && kind == Kind.SINGLE ? Side.DEFAULT : SIDE.generate(in);
            Out out = kind == Kind.SINGLE ? Out.ABSENT
                    : api == Api.LONGS && side == Side.DEFAULT ? OUT_GENERIC_LONGS.generate(in) : OUT.generate(in);
            Memory memory = api == Api.SEGMENT ? MEMORY.generate(in) : Memory.NATIVE;
            Transfer shape = new Transfer(direction, kind, side, api, 0, 0, 0, out, memory);

            List<Defect> admitted = admitted(shape);
            Set<Defect> defects = EnumSet.of(admitted.get(draw(in, 0, admitted.size() - 1)));
            for (Defect d : admitted) {
                if (draw(in, 0, 5) == 0) {
                    defects.add(d);
                }
            }
            int unit = api == Api.LONGS ? 1 : ring.esize();
            int n = kind == Kind.SINGLE ? 1 : defects.contains(Defect.NEGATIVE_N) ? NEGATIVE_N.generate(in)
                    : draw(in, 0, 4);
            long offset = draw(in, 0, api == Api.LONGS ? 3 : 7);
            long needed = (long) Math.max(0, n) * unit;
            long length = offset + needed + (long) draw(in, 0, 2) * unit;
            if (defects.contains(Defect.RANGE_PAST_END)) {
                if (needed > 0 && Generate.booleans().generate(in)) {
                    length = offset + needed - draw(in, 1, (int) needed); // the buffer is too short
                } else {
                    offset = draw(in, 0, 1) == 0 ? length + draw(in, 1, 16)
                            : api == Api.LONGS ? Integer.MAX_VALUE : Long.MAX_VALUE;
                }
            }
            if (defects.contains(Defect.NEGATIVE_OFFSET)) {
                offset = switch (draw(in, 0, 2)) {
                    case 0 -> -1;
                    case 1 -> -draw(in, 2, 64);
                    default -> api == Api.LONGS ? Integer.MIN_VALUE : Long.MIN_VALUE;
                };
            }
            int outLength = defects.contains(Defect.EMPTY_OUT) ? 0 : out == Out.ONE ? 1 : -1;
            Buffer buffer = defects.contains(Defect.NULL_BUFFER) ? Buffer.NULL
                    : defects.contains(Defect.CLOSED_SEGMENT) ? Buffer.CLOSED
                    : defects.contains(Defect.READ_ONLY_DESTINATION) ? Buffer.READ_ONLY : Buffer.OK;
            return new BadCall(ring, prefill, shape, n, offset, length, outLength, buffer,
                    defects.contains(Defect.CLOSED_RING));
        };
    }

    /** The defects this overload can have; freeing the ring is always possible. */
    static List<Defect> admitted(Transfer shape) {
        List<Defect> d = new ArrayList<>();
        boolean buffer = !(shape.api() == Api.LONGS && shape.kind() == Kind.SINGLE && shape.enqueue());
        if (shape.kind() != Kind.SINGLE) {
            d.add(Defect.NEGATIVE_N);
        }
        if (buffer) {
            d.add(Defect.NEGATIVE_OFFSET);
            d.add(Defect.RANGE_PAST_END);
            d.add(Defect.NULL_BUFFER);
        }
        if (shape.kind() != Kind.SINGLE && shape.out() != Out.ABSENT) {
            d.add(Defect.EMPTY_OUT);
        }
        if (shape.api() == Api.SEGMENT) {
            d.add(Defect.CLOSED_SEGMENT);
            if (!shape.enqueue()) {
                d.add(Defect.READ_ONLY_DESTINATION);
            }
        }
        d.add(Defect.CLOSED_RING);
        return d;
    }
}

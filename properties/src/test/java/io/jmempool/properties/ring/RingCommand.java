package io.jmempool.properties.ring;

/**
 * One generated step of a ring scenario. Counts, free counts, {@code isFull} and {@code isEmpty} are not commands:
 * the runner reads them, and the raw indices, after every step.
 */
sealed interface RingCommand permits RingCommand.Transfer, RingCommand.Reset {

    /** Which way elements move. */
    enum Direction { ENQUEUE, DEQUEUE }

    /** DPDK's three contracts: one element, all or nothing, as many as possible. */
    enum Kind { SINGLE, BULK, BURST }

    /** The generic call (the ring's creation mode), or one forced to single- or multi-thread code. */
    enum Side { DEFAULT, SINGLE_THREAD, MULTI_THREAD }

    /** The {@code long[]} calls (8-byte rings only) or the {@code MemorySegment} calls. */
    enum Api { LONGS, SEGMENT }

    /**
     * The out-parameter: the overload without one (ABSENT, only the generic {@code long[]} bulk and burst calls have
     * it), an explicit null, an array of length 1, or one of length 3 whose tail must stay untouched.
     */
    enum Out { ABSENT, NULL, ONE, WIDE }

    /** Where the caller's elements live, for the segment calls. READ_ONLY is only generated for enqueues. */
    enum Memory { NATIVE, HEAP, READ_ONLY }

    /**
     * An enqueue or dequeue, named and shaped exactly as the public call it makes.
     *
     * @param direction enqueue or dequeue
     * @param kind single, bulk or burst
     * @param side generic, sp/sc or mp/mc
     * @param api long[] or MemorySegment
     * @param n the count passed (1 for SINGLE)
     * @param offset the array index or the byte offset of the first element in the caller's buffer
     * @param slack extra elements after the range, which the call must not touch
     * @param out the out-parameter form
     * @param memory the caller's segment kind
     */
    record Transfer(Direction direction, Kind kind, Side side, Api api, int n, int offset, int slack, Out out,
                    Memory memory) implements RingCommand {

        boolean enqueue() {
            return direction == Direction.ENQUEUE;
        }

        /** The public method this transfer calls, e.g. {@code spEnqueueBurst}. */
        String method() {
            String verb = enqueue() ? "nqueue" : "equeue";
            String prefix = switch (side) {
                case DEFAULT -> enqueue() ? "e" : "d";
                case SINGLE_THREAD -> enqueue() ? "spE" : "scD";
                case MULTI_THREAD -> enqueue() ? "mpE" : "mcD";
            };
            String suffix = switch (kind) {
                case SINGLE -> "";
                case BULK -> "Bulk";
                case BURST -> "Burst";
            };
            return prefix + verb + suffix;
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder(method()).append('(');
            if (api == Api.LONGS) {
                if (kind == Kind.SINGLE && enqueue()) {
                    return b.append("long)").toString();
                }
                b.append("long[").append(offset + n + slack).append("], ").append(kind == Kind.SINGLE ? "index " : "off ")
                        .append(offset);
            } else {
                b.append(switch (memory) {
                    case NATIVE -> "seg";
                    case HEAP -> "heap seg";
                    case READ_ONLY -> "read-only seg";
                }).append(", off ").append(offset);
            }
            if (kind != Kind.SINGLE) {
                b.append(", n ").append(n);
                switch (out) {
                    case ABSENT -> { }
                    case NULL -> b.append(", null");
                    case ONE -> b.append(", int[1]");
                    case WIDE -> b.append(", int[3]");
                }
            }
            return b.append(')').toString();
        }
    }

    /** {@code reset()}: the ring is idle in a single-threaded scenario, so it may be called at any step. */
    record Reset() implements RingCommand {
        @Override
        public String toString() {
            return "reset()";
        }
    }
}

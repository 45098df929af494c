package io.jmempool.properties.ring;

import java.util.Arrays;
import java.util.List;

/**
 * Everything a scenario run showed: what each call returned and wrote, and what the ring reported after each step.
 * The properties are predicates over traces, so that each states one law and none needs to drive the ring itself.
 *
 * @param scenario what was run
 * @param initial the ring right after creation (and the index hook)
 * @param steps one per command, plus the final drain
 */
record Trace(Scenario scenario, Snapshot initial, List<Step> steps) {

    /** The ring as the step at {@code index} found it. */
    Snapshot before(int index) {
        return index == 0 ? initial : steps.get(index - 1).after();
    }

    /**
     * What the snapshot queries and the raw indices said.
     *
     * @param count {@code count()}
     * @param freeCount {@code freeCount()}
     * @param full {@code isFull()}
     * @param empty {@code isEmpty()}
     * @param capacity {@code capacity()}
     * @param indices {prod.head, prod.tail, cons.head, cons.tail}
     */
    record Snapshot(int count, int freeCount, boolean full, boolean empty, int capacity, int[] indices) {
        /** Equal in everything but the indices, which must differ by {@code shift} each. */
        boolean sameShiftedBy(Snapshot other, int shift) {
            for (int k = 0; k < 4; k++) {
                if (other.indices[k] - indices[k] != shift) {
                    return false;
                }
            }
            return count == other.count && freeCount == other.freeCount && full == other.full
                    && empty == other.empty && capacity == other.capacity;
        }

        @Override
        public String toString() {
            return "count=" + count + " free=" + freeCount + " full=" + full + " empty=" + empty + " capacity="
                    + capacity + " [ph pt ch ct]=" + Arrays.toString(Arrays.stream(indices)
                    .mapToObj(i -> "0x" + Integer.toHexString(i)).toArray());
        }
    }

    /**
     * What one call did.
     *
     * @param returned the return value, a boolean as 1 or 0 (0 for reset)
     * @param outParam element 0 of the out-parameter after the call, or null if none was passed
     * @param offered the values the caller offered to an enqueue, in order
     * @param taken the values a dequeue wrote to the caller, in order
     * @param damage writes the call must not have made (outside the range it reported, or into the source)
     */
    record Outcome(int returned, Integer outParam, List<Integer> offered, List<Integer> taken, List<String> damage) {
        static final Outcome NONE = new Outcome(0, null, List.of(), List.of(), List.of());
    }

    /**
     * One command and its effect.
     *
     * @param command the command
     * @param outcome what the call did
     * @param after the ring afterwards
     */
    record Step(RingCommand command, Outcome outcome, Snapshot after) {
    }
}

package io.jmempool.properties.mempool;

import io.jmempool.mempool.MempoolStats;
import io.jmempool.mempool.ObjectMisuseException;
import io.jmempool.properties.mempool.RecordingDriver.Transfer;

import java.util.List;

/**
 * Everything a scenario run showed: what each call returned, wrote, threw and asked of the backend, and what the
 * pool reported after each step. The properties are predicates over traces.
 *
 * @param scenario what was run
 * @param pool the pool's name
 * @param handles every handle of the pool, by index (population order)
 * @param initial the pool right after populate
 * @param steps one per command, then the final drain
 */
record PoolTrace(PoolScenario scenario, String pool, List<Long> handles, Snapshot initial, List<Step> steps) {

    /** The pool as the step at {@code index} found it. */
    Snapshot before(int index) {
        return index == 0 ? initial : steps.get(index - 1).after();
    }

    /**
     * What the queries said after a step.
     *
     * @param defaultLen the calling thread's default cache length, -1 without default caches
     * @param lcore2Len lcore 2's default cache length, -1 without default caches
     * @param userLens each user cache's length
     * @param commonPool {@code commonPoolCount()}
     * @param avail {@code availCount()}
     * @param inUse {@code inUseCount()}
     * @param full {@code isFull()}
     * @param empty {@code isEmpty()}
     * @param held objects the caller holds
     * @param stats {@code stats()}
     * @param userStats each user cache's {@code stats()}
     * @param backend the backend's contents, next out first, with a recording driver; else null
     * @param audit what {@code audit()} threw, or null
     */
    record Snapshot(int defaultLen, int lcore2Len, List<Integer> userLens, int commonPool, int avail, int inUse,
                    boolean full, boolean empty, int held, MempoolStats stats, List<MempoolStats> userStats,
                    List<Long> backend, String audit) {

        /** The length of the cache a route uses; 0 for none. */
        int lengthOf(PoolCommand.Via via) {
            return switch (via.route()) {
                case DEFAULT, DEFAULT_GENERIC -> Math.max(0, defaultLen);
                case LCORE2 -> Math.max(0, lcore2Len);
                case USER -> userLens.get(via.user());
                case NONE -> 0;
            };
        }

        @Override
        public String toString() {
            return "default=" + defaultLen + " lcore2=" + lcore2Len + " user=" + userLens + " common=" + commonPool
                    + " avail=" + avail + " inUse=" + inUse + " full=" + full + " empty=" + empty + " held=" + held
                    + (backend == null ? "" : " backend=" + Handles.names(backend)) + (audit == null ? ""
                    : " audit: " + audit);
        }
    }

    /**
     * What a call threw.
     *
     * @param type its class
     * @param message its message
     * @param pool for an {@link ObjectMisuseException}, the pool it names
     * @param handle for an {@link ObjectMisuseException}, the object it names
     */
    record Thrown(Class<?> type, String message, String pool, Long handle) {
        static Thrown of(RuntimeException e) {
            return e instanceof ObjectMisuseException m ? new Thrown(e.getClass(), e.getMessage(), m.pool(), m.handle())
                    : new Thrown(e.getClass(), e.getMessage(), null, null);
        }

        @Override
        public String toString() {
            return type.getSimpleName() + ": " + message;
        }
    }

    /**
     * What one call did.
     *
     * @param skipped the command did not apply (a put with nothing held, a misuse with no object to misuse)
     * @param ok a get's result; null for other calls
     * @param offered the handles a put passed, in order
     * @param got the handles a successful get wrote, in order
     * @param culprit the handle a misuse or bad call must be refused for, or null
     * @param thrown what the call threw, or null
     * @param audit with an overrun, what {@code audit()} threw while the trailer was damaged
     * @param code a bad call's return value, or null
     * @param transfers the backend calls it made, with a recording driver; else null
     * @param damage writes or changes it must not have made
     */
    record Outcome(boolean skipped, Boolean ok, List<Long> offered, List<Long> got, Long culprit, Thrown thrown,
                   Thrown audit, Integer code, List<Transfer> transfers, List<String> damage) {

        static Outcome skip() {
            return new Outcome(true, null, List.of(), List.of(), null, null, null, null, List.of(), List.of());
        }

        @Override
        public String toString() {
            if (skipped) {
                return "skipped";
            }
            StringBuilder b = new StringBuilder();
            if (ok != null) {
                b.append(ok ? "ok " + Handles.names(got) : "failed");
            }
            if (!offered.isEmpty()) {
                b.append(" put ").append(Handles.names(offered));
            }
            if (thrown != null) {
                b.append(" threw ").append(thrown);
            }
            if (code != null) {
                b.append(" returned ").append(code);
            }
            if (transfers != null && !transfers.isEmpty()) {
                b.append(" backend ").append(transfers);
            }
            return b.toString().trim();
        }
    }

    /**
     * One command and its effect.
     *
     * @param command the command
     * @param outcome what the call did
     * @param after the pool afterwards; null after the pool was freed
     */
    record Step(PoolCommand command, Outcome outcome, Snapshot after) {
    }
}

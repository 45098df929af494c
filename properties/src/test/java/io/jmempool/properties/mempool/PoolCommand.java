package io.jmempool.properties.mempool;

/**
 * One generated step of a mempool scenario. Counts ({@code availCount}, {@code inUseCount}, {@code isFull},
 * {@code isEmpty}, {@code commonPoolCount}), cache lengths and statistics are not commands: the runner reads them
 * after every step.
 */
sealed interface PoolCommand permits PoolCommand.Get, PoolCommand.Put, PoolCommand.Flush, PoolCommand.ResetStats,
        PoolCommand.Misuse, PoolCommand.Bad {

    /**
     * Which cache a call goes through: the calling thread's default cache (the plain calls), the same cache passed
     * explicitly to the generic calls, the default cache of a second lcore (a helper thread makes the plain calls),
     * a user-owned cache, or none ({@code cache = null}).
     */
    enum Route { DEFAULT, DEFAULT_GENERIC, LCORE2, USER, NONE }

    /**
     * A route, and for {@link Route#USER} which user cache.
     *
     * @param route the route
     * @param user the user cache's index, 0 otherwise
     */
    record Via(Route route, int user) {
        static final Via DEFAULT = new Via(Route.DEFAULT, 0);
        static final Via NONE = new Via(Route.NONE, 0);
        static final Via LCORE2 = new Via(Route.LCORE2, 0);

        /** get() and put(long) exist only as the plain calls. */
        boolean hasSingleForm() {
            return route == Route.DEFAULT || route == Route.LCORE2;
        }

        String prefix() {
            return route == Route.LCORE2 ? "lcore2: " : "";
        }

        /** The call as written: the plain bulk name, or the generic one with its cache argument. */
        String call(String plain, String generic, String args) {
            return switch (route) {
                case DEFAULT, LCORE2 -> prefix() + plain + "(" + args + ")";
                case DEFAULT_GENERIC -> generic + "(" + args + ", defaultCache())";
                case USER -> generic + "(" + args + ", user" + user + ")";
                case NONE -> generic + "(" + args + ", null)";
            };
        }
    }

    /**
     * {@code get()}, or a bulk get of n into {@code long[off + n + slack]} at {@code off}.
     *
     * @param via the cache
     * @param single the one-object form
     * @param n the count
     * @param off the array offset
     * @param slack elements after the range, which the call must not write
     */
    record Get(Via via, boolean single, int n, int off, int slack) implements PoolCommand {
        @Override
        public String toString() {
            return single ? via.prefix() + "get()"
                    : via.call("getBulk", "genericGet", "long[" + (off + n + slack) + "], " + off + ", " + n);
        }
    }

    /**
     * {@code put(h)}, or a bulk put of n held objects (fewer if fewer are held), taken from the held list at
     * {@code from} (modulo its size) onwards.
     *
     * @param via the cache
     * @param single the one-object form
     * @param n the count
     * @param from where in the held list the batch starts
     * @param off the array offset
     * @param slack elements after the range
     */
    record Put(Via via, boolean single, int n, int from, int off, int slack) implements PoolCommand {
        @Override
        public String toString() {
            return single ? via.prefix() + "put(held[" + from + "])"
                    : via.call("putBulk", "genericPut", "held[" + from + "..] in long[" + (off + n + slack) + "], "
                    + off + ", " + n);
        }
    }

    /**
     * {@code cacheFlush}: of the thread's default cache ({@code null}), of it passed explicitly, of lcore 2's, or of a
     * user cache.
     *
     * @param via the cache
     */
    record Flush(Via via) implements PoolCommand {
        @Override
        public String toString() {
            return switch (via.route()) {
                case DEFAULT, LCORE2, NONE -> via.prefix() + "cacheFlush(null)";
                case DEFAULT_GENERIC -> "cacheFlush(defaultCache())";
                case USER -> "cacheFlush(user" + via.user() + ")";
            };
        }
    }

    /** {@code statsReset()}: zeroes the pool's counters, not a user cache's. */
    record ResetStats() implements PoolCommand {
        @Override
        public String toString() {
            return "statsReset()";
        }
    }

    /** The ways an object can be misused; each has its exception, which names the pool and the object. */
    enum MisuseKind { DOUBLE_PUT, DUPLICATE_IN_BATCH, FOREIGN_HANDLE, OVERRUN }

    /** Handles that are not the pool's. */
    enum Foreign { OTHER_POOL, NULL, FREED_POOL, PAST_END }

    /**
     * A put that must be refused: a free object (double put), one object twice in a batch, a foreign handle, or an
     * object whose element was overrun into its trailer. The batch is n held objects with the culprit at position
     * {@code pos} (modulo the batch length).
     *
     * @param kind the misuse
     * @param foreign which foreign handle, for {@link MisuseKind#FOREIGN_HANDLE}
     * @param via the cache
     * @param single the one-object form: the culprit alone
     * @param n held objects in the batch
     * @param pick which free object (double put), which batch element (duplicate, overrun)
     * @param pos where the culprit goes in the batch
     * @param past how many bytes the overrun writes into the trailer, 1 to 8
     */
    record Misuse(MisuseKind kind, Foreign foreign, Via via, boolean single, int n, int pick, int pos, int past)
            implements PoolCommand {
        @Override
        public String toString() {
            String what = switch (kind) {
                case DOUBLE_PUT -> "free object #" + pick;
                case DUPLICATE_IN_BATCH -> "held[" + pick + "] twice";
                case FOREIGN_HANDLE -> foreign + " handle";
                case OVERRUN -> "held[" + pick + "] overrun by " + past + " trailer byte" + (past == 1 ? "" : "s");
            };
            return single ? via.prefix() + "put(" + what + ")"
                    : via.call("putBulk", "genericPut", n + " held + " + what + " at " + pos);
        }
    }

    /**
     * A call with a bad argument, or on a freed pool ({@link BadPoolCall}).
     *
     * @param call the call
     */
    record Bad(BadPoolCall call) implements PoolCommand {
        @Override
        public String toString() {
            return call.toString();
        }
    }
}

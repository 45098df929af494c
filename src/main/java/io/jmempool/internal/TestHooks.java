package io.jmempool.internal;

/**
 * Hooks for the project's tests, reachable from the class path but not exported by the module. Nothing here is part
 * of the API, and nothing here is needed in production.
 */
public final class TestHooks {
    /**
     * What the ring package lends the hooks. The ring package installs it when it loads.
     */
    public interface RingAccess {
        /**
         * Sets all four indices of an idle ring.
         *
         * @param ring the ring
         * @param start the value
         */
        void startIndicesAt(Object ring, int start);

        /**
         * Reads the raw indices.
         *
         * @param ring the ring
         * @return {prod.head, prod.tail, cons.head, cons.tail}
         */
        int[] indices(Object ring);
    }

    private static volatile RingAccess ringAccess;

    private TestHooks() {
    }

    /**
     * Called once by the ring package.
     *
     * @param access the ring package's accessor
     */
    public static void installRingAccess(RingAccess access) {
        ringAccess = access;
    }

    private static RingAccess ringAccess() {
        RingAccess access = ringAccess;
        if (access == null) {
            throw new IllegalStateException("the ring package is not loaded");
        }
        return access;
    }

    /**
     * Sets all four indices of an idle ring to {@code start}, so that tests can run the free-running 32-bit indices
     * across the 2^32 wrap. The ring must be empty and no call may be in flight.
     *
     * @param ring an {@code io.jmempool.ring.Ring}
     * @param start the index value, for example {@code -5} to wrap after five elements
     */
    public static void startIndicesAt(Object ring, int start) {
        ringAccess().startIndicesAt(ring, start);
    }

    /**
     * Reads a ring's raw indices.
     *
     * @param ring an {@code io.jmempool.ring.Ring}
     * @return {prod.head, prod.tail, cons.head, cons.tail}
     */
    public static int[] ringIndices(Object ring) {
        return ringAccess().indices(ring);
    }
}

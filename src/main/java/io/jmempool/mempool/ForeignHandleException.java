package io.jmempool.mempool;

/**
 * A handle that does not belong to the pool it was given to: from another pool, from a freed pool, or no handle at
 * all. Always detected, whether or not the pool's debug checks are on. The call that throws it changed nothing.
 */
public final class ForeignHandleException extends ObjectMisuseException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param pool the pool's name
     * @param handle the handle
     * @param why what is wrong with it
     */
    public ForeignHandleException(String pool, long handle, String why) {
        super(pool, handle, "handle 0x" + Long.toHexString(handle) + " does not belong to mempool '" + pool + "': "
                + why);
    }
}

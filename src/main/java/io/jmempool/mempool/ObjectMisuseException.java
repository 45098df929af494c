package io.jmempool.mempool;

/**
 * An object was handed to a pool in a way that would corrupt it: a handle the pool does not own, an object that is
 * already free, or an object whose trailer was overwritten. The message names the pool and the object; the call that
 * throws it changed nothing.
 */
public abstract sealed class ObjectMisuseException extends IllegalArgumentException
        permits ForeignHandleException, DoubleFreeException, BufferOverrunException {
    private static final long serialVersionUID = 1L;

    private final String pool;
    private final long handle;

    ObjectMisuseException(String pool, long handle, String message) {
        super(message);
        this.pool = pool;
        this.handle = handle;
    }

    /**
     * The pool's name.
     *
     * @return the name
     */
    public String pool() {
        return pool;
    }

    /**
     * The object's handle.
     *
     * @return the handle
     */
    public long handle() {
        return handle;
    }

    static String describe(String pool, long handle) {
        return "object 0x" + Long.toHexString(handle) + " (index " + (int) handle + ") of mempool '" + pool + "'";
    }
}

package io.jmempool;

/**
 * A ring or a pool was created under a name that is already registered (DPDK's {@code EEXIST}).
 * Nothing was allocated or registered by the call that throws it.
 */
public final class NameInUseException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param kind what kind of object holds the name, for the message ("ring", "mempool")
     * @param name the name that is taken
     */
    public NameInUseException(String kind, String name) {
        super("name = '" + name + "': a " + kind + " with this name already exists");
    }
}

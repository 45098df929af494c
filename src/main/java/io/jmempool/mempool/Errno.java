package io.jmempool.mempool;

/**
 * The negative error codes that the populate calls return, as DPDK's do (dpdk-behaviour.md §2.4). Only those calls
 * return codes; every other refusal throws an exception that names the argument.
 */
public final class Errno {
    /** Out of memory. */
    public static final int ENOMEM = -12;
    /** Already exists: the pool is already populated. */
    public static final int EEXIST = -17;
    /** Invalid argument. */
    public static final int EINVAL = -22;
    /** No space: the pool already holds all its objects. */
    public static final int ENOSPC = -28;

    private Errno() {
    }
}

package io.jmempool.stress.mutant;

import java.util.List;

/**
 * The seeded bugs of the mempool: each is a small rewrite of {@code io.jmempool.mempool.Mempool}'s bytecode, applied
 * by {@link RingMutantAgent} with the argument {@code mempool:NAME}, and never part of the library. The names follow
 * the TLA+ cache spec's mutants ({@code spec/MempoolCacheMutant*.cfg}); README.md says which check kills each one.
 */
public enum MempoolMutant {
    /** No mutation: the agent loads and leaves the class as it is. */
    NONE(List.of(), "the pool as shipped"),
    /** PutFlushHalf enqueues one object too few: the bottom object of the slid-over half is lost. */
    FLUSH_DROPS(List.of("putV2607"),
            "PutFlushHalf enqueues size/2 - 1 objects but slides the cache by size/2 (one object lost)"),
    /** PutFlushHalf slides one slot too little: the last flushed object stays in the cache too. */
    FLUSH_DUPLICATES(List.of("putV2607"),
            "PutFlushHalf enqueues size/2 objects but slides the cache by size/2 - 1 (one object in two places)"),
    /** GetRollback does not restore the cache: the objects a failed get popped are lost. */
    NO_ROLLBACK(List.of("getCached"), "GetRollback leaves len = 0 instead of restoring it"),
    /** The debug cookie is stored one byte at a time: a concurrent reader can see a value that is neither state. */
    COOKIE_BYTEWISE(List.of("markFree", "markInUse"), "the header cookie is written one byte at a time");

    private final List<String> methods;
    private final String description;

    MempoolMutant(List<String> methods, String description) {
        this.methods = methods;
        this.description = description;
    }

    /** The Mempool methods the rewrite touches; a mutant that finds none of its sites fails loudly. */
    public List<String> methods() {
        return methods;
    }

    /** What the rewrite does, in the cache spec's step names. */
    public String description() {
        return description;
    }
}

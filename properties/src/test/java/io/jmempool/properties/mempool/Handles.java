package io.jmempool.properties.mempool;

import java.util.List;
import java.util.stream.Collectors;

/** Printing handles in counterexamples: {@code #i} for object index i of the pool under test, hex for anything else. */
final class Handles {
    /** Tag of the pool under test in the current run; handles with another tag print in full. */
    static volatile long currentTagBase = -1;

    private Handles() {
    }

    static String name(long h) {
        return (h & 0xFFFF_FFFF_0000_0000L) == currentTagBase ? "#" + (int) h : "0x" + Long.toHexString(h);
    }

    static String names(List<Long> hs) {
        return hs.stream().map(Handles::name).collect(Collectors.joining(" ", "[", "]"));
    }
}

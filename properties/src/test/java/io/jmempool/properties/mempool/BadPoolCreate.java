package io.jmempool.properties.mempool;

import static io.jmempool.properties.Gens.draw;

import io.jmempool.NameInUseException;
import io.jmempool.mempool.CachePolicy;
import io.jmempool.mempool.Mempool;
import io.jmempool.mempool.MempoolCache;
import io.jmempool.properties.Refusal;

import java.util.ArrayList;
import java.util.List;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * A call that creates a pool or a user cache, or finds a pool, with at least one bad argument. What it must throw is
 * computed from the arguments by the documented rules ({@link #refusals()}), not from how they were generated.
 *
 * @param entry which public entry point
 * @param policy the cache policy (the static calls use v26.07)
 * @param name the pool's name ({@link Strangers#OTHER_NAME} is a live pool's)
 * @param n the number of objects
 * @param eltSize the element size
 * @param cacheSize the cache size (for {@link Entry#CACHE_CREATE}, the user cache's size)
 * @param privateDataSize the private data size
 * @param flags the flags
 */
record BadPoolCreate(Entry entry, CachePolicy policy, String name, int n, int eltSize, int cacheSize,
                     int privateDataSize, int flags) {

    /** The public static entry points that take creation arguments. */
    enum Entry { CREATE_EMPTY, BUILDER, CREATE, CACHE_CREATE, LOOKUP, NULL_POLICY }

    boolean nBad() {
        return n <= 0 || n > Mempool.SIZE_MAX;
    }

    /** Out of [0, 512], or above the policy's limit: n (v26.07) or 2n/3 by integer maths (LTS). */
    boolean cacheBad() {
        if (cacheSize < 0 || cacheSize > Mempool.CACHE_MAX_SIZE) {
            return true;
        }
        return policy == CachePolicy.V26_07 ? cacheSize > n : cacheSize * 3 / 2 > n;
    }

    boolean flagsBad() {
        return (flags & ~Mempool.USER_FLAGS) != 0;
    }

    boolean nameBad() {
        return name == null || name.isEmpty() || name.length() > Mempool.NAME_MAX;
    }

    /**
     * DPDK's order (dpdk-behaviour.md §2.2) for what DPDK checks: n, then the cache size, then the flags, then the
     * name, so only the first of those present may be reported; the element and private sizes, which DPDK cannot get
     * wrong (they are unsigned), may be reported at any point; a taken name only when everything else is valid.
     */
    List<Refusal> refusals() {
        List<Refusal> r = new ArrayList<>();
        switch (entry) {
            case LOOKUP -> r.add(new Refusal(NullPointerException.class, "name"));
            case NULL_POLICY -> r.add(new Refusal(NullPointerException.class, "policy"));
            case CACHE_CREATE -> r.add(iae("size = " + cacheSize));
            default -> {
                if (nBad()) {
                    r.add(iae("n = " + n));
                } else if (cacheBad()) {
                    r.add(iae("cacheSize = " + cacheSize));
                } else if (flagsBad()) {
                    r.add(iae("flags = 0x" + Integer.toHexString(flags)));
                } else if (nameBad()) {
                    r.add(iae("name = " + (name == null ? "null" : "'" + name + "'")));
                }
                if (eltSize < 0) {
                    r.add(iae("eltSize = " + eltSize));
                }
                if (privateDataSize < 0) {
                    r.add(iae("privateDataSize = " + privateDataSize));
                }
                if (r.isEmpty() && Strangers.OTHER_NAME.equals(name)) {
                    r.add(new Refusal(NameInUseException.class, "name = '" + name + "'"));
                }
            }
        }
        return r;
    }

    private static Refusal iae(String fragment) {
        return new Refusal(IllegalArgumentException.class, fragment);
    }

    /** Makes the call; returns what it made (a pool or a cache, which the caller must free). */
    Object call() {
        return switch (entry) {
            case CREATE_EMPTY -> Mempool.createEmpty(name, n, eltSize, cacheSize, privateDataSize, flags);
            case BUILDER -> Mempool.builder(name).size(n).elementSize(eltSize).cacheSize(cacheSize)
                    .privateDataSize(privateDataSize).flags(flags).cachePolicy(policy).createEmpty();
            case CREATE -> Mempool.create(name, n, eltSize, cacheSize, privateDataSize, null, null, flags);
            case CACHE_CREATE -> MempoolCache.create(cacheSize);
            case LOOKUP -> Mempool.lookup(name);
            case NULL_POLICY -> Mempool.builder(name).cachePolicy(null);
        };
    }

    @Override
    public String toString() {
        String q = name == null ? "null" : "\"" + name + "\"";
        String args = n + ", " + eltSize + ", " + cacheSize + ", " + privateDataSize;
        String hex = "0x" + Integer.toHexString(flags);
        return switch (entry) {
            case CREATE_EMPTY -> "Mempool.createEmpty(" + q + ", " + args + ", " + hex + ")";
            case BUILDER -> "Mempool.builder(" + q + ").size(" + n + ").elementSize(" + eltSize + ").cacheSize("
                    + cacheSize + ").privateDataSize(" + privateDataSize + ").flags(" + hex + ").cachePolicy("
                    + policy + ").createEmpty()";
            case CREATE -> "Mempool.create(" + q + ", " + args + ", null, null, " + hex + ")";
            case CACHE_CREATE -> "MempoolCache.create(" + cacheSize + ")";
            case LOOKUP -> "Mempool.lookup(null)";
            case NULL_POLICY -> "Mempool.builder(" + q + ").cachePolicy(null)";
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Generation: choose which arguments to break, then draw each from its good or bad pool.

    private static final Gen<Entry> ENTRY = Generate.pick(List.of(Entry.values()));
    private static final Gen<CachePolicy> POLICY = Generate.pick(List.of(CachePolicy.V26_07, CachePolicy.LTS_25_11));
    private static final Gen<Integer> BAD_N = Generate.pick(List.of(0, -1, Mempool.SIZE_MAX + 1, Integer.MIN_VALUE,
            Integer.MAX_VALUE, -1000));
    private static final Gen<Integer> BAD_CACHE_RANGE = Generate.pick(List.of(-1, 513, 544, Integer.MAX_VALUE,
            Integer.MIN_VALUE, 1024));
    private static final Gen<Integer> BAD_USER_CACHE = Generate.pick(List.of(0, 513, -1, Integer.MIN_VALUE,
            Integer.MAX_VALUE, 1000));
    /** The internal bits 0x10 (POOL_CREATED) and 0x40 (NON_IO), and bits no flag has. */
    private static final Gen<Integer> BAD_FLAG_BITS = Generate.pick(List.of(Mempool.POOL_CREATED, Mempool.NON_IO,
            0x80, 0x100, 1 << 31, 0x50));
    private static final Gen<Integer> NEGATIVE = Generate.pick(List.of(-1, -8, -64, Integer.MIN_VALUE));
    private static final Gen<Integer> ANY_INT = Generate.range(Integer.MIN_VALUE, Integer.MAX_VALUE);

    /**
     * Every field is drawn for every entry, even those the entry ignores: QuickTheories skips an input it has already
     * tried, and an entry with few inputs of its own (lookup, a null policy) would otherwise use up the budget.
     */
    static Gen<BadPoolCreate> generator() {
        return in -> {
            Entry entry = ENTRY.generate(in);
            CachePolicy policy = entry == Entry.BUILDER ? POLICY.generate(in) : CachePolicy.V26_07;
            // Bits: 1 n, 2 cache size, 4 flags, 8 element size, 16 private size, 32 name.
            int broken = entry == Entry.NULL_POLICY || entry == Entry.LOOKUP || entry == Entry.CACHE_CREATE ? 0
                    : Generate.booleans().generate(in) ? draw(in, 1, 63) : 1 << draw(in, 0, 5);
            int n = (broken & 1) != 0 ? BAD_N.generate(in) : draw(in, 1, 64);
            int cacheSize;
            if (entry == Entry.CACHE_CREATE) {
                cacheSize = switch (draw(in, 0, 2)) {
                    case 0 -> BAD_USER_CACHE.generate(in);
                    case 1 -> draw(in, Mempool.CACHE_MAX_SIZE + 1, Integer.MAX_VALUE);
                    default -> -draw(in, 0, Integer.MAX_VALUE);
                };
            } else if ((broken & 2) == 0) {
                // The largest size the policy allows for this n: n, or the largest c with c * 3 / 2 <= n.
                int limit = n <= 0 ? 0 : (int) Math.min(Mempool.CACHE_MAX_SIZE,
                        policy == CachePolicy.V26_07 ? n : (2L * n + 1) / 3);
                // Half the time exactly at the limit, where integer and exact maths part (n = 100 allows 67).
                cacheSize = Generate.booleans().generate(in) ? limit : draw(in, 0, limit);
            } else if (n > 0 && n < Mempool.CACHE_MAX_SIZE && Generate.booleans().generate(in)) {
                // Just above the policy's limit (dpdk-behaviour.md §6 item 25).
                int c = policy == CachePolicy.V26_07 ? n + 1 : 2 * n / 3;
                while (c * 3 / 2 <= n) {
                    c++;
                }
                cacheSize = c + draw(in, 0, 1);
            } else {
                cacheSize = BAD_CACHE_RANGE.generate(in);
            }
            int flags = draw(in, 0, 0x2f) & Mempool.USER_FLAGS;
            if ((broken & 4) != 0) {
                flags |= Generate.booleans().generate(in) ? BAD_FLAG_BITS.generate(in)
                        : (ANY_INT.generate(in) & ~Mempool.USER_FLAGS) | 0x80;
            }
            int eltSize = (broken & 8) != 0 ? NEGATIVE.generate(in) : draw(in, 0, 128);
            int priv = (broken & 16) != 0 ? NEGATIVE.generate(in) : draw(in, 0, 64);
            String name = entry == Entry.LOOKUP ? null : (broken & 32) != 0 ? badName(in)
                    : "Q" + Integer.toString(draw(in, 0, Integer.MAX_VALUE), 36);
            return new BadPoolCreate(entry, policy, name, n, eltSize, cacheSize, priv, flags);
        };
    }

    private static String badName(RandomnessSource in) {
        return switch (draw(in, 0, 4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "L".repeat(draw(in, Mempool.NAME_MAX + 1, 80)); // 26 characters and more
            default -> Strangers.OTHER_NAME; // refused only when every other argument is valid: drawn more often
        };
    }
}

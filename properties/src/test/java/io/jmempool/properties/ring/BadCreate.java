package io.jmempool.properties.ring;

import static io.jmempool.properties.Gens.draw;

import io.jmempool.NameInUseException;
import io.jmempool.properties.Refusal;
import io.jmempool.ring.Ring;

import java.util.List;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * A call that creates, sizes or finds a ring, with at least one bad argument. The expected refusal is computed from
 * the documented rules alone ({@link #refusal()}), not from how the arguments were generated.
 *
 * @param entry which public entry point
 * @param name the name ({@link #TAKEN} is the name of a live ring)
 * @param esize the element size ({@code create} always uses 8)
 * @param count the count
 * @param flags the flags
 * @param specialized the builder's class choice
 */
record BadCreate(Entry entry, String name, int esize, int count, int flags, boolean specialized) {
    /** The name of the live ring each example keeps next to the bad call. */
    static final String TAKEN = "victim";

    /** The public static entry points that take creation arguments. */
    enum Entry { CREATE, CREATE_ELEM, BUILDER, MEMORY_SIZE, LOOKUP }

    private static final int MODE_BITS = Ring.MP_RTS_ENQ | Ring.MC_RTS_DEQ | Ring.MP_HTS_ENQ | Ring.MC_HTS_DEQ;

    static boolean esizeOk(int esize) {
        return esize > 0 && esize % 4 == 0;
    }

    static boolean countOk(int count, boolean exact) {
        return exact ? count >= 0 && count <= Ring.EXACT_COUNT_MAX : count > 0 && Integer.bitCount(count) == 1;
    }

    static boolean nameOk(String name) {
        return name != null && !name.isEmpty() && name.length() <= Ring.NAME_MAX;
    }

    /** SP_ENQ, SC_DEQ and EXACT_SZ only: unknown bits, RTS and HTS (alone or conflicting) are refused. */
    static boolean flagsOk(int flags) {
        return (flags & ~0x7f) == 0 && (flags & MODE_BITS) == 0;
    }

    /**
     * DPDK's order: sizes first, then the name, then the flags, and a name in use only once all of them are valid.
     *
     * @return the refusal, or null if every argument is valid
     */
    Refusal refusal() {
        boolean exact = (flags & Ring.EXACT_SZ) != 0;
        return switch (entry) {
            case LOOKUP -> name == null ? new Refusal(NullPointerException.class, "name") : null;
            case MEMORY_SIZE -> !esizeOk(esize) ? iae("esize = " + esize)
                    : !countOk(count, false) ? iae("count = " + count) : null;
            case CREATE, CREATE_ELEM, BUILDER -> !esizeOk(esize) ? iae("esize = " + esize)
                    : !countOk(count, exact) ? iae("count = " + count)
                    : !nameOk(name) ? iae("name = " + (name == null ? "null" : "'" + name + "'"))
                    : !flagsOk(flags) ? iae("flags = 0x" + Integer.toHexString(flags))
                    : TAKEN.equals(name) ? new Refusal(NameInUseException.class, "name = '" + TAKEN + "'") : null;
        };
    }

    private static Refusal iae(String fragment) {
        return new Refusal(IllegalArgumentException.class, fragment);
    }

    /** Makes the call; returns what it returned (a ring, which the caller must free, or a size). */
    Object call() {
        return switch (entry) {
            case CREATE -> Ring.create(name, count, flags);
            case CREATE_ELEM -> Ring.createElem(name, esize, count, flags);
            case BUILDER -> Ring.builder(name).elementSize(esize).count(count).flags(flags).specialized(specialized)
                    .create();
            case MEMORY_SIZE -> Ring.memorySize(esize, count);
            case LOOKUP -> Ring.lookup(name);
        };
    }

    @Override
    public String toString() {
        String quoted = name == null ? "null" : "\"" + name + "\"";
        String hexFlags = "0x" + Integer.toHexString(flags);
        return switch (entry) {
            case CREATE -> "Ring.create(" + quoted + ", " + count + ", " + hexFlags + ")";
            case CREATE_ELEM -> "Ring.createElem(" + quoted + ", " + esize + ", " + count + ", " + hexFlags + ")";
            case BUILDER -> "Ring.builder(" + quoted + ").elementSize(" + esize + ").count(" + count + ").flags("
                    + hexFlags + ").specialized(" + specialized + ").create()";
            case MEMORY_SIZE -> "Ring.memorySize(" + esize + ", " + count + ")";
            case LOOKUP -> "Ring.lookup(" + quoted + ")";
        };
    }

    // ------------------------------------------------------------------------------------------------------------
    // Generation: choose which arguments to break (at least one the entry takes), then draw each from its good or
    // bad pool. Bad pools mix edge values with arbitrary ints forced out of range.

    private static final Gen<Entry> ENTRY = Generate.pick(List.of(Entry.values()));
    private static final Gen<Integer> GOOD_ESIZE = Generate.pick(List.of(8, 4, 16, 20, 12));
    private static final Gen<Integer> EDGE_ESIZE =
            Generate.pick(List.of(0, 1, 2, 3, 5, 6, 7, 22, 23, -1, -4, Integer.MIN_VALUE, Integer.MAX_VALUE));
    private static final Gen<Integer> EDGE_POW2_COUNT = Generate.pick(List.of(0, 3, 5, 6, 7, 12, 4097, -1, -2,
            (1 << 30) + 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    private static final Gen<Integer> EDGE_EXACT_COUNT =
            Generate.pick(List.of(-1, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE, Integer.MIN_VALUE));
    private static final Gen<Integer> GOOD_MODE = Generate.pick(List.of(0, Ring.SP_ENQ | Ring.SC_DEQ, Ring.SP_ENQ,
            Ring.SC_DEQ));
    /** Conflicting sides, and the RTS and HTS modes alone or with the other side's flags. */
    private static final Gen<Integer> BAD_MODE = Generate.pick(List.of(
            Ring.SP_ENQ | Ring.MP_RTS_ENQ, Ring.SP_ENQ | Ring.MP_HTS_ENQ, Ring.MP_RTS_ENQ | Ring.MP_HTS_ENQ,
            Ring.SC_DEQ | Ring.MC_RTS_DEQ, Ring.SC_DEQ | Ring.MC_HTS_DEQ, Ring.MC_RTS_DEQ | Ring.MC_HTS_DEQ,
            Ring.MP_RTS_ENQ, Ring.MC_RTS_DEQ, Ring.MP_HTS_ENQ, Ring.MC_HTS_DEQ,
            Ring.MP_RTS_ENQ | Ring.MC_RTS_DEQ, Ring.MP_HTS_ENQ | Ring.MC_HTS_DEQ, Ring.SP_ENQ | Ring.MC_HTS_DEQ,
            Ring.MP_RTS_ENQ | Ring.SC_DEQ, 0x7f));
    private static final Gen<Integer> ANY_INT = Generate.range(Integer.MIN_VALUE, Integer.MAX_VALUE);

    static Gen<BadCreate> generator() {
        return in -> {
            Entry entry = ENTRY.generate(in);
            if (entry == Entry.LOOKUP) {
                return new BadCreate(entry, null, 8, 0, 0, false);
            }
            // Bits: 1 esize, 2 count, 4 name, 8 flags; each entry breaks only what it takes.
            int broken = switch (entry) {
                case MEMORY_SIZE -> brokenArguments(in, 2);
                case CREATE -> brokenArguments(in, 3) << 1;
                default -> brokenArguments(in, 4);
            };
            boolean exact = entry != Entry.MEMORY_SIZE && Generate.booleans().generate(in);
            int esize = entry == Entry.CREATE ? 8 : (broken & 1) != 0 ? badEsize(in) : GOOD_ESIZE.generate(in);
            int count = (broken & 2) != 0 ? badCount(in, exact) : exact ? draw(in, 0, 64) : 1 << draw(in, 0, 6);
            String name = (broken & 4) != 0 ? badName(in) : "N".repeat(draw(in, 1, Ring.NAME_MAX));
            int mode = (broken & 8) != 0 ? badFlags(in) : GOOD_MODE.generate(in);
            int flags = (mode & ~Ring.EXACT_SZ) | (exact ? Ring.EXACT_SZ : 0);
            return new BadCreate(entry, name, esize, count, flags, Generate.booleans().generate(in));
        };
    }

    /** A non-empty set of {@code arguments} bits; half the time a single one, so each refusal is reached alone. */
    private static int brokenArguments(RandomnessSource in, int arguments) {
        return Generate.booleans().generate(in) ? draw(in, 1, (1 << arguments) - 1) : 1 << draw(in, 0, arguments - 1);
    }

    private static int badEsize(RandomnessSource in) {
        if (Generate.booleans().generate(in)) {
            int e = ANY_INT.generate(in);
            return esizeOk(e) ? -e : e;
        }
        return EDGE_ESIZE.generate(in);
    }

    private static int badCount(RandomnessSource in, boolean exact) {
        if (Generate.booleans().generate(in)) {
            int c = ANY_INT.generate(in);
            if (exact) {
                return countOk(c, true) ? c - (1 << 30) : c;
            }
            return countOk(c, false) ? (c == 1 ? 0 : c + 1) : c;
        }
        return exact ? EDGE_EXACT_COUNT.generate(in) : EDGE_POW2_COUNT.generate(in);
    }

    private static String badName(RandomnessSource in) {
        return switch (draw(in, 0, 4)) {
            case 0 -> null;
            case 1 -> "";
            case 2 -> "L".repeat(draw(in, Ring.NAME_MAX + 1, 80));
            default -> TAKEN; // refused only when every other argument is valid: drawn more often
        };
    }

    private static int badFlags(RandomnessSource in) {
        if (Generate.booleans().generate(in)) {
            int unknown = Generate.booleans().generate(in) ? 1 << draw(in, 7, 31) : ANY_INT.generate(in) & ~0x7f;
            return GOOD_MODE.generate(in) | (unknown == 0 ? 0x80 : unknown);
        }
        return BAD_MODE.generate(in);
    }
}

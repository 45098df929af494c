package io.jmempool.properties.ring;

import static io.jmempool.properties.Gens.draw;

import io.jmempool.properties.Budget;
import io.jmempool.ring.Ring;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * How rings are sized and registered, for generated valid arguments: DPDK's count, EXACT_SZ and memory-size rules, and
 * the name registry from creation to free.
 */
class RingSizingProperties {
    private static final AtomicLong NAMES = new AtomicLong();

    /**
     * Each extra slot costs exactly {@code esize} bytes, computed in 64 bits: DPDK's {@code 0e4dc6af06} fixed a
     * {@code count * esize} that overflowed 32 bits.
     */
    @Test
    void memorySizeGrowsByExactlyOneElementPerSlotIn64Bits() {
        Gen<int[]> sizes = in -> new int[] {4 * draw(in, 1, 1 << 20), 1 << draw(in, 0, 29)};
        Budget.qt().forAll(sizes.describedAs(s -> "esize " + s[0] + ", count " + s[1]))
                .checkAssert(s -> assertMemorySizeLinear(s[0], s[1]));
    }

    static void assertMemorySizeLinear(int esize, int count) {
        long one = Ring.memorySize(esize, count);
        long two = Ring.memorySize(esize, count * 2);
        long slotBytes = (long) esize * count;
        if (two - one != slotBytes || one <= slotBytes) {
            throw new AssertionError("memorySize(" + esize + ", " + count + ") = " + one + " and memorySize(" + esize
                    + ", " + 2L * count + ") = " + two + ": they must differ by " + slotBytes);
        }
    }

    /**
     * A created ring has DPDK's size and capacity (count and count - 1, or with EXACT_SZ the next power of two above
     * count and count), its flags and sides, and is found by name until it is freed.
     */
    @Test
    void createdRingsAreSizedAndRegisteredAsDpdkDoes() {
        Gen<RingConfig> configs = in -> {
            int mode = Generate.pick(Arrays.stream(RingConfig.MODES).boxed().toList()).generate(in);
            boolean exact = Generate.booleans().generate(in);
            int count = exact ? draw(in, 0, 4096) : 1 << draw(in, 0, 12);
            int esize = 4 * draw(in, 1, 8);
            return new RingConfig(mode, exact, count, esize, Generate.booleans().generate(in), 0);
        };
        Budget.qt().forAll(configs).checkAssert(RingSizingProperties::assertSizedAndRegistered);
    }

    static void assertSizedAndRegistered(RingConfig c) {
        String name = "size" + NAMES.incrementAndGet();
        Ring r = c.create(name);
        try {
            int slots = c.exact() ? Integer.highestOneBit(c.count()) << 1 : c.count(); // align32pow2(count + 1)
            expect(c, "size()", c.exact() && c.count() == 0 ? 1 : slots, r.size());
            expect(c, "capacity()", c.exact() ? c.count() : c.count() - 1, r.capacity());
            expect(c, "elementSize()", c.esize(), r.elementSize());
            expect(c, "flags()", c.flags(), r.flags());
            expect(c, "isProducerSingle()", (c.mode() & Ring.SP_ENQ) != 0, r.isProducerSingle());
            expect(c, "isConsumerSingle()", (c.mode() & Ring.SC_DEQ) != 0, r.isConsumerSingle());
            expect(c, "isSpecialized()", c.specialized(), r.isSpecialized());
            expect(c, "lookup(name)", r, Ring.lookup(name).orElse(null));
            expect(c, "list() holds it", true, Ring.list().contains(r));
            expect(c, "memorySize(esize, size()) fits the slots", true,
                    Ring.memorySize(c.esize(), r.size()) > (long) c.esize() * r.size());
        } finally {
            r.close();
        }
        expect(c, "lookup(name) after free", null, Ring.lookup(name).orElse(null));
        expect(c, "list() holds it after free", false, Ring.list().contains(r));
    }

    private static void expect(RingConfig c, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError(what + " = " + actual + ", expected " + expected + " [" + c + "]");
        }
    }
}

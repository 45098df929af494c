package io.jmempool.stress.mutant;

import java.lang.reflect.Field;

/** Names the ring's off-heap fields for reports, from {@code RingLayout}'s own constants. */
final class RingOffsets {
    private static final String[] NAMES = {"PROD_HEAD", "PROD_TAIL", "CONS_HEAD", "CONS_TAIL"};
    private static final long[] OFFSETS = load();

    private RingOffsets() {
    }

    private static long[] load() {
        long[] offsets = new long[NAMES.length + 1];
        try {
            Class<?> layout = Class.forName("io.jmempool.ring.RingLayout");
            for (int i = 0; i < NAMES.length; i++) {
                offsets[i] = field(layout, NAMES[i]);
            }
            offsets[NAMES.length] = field(layout, "SLOTS");
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // reports then give bare offsets
        }
        return offsets;
    }

    private static long field(Class<?> layout, String name) throws ReflectiveOperationException {
        Field f = layout.getDeclaredField(name);
        f.setAccessible(true);
        return f.getLong(null);
    }

    static String describe(long offset) {
        if (OFFSETS != null) {
            for (int i = 0; i < NAMES.length; i++) {
                if (offset == OFFSETS[i]) {
                    return NAMES[i].toLowerCase().replace('_', '.') + " (offset " + offset + ")";
                }
            }
            if (offset >= OFFSETS[NAMES.length]) {
                return "slot byte " + (offset - OFFSETS[NAMES.length]) + " (offset " + offset + ")";
            }
        }
        return "offset " + offset;
    }
}

package io.jmempool.ring;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Makes ring instances: either of the shared {@link OffHeapRing} class, or of a hidden class defined from the same
 * bytecode with the ring's {@link RingShape} as class data (see {@link OffHeapRing}, "Specialisation").
 *
 * <p>The hidden classes are not strongly tied to their loader, so a freed ring's class is unloaded with it.
 */
final class RingClasses {
    private static final MethodType CONSTRUCTOR =
            MethodType.methodType(void.class, RingShape.class, String.class, Arena.class);

    private RingClasses() {
    }

    /** The template's class file, read once. Class files are never encapsulated, even in a named module. */
    private static final class Template {
        static final byte[] BYTES = read();

        private static byte[] read() {
            try (InputStream in = OffHeapRing.class.getResourceAsStream("OffHeapRing.class")) {
                if (in == null) {
                    throw new IllegalStateException("OffHeapRing.class is not readable as a resource");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static Ring newInstance(RingShape shape, String name, Arena arena, boolean specialized) {
        if (!specialized) {
            return new OffHeapRing(shape, name, arena);
        }
        try {
            MethodHandles.Lookup hidden = MethodHandles.lookup()
                    .defineHiddenClassWithClassData(Template.BYTES, shape, true);
            MethodHandle constructor = hidden.findConstructor(hidden.lookupClass(), CONSTRUCTOR);
            return (Ring) constructor.invoke(shape, name, arena);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("could not specialise ring '" + name + "'", t);
        }
    }
}

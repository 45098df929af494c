package io.jmempool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmempool.mempool.Mempool;
import io.jmempool.ring.Ring;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.jupiter.api.function.Executable;

/** The shared check of every refusal test: the right exception, a message that names the input, nothing registered. */
public final class Refusals {
    private Refusals() {
    }

    /** The names of the live rings and pools. */
    public static Set<String> liveNames() {
        Set<String> names = new HashSet<>();
        Ring.list().forEach(r -> names.add("ring " + r.name()));
        Mempool.walk(p -> names.add("mempool " + p.name()));
        return names;
    }

    /**
     * Asserts that the call throws {@code type} with a message containing every fragment, and registers nothing.
     *
     * @param type the exception expected
     * @param call the call
     * @param fragments what the message must contain: the parameter, its value, the limit
     * @param <T> the exception type
     * @return the exception
     */
    public static <T extends Throwable> T refused(Class<T> type, Executable call, String... fragments) {
        Supplier<Set<String>> registry = Refusals::liveNames;
        Set<String> before = registry.get();
        T e = assertThrows(type, call);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), "message '" + e.getMessage() + "' lacks '" + f + "'");
        }
        assertEquals(before, registry.get(), "a refused call registered a ring or a pool");
        return e;
    }
}

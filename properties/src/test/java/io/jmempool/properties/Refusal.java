package io.jmempool.properties;

import java.util.List;

/**
 * An exception a bad call must throw: its exact class and a fragment of its message, which by the project's error
 * rule names the parameter and its value.
 *
 * @param type the exception's exact class
 * @param fragment what the message must contain; empty where the library gives no parameter to name
 */
public record Refusal(Class<? extends RuntimeException> type, String fragment) {

    /**
     * Asserts that {@code thrown} matches one of {@code allowed}: with several defects in one call, any of them may be
     * the one reported.
     *
     * @param allowed the refusals the documented rules allow
     * @param thrown what the call threw, or null if it returned
     */
    public static void assertOneOf(List<Refusal> allowed, RuntimeException thrown) {
        if (thrown == null) {
            throw new AssertionError("nothing was thrown; expected one of " + allowed);
        }
        String message = thrown.getMessage() == null ? "" : thrown.getMessage();
        for (Refusal r : allowed) {
            if (thrown.getClass() == r.type() && message.contains(r.fragment())) {
                return;
            }
        }
        throw new AssertionError("threw " + thrown + "; expected one of " + allowed, thrown);
    }

    @Override
    public String toString() {
        return type.getSimpleName() + (fragment.isEmpty() ? "" : " naming '" + fragment + "'");
    }
}

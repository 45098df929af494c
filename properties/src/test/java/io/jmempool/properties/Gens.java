package io.jmempool.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Generator building blocks shared by the ring and mempool properties. Generators here are written as plain code that
 * draws its parts one after another from QuickTheories' randomness, so a later part may depend on an earlier one and
 * QuickTheories still shrinks the whole, each drawn value towards its lower bound.
 */
public final class Gens {
    private Gens() {
    }

    /**
     * Draws an int in {@code [min, max]}; it shrinks towards {@code min}.
     *
     * @param in the randomness
     * @param min lowest value, and the shrink target
     * @param max highest value
     * @return the value
     */
    public static int draw(RandomnessSource in, int min, int max) {
        return Generate.range(min, max).generate(in);
    }

    /**
     * Draws a command list of up to {@code maxSize} elements. QuickTheories can only cut a list at its end; a draw in
     * front of every element, which drops it when shrunk to 0, lets it delete elements from the middle too.
     *
     * @param in the randomness
     * @param maxSize the most elements
     * @param element draws one element
     * @param <T> the element type
     * @return an immutable list, possibly empty
     */
    public static <T> List<T> commands(RandomnessSource in, int maxSize, Function<RandomnessSource, T> element) {
        int size = draw(in, 1, maxSize);
        List<T> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            boolean keep = draw(in, 0, 9) != 0;
            T t = element.apply(in);
            if (keep) {
                list.add(t);
            }
        }
        return List.copyOf(list);
    }
}

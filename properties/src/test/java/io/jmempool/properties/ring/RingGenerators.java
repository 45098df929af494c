package io.jmempool.properties.ring;

import static io.jmempool.properties.Gens.draw;

import io.jmempool.properties.Gens;
import io.jmempool.properties.ring.RingCommand.Api;
import io.jmempool.properties.ring.RingCommand.Direction;
import io.jmempool.properties.ring.RingCommand.Kind;
import io.jmempool.properties.ring.RingCommand.Memory;
import io.jmempool.properties.ring.RingCommand.Out;
import io.jmempool.properties.ring.RingCommand.Reset;
import io.jmempool.properties.ring.RingCommand.Side;
import io.jmempool.properties.ring.RingCommand.Transfer;

import java.util.Arrays;
import java.util.List;

import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.generators.Generate;

/**
 * Generators for ring scenarios. Each draws its parts one after another from the same randomness, so a later part
 * may depend on an earlier one (n on the capacity, the API on the element size) and QuickTheories still shrinks the
 * whole: fewer steps, smaller n, the first choice of every pick (MP/MC, 8-byte elements, start 0, a single-element
 * enqueue).
 *
 * <p>Capacities stay small (0 to 31) and n ranges a little past them, so that full, empty, refused bulks, trimmed
 * bursts and the slot wrap happen in most scenarios.
 */
final class RingGenerators {
    static final int MAX_STEPS = 60;

    private static final Gen<Integer> MODE = Generate.pick(Arrays.stream(RingConfig.MODES).boxed().toList());
    private static final Gen<Integer> ESIZE = Generate.pick(List.of(8, 4, 16, 20));
    private static final Gen<Boolean> BOOL = Generate.booleans();
    private static final Gen<Direction> DIRECTION = Generate.pick(List.of(Direction.values()));
    private static final Gen<Kind> KIND = Generate.pick(List.of(Kind.values()));
    private static final Gen<Side> SIDE = Generate.pick(List.of(Side.values()));
    private static final Gen<Api> API = Generate.pick(List.of(Api.values()));
    private static final Gen<Out> OUT_GENERIC_LONGS = Generate.pick(List.of(Out.values()));
    private static final Gen<Out> OUT = Generate.pick(List.of(Out.NULL, Out.ONE, Out.WIDE));
    private static final Gen<Memory> SOURCE_MEMORY = Generate.pick(List.of(Memory.values()));
    private static final Gen<Memory> DESTINATION_MEMORY = Generate.pick(List.of(Memory.NATIVE, Memory.HEAP));

    private RingGenerators() {
    }

    /** Rings of the four modes, plain or EXACT_SZ, four element sizes, both classes, indices at 0 or near a wrap. */
    static Gen<RingConfig> configs() {
        return in -> {
            int mode = MODE.generate(in);
            boolean exact = BOOL.generate(in);
            int count = exact ? draw(in, 0, 20) : 1 << draw(in, 0, 5);
            int esize = ESIZE.generate(in);
            boolean specialized = BOOL.generate(in);
            RingConfig atZero = new RingConfig(mode, exact, count, esize, specialized, 0);
            return atZero.startingAt(start(in, atZero.slots()));
        };
    }

    /**
     * 0; or 2^32 - k, so that the indices wrap through 0; or 2^31 - k, where a signed comparison would flip. k is at
     * most twice the slots, so most scenarios move the indices across.
     */
    static int start(RandomnessSource in, int slots) {
        int where = draw(in, 0, 2);
        int k = draw(in, 1, 2 * slots + 1);
        return switch (where) {
            case 0 -> 0;
            case 1 -> -k;
            default -> Integer.MIN_VALUE - k;
        };
    }

    static Gen<Scenario> scenarios() {
        return scenarios(configs());
    }

    static Gen<Scenario> scenarios(Gen<RingConfig> configs) {
        return in -> {
            RingConfig config = configs.generate(in);
            return new Scenario(config, Gens.commands(in, MAX_STEPS, r -> command(r, config)));
        };
    }

    /** A transfer in one of the shapes the public API has, or now and then a reset. */
    static RingCommand command(RandomnessSource in, RingConfig c) {
        if (draw(in, 0, 99) >= 96) {
            return new Reset();
        }
        Direction direction = DIRECTION.generate(in);
        Kind kind = KIND.generate(in);
        Side side = SIDE.generate(in);
        Api api = c.esize() == 8 ? API.generate(in) : Api.SEGMENT;
        boolean enqueue = direction == Direction.ENQUEUE;
        // Mostly around the room there can be; sometimes well past the capacity.
        int cap = c.capacity();
        int n = draw(in, 0, draw(in, 0, 9) < 8 ? cap + 2 : 2 * cap + 8);
        int offset = draw(in, 0, api == Api.LONGS ? 3 : 7);
        int slack = draw(in, 0, 2);
        Out out = api == Api.LONGS && side == Side.DEFAULT ? OUT_GENERIC_LONGS.generate(in) : OUT.generate(in);
        Memory memory = enqueue ? SOURCE_MEMORY.generate(in) : DESTINATION_MEMORY.generate(in);
        if (kind == Kind.SINGLE) {
            n = 1;
            out = Out.ABSENT;
            if (api == Api.SEGMENT) {
                side = Side.DEFAULT; // the segment calls have no sp/mp single-element forms
            } else if (enqueue) {
                offset = 0; // enqueue(long) takes no buffer
                slack = 0;
            }
        }
        if (api == Api.LONGS) {
            memory = Memory.NATIVE;
        }
        return new Transfer(direction, kind, side, api, n, offset, slack, out, memory);
    }
}

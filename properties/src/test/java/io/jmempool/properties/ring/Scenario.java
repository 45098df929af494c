package io.jmempool.properties.ring;

import java.util.List;

/**
 * A generated ring and the commands to run on it: what QuickTheories generates, shrinks and prints.
 *
 * @param config the ring
 * @param commands the steps, in order
 */
record Scenario(RingConfig config, List<RingCommand> commands) {
    Scenario startingAt(int start) {
        return new Scenario(config.startingAt(start), commands);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("ring ").append(config);
        for (int i = 0; i < commands.size(); i++) {
            b.append("\n  ").append(i).append(": ").append(commands.get(i));
        }
        return b.toString();
    }
}

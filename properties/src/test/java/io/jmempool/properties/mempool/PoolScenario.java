package io.jmempool.properties.mempool;

import java.util.List;

/**
 * A generated pool and the commands to run on it: what QuickTheories generates, shrinks and prints.
 *
 * @param config the pool
 * @param commands the steps, in order
 */
record PoolScenario(PoolConfig config, List<PoolCommand> commands) {
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("pool ").append(config);
        for (int i = 0; i < commands.size(); i++) {
            b.append("\n  ").append(i).append(": ").append(commands.get(i));
        }
        return b.toString();
    }
}

package io.jmempool.properties.mempool;

import io.jmempool.mempool.Mempool;
import io.jmempool.mempool.MempoolCache;
import io.jmempool.properties.Budget;
import io.jmempool.properties.Refusal;
import io.jmempool.ring.Ring;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Generated invalid arguments for every public mempool entry point. Each call must throw the documented exception,
 * with a message naming the bad parameter and its value, or return the documented code (populate), and change
 * nothing: not the pool's caches, counts, counters or backend (checked against the model through a drain afterwards),
 * not the caller's array, not the registries of pools and rings. A freed pool must refuse every call that reads or
 * changes its state, and the JVM must survive all of it.
 */
class MempoolBadInputProperties {

    @Test
    void badCreationArgumentsAreRefusedByNameAndRegisterNothing() {
        Budget.qt().forAll(BadPoolCreate.generator()).checkAssert(MempoolBadInputProperties::assertCreationRefused);
    }

    @Test
    void badCallArgumentsAreRefusedByNameAndChangeNothing() {
        Budget.qt().forAll(PoolGenerators.badCallScenarios()).checkAssert(s -> {
            PoolTrace t = PoolRunner.run(s);
            PoolChecks.badCallsAreRefusedAndChangeNothing(t);
            PoolChecks.agreesWithModel(t);
            if (!Strangers.OTHER.isFull()) {
                throw new AssertionError(Strangers.OTHER_NAME + " lost objects: " + Strangers.OTHER.availCount());
            }
        });
    }

    static void assertCreationRefused(BadPoolCreate call) {
        List<Refusal> expected = call.refusals();
        if (expected.isEmpty()) {
            throw new AssertionError("the generator produced a valid call: " + call);
        }
        Mempool other = Strangers.OTHER;
        int otherAvail = other.availCount();
        Set<Object> pools = identities(Mempool.list());
        Set<Object> rings = identities(Ring.list());
        RuntimeException thrown = null;
        try {
            Object made = call.call();
            if (made instanceof Mempool p) {
                p.close();
            } else if (made instanceof MempoolCache c) {
                c.free();
            }
        } catch (RuntimeException e) {
            thrown = e;
        }
        Refusal.assertOneOf(expected, thrown);
        if (!pools.equals(identities(Mempool.list())) || !rings.equals(identities(Ring.list()))) {
            throw new AssertionError("the refused call changed the live pools or rings: " + Mempool.list());
        }
        if (Mempool.lookup(Strangers.OTHER_NAME).orElse(null) != other || other.availCount() != otherAvail) {
            throw new AssertionError("the refused call touched the pool whose name it took");
        }
    }

    private static Set<Object> identities(List<?> list) {
        Set<Object> s = Collections.newSetFromMap(new IdentityHashMap<>());
        s.addAll(list);
        return s;
    }
}

package io.jmempool;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jmempool.mempool.Lcore;
import io.jmempool.mempool.Mempool;
import io.jmempool.ring.Ring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Keeps the README's example honest: the lines between the markers below are the README's example, compiled and run
 * here, and the test fails if the README's copy differs.
 */
class ReadmeExampleTest {
    static void example() {
        // README-BEGIN
        try (Mempool pool = Mempool.create("packets", 8191, 64, 256, 0, null, null, 0);
             Ring ring = Ring.create("tx", 1024, Ring.SP_ENQ | Ring.SC_DEQ)) {
            Lcore.register();                                  // this thread gets a default cache
            long h = pool.get();                               // a handle; NULL_HANDLE when empty
            pool.segmentOf(h).set(JAVA_LONG, pool.offset(h), 42);  // write the element in place
            ring.enqueue(h);                                   // hand it over, lock-free, off-heap
            long[] out = new long[1];
            ring.dequeue(out, 0);
            System.out.println(pool.segmentOf(out[0]).get(JAVA_LONG, pool.offset(out[0])));  // 42
            pool.put(out[0]);                                  // back into this thread's cache
        }
        // README-END
        Lcore.unregister();
    }

    @Test
    void theExampleRunsAndPrints42() {
        PrintStream saved = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            example();
        } finally {
            System.setOut(saved);
        }
        assertEquals("42", captured.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void theReadmeShowsTheSameLines() throws IOException {
        List<String> source = Files.readAllLines(Path.of("test/java/io/jmempool/ReadmeExampleTest.java"));
        int begin = source.indexOf("        // README-BEGIN");
        int end = source.indexOf("        // README-END");
        assertTrue(begin > 0 && end > begin);
        String readme = Files.readString(Path.of("..", "README.md"));
        StringBuilder block = new StringBuilder();
        for (String line : source.subList(begin + 1, end)) {
            block.append(line.length() >= 8 ? line.substring(8) : line.strip()).append('\n');
        }
        assertTrue(readme.contains(block), "README.md must contain the example exactly as compiled:\n" + block);
    }
}

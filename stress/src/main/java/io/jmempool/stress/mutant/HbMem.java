package io.jmempool.stress.mutant;

import static io.jmempool.stress.mutant.HappensBefore.LOCK;
import static io.jmempool.stress.mutant.HappensBefore.read;
import static io.jmempool.stress.mutant.HappensBefore.write;

import io.jmempool.internal.Mem;
import io.jmempool.stress.mutant.HappensBefore.Mode;

import java.lang.foreign.MemorySegment;

/**
 * {@link Mem} with every access reported to the {@link HappensBefore} detector. The mutant agent's {@code hb} option
 * redirects the ring's {@code Mem} calls here: same names, same descriptors, same effects.
 */
public final class HbMem {
    private HbMem() {
    }

    public static int getIntPlain(MemorySegment s, long offset) {
        synchronized (LOCK) {
            read(s, offset, 4, Mode.PLAIN);
            return Mem.getIntPlain(s, offset);
        }
    }

    public static int getIntOpaque(MemorySegment s, long offset) {
        synchronized (LOCK) {
            read(s, offset, 4, Mode.OPAQUE);
            return Mem.getIntOpaque(s, offset);
        }
    }

    public static int getIntAcquire(MemorySegment s, long offset) {
        synchronized (LOCK) {
            read(s, offset, 4, Mode.ACQUIRE);
            return Mem.getIntAcquire(s, offset);
        }
    }

    public static void setIntPlain(MemorySegment s, long offset, int value) {
        synchronized (LOCK) {
            write(s, offset, 4, Mode.PLAIN);
            Mem.setIntPlain(s, offset, value);
        }
    }

    public static void setIntOpaque(MemorySegment s, long offset, int value) {
        synchronized (LOCK) {
            write(s, offset, 4, Mode.OPAQUE);
            Mem.setIntOpaque(s, offset, value);
        }
    }

    public static void setIntRelease(MemorySegment s, long offset, int value) {
        synchronized (LOCK) {
            write(s, offset, 4, Mode.RELEASE);
            Mem.setIntRelease(s, offset, value);
        }
    }

    public static int casInt(MemorySegment s, long offset, int expected, int update) {
        synchronized (LOCK) {
            read(s, offset, 4, Mode.VOLATILE);
            int witness = Mem.casInt(s, offset, expected, update);
            if (witness == expected) {
                write(s, offset, 4, Mode.VOLATILE);
            }
            return witness;
        }
    }

    public static long getLongPlain(MemorySegment s, long offset) {
        synchronized (LOCK) {
            read(s, offset, 8, Mode.PLAIN);
            return Mem.getLongPlain(s, offset);
        }
    }

    public static void setLongPlain(MemorySegment s, long offset, long value) {
        synchronized (LOCK) {
            write(s, offset, 8, Mode.PLAIN);
            Mem.setLongPlain(s, offset, value);
        }
    }

    public static long getLongOpaque(MemorySegment s, long offset) {
        synchronized (LOCK) {
            read(s, offset, 8, Mode.OPAQUE);
            return Mem.getLongOpaque(s, offset);
        }
    }

    public static long getLongAcquire(MemorySegment s, long offset) {
        synchronized (LOCK) {
            read(s, offset, 8, Mode.ACQUIRE);
            return Mem.getLongAcquire(s, offset);
        }
    }

    public static void setLongOpaque(MemorySegment s, long offset, long value) {
        synchronized (LOCK) {
            write(s, offset, 8, Mode.OPAQUE);
            Mem.setLongOpaque(s, offset, value);
        }
    }

    public static void setLongRelease(MemorySegment s, long offset, long value) {
        synchronized (LOCK) {
            write(s, offset, 8, Mode.RELEASE);
            Mem.setLongRelease(s, offset, value);
        }
    }

    public static long casLong(MemorySegment s, long offset, long expected, long update) {
        synchronized (LOCK) {
            read(s, offset, 8, Mode.VOLATILE);
            long witness = Mem.casLong(s, offset, expected, update);
            if (witness == expected) {
                write(s, offset, 8, Mode.VOLATILE);
            }
            return witness;
        }
    }

    public static void copyIn(long[] src, int srcIndex, MemorySegment dst, long dstOffset, int count) {
        synchronized (LOCK) {
            write(dst, dstOffset, 8L * count, Mode.PLAIN);
            Mem.copyIn(src, srcIndex, dst, dstOffset, count);
        }
    }

    public static void copyOut(MemorySegment src, long srcOffset, long[] dst, int dstIndex, int count) {
        synchronized (LOCK) {
            read(src, srcOffset, 8L * count, Mode.PLAIN);
            Mem.copyOut(src, srcOffset, dst, dstIndex, count);
        }
    }

    public static void copy(MemorySegment src, long srcOffset, MemorySegment dst, long dstOffset, long bytes) {
        synchronized (LOCK) {
            read(src, srcOffset, bytes, Mode.PLAIN);
            write(dst, dstOffset, bytes, Mode.PLAIN);
            Mem.copy(src, srcOffset, dst, dstOffset, bytes);
        }
    }
}

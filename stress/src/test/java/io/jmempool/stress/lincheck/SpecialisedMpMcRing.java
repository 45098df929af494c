package io.jmempool.stress.lincheck;

/**
 * The MP/MC operations on a specialised ring (a hidden class defined from OffHeapRing's bytes). Not a test of the
 * ring: {@link RingProgressTest} uses it to show that Lincheck's instrumentation does not reach hidden classes, which
 * is why every other check uses the shared class.
 */
public final class SpecialisedMpMcRing extends MpMcOperations {
    public SpecialisedMpMcRing() {
        super(true, COUNT);
    }
}

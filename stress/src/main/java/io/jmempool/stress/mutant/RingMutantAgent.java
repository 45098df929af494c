package io.jmempool.stress.mutant;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Java agent that rewrites {@code io.jmempool.ring.OffHeapRing} as it loads, to seed one {@link RingMutant} and,
 * optionally, to route every {@code Mem} call of the ring through the happens-before race detector ({@link HbMem});
 * or, with the argument {@code mempool:NAME}, rewrites {@code io.jmempool.mempool.Mempool} to seed one
 * {@link MempoolMutant} ({@link MempoolRewriter}).
 *
 * <p>Usage: {@code -javaagent:jmempool-stress-…-mutant-agent.jar=MUTANT[,hb]} with
 * {@code -Djmempool.ring.specialize=false}: specialised rings are hidden classes defined from the original class
 * file's bytes, which no agent sees, so only the shared class carries the mutant. After the class has loaded, the
 * system property {@value #SITES_PROPERTY} holds the number of rewritten sites. A mutant that finds no site (a method
 * renamed in the library) leaves the class as it was, prints why and leaves the property unset, so that the harness
 * refuses to run rather than report the original ring as a surviving mutant.
 */
public final class RingMutantAgent {
    /** System property set once OffHeapRing has been rewritten: how many instructions changed. */
    public static final String SITES_PROPERTY = "jmempool.mutant.sites";

    private static final String TARGET = "io/jmempool/ring/OffHeapRing";
    private static final String MEM = "io/jmempool/internal/Mem";
    private static final String LAYOUT = "io/jmempool/ring/RingLayout";
    private static final ClassDesc MEM_DESC = ClassDesc.ofInternalName(MEM);
    private static final ClassDesc HB_MEM_DESC = ClassDesc.of(HbMem.class.getName());
    private static final ClassDesc MUTANT_MEM_DESC = ClassDesc.of(MutantMem.class.getName());

    private RingMutantAgent() {
    }

    /**
     * Entry point of {@code -javaagent}.
     *
     * @param args {@code MUTANT}, {@code MUTANT,hb} or {@code mempool:MUTANT}
     * @param inst the instrumentation
     */
    public static void premain(String args, Instrumentation inst) {
        if (args != null && args.startsWith("mempool:")) {
            inst.addTransformer(new MempoolRewriter(MempoolMutant.valueOf(args.substring("mempool:".length()))),
                    false);
            return;
        }
        String[] parts = (args == null || args.isEmpty() ? "NONE" : args).split(",");
        RingMutant mutant = RingMutant.valueOf(parts[0]);
        boolean hb = parts.length > 1 && parts[1].equals("hb");
        // Not retransformation-capable: when Lincheck retransforms the class, the JVM keeps this rewrite and
        // applies Lincheck's instrumentation on top of it.
        inst.addTransformer(new Rewriter(mutant, hb), false);
    }

    private static final class Rewriter implements ClassFileTransformer {
        private final RingMutant mutant;
        private final boolean hb;

        Rewriter(RingMutant mutant, boolean hb) {
            this.mutant = mutant;
            this.hb = hb;
        }

        @Override
        public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) {
            if (!TARGET.equals(className) || redefined != null) {
                return null;
            }
            try {
                AtomicInteger sites = new AtomicInteger();
                byte[] out = rewrite(bytes, sites);
                if (mutant != RingMutant.NONE && sites.get() == 0) {
                    throw new IllegalStateException("mutant " + mutant + " found no site in " + mutant.methods());
                }
                System.setProperty(SITES_PROPERTY, Integer.toString(sites.get()));
                return out;
            } catch (RuntimeException | Error e) {
                // A transformer's exception is swallowed by the JVM: say it, and leave the property unset.
                System.err.println("RingMutantAgent: " + e);
                e.printStackTrace();
                return null;
            }
        }

        private byte[] rewrite(byte[] bytes, AtomicInteger sites) {
            ClassFile cf = ClassFile.of();
            ClassModel model = cf.parse(bytes);
            return cf.transformClass(model, (cb, element) -> {
                if (element instanceof MethodModel method) {
                    CodeTransform t = codeTransform(method, sites);
                    if (t != null) {
                        cb.transformMethod(method, MethodTransform.transformingCode(t));
                        return;
                    }
                }
                cb.with(element);
            });
        }

        private CodeTransform codeTransform(MethodModel method, AtomicInteger sites) {
            CodeTransform t = mutant.methods().contains(method.methodName().stringValue())
                    ? mutation(method, sites) : null;
            if (hb) {
                // Every Mem call, including those a mutation just produced, goes through the detector.
                CodeTransform detect = (b, e) -> {
                    if (e instanceof InvokeInstruction i && i.opcode() == Opcode.INVOKESTATIC
                            && i.owner().asInternalName().equals(MEM)) {
                        b.invokestatic(HB_MEM_DESC, i.name().stringValue(), i.typeSymbol());
                    } else {
                        b.with(e);
                    }
                };
                t = t == null ? detect : t.andThen(detect);
            }
            return t;
        }

        private CodeTransform mutation(MethodModel method, AtomicInteger sites) {
            return switch (mutant) {
                case NONE -> null;
                case R0_PLAIN, R1_PLAIN -> redirectMem("setIntRelease", MEM_DESC, "setIntPlain", sites);
                case C0_GET_THEN_SET, C1_GET_THEN_SET ->
                        redirectMem("casInt", MUTANT_MEM_DESC, "casIntGetThenSet", sites);
                case NO_TAIL_WAIT, SP_BY_TWO_PRODUCERS, SC_BY_TWO_CONSUMERS -> forceSingle(method, sites);
                case CONSUMER_READS_PROD_HEAD -> swapCounter("PROD_TAIL", "PROD_HEAD", sites);
                case PRODUCER_READS_CONS_HEAD -> swapCounter("CONS_TAIL", "CONS_HEAD", sites);
            };
        }

        /** Replaces {@code invokestatic Mem.from} by {@code invokestatic owner.to}, same descriptor. */
        private static CodeTransform redirectMem(String from, ClassDesc owner, String to, AtomicInteger sites) {
            return (b, e) -> {
                if (e instanceof InvokeInstruction i && i.opcode() == Opcode.INVOKESTATIC
                        && i.owner().asInternalName().equals(MEM) && i.name().equalsString(from)) {
                    b.invokestatic(owner, to, i.typeSymbol());
                    sites.incrementAndGet();
                } else {
                    b.with(e);
                }
            };
        }

        /** Replaces {@code getstatic RingLayout.from} (a counter's offset) by {@code RingLayout.to}. */
        private static CodeTransform swapCounter(String from, String to, AtomicInteger sites) {
            return (b, e) -> {
                if (e instanceof FieldInstruction f && f.opcode() == Opcode.GETSTATIC
                        && f.owner().asInternalName().equals(LAYOUT) && f.name().equalsString(from)) {
                    b.getstatic(f.owner().asSymbol(), to, f.typeSymbol());
                    sites.incrementAndGet();
                } else {
                    b.with(e);
                }
            };
        }

        /** Overwrites the method's first parameter, {@code boolean single}, with true on entry. */
        private static CodeTransform forceSingle(MethodModel method, AtomicInteger sites) {
            if (!method.methodTypeSymbol().parameterList().getFirst().equals(ConstantDescs.CD_boolean)) {
                throw new IllegalStateException(method.methodName() + method.methodTypeSymbol().descriptorString()
                        + ": the first parameter is no longer `boolean single`");
            }
            return new CodeTransform() {
                @Override
                public void atStart(CodeBuilder b) {
                    b.iconst_1().istore(1); // slot 0 is `this`
                    sites.incrementAndGet();
                }

                @Override
                public void accept(CodeBuilder b, CodeElement e) {
                    b.with(e);
                }
            };
        }
    }
}

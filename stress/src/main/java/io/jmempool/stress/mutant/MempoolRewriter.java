package io.jmempool.stress.mutant;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.constant.ClassDesc;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rewrites {@code io.jmempool.mempool.Mempool} as it loads, to seed one {@link MempoolMutant}; installed by
 * {@link RingMutantAgent} for the argument {@code mempool:NAME}. Same protocol as the ring's rewrite: the number of
 * rewritten sites goes to {@value RingMutantAgent#SITES_PROPERTY}, and a mutant that finds no site leaves the class
 * unchanged and the property unset.
 */
final class MempoolRewriter implements ClassFileTransformer {
    private static final String TARGET = "io/jmempool/mempool/Mempool";
    private static final String CACHE = "io/jmempool/mempool/MempoolCache";
    private static final String MEM = "io/jmempool/internal/Mem";
    private static final ClassDesc MUTANT_MEM_DESC = ClassDesc.of(MutantMem.class.getName());

    private final MempoolMutant mutant;

    MempoolRewriter(MempoolMutant mutant) {
        this.mutant = mutant;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (!TARGET.equals(className) || redefined != null) {
            return null;
        }
        try {
            AtomicInteger sites = new AtomicInteger();
            ClassFile cf = ClassFile.of();
            ClassModel model = cf.parse(bytes);
            byte[] out = cf.transformClass(model, (cb, element) -> {
                if (element instanceof MethodModel method
                        && mutant.methods().contains(method.methodName().stringValue())) {
                    cb.transformMethod(method, MethodTransform.transformingCode(mutation(sites)));
                } else {
                    cb.with(element);
                }
            });
            if (mutant != MempoolMutant.NONE && sites.get() == 0) {
                throw new IllegalStateException("mutant " + mutant + " found no site in " + mutant.methods());
            }
            System.setProperty(RingMutantAgent.SITES_PROPERTY, Integer.toString(sites.get()));
            return out;
        } catch (RuntimeException | Error e) {
            System.err.println("RingMutantAgent (mempool): " + e);
            e.printStackTrace();
            return null;
        }
    }

    private CodeTransform mutation(AtomicInteger sites) {
        return switch (mutant) {
            case NONE -> CodeTransform.ACCEPT_ALL;
            case FLUSH_DROPS -> (b, e) -> {
                // backendEnqueue(c.objs, 0, half): subtract 1 from the count on the stack.
                if (isBackendEnqueue(e)) {
                    b.iconst_1().isub();
                    sites.incrementAndGet();
                }
                b.with(e);
            };
            case FLUSH_DUPLICATES -> new CodeTransform() {
                private int lastIntLocal = -1;

                @Override
                public void accept(CodeBuilder b, CodeElement e) {
                    b.with(e);
                    if (e instanceof LoadInstruction l && l.typeKind() == TypeKind.INT) {
                        lastIntLocal = l.slot(); // the enqueue's last argument is the local `half`
                    } else if (isBackendEnqueue(e) && lastIntLocal >= 0) {
                        b.iinc(lastIntLocal, -1); // the slide and the new length now use half - 1
                        sites.incrementAndGet();
                    }
                }
            };
            case NO_ROLLBACK -> new CodeTransform() {
                // GetRollback's `c.len = len` is the only store of len whose value is a bare local load.
                private LoadInstruction pending;

                @Override
                public void accept(CodeBuilder b, CodeElement e) {
                    if (pending != null) {
                        LoadInstruction load = pending;
                        pending = null;
                        if (e instanceof FieldInstruction f && f.opcode() == Opcode.PUTFIELD
                                && f.owner().asInternalName().equals(CACHE) && f.name().equalsString("len")) {
                            b.iconst_0();
                            sites.incrementAndGet();
                        } else {
                            b.with(load);
                        }
                    }
                    if (e instanceof LoadInstruction l && l.typeKind() == TypeKind.INT) {
                        pending = l;
                    } else {
                        b.with(e);
                    }
                }

                @Override
                public void atEnd(CodeBuilder b) {
                    if (pending != null) {
                        b.with(pending);
                    }
                }
            };
            case COOKIE_BYTEWISE -> (b, e) -> {
                if (e instanceof InvokeInstruction i && i.opcode() == Opcode.INVOKESTATIC
                        && i.owner().asInternalName().equals(MEM) && i.name().equalsString("setLongPlain")) {
                    b.invokestatic(MUTANT_MEM_DESC, "setLongBytewise", i.typeSymbol());
                    sites.incrementAndGet();
                } else {
                    b.with(e);
                }
            };
        };
    }

    private static boolean isBackendEnqueue(CodeElement e) {
        return e instanceof InvokeInstruction i && i.owner().asInternalName().equals(TARGET)
                && i.name().equalsString("backendEnqueue");
    }
}

package io.jmempool.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a published number needs next to it: the CPU, the core count, the JDK, the JVM flags, the date, and how busy
 * the machine was. The load is measured, not guessed: the share of the machine's CPU time that went to processes
 * other than this one and its children (the JMH forks, the DPDK harness) between {@link #start()} and
 * {@link #stop()}, from {@code /proc/stat} and {@code /proc/self/stat}. On this kind of shared 2-vCPU host one busy
 * neighbour moved results by 30%, so the figure says how far to trust a run.
 */
final class Machine {
    final String date = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS)
            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    final String lscpu = run("lscpu");
    final String cpuModel = field(lscpu, "Model name", System.getProperty("os.arch"));
    final int cpus = Runtime.getRuntime().availableProcessors();
    final String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
    final String jdk = System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
            + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.home") + ")";
    final List<String> hostJvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();

    private String loadStart = "";
    private String loadEnd = "";
    private long[] cpuStart;
    private long ownStart;
    private double otherShare = Double.NaN;
    private double stealShare = Double.NaN;

    void start() {
        loadStart = loadAverage();
        cpuStart = procStat();
        ownStart = ownTicks();
    }

    void stop() {
        loadEnd = loadAverage();
        long[] end = procStat();
        long own = ownTicks();
        if (cpuStart != null && end != null && ownStart >= 0 && own >= 0) {
            long total = end[0] - cpuStart[0];
            long busy = end[1] - cpuStart[1];
            long steal = end[2] - cpuStart[2];
            if (total > 0) {
                otherShare = Math.max(0, busy - (own - ownStart)) / (double) total;
                stealShare = steal / (double) total;
            }
        }
    }

    /** One line for the console and the table's header. */
    String summary() {
        return cpuModel + ", " + cpus + " CPUs; " + jdk + "; " + date;
    }

    /** The load line: load averages at start and end, and the CPU share other processes took. */
    String load() {
        String share = Double.isNaN(otherShare) ? "unknown"
                : String.format("%.0f%% of the CPUs (steal %.0f%%)", 100 * otherShare, 100 * stealShare);
        return "load average " + loadStart + " at start, " + loadEnd + " at end; other processes used " + share;
    }

    /** Whether other processes took enough CPU to make single-run figures doubtful. */
    boolean busy() {
        return otherShare > 0.10;
    }

    List<String> lines() {
        List<String> l = new ArrayList<>();
        l.add("date: " + date);
        l.add("cpu: " + cpuModel + " (" + cpus + " CPUs available to the JVM; lscpu: " + field(lscpu, "CPU(s)", "?")
                + " CPUs, " + field(lscpu, "Thread(s) per core", "?") + " threads per core"
                + (lscpu.contains("Hypervisor vendor") ? ", hypervisor " + field(lscpu, "Hypervisor vendor", "?") : "")
                + ")");
        l.add("os: " + os);
        l.add("jdk: " + jdk);
        l.add("report JVM flags: " + String.join(" ", hostJvmArgs));
        l.add(load());
        return l;
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /** Total, busy and steal ticks of all CPUs, from the first line of /proc/stat; null if unreadable. */
    private static long[] procStat() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal (guest time is already in user)
            long user = Long.parseLong(f[1]);
            long nice = Long.parseLong(f[2]);
            long system = Long.parseLong(f[3]);
            long idle = Long.parseLong(f[4]);
            long iowait = Long.parseLong(f[5]);
            long irq = Long.parseLong(f[6]);
            long softirq = Long.parseLong(f[7]);
            long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
            long busy = user + nice + system + irq + softirq;
            return new long[] {busy + idle + iowait + steal, busy, steal};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** This process's CPU ticks plus those of its children that have been waited for; -1 if unreadable. */
    private static long ownTicks() {
        try {
            String s = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name in parentheses; utime, stime, cutime, cstime are fields 14 to 17.
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String field(String lscpu, String name, String otherwise) {
        for (String line : lscpu.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return otherwise;
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}

package dev.gannet.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Small helpers for the peers: free ports, waiting for a listener, reading a process tree's or a JVM's memory. */
final class Processes {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private Processes() {
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void awaitPort(int port, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("nothing listens on 127.0.0.1:" + port);
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }

    /** VmRSS of {@code pid} and all its descendants, from /proc. */
    static long treeRssKb(long pid) {
        return treeSumKb(pid, "status", "VmRSS:");
    }

    /** Pss of {@code pid} and all its descendants, from /proc/PID/smaps_rollup. */
    static long treePssKb(long pid) {
        return treeSumKb(pid, "smaps_rollup", "Pss:");
    }

    /**
     * Java heap used by JVM {@code pid} after a full GC, in KiB, from {@code jcmd GC.run} and
     * {@code GC.heap_info} (the first "used NK" figure is the whole heap's).
     */
    static double jvmHeapUsedKb(long pid) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        String pidText = Long.toString(pid);
        try {
            run(jcmd.toString(), pidText, "GC.run");
            Matcher m = HEAP_USED.matcher(run(jcmd.toString(), pidText, "GC.heap_info"));
            return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        }
    }

    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        return out;
    }

    private static long treeSumKb(long pid, String file, String field) {
        long total = 0;
        for (long p : tree(pid)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p), file))) {
                    if (line.startsWith(field)) {
                        total += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // the process ended meanwhile
            }
        }
        return total;
    }

    private static List<Long> tree(long root) {
        List<Long> out = new ArrayList<>();
        out.add(root);
        ProcessHandle.of(root).ifPresent(h -> h.descendants().forEach(d -> out.add(d.pid())));
        return out;
    }
}

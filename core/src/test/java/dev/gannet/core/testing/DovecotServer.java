package dev.gannet.core.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Dovecot from Debian's packages ({@code dovecot-imapd}), the reference server of differential tests: its own
 * master process configured in a temporary directory, loopback only, a free port, passwd-file users with
 * plaintext passwords, Maildir, no TLS. Without {@code /usr/sbin/dovecot} the test is skipped, or fails when
 * {@code CI} is set ({@code .ci/run} installs the package).
 */
public final class DovecotServer implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/dovecot");

    private final Path dir;
    private final int imapPort;
    private long masterPid;

    private DovecotServer(Path dir, int imapPort) {
        this.dir = dir;
        this.imapPort = imapPort;
    }

    /** Starts a private Dovecot; aborts (or, under CI, fails) the test if it is not installed. */
    public static DovecotServer start() throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            String reason = "Dovecot differential tests need /usr/sbin/dovecot (apt-get install dovecot-imapd)";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(reason);
            }
            Assumptions.abort(reason);
        }
        Path dir = Files.createTempDirectory("gannet-dovecot-");
        DovecotServer server = new DovecotServer(dir, freePort());
        server.launch();
        return server;
    }

    public int imapPort() {
        return imapPort;
    }

    /** Adds a user (Dovecot reads the passwd file at each login). */
    public void addUser(String user, String password) throws IOException {
        Files.writeString(dir.resolve("passwd"), user + ":{PLAIN}" + password + "\n", StandardOpenOption.APPEND);
    }

    private void launch() throws IOException, InterruptedException {
        for (String d : List.of("run", "state", "mail")) {
            Files.createDirectories(dir.resolve(d));
        }
        // Mail is written as the unprivileged user "nobody", which must reach and write its directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("mail"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dir.resolve("passwd"), "");
        Files.writeString(dir.resolve("dovecot.conf"), config());
        Process p = new ProcessBuilder(BINARY.toString(), "-c", dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("dovecot did not start: " + Files.readString(dir.resolve("start.log")));
        }
        masterPid = readPid(dir.resolve("run/master.pid"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!answers(imapPort)) {
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException("dovecot did not listen on " + imapPort);
            }
            Thread.sleep(50);
        }
    }

    /** The daemon writes its pid file just after the starting process exits, and not atomically. */
    private static long readPid(Path pidFile) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            if (Files.exists(pidFile)) {
                String text = Files.readString(pidFile).trim();
                if (text.matches("\\d+")) {
                    return Long.parseLong(text);
                }
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("dovecot wrote no pid to " + pidFile);
    }

    private String config() {
        return """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols = imap
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                default_internal_user = dovecot
                default_internal_group = dovecot
                default_login_user = dovenull
                mail_location = maildir:%1$s/mail/%%u/Maildir
                first_valid_uid = 1
                mail_max_userip_connections = 50
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/passwd
                }
                userdb {
                  driver = static
                  args = uid=nobody gid=nogroup home=%1$s/mail/%%u allow_all_users=yes
                }
                service imap-login {
                  inet_listener imap {
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                """.formatted(dir.toAbsolutePath(), imapPort);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean answers(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (masterPid > 0) {
            ProcessHandle.of(masterPid).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> {
                    h.destroyForcibly();
                    return h;
                }).join();
            });
            masterPid = 0;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}

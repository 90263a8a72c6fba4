package dev.gannet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Dovecot from Debian's packages ({@code apt-get install -y dovecot-imapd dovecot-pop3d dovecot-lmtpd}),
 * configured in a temporary directory: loopback only, non-default ports, passwd-file users, Maildir,
 * plaintext authentication, no TLS, default fsync behaviour (so deliveries are durable, as Gannet's are).
 * Started as its own master process and stopped by its pid.
 */
final class DovecotPeer implements Peer {

    private final Path dir;
    private final int imap;
    private final int pop3;
    private final int lmtp;
    private final int processLimit;
    private long masterPid;

    DovecotPeer(Path dir, int processLimit) throws IOException {
        this.dir = dir;
        this.imap = Processes.freePort();
        this.pop3 = Processes.freePort();
        this.lmtp = Processes.freePort();
        this.processLimit = processLimit;
    }

    static boolean installed() {
        return Files.isExecutable(Path.of("/usr/sbin/dovecot"));
    }

    @Override
    public String name() {
        return "Dovecot";
    }

    @Override
    public void start() throws Exception {
        for (String d : List.of("run", "state", "mail")) {
            Files.createDirectories(dir.resolve(d));
        }
        // Mail is written as the unprivileged user "nobody", which must reach and write its directory.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve("mail"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.writeString(dir.resolve("passwd"), "");
        Files.writeString(dir.resolve("dovecot.conf"), config());
        Process p = new ProcessBuilder("/usr/sbin/dovecot", "-c", dir.resolve("dovecot.conf").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("start.log").toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("dovecot did not start: " + Files.readString(dir.resolve("start.log")));
        }
        masterPid = readPid(dir.resolve("run/master.pid"));
        Processes.awaitPort(imap, 10_000);
        Processes.awaitPort(pop3, 10_000);
        Processes.awaitPort(lmtp, 10_000);
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
        String d = dir.toAbsolutePath().toString();
        return """
                base_dir = %1$s/run
                state_dir = %1$s/state
                log_path = %1$s/dovecot.log
                protocols = imap pop3 lmtp
                listen = 127.0.0.1
                ssl = no
                disable_plaintext_auth = no
                auth_mechanisms = plain login
                default_internal_user = dovecot
                default_internal_group = dovecot
                default_login_user = dovenull
                mail_location = maildir:%1$s/mail/%%u/Maildir
                first_valid_uid = 1
                default_process_limit = %5$d
                default_client_limit = %6$d
                default_vsz_limit = 1G
                protocol imap {
                  mail_max_userip_connections = %5$d
                }
                passdb {
                  driver = passwd-file
                  args = scheme=PLAIN username_format=%%u %1$s/passwd
                }
                userdb {
                  driver = static
                  args = uid=nobody gid=nogroup home=%1$s/mail/%%u allow_all_users=yes
                }
                service imap {
                  process_limit = %5$d
                }
                service imap-login {
                  service_count = 0
                  process_min_avail = 2
                  process_limit = %5$d
                  inet_listener imap {
                    port = %2$d
                  }
                  inet_listener imaps {
                    port = 0
                  }
                }
                service pop3-login {
                  inet_listener pop3 {
                    port = %3$d
                  }
                  inet_listener pop3s {
                    port = 0
                  }
                }
                service lmtp {
                  inet_listener lmtp {
                    address = 127.0.0.1
                    port = %4$d
                  }
                }
                """.formatted(d, imap, pop3, lmtp, processLimit, processLimit * 2);
    }

    @Override
    public void addUser(String user, String password) throws IOException {
        Files.writeString(dir.resolve("passwd"), user + ":{PLAIN}" + password + "\n", StandardOpenOption.APPEND);
    }

    @Override
    public void addUserWithHash(String user, String sha512Crypt) throws IOException {
        Files.writeString(dir.resolve("passwd"), user + ":{SHA512-CRYPT}" + sha512Crypt + "\n", StandardOpenOption.APPEND);
    }

    @Override
    public String address(String user) {
        return user;
    }

    @Override
    public int lmtpPort() {
        return lmtp;
    }

    @Override
    public int pop3Port() {
        return pop3;
    }

    @Override
    public int imapPort() {
        return imap;
    }

    @Override
    public long residentKb() {
        return Processes.treeRssKb(masterPid);
    }

    @Override
    public long proportionalKb() {
        return Processes.treePssKb(masterPid);
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
        }
        Processes.deleteRecursively(dir);
    }
}

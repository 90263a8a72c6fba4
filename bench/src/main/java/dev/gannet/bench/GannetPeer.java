package dev.gannet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gannet started from its jar, as shipped: the durable embedded H2 store in a temporary directory, every
 * listener on loopback and a free port (read back from its {@code listening on} lines), users created
 * through the REST API.
 */
final class GannetPeer implements Peer {

    private static final Pattern LISTENING = Pattern.compile("(\\w+) listening on \\S+:(\\d+)");
    private static final Pattern STARTED = Pattern.compile("Gannet \\S+ started in");
    private static final String DOMAIN = "bench.test";

    private final Path jar;
    private final Path dir;
    private final List<String> jvmOptions;
    private final List<String> settings;
    private final String token = UUID.randomUUID().toString();
    private final Map<String, Integer> ports = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private Process process;

    /** {@code settings} are extra {@code key=value} settings, each passed with {@code --set}. */
    GannetPeer(Path jar, Path dir, List<String> jvmOptions, List<String> settings) {
        this.jar = jar;
        this.dir = dir;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.settings = List.copyOf(settings);
    }

    @Override
    public String name() {
        return "Gannet";
    }

    @Override
    public void start() throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(),
                "--set", "roles=imap,pop3,lmtp,api",
                "--set", "store.dataDir=" + dir.resolve("data").toAbsolutePath(),
                "--set", "imap.host=127.0.0.1", "--set", "imap.port=0", "--set", "imap.tlsPort=-1",
                "--set", "pop3.host=127.0.0.1", "--set", "pop3.port=0", "--set", "pop3.tlsPort=-1",
                "--set", "lmtp.host=127.0.0.1", "--set", "lmtp.port=0",
                "--set", "api.host=127.0.0.1", "--set", "api.port=0", "--set", "api.accessToken=" + token,
                "--set", "log.level=info"));
        for (String setting : settings) {
            command.addAll(List.of("--set", setting));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                boolean trace = false;
                while ((line = r.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        ports.put(m.group(1), Integer.parseInt(m.group(2)));
                    } else if (STARTED.matcher(line).find()) {
                        ready.countDown();
                    } else if (line.contains("ERROR") || line.contains(" WARN ") || line.startsWith("gannet:")) {
                        System.err.println("gannet: " + line);
                        trace = true;
                    } else if (trace && (line.startsWith("\t") || line.startsWith("Caused by") || line.contains("Exception"))) {
                        System.err.println("gannet: " + line); // the stack trace of the line above
                    } else {
                        trace = false;
                    }
                }
            } catch (IOException e) {
                // process ended
            }
        }, "gannet-output");
        reader.setDaemon(true);
        reader.start();
        if (!ready.await(120, TimeUnit.SECONDS) || !ports.keySet().containsAll(List.of("imap", "pop3", "lmtp", "api"))) {
            throw new IllegalStateException("Gannet did not start with imap, pop3, lmtp and api listeners; saw " + ports.keySet());
        }
    }

    @Override
    public void addUser(String user, String password) throws Exception {
        create(user, password, false);
    }

    @Override
    public void addUserWithHash(String user, String sha512Crypt) throws Exception {
        create(user, "{SHA512-CRYPT}" + sha512Crypt, true);
    }

    private void create(String user, String password, boolean hashed) throws Exception {
        String body = "{\"username\":\"" + user + "\",\"password\":\"" + password + "\",\"hashedPassword\":" + hashed
                + ",\"address\":\"" + address(user) + "\",\"name\":\"Bench " + user + "\",\"quota\":0}";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.get("api") + "/users"))
                .header("X-Access-Token", token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST /users answered " + r.statusCode() + ": " + r.body());
        }
    }

    @Override
    public String address(String user) {
        return user + "@" + DOMAIN;
    }

    @Override
    public int lmtpPort() {
        return ports.get("lmtp");
    }

    @Override
    public int pop3Port() {
        return ports.get("pop3");
    }

    @Override
    public int imapPort() {
        Integer port = ports.get("imap");
        if (port == null) {
            throw new IllegalStateException("this Gannet build has no IMAP listener");
        }
        return port;
    }

    @Override
    public long residentKb() {
        return Processes.treeRssKb(process.pid());
    }

    @Override
    public long proportionalKb() {
        return Processes.treePssKb(process.pid());
    }

    @Override
    public double heapUsedKbAfterGc() {
        return Processes.jvmHeapUsedKb(process.pid());
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.toHandle().destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        Processes.deleteRecursively(dir);
    }
}

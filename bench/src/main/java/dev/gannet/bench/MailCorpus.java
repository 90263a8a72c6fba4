package dev.gannet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real messages nobody here wrote, for the diff workload: the test data that Debian packages of mail
 * software ship, fetched with {@code apt-get download} and unpacked with {@code dpkg -x} (nothing is
 * installed), after Python's email test corpus and the few messages of {@code diff/} that SearchDiffTest
 * loads. An mbox file (one starting with a {@code From } line) is split into its messages (RFC 4155); bare
 * LF becomes CRLF so that both servers count the same RFC822.SIZE.
 */
final class MailCorpus {

    /** One message: where it came from ({@code package:file}, with {@code #n} for the n-th of an mbox) and its bytes. */
    record Message(String name, byte[] bytes) {
    }

    /** A Debian package and the files of its test data, as globs relative to the unpacked tree. */
    private record Source(String pkg, List<String> globs) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("python3-flufl.bounce", List.of("usr/lib/python3/dist-packages/flufl/bounce/tests/data/*.txt")),
            new Source("golang-github-jhillyerd-enmime-dev", List.of(
                    "usr/share/gocode/src/github.com/jhillyerd/enmime/testdata/mail/*.raw",
                    "usr/share/gocode/src/github.com/jhillyerd/enmime/testdata/low-quality/*.raw")),
            new Source("python3-django-hyperkitty", List.of("usr/lib/python3/dist-packages/hyperkitty/tests/testdata/*.txt")),
            new Source("mailman3", List.of("usr/lib/python3/dist-packages/mailman/*/tests/data/*.eml")),
            new Source("spamassassin", List.of("usr/share/doc/spamassassin/examples/sample-*.txt")));

    /** The messages of {@code imap-server/src/test/resources/diff} that SearchDiffTest appends after Python's. */
    private static final String[] EXTRA = {"html-only.eml", "latin1-body.eml", "korean-utf8.eml", "obsolete-date.eml",
        "alt-attach.eml", "late-zone.eml"};

    private MailCorpus() {
    }

    /** The Debian packages whose test data is used, for the report. */
    static List<String> packages() {
        return SOURCES.stream().map(Source::pkg).toList();
    }

    /**
     * Python's corpus, the {@code diff/} extras, then every package's files in name order. {@code unpacked} is
     * a directory where the packages are (or are to be) unpacked: a package whose files are not there yet is
     * downloaded into it and unpacked.
     */
    static List<Message> load(Path unpacked) throws IOException, InterruptedException {
        List<Message> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(pythonEmailData())) {
            for (Path p : files.filter(p -> p.getFileName().toString().matches("msg_.*\\.txt")).sorted().toList()) {
                out.add(new Message("libpython3-testsuite:" + p.getFileName(), crlf(Files.readAllBytes(p))));
            }
        }
        for (String extra : EXTRA) {
            try (InputStream in = MailCorpus.class.getResourceAsStream("/diff/" + extra)) {
                if (in == null) {
                    throw new IOException("diff/" + extra + " is missing from the bench jar");
                }
                out.add(new Message("gannet:diff/" + extra, crlf(in.readAllBytes())));
            }
        }
        Files.createDirectories(unpacked);
        for (Source source : SOURCES) {
            List<Path> files = files(unpacked, source);
            if (files.isEmpty()) {
                fetch(unpacked, source.pkg());
                files = files(unpacked, source);
            }
            if (files.isEmpty()) {
                throw new IOException(source.pkg() + " has none of " + source.globs());
            }
            for (Path f : files) {
                List<byte[]> messages = split(Files.readAllBytes(f));
                for (int i = 0; i < messages.size(); i++) {
                    String name = source.pkg() + ":" + f.getFileName() + (messages.size() > 1 ? "#" + (i + 1) : "");
                    out.add(new Message(name, crlf(messages.get(i))));
                }
            }
        }
        return out;
    }

    private static List<Path> files(Path root, Source source) throws IOException {
        List<Path> out = new ArrayList<>();
        for (String glob : source.globs()) {
            PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
            Path base = root.resolve(glob.substring(0, glob.indexOf('*')).replaceAll("/[^/]*$", ""));
            if (!Files.isDirectory(base)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(base, 4)) {
                walk.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p))).sorted().forEach(out::add);
            }
        }
        return out;
    }

    /** {@code apt-get download} into a scratch directory, then {@code dpkg -x} into {@code root}. */
    private static void fetch(Path root, String pkg) throws IOException, InterruptedException {
        Path debs = Files.createDirectories(root.resolve("debs"));
        run(debs, "apt-get", "download", pkg);
        try (Stream<Path> list = Files.list(debs)) {
            for (Path deb : list.filter(p -> p.getFileName().toString().startsWith(pkg + "_")).toList()) {
                run(root, "dpkg", "-x", deb.toString(), root.toString());
            }
        }
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed (run apt-get update first?): " + output);
        }
    }

    private static Path pythonEmailData() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/python3", "-c",
                "import test.test_email, os; print(os.path.dirname(test.test_email.__file__))").start();
        String dir = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        p.waitFor();
        Path data = Path.of(dir, "data");
        if (!Files.isDirectory(data)) {
            throw new IOException("Python's email test corpus is missing: apt-get install -y libpython3-testsuite");
        }
        return data;
    }

    /**
     * A file starting with {@code From } is an mbox: a message starts at each {@code From } line that follows
     * an empty line (or opens the file), which is dropped, and {@code >From } lines inside lose one {@code >}
     * (RFC 4155 mboxrd). Any other file is one message.
     */
    static List<byte[]> split(byte[] file) {
        String text = new String(file, StandardCharsets.ISO_8859_1);
        if (!text.startsWith("From ")) {
            return List.of(file);
        }
        List<byte[]> out = new ArrayList<>();
        StringBuilder current = null;
        boolean blank = true;
        for (String line : text.split("\n", -1)) {
            String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (blank && bare.startsWith("From ")) {
                if (current != null) {
                    out.add(withoutSeparator(current));
                }
                current = new StringBuilder();
            } else {
                current.append(bare.matches(">+From .*") ? line.substring(1) : line).append('\n');
            }
            blank = bare.isEmpty();
        }
        out.add(withoutSeparator(current));
        return out;
    }

    /** The empty line before the next {@code From } line separates messages and is no part of either. */
    private static byte[] withoutSeparator(StringBuilder message) {
        String s = message.toString();
        while (s.endsWith("\n\n") || s.endsWith("\r\n\n")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Bare LF becomes CRLF; CRLF stays. */
    static byte[] crlf(byte[] in) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        return text.replaceAll("(?<!\r)\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }
}

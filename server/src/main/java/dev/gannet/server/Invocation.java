package dev.gannet.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the command line asked for. {@code gannet [--config FILE] [--set key=value]...} runs a node;
 * {@code gannet store --port N --data-dir D} runs only the embedded store so that several nodes on one
 * machine can share it through {@code mongo.uri}.
 */
sealed interface Invocation {

    String USAGE = """
            usage: java -jar gannet.jar [--config FILE] [--set key=value]...
                   java -jar gannet.jar store --port N --data-dir DIR [--host ADDR] [--cache-mb MB]
                   java -jar gannet.jar --help | --version""";

    record Run(Optional<Path> configFile, List<String> sets) implements Invocation {
    }

    record Store(String host, int port, Path dataDir, int cacheMb) implements Invocation {
    }

    record Help() implements Invocation {
    }

    record Version() implements Invocation {
    }

    /** A command line that cannot be understood; the message is one line. */
    final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    static Invocation parse(String[] args) {
        if (args.length > 0 && args[0].equals("store")) {
            return parseStore(args);
        }
        Optional<Path> config = Optional.empty();
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> {
                    return new Help();
                }
                case "--version" -> {
                    return new Version();
                }
                case "--config" -> {
                    if (config.isPresent()) {
                        throw new UsageException("--config given twice");
                    }
                    config = Optional.of(Path.of(value(args, ++i, a)));
                }
                case "--set" -> sets.add(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--config=")) {
                        config = Optional.of(Path.of(a.substring("--config=".length())));
                    } else if (a.startsWith("--set=")) {
                        sets.add(a.substring("--set=".length()));
                    } else {
                        throw new UsageException("unknown argument " + a);
                    }
                }
            }
        }
        return new Run(config, List.copyOf(sets));
    }

    private static Invocation parseStore(String[] args) {
        String host = "127.0.0.1";
        Integer port = null;
        Path dataDir = null;
        int cacheMb = 256;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = number(value(args, ++i, a), a, 0, 65535);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                case "--host" -> host = value(args, ++i, a);
                case "--cache-mb" -> cacheMb = number(value(args, ++i, a), a, 1, 1 << 20);
                case "--help", "-h" -> {
                    return new Help();
                }
                default -> throw new UsageException("store: unknown argument " + a);
            }
        }
        if (port == null || dataDir == null) {
            throw new UsageException("store needs --port N and --data-dir DIR");
        }
        return new Store(host, port, dataDir, cacheMb);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + ": expected an integer from " + min + " to " + max + ", got \"" + text + "\"");
    }
}

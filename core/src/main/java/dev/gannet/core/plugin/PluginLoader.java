package dev.gannet.core.plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Finds plugins: every {@code *.jar} in the plugins directory goes on one child class loader of Gannet's
 * own, and {@link ServiceLoader} instantiates the {@link MailPlugin}s they declare. Plugins on Gannet's own
 * class path (as in tests) are found too. A missing directory means no external plugins.
 */
public final class PluginLoader {

    private PluginLoader() {
    }

    public static List<MailPlugin> load(Path dir) {
        ClassLoader parent = PluginLoader.class.getClassLoader();
        ClassLoader loader = parent;
        if (dir != null && Files.isDirectory(dir)) {
            List<URL> jars = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".jar")).sorted().toList()) {
                    jars.add(p.toUri().toURL());
                }
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list plugins directory " + dir, e);
            }
            if (!jars.isEmpty()) {
                loader = new URLClassLoader("gannet-plugins", jars.toArray(URL[]::new), parent);
            }
        }
        List<MailPlugin> out = new ArrayList<>();
        ServiceLoader.load(MailPlugin.class, loader).forEach(out::add);
        return out;
    }
}

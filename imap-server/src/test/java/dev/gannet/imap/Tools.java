package dev.gannet.imap;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds external client programs for the real-client tests. */
final class Tools {

    private Tools() {
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }
}

package dev.gannet.server.auth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes the {@code gannet.auth} log lines of a test to a file in exactly the layout the launcher uses in
 * production (the CONSOLE pattern of {@code server/src/main/resources/logback.xml}, read from that file), so
 * the fail2ban filter is checked against the real format.
 */
final class AuthLogFile implements AutoCloseable {

    private final FileAppender<ILoggingEvent> appender = new FileAppender<>();
    private final Logger logger;
    private final Path file;

    AuthLogFile(Path file) throws IOException {
        this.file = file;
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(lc);
        encoder.setPattern(productionPattern());
        encoder.start();
        appender.setContext(lc);
        appender.setFile(file.toString());
        appender.setAppend(false);
        appender.setEncoder(encoder);
        appender.start();
        logger = lc.getLogger("gannet.auth");
        logger.addAppender(appender);
    }

    static String productionPattern() throws IOException {
        String xml = Files.readString(Path.of("src/main/resources/logback.xml"));
        Matcher m = Pattern.compile("<appender name=\"CONSOLE\".*?<pattern>(.*?)</pattern>", Pattern.DOTALL).matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("no CONSOLE pattern in logback.xml");
        }
        return m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">");
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}

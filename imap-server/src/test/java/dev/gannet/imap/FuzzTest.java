package dev.gannet.imap;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bounded fuzzing with fixed seeds: grammar-shaped and random command bytes, before and after login and
 * SELECT. After each command the connection must answer a NOOP (or have said BYE and closed), nothing may
 * reach the last-resort handler, and Netty's paranoid leak detector must report nothing.
 */
class FuzzTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private static final List<String> NAMES = List.of("CAPABILITY", "NOOP", "LOGIN", "SELECT", "EXAMINE", "CREATE",
            "DELETE", "RENAME", "SUBSCRIBE", "UNSUBSCRIBE", "LIST", "LSUB", "STATUS", "APPEND", "CHECK", "EXPUNGE",
            "SEARCH", "FETCH", "STORE", "COPY", "MOVE", "UID", "ID", "ENABLE", "NAMESPACE", "UNSELECT", "GETQUOTA",
            "GETQUOTAROOT", "XYZZY", "BODY[", "CLOSE");
    private static final List<String> ARGS = List.of("1", "*", "1:*", "2,4:5", "0", "4294967296", "INBOX", "\"a\\\"b\"",
            "\"", "(", ")", "()", "(FLAGS BODY[HEADER.FIELDS (a b)]<0.10>)", "BODY[1.2.MIME]", "BODY.PEEK[]<5.0>",
            "(\\Seen $x)", "+FLAGS", "-FLAGS.SILENT", "FLAGS", "(UNCHANGEDSINCE 5)", "(CHANGEDSINCE x)", "NIL", "{3}",
            "{2+}", "{0}", "OR", "NOT", "HEADER", "CHARSET", "UTF-8", "SINCE", "1-Jan-2020", "\"%\"", "*%", "&Jjo-",
            "&", "RETURN", "(SPECIAL-USE)", "UTF8", "(~{1+}", "MODSEQ", "\\", "]", "[", "~", "\u00e9");

    private ListAppender<ILoggingEvent> appender;

    @BeforeEach
    void watchLogs() {
        appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(appender);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(appender);
    }

    @Test
    void randomCommandsNeverBreakTheServer() throws Exception {
        TestUser user = gannet.createUser();
        Random random = new Random(20261122);
        int commands = 0;
        for (int round = 0; round < 12 && commands < 1200; round++) {
            try (ImapTestClient c = ImapTestClient.connect(gannet.port("imap"))) {
                c.readLine();
                if (round % 3 != 0) {
                    c.command("l", "LOGIN " + user.username() + " " + user.password());
                }
                if (round % 3 == 2) {
                    c.command("s", "SELECT INBOX");
                }
                for (int i = 0; i < 100; i++, commands++) {
                    c.sendRaw(fuzzCommand(random));
                    String tag = "z" + round + "x" + i;
                    c.send(tag + " NOOP");
                    if (!answered(c, tag)) {
                        break;
                    }
                }
            }
        }
        assertThat(commands).isGreaterThan(300);
        gannet.store().ping().block();
        System.gc();
        assertThat(appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.contains("LEAK") || m.contains("unhandled error") || m.contains("internal error")))
                .isEmpty();
    }

    /** Reads to the NOOP's tagged response (true), or to a BYE and the end of the stream (false). */
    private static boolean answered(ImapTestClient c, String tag) throws Exception {
        String line;
        boolean bye = false;
        while ((line = c.readLine()) != null) {
            if (line.startsWith(tag + " ")) {
                assertThat(line).startsWith(tag + " OK");
                return true;
            }
            bye |= line.startsWith("* BYE");
        }
        assertThat(bye).as("connection closed without BYE").isTrue();
        return false;
    }

    private static byte[] fuzzCommand(Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int kind = r.nextInt(10);
        if (kind == 0) {
            byte[] junk = new byte[r.nextInt(200)];
            r.nextBytes(junk);
            for (int i = 0; i < junk.length; i++) {
                if (junk[i] == '\n' || junk[i] == '{') {
                    junk[i] = 'x';
                }
            }
            out.writeBytes(junk);
        } else {
            StringBuilder sb = new StringBuilder(r.nextInt(4) == 0 ? "" : "t" + r.nextInt(100) + " ");
            sb.append(NAMES.get(r.nextInt(NAMES.size())));
            int args = r.nextInt(7);
            for (int i = 0; i < args; i++) {
                sb.append(r.nextInt(8) == 0 ? "" : " ").append(ARGS.get(r.nextInt(ARGS.size())));
            }
            String line = sb.toString();
            int brace = line.lastIndexOf('{');
            if (line.endsWith("}") && brace >= 0) {
                String n = line.substring(brace + 1, line.length() - 1).replace("+", "");
                out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.writeBytes("x".repeat(Integer.parseInt(n)).getBytes(StandardCharsets.US_ASCII));
                line = r.nextBoolean() ? "" : " (\\Seen)";
            }
            out.writeBytes(line.replace("{", "(").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }
}

package dev.gannet.core.testing;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The reference server starts, takes a user and answers a login over IMAP. */
class DovecotServerTest {

    @Test
    void startsAndLogsAUserIn() throws Exception {
        try (DovecotServer dovecot = DovecotServer.start()) {
            dovecot.addUser("ref", "secret");
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), dovecot.imapPort())) {
                s.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = s.getOutputStream();
                assertThat(in.readLine()).startsWith("* OK");
                out.write("a LOGIN ref secret\r\n".getBytes(StandardCharsets.US_ASCII));
                String line;
                do {
                    line = in.readLine();
                } while (line.startsWith("*"));
                assertThat(line).startsWith("a OK");
            }
        }
    }
}

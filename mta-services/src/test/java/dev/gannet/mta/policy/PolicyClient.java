package dev.gannet.mta.policy;

import dev.gannet.core.testing.LineSocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A policy delegation client over a real socket, sending requests the way Postfix's smtpd does. */
public final class PolicyClient extends LineSocket {

    public PolicyClient(int port) throws IOException {
        super(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** A request at {@code protocol_state=RCPT} for this recipient and declared size; the reply's action line. */
    public String rcpt(String recipient, long size) throws IOException {
        return request("request=smtpd_access_policy", "protocol_state=RCPT", "protocol_name=ESMTP",
                "client_address=127.0.0.1", "client_name=localhost", "helo_name=mta.test", "sender=a@b.test",
                "recipient=" + recipient, "recipient_count=0", "queue_id=", "instance=1a2b.3c4d.0", "size=" + size,
                "sasl_method=", "sasl_username=", "ccert_subject=", "encryption_protocol=", "etrn_domain=",
                "stress=", "policy_context=");
    }

    /** Sends the attributes and the empty line, reads the reply: its lines up to the empty one, joined by LF. */
    public String request(String... attributes) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String a : attributes) {
            b.append(a).append('\n');
        }
        sendRaw(b.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        return reply();
    }

    /** The reply's lines up to the empty line, joined by LF; null if the server closed the connection first. */
    public String reply() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line; (line = readLine()) != null && !line.isEmpty(); ) {
            lines.add(line);
        }
        return lines.isEmpty() ? null : String.join("\n", lines);
    }

    /** True when the server has closed the connection. */
    public boolean closedByServer() throws IOException {
        return in.read() == -1;
    }
}

package dev.gannet.lmtp.delivery;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sender's address and HELO as the MTA's own Received field records them (the form Postfix writes). */
class ReceivedFromTest {

    private static ReceivedFrom of(String header) {
        return ReceivedFrom.of(SpamVerdict.headerFields((header + "\r\nSubject: x\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void postfixFieldsGiveAddressHeloAndReverseName() {
        assertThat(of("Received: from mail.example.net (mx.example.net [203.0.113.7])\r\n\tby mx.test (Postfix) with ESMTPS id 1"))
                .isEqualTo(new ReceivedFrom("203.0.113.7", "mail.example.net", "mx.example.net"));
        assertThat(of("Received: from [192.0.2.1] (unknown [198.51.100.2])\r\n\tby mx.test (Postfix) with ESMTP"))
                .isEqualTo(new ReceivedFrom("198.51.100.2", "[192.0.2.1]", null));
        assertThat(of("Received: from helo.example (host.example [IPv6:2001:db8::25])\r\n\tby mx.test (Postfix)"))
                .isEqualTo(new ReceivedFrom("2001:db8::25", "helo.example", "host.example"));
    }

    @Test
    void onlyTheTopmostReceivedCountsAndOtherFormsTellNothing() {
        assertThat(of("Received: by mx.test (Postfix, from userid 0) id 1\r\nReceived: from a (b [192.0.2.9])")).isNull();
        assertThat(of("Received: from host (not an address [dead.beef])")).isNull();
        assertThat(ReceivedFrom.of(List.of("Subject: no trace"))).isNull();
    }
}

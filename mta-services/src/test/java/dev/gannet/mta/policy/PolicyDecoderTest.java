package dev.gannet.mta.policy;

import dev.gannet.core.testing.DecoderFeed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyDecoderTest {

    private static void decodes(int maxLine, int maxAttributes, String input, Object... expected) {
        DecoderFeed.everyWay(() -> new PolicyDecoder(maxLine, maxAttributes), input.getBytes(StandardCharsets.UTF_8),
                out -> assertThat(out).as(input).containsExactly(expected));
    }

    private static PolicyRequest.Attributes attrs(String... kv) {
        java.util.HashMap<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new PolicyRequest.Attributes(m);
    }

    @Test
    void framesRequestsEndedByAnEmptyLine() {
        decodes(100, 10, "request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=a@b.test\n\n",
                attrs("request", "smtpd_access_policy", "protocol_state", "RCPT", "recipient", "a@b.test"));
        decodes(100, 10, "a=1\r\nb=x=y\r\n\r\na=2\n\n", attrs("a", "1", "b", "x=y"), attrs("a", "2"));
        decodes(100, 10, "a=1\na=\n\n\n", attrs("a", ""), attrs());
        decodes(100, 10, "a=1\nb=2\n");
    }

    @Test
    void limitsAndSyntaxEndTheStream() {
        decodes(20, 10, "a=" + "x".repeat(30) + "\n\nb=1\n\n", new PolicyRequest.Malformed("attribute line longer than 20 bytes"));
        decodes(20, 10, "a=" + "x".repeat(30), new PolicyRequest.Malformed("attribute line longer than 20 bytes"));
        decodes(100, 2, "a=1\nb=2\nc=3\n\n", new PolicyRequest.Malformed("more than 2 attributes"));
        decodes(100, 10, "a=1\n\nnoequals\n\n", attrs("a", "1"), new PolicyRequest.Malformed("attribute line without name=value"));
        decodes(100, 10, "=x\n\n", new PolicyRequest.Malformed("attribute line without name=value"));
        assertThat(attrs("a", "1").values()).isEqualTo(Map.of("a", "1"));
    }
}

package dev.gannet.mta.socketmap;

import dev.gannet.core.testing.DecoderFeed;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NetstringDecoderTest {

    private static void decodes(int max, String input, Object... expected) {
        DecoderFeed.everyWay(() -> new NetstringDecoder(max), input.getBytes(StandardCharsets.UTF_8),
                out -> assertThat(out).as(input).containsExactly(expected));
    }

    private static SocketmapRequest.Query q(String s) {
        return new SocketmapRequest.Query(s);
    }

    private static SocketmapRequest.Malformed bad(String s) {
        return new SocketmapRequest.Malformed(s);
    }

    @Test
    void framesOneAndSeveralNetstrings() {
        decodes(100, "18:mailboxes a@b.test,", q("mailboxes a@b.test"));
        decodes(100, "9:domains x,9:domains y,", q("domains x"), q("domains y"));
        decodes(100, "0:,", q(""));
        decodes(100, "12:senders é@x,", q("senders é@x"));
    }

    @Test
    void aMalformedNetstringIsReportedOnceAndTheRestIgnored() {
        decodes(100, "x:domains,9:domains y,", bad("malformed netstring"));
        decodes(100, ":domains,", bad("malformed netstring"));
        decodes(100, "01:a,", bad("malformed netstring"));
        decodes(100, "3:abc;9:domains y,", bad("netstring does not end with a comma"));
        decodes(100, "9:domains y,3 :abc,", q("domains y"), bad("malformed netstring"));
    }

    @Test
    void anOverLongLengthIsRefusedBeforeThePayloadArrives() {
        decodes(100, "101:", bad("request longer than 100 bytes"));
        decodes(100, "99999999999999999999", bad("request longer than 100 bytes"));
        decodes(100, "100:", List.<Object>of().toArray());
    }
}

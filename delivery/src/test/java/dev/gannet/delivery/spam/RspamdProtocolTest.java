package dev.gannet.delivery.spam;

import dev.gannet.core.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** rspamd.url handling, reading rspamd's JSON answer, and how a failure is classified. */
class RspamdProtocolTest {

    private static RspamdClient.Verdict verdict(String json) throws IOException {
        return RspamdClient.verdict(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theCheckEndpointIsAppendedToTheBaseUrl() {
        assertThat(RspamdOptions.checkUri("http://127.0.0.1:11333")).isEqualTo(URI.create("http://127.0.0.1:11333/checkv2"));
        assertThat(RspamdOptions.checkUri("http://127.0.0.1:11333/")).isEqualTo(URI.create("http://127.0.0.1:11333/checkv2"));
        assertThat(RspamdOptions.checkUri("https://spam.example/rspamd/")).isEqualTo(URI.create("https://spam.example/rspamd/checkv2"));
    }

    @Test
    void aUrlThatCannotBeRspamdIsAConfigurationError() {
        for (String bad : List.of("127.0.0.1:11333", "ftp://host/", "http://user:pw@host:11333", "http://host/?a=b", "http://", "::")) {
            assertThatThrownBy(() -> RspamdOptions.checkUri(bad)).as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageNotContaining("pw@");
        }
        assertThatThrownBy(() -> new RspamdOptions(URI.create("http://h/checkv2"), Duration.ZERO, "", Set.of(), 1))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void thePasswordIsNeverPrinted() {
        assertThat(new RspamdOptions(URI.create("http://h/checkv2"), Duration.ofSeconds(1), "s3cr3t", Set.of("reject"), 1)
                .toString()).doesNotContain("s3cr3t");
    }

    @Test
    void anAnswerGivesActionScoresAndSymbols() throws IOException {
        RspamdClient.Verdict v = verdict("{\"is_skipped\":false,\"score\":6.5,\"required_score\":15.0,\"action\":\"Add Header\","
                + "\"symbols\":{\"A\":{\"score\":1},\"B\":{\"score\":5.5}},\"messages\":{}}");
        assertThat(v.action()).isEqualTo("add header");
        assertThat(v.score()).isEqualTo(6.5);
        assertThat(v.requiredScore()).isEqualTo(15.0);
        assertThat(v.symbols()).containsExactly("A", "B");
    }

    @Test
    void anErrorOrActionlessAnswerIsNoVerdict() {
        for (String bad : List.of("{\"error\":\"cannot parse\"}", "{\"score\":3}", "{\"action\":7}", "[]", "not json", "")) {
            assertThatThrownBy(() -> verdict(bad)).as(bad).isInstanceOf(IOException.class);
        }
    }

    @Test
    void failuresAreClassifiedAsDownTimeoutOrError() {
        assertThat(RspamdCheck.reason(new ConnectException("Connection refused"))).isEqualTo("down");
        assertThat(RspamdCheck.reason(new TimeoutException())).isEqualTo("timeout");
        assertThat(RspamdCheck.reason(new HttpTimeoutException("request timed out"))).isEqualTo("timeout");
        assertThat(RspamdCheck.reason(new IOException("rspamd answered HTTP 500"))).isEqualTo("error");
    }

    @Test
    void verdictFieldsAppearOnlyWithAVerdict() {
        assertThat(RspamdCheck.Outcome.UNCHECKED.traceFields()).isEmpty();
        assertThat(new RspamdCheck.Outcome(true, new RspamdClient.Verdict("rewrite subject", 9.123, 15, List.of())).traceFields())
                .isEqualTo("X-Spam-Status: Yes, score=9.12 required=15.00\r\nX-Rspamd-Action: rewrite subject\r\n");
    }
}

package dev.gannet.delivery.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SrsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static Srs at(Instant now) {
        return new Srs("srs.example.org", "s3cret", Duration.ofDays(21), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void forwardWritesSrs0AndReverseGivesTheSenderBack() {
        String srs = at(NOW).forward("Alice.B@Example.COM");
        assertThat(srs).matches("SRS0=[A-Za-z0-9+/]{4}=[A-Z2-7]{2}=Example\\.COM=Alice\\.B@srs\\.example\\.org");
        assertThat(at(NOW).reverse(srs)).isEqualTo(new Srs.Reversed.Valid("Alice.B@Example.COM"));
        // MTAs may change case on the way back
        assertThat(at(NOW).reverse(srs.toLowerCase())).isEqualTo(new Srs.Reversed.Valid("alice.b@example.com"));
        assertThat(at(NOW.plus(Duration.ofDays(20))).reverse(srs)).isInstanceOf(Srs.Reversed.Valid.class);
    }

    @Test
    void timestampIsTheDayInTwoBase32Characters() {
        long day = NOW.getEpochSecond() / 86_400;
        String expected = "" + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt((int) (day % 1024) >> 5)
                + "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".charAt((int) (day % 32));
        assertThat(Srs.stamp(day)).isEqualTo(expected);
        assertThat(at(NOW).forward("a@b.example").split("=")[2]).isEqualTo(expected);
    }

    @Test
    void localPartsWithEqualsSignsSurvive() {
        String srs = at(NOW).forward("a=b=c@d.example");
        assertThat(at(NOW).reverse(srs)).isEqualTo(new Srs.Reversed.Valid("a=b=c@d.example"));
    }

    @Test
    void nullSenderAndOurOwnDomainAreNotRewritten() {
        assertThat(at(NOW).forward("")).isEmpty();
        assertThat(at(NOW).forward("x@srs.example.org")).isEqualTo("x@srs.example.org");
        assertThat(at(NOW).forward("nodomain")).isEqualTo("nodomain");
    }

    @Test
    void forgedExpiredAndForeignAddressesAreTold() {
        String srs = at(NOW).forward("alice@example.com");
        String[] p = srs.split("=", 3);
        String forged = p[0] + "=" + (p[1].equals("AAAA") ? "BBBB" : "AAAA") + "=" + p[2];
        assertThat(at(NOW).reverse(forged)).isEqualTo(new Srs.Reversed.Invalid("SRS0 hash does not match"));
        assertThat(at(NOW).reverse(srs.replace("=alice@", "=mallory@"))).isInstanceOf(Srs.Reversed.Invalid.class);
        assertThat(at(NOW.plus(Duration.ofDays(22))).reverse(srs))
                .isEqualTo(new Srs.Reversed.Invalid("SRS0 address expired"));
        assertThat(new Srs("srs.example.org", "other", Duration.ofDays(21), Clock.fixed(NOW, ZoneOffset.UTC))
                .reverse(srs)).isInstanceOf(Srs.Reversed.Invalid.class);
        assertThat(at(NOW).reverse("SRS0=xx@srs.example.org")).isEqualTo(new Srs.Reversed.Invalid("malformed SRS0 address"));
        assertThat(at(NOW).reverse("postmaster@srs.example.org")).isEqualTo(new Srs.Reversed.NotSrs());
        assertThat(at(NOW).reverse(srs.replace("@srs.example.org", "@elsewhere.example"))).isEqualTo(new Srs.Reversed.NotSrs());
    }

    @Test
    void aSecretIsRequired() {
        assertThatThrownBy(() -> new Srs("srs.example.org", "", Duration.ofDays(21), Clock.systemUTC()))
                .hasMessageContaining("outbound.srsSecret");
    }
}

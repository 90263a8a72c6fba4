package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Base subject extraction of RFC 5256 §2.1. */
class BaseSubjectTest {

    private static String base(String subject) {
        return BaseSubject.extract(subject).base();
    }

    @Test
    void removesLeadersTrailersBlobsAndWrappers() {
        assertThat(base("Re: hello")).isEqualTo("hello");
        assertThat(base("RE: Re: re: FW: fwd: hello")).isEqualTo("hello");
        assertThat(base("Re[2]: hello")).isEqualTo("hello");
        assertThat(base("[list] Re: hello (fwd)")).isEqualTo("hello");
        assertThat(base("[fwd: Re: hello]")).isEqualTo("hello");
        assertThat(base("  lots   of\t space  ")).isEqualTo("lots of space");
        assertThat(base("[only a blob]")).isEqualTo("[only a blob]");
        assertThat(base("Reply to this")).isEqualTo("Reply to this");
        assertThat(base("")).isEmpty();
        assertThat(base(null)).isEmpty();
    }

    @Test
    void reportsReplyOrForwardMarkers() {
        assertThat(BaseSubject.extract("Re: x").replyOrForward()).isTrue();
        assertThat(BaseSubject.extract("x (fwd)").replyOrForward()).isTrue();
        assertThat(BaseSubject.extract("[fwd: x]").replyOrForward()).isTrue();
        assertThat(BaseSubject.extract("[tag] x").replyOrForward()).isFalse();
        assertThat(BaseSubject.extract(" x").replyOrForward()).isFalse();
    }
}

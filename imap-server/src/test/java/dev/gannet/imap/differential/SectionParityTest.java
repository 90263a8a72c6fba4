package dev.gannet.imap.differential;

import dev.gannet.core.testing.GannetExtension;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * BODY[n.MIME], BODY[HEADER.FIELDS.NOT] and BINARY[n] (RFC 3501 §6.4.5, RFC 3516 §4.2) on awkward shapes (part
 * headers without a blank line, header lines without a colon, encoded parts), answered by Gannet and by
 * Dovecot: the untagged responses must be byte for byte the same.
 */
class SectionParityTest {

    @RegisterExtension
    @Order(1)
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    @RegisterExtension
    @Order(2)
    static final SideBySide both = new SideBySide(gannet);

    private static final List<String> MESSAGES = List.of(
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n"
                    + "--b\r\nX-A: 1\r\n\r\n--b--\r\n",
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b\r\nContent-Type: text/plain\r\n",
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nX-B: 2\r\n\r\n"
                    + "--b\r\nContent-Type: text/plain\r\nno colon\r\n\r\nt\r\n--b--\r\n",
            "Subject: a\r\nno colon line\r\nFrom: x@y\r\n\r\nbody\r\n",
            "Subject: a\r\nno colon\r\n",
            "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                    + "AAECaGVsbG8=\r\n--b\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nsoft=\r\nbreak =3D=00 end\r\n"
                    + "--b\r\nContent-Transfer-Encoding: 8bit\r\n\r\nplain\r\n--b--\r\n");

    private static final String FETCH = "FETCH 1 (BODY.PEEK[1.MIME] BODY.PEEK[2.MIME] BODY.PEEK[3.MIME]"
            + " BODY.PEEK[HEADER.FIELDS.NOT (SUBJECT)] BODY.PEEK[1] BODY.PEEK[2])";

    private static final String BINARY = "FETCH 1 (BINARY.PEEK[1] BINARY.SIZE[1] BINARY.PEEK[2]<2.6> BINARY.SIZE[2]"
            + " BINARY.PEEK[3] BINARY.PEEK[4])";

    @Test
    void sectionsMatchDovecot() throws Exception {
        for (String message : MESSAGES) {
            String box = both.newBox();
            assertThat(SideBySide.answers(both.gannetLogin(), box, message, FETCH)).as(message)
                    .isEqualTo(SideBySide.answers(both.dovecotLogin(), box, message, FETCH));
        }
    }

    @Test
    void binaryMatchesDovecot() throws Exception {
        String message = MESSAGES.get(MESSAGES.size() - 1);
        String box = both.newBox();
        assertThat(SideBySide.answers(both.gannetLogin(), box, message, BINARY))
                .isEqualTo(SideBySide.answers(both.dovecotLogin(), box, message, BINARY));
    }
}

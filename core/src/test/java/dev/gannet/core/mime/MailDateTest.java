package dev.gannet.core.mime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Date header forms seen in real mail (RFC 5322 §3.3 and the obsolete §4.3 ones), read as Dovecot reads them. */
class MailDateTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Sat, 24 Mar 2007 23:30:00 -0500           | 2007-03-24 | 2007-03-25T04:30:00Z",
        "24 Mar 2007 01:30:00 +0900                | 2007-03-24 | 2007-03-23T16:30:00Z",
        "Fri,  4 May 2001 14:05:44 -0400           | 2001-05-04 | 2001-05-04T18:05:44Z",
        "Fri, 20 Apr 2001 20:18:00 -0400 (EDT)     | 2001-04-20 | 2001-04-21T00:18:00Z",
        "Fri, 6 Apr 2001 09:23:06 -0800 (GMT-0800) | 2001-04-06 | 2001-04-06T17:23:06Z",
        "Sat, 27 Nov 2004 03:35:30 UTC             | 2004-11-27 | 2004-11-27T03:35:30Z",
        "Sat,  3 Mar 07 23:59 EST                  | 2007-03-03 | 2007-03-04T04:59:00Z",
        "Mon, 12 Jan 98 10:00:00 GMT               | 1998-01-12 | 1998-01-12T10:00:00Z",
        "Thu, 1 Jan 104 00:00:00 +0000             | 2004-01-01 | 2004-01-01T00:00:00Z",
        "Tue 22 Dec 1998 16:55:06 -0500            | 1998-12-22 | 1998-12-22T21:55:06Z",
        "Tue,22 Dec 1998 16:55:06 -0500            | 1998-12-22 | 1998-12-22T21:55:06Z",
        "22 dec 1998 16:55:06 -0500                | 1998-12-22 | 1998-12-22T21:55:06Z",
        "Wed, 14 March 2007 12:00:00 -0700         | 2007-03-14 | 2007-03-14T19:00:00Z",
        "Wed, 14 Mar 2007 12:00 PDT                | 2007-03-14 | 2007-03-14T19:00:00Z",
        "Sun, 11 Jul 2004 16:09:27 -1900           | 2004-07-11 | 2004-07-12T11:09:27Z",
        "Sun, 11 Jul 2004 16:09:27 +05:30          | 2004-07-11 | 2004-07-11T10:39:27Z",
        "Sun, 11 Jul 2004 16:09:27 A               | 2004-07-11 | 2004-07-11T16:09:27Z",
        "Sun, 11 Jul 2004 16:09:27 -0000           | 2004-07-11 | 2004-07-11T16:09:27Z",
        "Sun, 11 Jul 2004 16:09:27                 | 2004-07-11 | 2004-07-11T16:09:27Z",
        "Sun, 11 Jul 2004                          | 2004-07-11 | 2004-07-11T00:00:00Z",
        "Thu Mar 24 23:30:00 2007                  | 2007-03-24 | 2007-03-24T23:30:00Z",
        "Thu., 08 Mar 2007 09:15:00 +0100          | 2007-03-08 | 2007-03-08T08:15:00Z",
        "(sent) Sat, 24 (day) Mar 2007 23:30:00 +0000 | 2007-03-24 | 2007-03-24T23:30:00Z",
        "24-Mar-2007 10:00:00 +0000                | 2007-03-24 | 2007-03-24T10:00:00Z",
        "  Sat ,  24   Mar   2007   23:30:00   +0000 | 2007-03-24 | 2007-03-24T23:30:00Z",
    })
    void readsTheForm(String header, String day, String instant) {
        MailDate d = MailDate.parse(header);
        assertThat(d).as(header).isNotNull();
        assertThat(d.localDate()).isEqualTo(LocalDate.parse(day));
        assertThat(d.instant()).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "yesterday", "Sat, 31 Feb 2007 10:00:00 +0000", "Sat, 24 Foo 2007 10:00:00 +0000",
        "24 Mar", "Mar 2007", "Wednesday, April 03, 2002 5:56 AM", "2007-03-24T10:00:00Z", "Sat, 0 Mar 2007 10:00:00 +0000", "Sat, 24 Mar 20071 10:00 +0000"})
    void givesUpOnWhatIsNoDate(String header) {
        assertThat(MailDate.parse(header)).as(header).isNull();
    }
}

package dev.gannet.imap.command.select;

import dev.gannet.imap.protocol.SequenceSet;

/**
 * The QRESYNC parameter of SELECT and EXAMINE (RFC 7162 §3.2.5, §7 {@code select-param}): what the client last
 * knew of the mailbox. {@code knownUids} is null when not given; {@code knownSeqs}/{@code matchUids} (the
 * seq-match-data) are null when not given. None of the sets contains {@code *}.
 */
public record QresyncParams(long uidValidity, long modseq, SequenceSet knownUids, SequenceSet knownSeqs,
        SequenceSet matchUids) {
}

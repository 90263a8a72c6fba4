package dev.gannet.core.store;

/** Where a stored message landed: what IMAP's APPENDUID (RFC 4315) and LMTP's reply need. */
public record Appended(MailboxId mailbox, long uidValidity, Uid uid, ModSeq modseq, long size, String threadId) {
}

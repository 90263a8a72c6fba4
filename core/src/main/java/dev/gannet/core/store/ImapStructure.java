package dev.gannet.core.store;

/**
 * The ENVELOPE, BODYSTRUCTURE and BODY responses (RFC 3501 §7.4.2), rendered once at ingest so FETCH never
 * parses a message. Each is the parenthesised IMAP form, ready to write after the item name.
 */
public record ImapStructure(String envelope, String bodyStructure, String body) {
}

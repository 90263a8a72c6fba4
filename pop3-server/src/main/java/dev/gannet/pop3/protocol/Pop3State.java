package dev.gannet.pop3.protocol;

/**
 * The states of a POP3 session (RFC 1939 §3): AUTHORIZATION until the client proves who it is,
 * TRANSACTION while it works on the maildrop, UPDATE once QUIT has been received there, during which
 * no further command is read.
 */
public enum Pop3State {
    AUTHORIZATION, TRANSACTION, UPDATE
}

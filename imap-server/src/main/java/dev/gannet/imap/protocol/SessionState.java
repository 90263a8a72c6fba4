package dev.gannet.imap.protocol;

/** The connection states of RFC 3501 §3; a command declares the states it is valid in. */
public enum SessionState {
    NOT_AUTHENTICATED, AUTHENTICATED, SELECTED, LOGOUT
}

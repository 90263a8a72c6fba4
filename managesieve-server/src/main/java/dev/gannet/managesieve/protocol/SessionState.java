package dev.gannet.managesieve.protocol;

/** RFC 5804 §1.3: before and after AUTHENTICATE. */
public enum SessionState {
    NOT_AUTHENTICATED, AUTHENTICATED
}

package dev.gannet.core.store;

/** The system flags a client can set (RFC 3501 §2.3.2); {@code \Recent} is session state, not stored. */
public enum Flag {
    SEEN("\\Seen"), ANSWERED("\\Answered"), FLAGGED("\\Flagged"), DELETED("\\Deleted"), DRAFT("\\Draft");

    private final String imap;

    Flag(String imap) {
        this.imap = imap;
    }

    public String imap() {
        return imap;
    }

    /** The flag for {@code \Seen} and friends (case-insensitive), or null. */
    public static Flag fromImap(String s) {
        for (Flag f : values()) {
            if (f.imap.equalsIgnoreCase(s)) {
                return f;
            }
        }
        return null;
    }
}

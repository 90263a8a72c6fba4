package dev.gannet.core.store;

/** Special-use attributes (RFC 6154 §2) that Gannet assigns to default mailboxes. */
public enum SpecialUse {
    ALL("\\All"), ARCHIVE("\\Archive"), DRAFTS("\\Drafts"), FLAGGED("\\Flagged"), JUNK("\\Junk"),
    SENT("\\Sent"), TRASH("\\Trash");

    private final String attribute;

    SpecialUse(String attribute) {
        this.attribute = attribute;
    }

    /** The IMAP attribute, e.g. {@code \Sent}. */
    public String attribute() {
        return attribute;
    }

    public static SpecialUse fromAttribute(String attr) {
        for (SpecialUse u : values()) {
            if (u.attribute.equalsIgnoreCase(attr)) {
                return u;
            }
        }
        throw dev.gannet.core.error.GannetException.invalid("unknown special-use attribute " + attr);
    }
}

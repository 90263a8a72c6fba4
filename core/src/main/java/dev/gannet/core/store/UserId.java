package dev.gannet.core.store;

/** A user's stable id (not the login name, which can be renamed). Letters, digits, '-', '_' only. */
public record UserId(String value) {
    public UserId {
        Ids.token(value, "user id");
    }

    @Override
    public String toString() {
        return value;
    }
}

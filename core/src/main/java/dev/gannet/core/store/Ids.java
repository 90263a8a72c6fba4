package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;

/** Shared checks for the opaque string ids: they travel in journal keys, cache keys and channel names. */
final class Ids {

    private Ids() {
    }

    static String token(String value, String what) {
        if (value == null || value.isEmpty() || value.length() > 64) {
            throw GannetException.invalid(what + " must be 1..64 characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                throw GannetException.invalid(what + " may hold only letters, digits, '-' and '_'");
            }
        }
        return value;
    }
}

package dev.gannet.core.mime;

/**
 * An address for SEARCH and SORT (RFC 3501 §6.4.4, RFC 5256 §3): display name RFC 2047-decoded,
 * both lower-cased; name or address may be null when the header lacks them.
 */
public record NormalizedAddress(String name, String address) {

    /** "name <address>", or whichever is present, for substring search. */
    public String searchText() {
        if (name == null || name.isEmpty()) {
            return address == null ? "" : address;
        }
        return address == null ? name : name + " <" + address + ">";
    }
}

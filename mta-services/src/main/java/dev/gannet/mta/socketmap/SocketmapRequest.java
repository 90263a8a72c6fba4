package dev.gannet.mta.socketmap;

/** What the {@link NetstringDecoder} makes of the bytes: a request's text, or a framing error that ends the connection. */
public sealed interface SocketmapRequest {

    /** One netstring's payload, {@code <name> <key>} (socketmap_table(5)), decoded as UTF-8. */
    record Query(String text) implements SocketmapRequest {
    }

    /** Not a netstring, or longer than allowed; nothing after it is read. */
    record Malformed(String reason) implements SocketmapRequest {
    }
}

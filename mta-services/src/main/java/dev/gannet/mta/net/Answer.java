package dev.gannet.mta.net;

/** What a service sends back for one request: the bytes on the wire, and whether the connection ends after them. */
public record Answer(String wire, boolean close) {

    public static Answer of(String wire) {
        return new Answer(wire, false);
    }

    public static Answer closing(String wire) {
        return new Answer(wire, true);
    }
}

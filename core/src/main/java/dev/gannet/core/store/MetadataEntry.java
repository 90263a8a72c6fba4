package dev.gannet.core.store;

import java.util.Objects;

/** One METADATA entry (RFC 5464 §3.2): its lower-case name and its value's bytes. */
public record MetadataEntry(String name, byte[] value) {
    public MetadataEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return "MetadataEntry[" + name + ", " + value.length + " bytes]";
    }
}

package dev.gannet.core.mime;

import java.util.List;
import java.util.Objects;

/** A Content-Disposition (RFC 2183) as BODYSTRUCTURE's body-fld-dsp carries it (RFC 3501 §7.4.2). */
public record Disposition(String type, List<MimeParam> params) {

    public Disposition {
        Objects.requireNonNull(type, "type");
        params = List.copyOf(params);
    }

    public boolean isAttachment() {
        return type.equalsIgnoreCase("attachment");
    }
}

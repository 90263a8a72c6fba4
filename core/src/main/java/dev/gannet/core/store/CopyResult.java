package dev.gannet.core.store;

import java.util.List;

/** COPYUID data (RFC 4315 §3): source UIDs and the target UIDs they became, in the same order. */
public record CopyResult(MailboxId target, long targetUidValidity, List<Uid> sourceUids, List<Uid> targetUids) {
    public CopyResult {
        sourceUids = List.copyOf(sourceUids);
        targetUids = List.copyOf(targetUids);
        if (sourceUids.size() != targetUids.size()) {
            throw new IllegalArgumentException("uid lists differ in length");
        }
    }
}

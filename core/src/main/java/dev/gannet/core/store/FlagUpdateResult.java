package dev.gannet.core.store;

import java.util.List;

/**
 * The outcome of a STORE: the messages whose flags changed (with their new flags and the shared modseq),
 * and the UIDs that failed the UNCHANGEDSINCE test (RFC 7162 MODIFIED response code).
 */
public record FlagUpdateResult(List<MessageMeta> changed, List<Uid> failedCondition) {
    public FlagUpdateResult {
        changed = List.copyOf(changed);
        failedCondition = List.copyOf(failedCondition);
    }
}

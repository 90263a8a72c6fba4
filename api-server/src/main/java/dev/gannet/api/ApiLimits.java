package dev.gannet.api;

import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;

/** The configured limits every request is held to. */
public record ApiLimits(long maxBodyBytes, long maxMessageBytes, int maxPageSize) {

    public static ApiLimits from(GannetConfig config) {
        return new ApiLimits(config.get(Settings.API_MAX_BODY_BYTES), config.get(Settings.STORE_MAX_MESSAGE_BYTES),
                config.get(Settings.API_MAX_PAGE_SIZE));
    }
}

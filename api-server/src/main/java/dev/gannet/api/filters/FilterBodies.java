package dev.gannet.api.filters;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Bodies of the filter routes, with WildDuck's field names; fields a filter does not set are left out. */
public final class FilterBodies {

    private FilterBodies() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Query(String from, String to, String subject, String listId, String text, Boolean ha, Long size) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(Boolean seen, Boolean flag, Boolean delete, Boolean spam, String mailbox, List<String> targets) {
    }

    /** POST and PUT: on PUT every field is optional, and a query or action key given as "" or null is removed. */
    public record FilterBody(String name, Query query, Action action, Boolean disabled, String sess, String ip) {
    }

    public record Created(boolean success, String id) {
    }

    public record Success(boolean success) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FilterInfo(boolean success, String id, String name, Query query, Action action, boolean disabled,
            String created) {
    }

    /** {@code query} and {@code action} as WildDuck lists them: human-readable [what, value] pairs. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FilterItem(String id, String name, List<List<String>> query, List<List<String>> action,
            boolean disabled, String created) {
    }

    public record FilterList(boolean success, List<FilterItem> results) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnyFilterItem(String id, String user, String name, List<List<String>> query,
            List<List<String>> action, boolean disabled, String created, List<String> targets) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AnyFilterList(boolean success, long total, String nextCursor, List<AnyFilterItem> results) {
    }

    /** Filters applied to a mailbox's messages: which ones, and the cursor to continue from. */
    public record ApplyBody(String filter, String next) {
    }

    public record Applied(boolean success, int checked, int matched, int moved, int flagged, int deleted,
            String nextCursor) {
    }
}

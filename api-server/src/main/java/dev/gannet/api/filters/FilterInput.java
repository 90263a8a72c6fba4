package dev.gannet.api.filters;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gannet.api.ApiException;
import dev.gannet.api.Json;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Filter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a filter body as WildDuck's POST and PUT take it: strings trimmed, runs of white space made one space, at
 * most 255 characters, {@code ""} meaning unset; on PUT a key that is absent keeps its value and a key given as
 * {@code ""} or null removes it. The body is read as a tree first so that "absent" and "null" differ; every error
 * names its field. Forwarding targets are e-mail addresses: WildDuck's {@code smtp://} relay and {@code http(s)://}
 * targets are refused (Gannet forwards through its outbound queue only).
 */
final class FilterInput {

    static final int MAX_TARGETS = 10;
    private static final Set<String> TOP = Set.of("name", "query", "action", "disabled", "sess", "ip");
    private static final Set<String> QUERY = Set.of("from", "to", "subject", "listId", "text", "ha", "size");
    private static final Set<String> ACTION = Set.of("seen", "flag", "delete", "spam", "mailbox", "targets");

    record Parsed(String name, boolean nameGiven, Filter.Query query, Filter.Action action, Boolean disabled) {
    }

    private FilterInput() {
    }

    /** {@code base} is the filter being changed (PUT), or null for a new one. */
    static Parsed read(byte[] body, Filter base) {
        JsonNode root = tree(body);
        known(root, TOP, "");
        String name = base == null ? null : base.name();
        boolean nameGiven = false;
        if (root.has("name")) {
            nameGiven = true;
            name = string(root.get("name"), "name");
        }
        Filter.Query q = base == null ? Filter.Query.EMPTY : base.query();
        if (root.has("query") && !root.get("query").isNull()) {
            JsonNode n = object(root.get("query"), "query");
            known(n, QUERY, "query.");
            q = new Filter.Query(str(n, "from", q.from()), str(n, "to", q.to()), str(n, "subject", q.subject()),
                    str(n, "listId", q.listId()), str(n, "text", q.text()), bool(n, "ha", "query.ha", q.ha()),
                    size(n, q.size()));
        }
        Filter.Action a = base == null ? Filter.Action.EMPTY : base.action();
        if (root.has("action") && !root.get("action").isNull()) {
            JsonNode n = object(root.get("action"), "action");
            known(n, ACTION, "action.");
            String mailbox = n.has("mailbox") ? string(n.get("mailbox"), "action.mailbox") : a.mailbox();
            a = new Filter.Action(bool(n, "seen", "action.seen", a.seen()), bool(n, "flag", "action.flag", a.flag()),
                    bool(n, "delete", "action.delete", a.delete()), bool(n, "spam", "action.spam", a.spam()), mailbox,
                    n.has("targets") ? targets(n.get("targets")) : a.targets());
        }
        Boolean disabled = null;
        if (root.has("disabled") && !root.get("disabled").isNull()) {
            disabled = booleanValue(root.get("disabled"), "disabled");
        }
        for (String ignored : List.of("sess", "ip")) {
            if (root.has(ignored) && !root.get(ignored).isNull() && !root.get(ignored).isTextual()) {
                throw ApiException.badRequest("field " + ignored + " has the wrong type");
            }
        }
        return new Parsed(name, nameGiven, q, a, disabled);
    }

    private static JsonNode tree(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("a JSON body is required");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw ApiException.badRequest("the body must be a JSON object");
            }
            return n;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String msg = e.getOriginalMessage();
            if (msg != null && msg.startsWith("Duplicate field")) {
                throw ApiException.badRequest("a field is given twice");
            }
            throw ApiException.badRequest("the body is not valid JSON");
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the body is not valid JSON");
        }
    }

    private static void known(JsonNode n, Set<String> names, String prefix) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            String f = it.next().getKey();
            if (!names.contains(f)) {
                throw ApiException.badRequest("unknown field " + prefix + f);
            }
        }
    }

    private static JsonNode object(JsonNode n, String field) {
        if (!n.isObject()) {
            throw ApiException.badRequest("field " + field + " must be an object");
        }
        return n;
    }

    private static String str(JsonNode parent, String key, String current) {
        return parent.has(key) ? string(parent.get(key), "query." + key) : current;
    }

    /** A trimmed string with white space collapsed; null for null or "". */
    private static String string(JsonNode n, String field) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw ApiException.badRequest("field " + field + " must be a string");
        }
        String s = n.textValue().strip().replaceAll("\\s+", " ");
        if (s.length() > 255) {
            throw ApiException.badRequest("field " + field + ": at most 255 characters");
        }
        return s.isEmpty() ? null : s;
    }

    private static Boolean bool(JsonNode parent, String key, String field, Boolean current) {
        if (!parent.has(key)) {
            return current;
        }
        JsonNode n = parent.get(key);
        if (n.isNull() || n.isTextual() && n.textValue().isEmpty()) {
            return null;
        }
        return booleanValue(n, field);
    }

    private static boolean booleanValue(JsonNode n, String field) {
        if (!n.isBoolean()) {
            throw ApiException.badRequest("field " + field + " must be true or false");
        }
        return n.booleanValue();
    }

    private static Long size(JsonNode parent, Long current) {
        if (!parent.has("size")) {
            return current;
        }
        JsonNode n = parent.get("size");
        if (n.isNull() || n.isTextual() && n.textValue().isEmpty()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiException.badRequest("field query.size must be a whole number of bytes (negative: smaller than)");
        }
        long v = n.longValue();
        return v == 0 ? null : v;
    }

    private static List<String> targets(JsonNode n) {
        if (n.isNull() || n.isTextual() && n.textValue().isEmpty()) {
            return null;
        }
        if (!n.isArray()) {
            throw ApiException.badRequest("field action.targets must be a list of e-mail addresses");
        }
        if (n.size() > MAX_TARGETS) {
            throw ApiException.badRequest("field action.targets: at most " + MAX_TARGETS + " targets");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (JsonNode t : n) {
            out.add(target(t, "action.targets"));
        }
        return out.isEmpty() ? null : new ArrayList<>(out);
    }

    /** One forwarding target: an e-mail address; relay and HTTP targets are refused with a reason. */
    static String target(JsonNode t, String field) {
        if (!t.isTextual()) {
            throw ApiException.badRequest("field " + field + " must hold strings");
        }
        String s = t.textValue().strip();
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("smtp:") || lower.startsWith("smtps:") || lower.startsWith("http:") || lower.startsWith("https:")) {
            throw ApiException.badRequest("field " + field + ": " + s
                    + " is a relay or HTTP target; Gannet forwards to e-mail addresses only");
        }
        try {
            EmailAddress a = EmailAddress.parse(s);
            if (a.isWildcard()) {
                throw ApiException.badRequest("field " + field + ": " + s + " is not an e-mail address");
            }
            return a.toString();
        } catch (GannetException.Invalid e) {
            throw ApiException.badRequest("field " + field + ": " + s + " is not an e-mail address");
        }
    }
}

package dev.gannet.api.sieve;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.gannet.api.ApiException;
import dev.gannet.api.Call;
import dev.gannet.api.Route;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.SieveStore;
import dev.gannet.core.store.User;
import dev.gannet.delivery.scriptcheck.ScriptChecker;
import dev.gannet.delivery.scriptcheck.ScriptNames;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A user's Sieve scripts, the same ones ManageSieve (RFC 5804) manages: a Gannet addition, WildDuck has no such
 * resource. {@code GET /users/{user}/sieve} lists them with the active one; {@code GET/PUT/DELETE
 * /users/{user}/sieve/{name}} reads, stores (checked by the delivery engine's parser first, 400 with its errors)
 * and deletes one (409 while it is active); {@code PUT/DELETE /users/{user}/sieve/{name}/active} activates it or
 * deactivates it. Names follow RFC 5804 §1.6 as ManageSieve's do; scripts are at most {@code managesieve.maxScriptSize}.
 */
public final class SieveRoutes {

    public record ScriptBody(String script) {
    }

    public record ScriptItem(String name, boolean active, long size, String updated) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScriptList(boolean success, String active, List<ScriptItem> results) {
    }

    public record ScriptInfo(boolean success, String name, boolean active, long size, String updated, String script) {
    }

    public record Stored(boolean success, String name, boolean active) {
    }

    /** The 400 answer to a script with errors: the parser's messages, each naming its line. */
    public record ScriptErrors(String error, String code, List<String> errors) {
    }

    private final MailStore store;
    private final int maxScriptSize;
    private final ScriptChecker checker;

    public SieveRoutes(MailStore store, GannetConfig config) {
        this(store, config, ScriptChecker.engine());
    }

    public SieveRoutes(MailStore store, GannetConfig config, ScriptChecker checker) {
        this.store = store;
        this.maxScriptSize = (int) Math.min(config.get(Settings.MANAGESIEVE_MAX_SCRIPT_SIZE), 1L << 30);
        this.checker = checker;
    }

    public List<Route> routes() {
        return List.of(
                Route.get("/users/{user}/sieve").doc("sieve",
                        "The user's Sieve scripts (the ones ManageSieve manages) and which one is active")
                        .returns(ScriptList.class).handle(call -> {
                            User u = user(call);
                            List<SieveStore.Script> all = Call.await(store.sieve().list(u.id()).collectList(), "no such user");
                            String active = all.stream().filter(SieveStore.Script::active).map(SieveStore.Script::name)
                                    .findFirst().orElse(null);
                            return new ScriptList(true, active, all.stream().map(SieveRoutes::item).toList());
                        }),
                Route.get("/users/{user}/sieve/{name}").doc("sieve", "One Sieve script with its source")
                        .returns(ScriptInfo.class).handle(call -> {
                            User u = user(call);
                            SieveStore.Script s = Call.await(store.sieve().get(u.id(), name(call)), "no such script");
                            ScriptItem i = item(s);
                            return new ScriptInfo(true, i.name(), i.active(), i.size(), i.updated(), s.source());
                        }),
                Route.put("/users/{user}/sieve/{name}").doc("sieve",
                        "Store a Sieve script (created or replaced, its active state kept); 400 with the parser's errors")
                        .body(ScriptBody.class).returns(Stored.class).handle(this::put),
                Route.delete("/users/{user}/sieve/{name}").doc("sieve",
                        "Delete a Sieve script; 409 while it is the active one").returns(Stored.class).handle(call -> {
                            User u = user(call);
                            String name = name(call);
                            boolean deleted;
                            try {
                                deleted = Call.await(store.sieve().delete(u.id(), name), "no such script");
                            } catch (GannetException.Conflict e) {
                                throw new ApiException(409, "ScriptActive", "the active script cannot be deleted; deactivate it first");
                            }
                            if (!deleted) {
                                throw ApiException.notFound("no such script");
                            }
                            return new Stored(true, name, false);
                        }),
                Route.put("/users/{user}/sieve/{name}/active").doc("sieve",
                        "Make this script the active one (the one delivery runs)").returns(Stored.class).handle(call -> {
                            User u = user(call);
                            String name = name(call);
                            Call.run(store.sieve().activate(u.id(), name));
                            return new Stored(true, name, true);
                        }),
                Route.delete("/users/{user}/sieve/{name}/active").doc("sieve",
                        "Deactivate this script if it is the active one; then no script runs at delivery")
                        .returns(Stored.class).handle(call -> {
                            User u = user(call);
                            String name = name(call);
                            Call.await(store.sieve().get(u.id(), name), "no such script");
                            // conditional on this script being the active one: a racing SETACTIVE of another stands
                            Call.await(store.sieve().deactivate(u.id(), name), "no such script");
                            return new Stored(true, name, false);
                        }));
    }

    private User user(Call call) {
        return Call.await(store.users().get(call.user()), "no such user");
    }

    private static String name(Call call) {
        String name = call.path("name");
        String problem = ScriptNames.problem(name);
        if (problem != null) {
            throw ApiException.badRequest("name: " + problem);
        }
        return name;
    }

    private Object put(Call call) {
        User u = user(call);
        String name = name(call);
        ScriptBody body = call.body(ScriptBody.class);
        if (body == null || body.script() == null) {
            throw ApiException.badRequest("field script is required");
        }
        if (body.script().getBytes(StandardCharsets.UTF_8).length > maxScriptSize) {
            throw ApiException.tooLarge("field script: at most " + maxScriptSize + " bytes (managesieve.maxScriptSize)");
        }
        List<String> errors = checker.errors(body.script());
        if (!errors.isEmpty()) {
            call.ctx().status(400).json(new ScriptErrors("field script: the script has errors", "ScriptError", errors));
            return null;
        }
        try {
            Call.run(store.sieve().put(u.id(), name, body.script()));
        } catch (GannetException.Invalid e) {
            throw ApiException.badRequest("a user may keep at most " + SieveStore.MAX_SCRIPTS + " Sieve scripts");
        }
        SieveStore.Script s = Call.await(store.sieve().get(u.id(), name), "no such script");
        return new Stored(true, name, s.active());
    }

    private static ScriptItem item(SieveStore.Script s) {
        return new ScriptItem(s.name(), s.active(), s.source().getBytes(StandardCharsets.UTF_8).length, s.updated().toString());
    }
}

package dev.gannet.api;

import dev.gannet.api.addresses.AddressRoutes;
import dev.gannet.api.auth.AuthRoutes;
import dev.gannet.api.auth.Authenticator;
import dev.gannet.api.auth.TokenStore;
import dev.gannet.api.mailboxes.MailboxRoutes;
import dev.gannet.api.messages.MessageRoutes;
import dev.gannet.api.metrics.PrometheusEndpoint;
import dev.gannet.api.openapi.OpenApiRoutes;
import dev.gannet.api.updates.UpdateRoutes;
import dev.gannet.api.users.UserRoutes;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.node.NodeContext;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;

/**
 * Assembles the API: the route table of every resource, authentication, the JSON mapper, the error
 * mapper and the Prometheus endpoint, into one Javalin app. {@link ApiRole} starts it; tests build it
 * unstarted to compare Javalin's registered routes with the OpenAPI document.
 */
public final class ApiServer implements AutoCloseable {

    private final RouteTable table = new RouteTable();
    private final PrometheusEndpoint prometheus;
    private final Authenticator auth;
    private final ApiLimits limits;
    private final NodeContext context;
    private final UpdateRoutes updates;

    public ApiServer(NodeContext context) {
        this.context = context;
        GannetConfig config = context.config();
        this.limits = ApiLimits.from(config);
        TokenStore tokens = new TokenStore(context.coordination().cache(), config.get(Settings.API_TOKEN_TTL));
        this.auth = new Authenticator(config.get(Settings.API_ACCESS_TOKEN), config.get(Settings.API_OPERATOR_TOKENS), tokens,
                context.store().users());
        this.prometheus = new PrometheusEndpoint(context.metrics());
        this.updates = new UpdateRoutes(context.store(), context.coordination().notifier());
        dev.gannet.api.submit.Allowance allowance = new dev.gannet.api.submit.Allowance(context.store().users(),
                context.coordination().rateLimiter(), config.get(Settings.SUBMIT_RECIPIENTS_PER_DAY));
        String version = ApiServer.class.getPackage().getImplementationVersion();
        table.add(HealthRoutes.route(context))
                .add(prometheus.route())
                .add(OpenApiRoutes.route(table, version == null ? "dev" : version))
                .addAll(AuthRoutes.routes(dev.gannet.core.auth.LoginService.from(context),
                        config.get(Settings.API_AUTH_FAILURE_LIMIT), tokens, context.metrics()))
                .addAll(new UserRoutes(context.store(), tokens, new dev.gannet.api.forwarding.UserTargets(context.store(),
                        context.coordination().rateLimiter(), config), allowance).routes())
                .addAll(new AddressRoutes(context.store(), config).routes())
                .addAll(new dev.gannet.api.asps.AspRoutes(context.store(), config, context.hostname()).routes())
                .addAll(new dev.gannet.api.auth.AuthLogRoutes(context.store()).routes())
                .addAll(new dev.gannet.api.outbound.OutboundRoutes(context.store()).routes())
                .addAll(new dev.gannet.api.twofa.TotpRoutes(context.store(), tokens, context.coordination().rateLimiter(),
                        config.get(Settings.API_TOTP_FAILURE_LIMIT), config.get(Settings.API_TOTP_ISSUER),
                        config.get(Settings.API_TOTP_KEY)).routes())
                .addAll(new dev.gannet.api.twofa.WebAuthnRoutes(context.store(), config, context.coordination().cache(), tokens).routes())
                .addAll(new MailboxRoutes(context.store()).routes())
                .addAll(new MessageRoutes(context.store(), limits).routes())
                .addAll(new dev.gannet.api.sieve.SieveRoutes(context.store(), config).routes())
                .addAll(dev.gannet.api.submit.SubmitRoutes.create(context.store(), allowance,
                        config.get(Settings.SUBMIT_MAX_RECIPIENTS), limits).routes())
                .addAll(new dev.gannet.api.dkim.DkimRoutes(context.store(), config.get(Settings.DKIM_KEY_SECRET)).routes())
                .addAll(updates.routes())
                .addAll(new dev.gannet.api.filters.FilterRoutes(context.store(), config).routes())
                .addAll(new dev.gannet.api.autoreply.AutoreplyRoutes(context.store()).routes())
                .addAll(new dev.gannet.api.forwarding.ForwardedRoutes(context.store(), context.coordination().rateLimiter(),
                        config).routes());
    }

    public RouteTable table() {
        return table;
    }

    /** The Javalin app, configured and not started. */
    public Javalin javalin(String host, int port) {
        return Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.jetty.modifyServer(server -> server.setStopTimeout(
                    context.config().get(Settings.SHUTDOWN_GRACE).toMillis()));
            cfg.http.maxRequestSize = Math.max(limits.maxBodyBytes(), limits.maxMessageBytes());
            cfg.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            table.register(cfg, auth, limits, context.metrics());
            ApiErrors.register(cfg);
        });
    }

    @Override
    public void close() {
        updates.close();
        prometheus.close();
    }
}

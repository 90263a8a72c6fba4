package dev.gannet.lmtp;

import dev.gannet.core.config.Settings;
import dev.gannet.core.net.ProtocolRole;
import dev.gannet.core.net.ProtocolServer;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import dev.gannet.delivery.rules.ForwardLimit;
import dev.gannet.delivery.rules.ForwardedDelivery;
import dev.gannet.delivery.rules.DeliveryRules;
import dev.gannet.delivery.rules.RuleSource;
import dev.gannet.delivery.rules.RuleSources;
import dev.gannet.delivery.rules.UserRules;
import dev.gannet.delivery.spam.RspamdCheck;
import dev.gannet.delivery.spam.RspamdOptions;
import dev.gannet.lmtp.command.hello.LhloHandler;
import dev.gannet.lmtp.command.mail.MailHandler;
import dev.gannet.lmtp.command.rcpt.RcptHandler;
import dev.gannet.lmtp.delivery.Deliverer;
import dev.gannet.lmtp.delivery.DeliveryMetrics;
import dev.gannet.lmtp.protocol.LmtpDecoder;
import dev.gannet.lmtp.session.LmtpServices;
import dev.gannet.lmtp.session.LmtpSession;
import io.netty.handler.timeout.IdleStateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The {@code lmtp} role: one plain listener (RFC 2033) with STARTTLS (RFC 3207), on which an MTA hands over
 * its queue. It clears spool files a previous run left behind, then binds; the connection limit is answered
 * 421 4.3.2, an idle client 421 4.4.2.
 */
public final class LmtpRole implements Role {

    private static final Logger log = LoggerFactory.getLogger(LmtpRole.class);

    @Override
    public String name() {
        return "lmtp";
    }

    @Override
    public RunningRole start(NodeContext context) throws IOException {
        LmtpOptions options = LmtpOptions.from(context.config(), context.hostname());
        clearSpool(options.spoolDir());
        DeliveryMetrics metrics = new DeliveryMetrics(context.metrics());
        LmtpServices services = new LmtpServices(options,
                new LhloHandler(options.hostname(), options.maxMessageSize()),
                new MailHandler(options.maxMessageSize()),
                new RcptHandler(context.store(), options.overQuotaTemporary(), options.storeTimeout(), metrics,
                        dev.gannet.delivery.outbound.Srs.from(context.config()).orElse(null)),
                new Deliverer(context.store(), options, metrics, rules(context), new ForwardedDelivery(context.store(),
                        new ForwardLimit(context.coordination().rateLimiter(), context.config().get(Settings.RULES_FORWARDS_PER_DAY))),
                        rspamd(context)),
                context.tls());
        String host = options.hostname();
        ProtocolServer.Options listener = new ProtocolServer.Options("lmtp", context.config().get(Settings.LMTP_HOST),
                context.config().get(Settings.LMTP_PORT), false, options.maxConnections(),
                "421 4.3.2 " + host + " Too many connections, try again later\r\n",
                "421 4.3.2 " + host + " Service shutting down, try again later\r\n");
        long idleMillis = options.idleTimeout().toMillis();
        Supplier<ProtocolServer> bind = () -> ProtocolServer.bind(context, listener, ch -> {
            LmtpDecoder decoder = new LmtpDecoder(options.maxLineLength(), options.maxMessageSize());
            ch.pipeline().addLast("idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                    .addLast("lmtp-decoder", decoder)
                    .addLast("lmtp", new LmtpSession(services, decoder));
        });
        return ProtocolRole.bindAll(List.of(bind));
    }

    /** The spam check at delivery, or null when {@code rspamd.enabled} is off. */
    private static RspamdCheck rspamd(NodeContext context) {
        RspamdOptions rspamd = RspamdOptions.from(context.config()).orElse(null);
        if (rspamd == null) {
            return null;
        }
        log.info("lmtp asks rspamd at {} (timeout {}, spam actions {})", rspamd.checkUri(), rspamd.timeout(),
                rspamd.spamActions());
        return new RspamdCheck(rspamd, context.metrics());
    }

    /** The personal script and RuleSourceProvider services, then the WildDuck rules (filters, forwarding, autoreply). */
    private static DeliveryRules rules(NodeContext context) {
        List<RuleSource> sources = new ArrayList<>(RuleSources.standard(context.store(), context.config()));
        sources.add(new UserRules(context.store(), context.config()));
        return DeliveryRules.from(context.store(), context.config(), sources);
    }

    private static void clearSpool(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.eml")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
                log.info("removed spool file {} left by an earlier run", f.getFileName());
            }
        }
    }
}

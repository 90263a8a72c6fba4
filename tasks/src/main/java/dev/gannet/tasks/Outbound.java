package dev.gannet.tasks;

import dev.gannet.core.config.Settings;
import dev.gannet.core.node.NodeContext;
import dev.gannet.delivery.outbound.OutboundSender;
import dev.gannet.delivery.outbound.OutboundSigner;
import dev.gannet.delivery.outbound.RelayConfig;
import dev.gannet.delivery.outbound.SmtpRelay;
import dev.gannet.delivery.outbound.Srs;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the outbound sender of the tasks role when {@code outbound.relay} is set. */
final class Outbound {

    private static final Logger log = LoggerFactory.getLogger(Outbound.class);

    /** Signs each message before it is sent: DKIM for the From domain when it has a key (docs/dkim.md), else unchanged. */
    static OutboundSigner signer(NodeContext context) {
        dev.gannet.delivery.dkim.DkimSigner dkim = new dev.gannet.delivery.dkim.DkimSigner(context.store().dkim(),
                context.config().get(dev.gannet.core.config.Settings.DKIM_KEY_SECRET));
        return (message, envelopeFrom) -> dkim.sign(message);
    }

    private Outbound() {
    }

    /** The running sender, or null when no relay is configured (queued mail then waits). */
    static OutboundSender start(NodeContext context, String owner) {
        Optional<RelayConfig> relay = RelayConfig.from(context.config(), context.hostname());
        if (relay.isEmpty()) {
            log.info("outbound.relay is not set: queued outbound mail is kept but not sent");
            return null;
        }
        SmtpRelay smtp = new SmtpRelay(relay.get());
        String helo = context.config().get(Settings.OUTBOUND_HOSTNAME);
        OutboundSender sender = new OutboundSender(context.store(), smtp::send, relay.get().address(), signer(context),
                Srs.from(context.config()), OutboundSender.Pacing.from(context.config()), owner,
                helo.isBlank() ? context.hostname() : helo, Clock.systemUTC());
        sender.start();
        return sender;
    }
}

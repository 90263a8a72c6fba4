package dev.gannet.core.net;

import dev.gannet.core.node.Listener;
import dev.gannet.core.node.RunningRole;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** A running protocol role made of one or more listeners (e.g. IMAP with STARTTLS, and IMAPS). */
public record ProtocolRole(List<ProtocolServer> servers) implements RunningRole {

    public ProtocolRole {
        servers = List.copyOf(servers);
    }

    /** Binds each listener in turn; if one fails, those already bound are closed again. */
    public static ProtocolRole bindAll(List<Supplier<ProtocolServer>> binders) {
        List<ProtocolServer> bound = new ArrayList<>();
        try {
            for (Supplier<ProtocolServer> binder : binders) {
                bound.add(binder.get());
            }
        } catch (RuntimeException e) {
            bound.forEach(s -> s.close(Duration.ZERO));
            throw e;
        }
        return new ProtocolRole(bound);
    }

    @Override
    public List<Listener> listeners() {
        return servers.stream().map(ProtocolServer::listener).toList();
    }

    @Override
    public void stopAccepting() {
        servers.forEach(ProtocolServer::stopAccepting);
    }

    @Override
    public void close(Duration grace) {
        servers.forEach(ProtocolServer::stopAccepting);
        long deadline = System.nanoTime() + grace.toNanos(); // one grace for all listeners, not per listener
        servers.forEach(s -> s.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))));
    }
}

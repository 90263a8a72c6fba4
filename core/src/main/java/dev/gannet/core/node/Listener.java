package dev.gannet.core.node;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A bound listener: its name (the role, or e.g. {@code imaps} for a role's implicit-TLS port) and
 * the address it is bound to, with the actual port when port 0 was asked for.
 */
public record Listener(String name, InetSocketAddress address) {

    public Listener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
    }

    public int port() {
        return address.getPort();
    }

    /** {@code 127.0.0.1:143} or {@code [::1]:143}. */
    public String hostAndPort() {
        String host = address.getAddress() instanceof Inet6Address
                ? "[" + address.getAddress().getHostAddress().replaceFirst("%.*$", "") + "]"
                : address.getHostString();
        return host + ":" + address.getPort();
    }

    /** The line the node logs once the listener is bound. */
    public String announcement() {
        return name + " listening on " + hostAndPort();
    }
}

package dev.gannet.core.node;

/**
 * One server a node can run (imap, pop3, lmtp, api, tasks, managesieve), found with {@link java.util.ServiceLoader}.
 * The launcher and the test harness start whichever roles the configuration names and the classpath
 * provides; a protocol module registers its role in {@code META-INF/services/dev.gannet.core.node.Role}.
 * This keeps {@code core} free of the protocol modules, so their tests can start a whole node.
 */
public interface Role {

    /** The role's name as {@code roles} spells it. */
    String name();

    /**
     * Binds the role's listeners and starts serving. Throws when a listener cannot bind; the node then
     * stops what it already started.
     */
    RunningRole start(NodeContext context) throws Exception;
}

package dev.gannet.imap.session;

import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.MailStore;

/** What every session of the IMAP role shares: the node's services, the options and the per-user counts. */
public record ImapServer(NodeContext node, ImapOptions options, UserConnections userConnections) {

    public MailStore store() {
        return node.store();
    }
}

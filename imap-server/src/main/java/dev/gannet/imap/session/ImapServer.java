package dev.gannet.imap.session;

import dev.gannet.core.auth.LoginService;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.store.MailStore;

/**
 * What every session of the IMAP role shares: the node's services, the options, the per-user counts and the
 * login service every LOGIN and AUTHENTICATE goes through.
 */
public record ImapServer(NodeContext node, ImapOptions options, UserConnections userConnections, LoginService logins) {

    public ImapServer(NodeContext node, ImapOptions options, UserConnections userConnections) {
        this(node, options, userConnections, LoginService.from(node));
    }

    public MailStore store() {
        return node.store();
    }
}

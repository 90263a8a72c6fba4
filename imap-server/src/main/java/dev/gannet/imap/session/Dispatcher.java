package dev.gannet.imap.session;

import dev.gannet.imap.command.ImapCommand;
import dev.gannet.imap.command.Kind;
import dev.gannet.imap.command.append.AppendHandler;
import dev.gannet.imap.command.close.CloseHandler;
import dev.gannet.imap.command.idle.IdleHandler;
import dev.gannet.imap.command.quota.QuotaHandler;
import dev.gannet.imap.command.metadata.GetMetadataHandler;
import dev.gannet.imap.command.metadata.SetMetadataHandler;
import dev.gannet.imap.command.search.SearchContexts;
import dev.gannet.imap.command.search.SearchHandler;
import dev.gannet.imap.command.copy.CopyHandler;
import dev.gannet.imap.command.expunge.ExpungeHandler;
import dev.gannet.imap.command.store.StoreHandler;
import dev.gannet.imap.command.fetch.FetchHandler;
import dev.gannet.imap.command.select.SelectHandler;
import dev.gannet.imap.command.authenticate.AuthenticateHandler;
import dev.gannet.imap.command.capability.CapabilityHandler;
import dev.gannet.imap.command.create.CreateHandler;
import dev.gannet.imap.command.delete.DeleteHandler;
import dev.gannet.imap.command.enable.EnableHandler;
import dev.gannet.imap.command.list.ListHandler;
import dev.gannet.imap.command.rename.RenameHandler;
import dev.gannet.imap.command.status.StatusHandler;
import dev.gannet.imap.command.subscribe.SubscribeHandler;
import dev.gannet.imap.command.id.IdHandler;
import dev.gannet.imap.command.login.LoginHandler;
import dev.gannet.imap.command.logout.LogoutHandler;
import dev.gannet.imap.command.namespace.NamespaceHandler;
import dev.gannet.imap.command.noop.NoopHandler;
import dev.gannet.imap.command.starttls.StartTlsHandler;
import dev.gannet.imap.protocol.SessionState;
import reactor.core.publisher.Mono;

/**
 * Checks a command's state and capability (data on its {@link dev.gannet.imap.command.Kind}) and runs its
 * handler: one exhaustive switch, so a command without a handler does not compile.
 */
public final class Dispatcher {

    private Dispatcher() {
    }

    public static Mono<Tagged> execute(ImapCommand c, ImapSession s) {
        if (!c.kind().states().contains(s.state())) {
            return Mono.just(Tagged.bad(switch (s.state()) {
                case NOT_AUTHENTICATED -> "Please log in first";
                case AUTHENTICATED -> c.kind().states().contains(SessionState.SELECTED) ? "No mailbox selected"
                        : "Command not valid in this state";
                default -> "Command not valid in this state";
            }));
        }
        if (!Capabilities.has(s.capabilities(), c.kind().capability())) {
            return Mono.just(Tagged.bad("Command not available"));
        }
        // NOTIFY (RFC 5465) sends between commands: a command waits until that is done, and holds the gate
        var notifications = s.notifications();
        return notifications.lock().then(Mono.defer(() -> run(c, s)))
                .onErrorResume(e -> Mono.just(ImapErrors.toResponse(e)))
                .flatMap(t -> sync(c, s).then(Mono.fromSupplier(() -> withHighestModseq(c, s, t))))
                .onErrorResume(e -> Mono.just(ImapErrors.toResponse(e)))
                .doFinally(sig -> notifications.unlock());
    }

    /** Reports pending mailbox changes before the tagged response, where the command allows them. */
    private static Mono<Void> sync(ImapCommand c, ImapSession s) {
        SelectedMailbox sel = s.selected();
        if (sel == null || s.state() != SessionState.SELECTED) {
            return Mono.empty();
        }
        boolean force = c.kind() == Kind.NOOP || c.kind() == Kind.CHECK;
        return sel.sync(s.store(), s.out(), c.allowsExpungeResponses(), force, s.condstore());
    }

    /**
     * Once QRESYNC is enabled, the OK of EXPUNGE and UID EXPUNGE names the modseq the session is now exact at
     * (RFC 7162 §3.2.7, §3.2.9; CLOSE's does not, as in Dovecot 2.3): read after the sync, so that every change
     * up to it has been reported.
     */
    private static Tagged withHighestModseq(ImapCommand c, ImapSession s, Tagged t) {
        SelectedMailbox sel = s.selected();
        boolean expunge = c.kind() == Kind.EXPUNGE || c.kind() == Kind.UID_EXPUNGE;
        if (!expunge || !t.status().equals("OK") || t.code() != null || sel == null || !s.isEnabled("QRESYNC")) {
            return t;
        }
        return Tagged.ok("HIGHESTMODSEQ " + sel.knownModseq(), t.text());
    }

    private static Mono<Tagged> run(ImapCommand c, ImapSession s) {
        return switch (c.kind()) {
            case CAPABILITY -> CapabilityHandler.handle((ImapCommand.Capability) c, s);
            case NOOP -> NoopHandler.handle((ImapCommand.Noop) c, s);
            case LOGOUT -> LogoutHandler.handle((ImapCommand.Logout) c, s);
            case ID -> IdHandler.handle((ImapCommand.Id) c, s);
            case STARTTLS -> StartTlsHandler.handle((ImapCommand.StartTls) c, s);
            case LOGIN -> LoginHandler.handle((ImapCommand.Login) c, s);
            case AUTHENTICATE -> AuthenticateHandler.handle((ImapCommand.Authenticate) c, s);
            case ENABLE -> EnableHandler.handle((ImapCommand.Enable) c, s);
            case NAMESPACE -> NamespaceHandler.handle((ImapCommand.Namespace) c, s);
            case CREATE -> CreateHandler.handle((ImapCommand.Create) c, s);
            case DELETE -> DeleteHandler.handle((ImapCommand.Delete) c, s);
            case RENAME -> RenameHandler.handle((ImapCommand.Rename) c, s);
            case SUBSCRIBE, UNSUBSCRIBE -> SubscribeHandler.handle((ImapCommand.Subscribe) c, s);
            case LIST, LSUB -> ListHandler.handle((ImapCommand.ListMailboxes) c, s);
            case STATUS -> StatusHandler.handle((ImapCommand.Status) c, s);
            case SELECT, EXAMINE -> SelectHandler.handle((ImapCommand.Select) c, s);
            case CLOSE, UNSELECT -> CloseHandler.handle((ImapCommand.Close) c, s);
            case CHECK -> Mono.just(Tagged.ok("Check completed"));
            case FETCH -> FetchHandler.handle((ImapCommand.Fetch) c, s);
            case STORE -> StoreHandler.handle((ImapCommand.Store) c, s);
            case COPY, MOVE -> CopyHandler.handle((ImapCommand.Copy) c, s);
            case EXPUNGE, UID_EXPUNGE -> ExpungeHandler.handle((ImapCommand.Expunge) c, s);
            case APPEND -> AppendHandler.handle((ImapCommand.Append) c, s);
            case SEARCH -> SearchHandler.handle((ImapCommand.Search) c, s);
            case CANCELUPDATE -> SearchContexts.cancel((ImapCommand.CancelUpdate) c, s);
            case SORT -> dev.gannet.imap.command.sort.SortHandler.handle((ImapCommand.Sort) c, s);
            case THREAD -> dev.gannet.imap.command.thread.ThreadHandler.handle((ImapCommand.Thread) c, s);
            case IDLE -> IdleHandler.handle((ImapCommand.Idle) c, s);
            case GETQUOTA, GETQUOTAROOT -> QuotaHandler.handle((ImapCommand.GetQuota) c, s);
            case GETMETADATA -> GetMetadataHandler.handle((ImapCommand.GetMetadata) c, s);
            case SETMETADATA -> SetMetadataHandler.handle((ImapCommand.SetMetadata) c, s);
            case COMPRESS -> dev.gannet.imap.command.compress.CompressHandler.handle((ImapCommand.Compress) c, s);
            case NOTIFY -> dev.gannet.imap.command.notify.NotifyHandler.handle((ImapCommand.Notify) c, s);
        };
    }
}

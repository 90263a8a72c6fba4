package dev.gannet.core.store.internal;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.gannet.core.config.GannetConfig;
import dev.gannet.core.config.Settings;
import dev.gannet.core.coord.ChangeNotifier;
import dev.gannet.core.plugin.PluginLoader;
import dev.gannet.core.plugin.PluginRunner;
import dev.gannet.core.store.AddressStore;
import dev.gannet.core.store.BlobStore;
import dev.gannet.core.store.Journal;
import dev.gannet.core.store.MailStore;
import dev.gannet.core.store.MailboxStore;
import dev.gannet.core.store.MessageStore;
import dev.gannet.core.store.QuotaStore;
import dev.gannet.core.store.UserStore;
import java.nio.file.Path;
import org.bson.Document;
import reactor.core.publisher.Mono;

/**
 * The MongoDB mail store: wires the feature stores over one database. Built by the launcher from the
 * driver's {@link MongoDatabase}, the change bell and the store options; protocol modules see only
 * {@link MailStore}.
 */
public final class MongoMailStore implements MailStore {

    private final Ctx ctx;
    private final MongoUserStore users;
    private final MongoAddressStore addresses;
    private final MongoMailboxStore mailboxes;
    private final MongoMessageStore messages;
    private final MongoQuotaStore quota;
    private final MongoJournal journal;
    private final MongoBlobStore blobs;
    private final Maintenance maintenance;
    private final MongoAppPasswordStore asps;
    private final MongoTotpStore totp;
    private final MongoAuthLogStore authLog;
    private final MongoWebAuthnStore webauthn;
    private final MongoSieveStore sieve;
    private final MongoOutboundQueue outbound;
    private final MongoFilterStore filters;
    private final MongoAutoreplyStore autoreplies;
    private final MongoForwardingStore forwarding;
    private final MongoVacationLog vacations;
    private final MongoMetadataStore metadata;
    private final MongoDkimStore dkim;

    private MongoMailStore(Ctx ctx, MimeAnalyzer analyzer) {
        this.ctx = ctx;
        JournalWriter writer = new JournalWriter(ctx);
        Blobs blobStore = new Blobs(ctx);
        Ops ops = new Ops(ctx);
        this.quota = new MongoQuotaStore(ctx);
        Purger purger = new Purger(ctx, blobStore, quota, ops);
        this.messages = new MongoMessageStore(ctx, analyzer, blobStore, quota, writer, ops, purger);
        this.mailboxes = new MongoMailboxStore(ctx, writer, messages, quota);
        this.addresses = new MongoAddressStore(ctx);
        this.asps = new MongoAppPasswordStore(ctx);
        this.totp = new MongoTotpStore(ctx);
        this.authLog = new MongoAuthLogStore(ctx);
        this.webauthn = new MongoWebAuthnStore(ctx);
        this.sieve = new MongoSieveStore(ctx);
        this.outbound = new MongoOutboundQueue(ctx);
        this.filters = new MongoFilterStore(ctx);
        this.autoreplies = new MongoAutoreplyStore(ctx);
        this.forwarding = new MongoForwardingStore(ctx);
        this.vacations = new MongoVacationLog(ctx);
        this.metadata = new MongoMetadataStore(ctx, writer);
        this.dkim = new MongoDkimStore(ctx);
        this.users = new MongoUserStore(ctx, mailboxes, addresses, asps, authLog, webauthn, sieve);
        this.journal = new MongoJournal(ctx);
        this.blobs = new MongoBlobStore(ctx);
        OpRepair repair = new OpRepair(ctx, ops, messages.expunger(), quota, writer);
        this.maintenance = new Maintenance(purger, mailboxes, users, repair, new StoreCheck(ctx, purger));
    }

    /**
     * The store as the launcher builds it: options and plugins (jars in {@code plugins.dir}) from
     * configuration, changes rung on {@code notifier}. Call {@link #ensureSchema()} once before serving.
     */
    public static MongoMailStore create(MongoDatabase db, ChangeNotifier notifier, GannetConfig config) {
        PluginRunner plugins = new PluginRunner(PluginLoader.load(Path.of(config.get(Settings.PLUGINS_DIR))),
                config.get(Settings.PLUGINS_TIMEOUT));
        return create(db, Bell.of(notifier), StoreOptions.from(config), plugins);
    }

    /** The store over {@code db}; call {@link #ensureSchema()} once before serving. */
    public static MongoMailStore create(MongoDatabase db, Bell bell, StoreOptions options, PluginRunner plugins) {
        return new MongoMailStore(Ctx.of(db, options, bell, plugins), Analyzers.standard(options.textBytes()));
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public AddressStore addresses() {
        return addresses;
    }

    @Override
    public MailboxStore mailboxes() {
        return mailboxes;
    }

    @Override
    public MessageStore messages() {
        return messages;
    }

    @Override
    public QuotaStore quota() {
        return quota;
    }

    @Override
    public Journal journal() {
        return journal;
    }

    @Override
    public BlobStore blobs() {
        return blobs;
    }

    @Override
    public dev.gannet.core.store.StoreMaintenance maintenance() {
        return maintenance;
    }

    @Override
    public dev.gannet.core.store.AppPasswordStore asps() {
        return asps;
    }

    @Override
    public dev.gannet.core.store.TotpStore totp() {
        return totp;
    }

    @Override
    public dev.gannet.core.store.AuthLogStore authLog() {
        return authLog;
    }

    @Override
    public dev.gannet.core.store.WebAuthnStore webauthn() {
        return webauthn;
    }

    @Override
    public dev.gannet.core.store.SieveStore sieve() {
        return sieve;
    }

    @Override
    public dev.gannet.core.store.OutboundQueue outbound() {
        return outbound;
    }

    @Override
    public dev.gannet.core.store.FilterStore filters() {
        return filters;
    }

    @Override
    public dev.gannet.core.store.AutoreplyStore autoreplies() {
        return autoreplies;
    }

    @Override
    public dev.gannet.core.store.ForwardingStore forwarding() {
        return forwarding;
    }

    @Override
    public dev.gannet.core.store.MetadataStore metadata() {
        return metadata;
    }

    @Override
    public dev.gannet.core.store.VacationLog vacations() {
        return vacations;
    }

    @Override
    public dev.gannet.core.store.DkimStore dkim() {
        return dkim;
    }

    @Override
    public Mono<Void> ping() {
        return Errors.guard(Mono.from(ctx.db().runCommand(new Document("ping", 1))).then());
    }

    @Override
    public Mono<Void> ensureSchema() {
        return new StoreSchema(ctx).ensure();
    }
}

package dev.gannet.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every configuration key Gannet reads, in the order {@code config/default.toml} lists them. A key that
 * is not here is unknown, and an unknown key stops startup: a typo must never be silently ignored.
 * Each module reads its keys from here, so adding an option means adding one line to this class
 * (and regenerating default.toml, which a test compares with this list).
 */
public final class Settings {

    /** The roles a node can run. */
    public static final List<String> ALL_ROLES = List.of("imap", "pop3", "lmtp", "api", "tasks", "managesieve",
            "socketmap", "policy");

    public static final Setting<String> HOSTNAME = Setting.string("hostname", "",
            "Name this server announces in greetings, Received headers and its certificate; empty = the machine's host name");
    public static final Setting<List<String>> ROLES = Setting.list("roles", ALL_ROLES, ALL_ROLES,
            "Servers this node runs, any of imap, pop3, lmtp, api, tasks, managesieve, socketmap, policy");

    public static final Setting<String> STORE_DATA_DIR = Setting.string("store.dataDir", "data",
            "Directory for the embedded store file and generated TLS material (relative to the working directory)");
    public static final Setting<Integer> STORE_CACHE_MB = Setting.integer("store.cacheMb", 1, 1 << 20, 256,
            "Page cache of the embedded store in MB; scans slow down sharply once collections outgrow it");

    public static final Setting<Integer> STORE_DEDUP_BYTES = Setting.integer("store.dedupBytes", 1024, 1 << 30, 64 * 1024,
            "Attachments (MIME leaf parts) at least this many bytes are stored once per content, shared by every message");
    public static final Setting<Long> STORE_MAX_MESSAGE_BYTES = Setting.of("store.maxMessageBytes",
            SettingType.SIZE, 64L << 20, "Largest message the store accepts, in bytes; larger ones are refused as too big");
    public static final Setting<Duration> STORE_JOURNAL_RETENTION = Setting.of("store.journalRetention",
            SettingType.DURATION, Duration.ofDays(30), "How long change-journal entries are kept for resyncing clients");
    public static final Setting<Duration> STORE_JOURNAL_GAP_WAIT = Setting.of("store.journalGapWait",
            SettingType.DURATION, Duration.ofSeconds(5), "How long a journal reader waits for a change being written before marking it skipped");
    public static final Setting<Integer> AUTH_HASH_MEMORY_KIB = Setting.integer("auth.hashMemoryKib", 64, 4 << 20, 19_456,
            "Memory of the argon2id password hash in KiB (OWASP's baseline: 19456 with 2 passes); older hashes are replaced with this one at the next successful login");
    public static final Setting<Integer> AUTH_HASH_ITERATIONS = Setting.integer("auth.hashIterations", 1, 100, 2,
            "Passes of the argon2id password hash; every login pays for them in CPU time");
    public static final Setting<Duration> BLOB_GC_GRACE = Setting.of("store.blobGcGrace", SettingType.DURATION,
            Duration.ofHours(1), "Unreferenced attachment blobs are deleted only after this long, so in-flight deliveries keep theirs");
    public static final Setting<Duration> STORE_EXPUNGED_RETENTION = Setting.of("store.expungedRetention",
            SettingType.DURATION, Duration.ofMinutes(15),
            "Expunged messages stay readable this long for IMAP sessions not yet told of the expunge, then their bytes are deleted");
    public static final Setting<Duration> STORE_REPAIR_GRACE = Setting.of("store.repairGrace", SettingType.DURATION,
            Duration.ofMinutes(5), "A store operation unfinished for this long is taken as crashed and finished or undone by repair");
    public static final Setting<Integer> AUTH_ADDRESS_FAILURE_LIMIT = Setting.integer("auth.addressFailureLimit", 0, 1_000_000, 100,
            "Failed logins from one client address, over every protocol and user name, within auth.addressFailureWindow before that address is refused unchecked; 0 = no limit");
    public static final Setting<Duration> AUTH_ADDRESS_FAILURE_WINDOW = Setting.of("auth.addressFailureWindow", SettingType.DURATION,
            Duration.ofMinutes(15), "Window over which failed logins per client address are counted");
    public static final Setting<Duration> AUTH_LOG_RETENTION = Setting.of("auth.logRetention", SettingType.DURATION,
            Duration.ofDays(30), "How long auth log events (GET /users/{user}/authlog) are kept");
    public static final Setting<String> PLUGINS_DIR = Setting.string("plugins.dir", "plugins",
            "Directory whose jars are loaded as plugins (relative to the working directory); missing = no plugins");
    public static final Setting<Duration> PLUGINS_TIMEOUT = Setting.of("plugins.timeout", SettingType.DURATION,
            Duration.ofSeconds(10), "Time limit for one plugin hook; a hook that exceeds it fails the delivery temporarily");

    public static final Setting<String> MONGO_URI = Setting.secret("mongo.uri",
            "MongoDB connection string; empty = run the embedded store in this process");
    public static final Setting<String> MONGO_DATABASE = Setting.string("mongo.database", "gannet",
            "Database that holds all of Gannet's collections");

    public static final Setting<String> REDIS_URI = Setting.secret("redis.uri",
            "Redis URI (redis://host:port) for coordinating several nodes; empty = in-process coordination");

    public static final Setting<String> IMAP_HOST = Setting.string("imap.host", "0.0.0.0",
            "Address the IMAP listeners bind to");
    public static final Setting<Integer> IMAP_PORT = Setting.optionalPort("imap.port", 143,
            "IMAP port with STARTTLS; 0 = any free port, -1 = off");
    public static final Setting<Integer> IMAP_TLS_PORT = Setting.optionalPort("imap.tlsPort", 993,
            "IMAP port with implicit TLS; 0 = any free port, -1 = off");
    public static final Setting<Integer> IMAP_MAX_CONNECTIONS = Setting.integer("imap.maxConnections", 1, 1_000_000, 10_000,
            "Concurrent IMAP connections per listener on this node; more are refused with BYE");
    public static final Setting<Integer> IMAP_MAX_CONNECTIONS_PER_USER = Setting.integer("imap.maxConnectionsPerUser", 1, 10_000, 50,
            "Concurrent authenticated IMAP connections per user on this node; a login beyond it answers NO [LIMIT]");
    public static final Setting<Integer> IMAP_MAX_LINE_LENGTH = Setting.integer("imap.maxLineLength", 1024, 1 << 24, 64 * 1024,
            "Longest IMAP command in bytes, literals of commands other than APPEND included; a longer line gets BYE and the connection is closed");
    public static final Setting<Long> IMAP_APPEND_LIMIT = Setting.of("imap.appendLimit", SettingType.SIZE, 64L << 20,
            "Largest message APPEND accepts (advertised as APPENDLIMIT, capped by store.maxMessageBytes)");
    public static final Setting<Long> IMAP_METADATA_MAX_SIZE = Setting.of("imap.metadataMaxSize", SettingType.SIZE, 16L << 10,
            "Largest value of one IMAP METADATA entry (RFC 5464); a larger one answers NO [METADATA MAXSIZE n]");
    public static final Setting<Integer> IMAP_METADATA_MAX_ENTRIES = Setting.integer("imap.metadataMaxEntries", 1, 100_000, 200,
            "IMAP METADATA entries per user, server and mailbox entries together; more answer NO [METADATA TOOMANY]");
    public static final Setting<Boolean> IMAP_LITERAL_PLUS = Setting.bool("imap.literalPlus", true,
            "Advertise LITERAL+ (non-synchronizing literals of any size); false advertises LITERAL- and answers BAD [TOOBIG] to a non-synchronizing literal over 4096 bytes (RFC 7888)");
    public static final Setting<Integer> IMAP_APPEND_MAX_LITERALS = Setting.integer("imap.appendMaxLiterals", 1, 100_000, 1000,
            "Most literals one APPEND may carry: MULTIAPPEND messages and CATENATE parts together; more answer NO [LIMIT]");
    public static final Setting<Long> IMAP_APPEND_MAX_BYTES = Setting.of("imap.appendMaxBytes", SettingType.SIZE, 256L << 20,
            "Most bytes one APPEND may carry in all its messages (MULTIAPPEND, CATENATE), checked before they are read; more answer NO [TOOBIG]");
    public static final Setting<Duration> IMAP_AUTOLOGOUT = Setting.of("imap.autologout", SettingType.DURATION,
            Duration.ofMinutes(30), "An IMAP connection with no command for this long (IDLE included) is closed with BYE");
    public static final Setting<Duration> IMAP_IDLE_KEEPALIVE = Setting.of("imap.idleKeepalive", SettingType.DURATION,
            Duration.ofMinutes(2), "How often an IDLE connection gets an untagged OK so NAT boxes keep it open");
    public static final Setting<Duration> IMAP_AUTH_FAILURE_DELAY = Setting.of("imap.authFailureDelay", SettingType.DURATION,
            Duration.ofSeconds(2), "Delay before answering a failed IMAP login, to slow down password guessing");
    public static final Setting<Integer> IMAP_AUTH_FAILURE_LIMIT = Setting.integer("imap.authFailureLimit", 1, 1_000_000, 10,
            "Failed IMAP logins for one user from one address within imap.authFailureWindow before further attempts are refused unchecked");
    public static final Setting<Duration> IMAP_AUTH_FAILURE_WINDOW = Setting.of("imap.authFailureWindow", SettingType.DURATION,
            Duration.ofMinutes(15), "Window over which failed IMAP logins are counted");
    public static final Setting<Boolean> IMAP_ALLOW_PLAINTEXT_AUTH = Setting.bool("imap.allowPlaintextAuth", false,
            "Allow LOGIN and AUTHENTICATE without TLS from non-loopback clients (loopback always counts as secure)");

    public static final Setting<String> POP3_HOST = Setting.string("pop3.host", "0.0.0.0",
            "Address the POP3 listeners bind to");
    public static final Setting<Integer> POP3_PORT = Setting.optionalPort("pop3.port", 110,
            "POP3 port with STLS; 0 = any free port, -1 = off");
    public static final Setting<Integer> POP3_TLS_PORT = Setting.optionalPort("pop3.tlsPort", 995,
            "POP3 port with implicit TLS; 0 = any free port, -1 = off");
    public static final Setting<Integer> POP3_MAX_CONNECTIONS = Setting.integer("pop3.maxConnections", 1, 1_000_000, 2000,
            "Concurrent POP3 connections per listener; more are refused with -ERR [SYS/TEMP]");
    public static final Setting<Boolean> POP3_ALLOW_PLAINTEXT_AUTH = Setting.bool("pop3.allowPlaintextAuth", false,
            "Allow USER/PASS and AUTH PLAIN before STLS on non-loopback connections (loopback always counts as secure)");
    public static final Setting<Integer> POP3_MAX_LINE_LENGTH = Setting.integer("pop3.maxLineLength", 256, 65536, 2048,
            "Longest POP3 command line in bytes, CRLF included; longer lines are discarded and answered -ERR");
    public static final Setting<Duration> POP3_IDLE_TIMEOUT = Setting.of("pop3.idleTimeout", SettingType.DURATION,
            Duration.ofMinutes(10), "Autologout: a POP3 session idle this long is closed without UPDATE (RFC 1939 asks for at least 10 minutes)");
    public static final Setting<Integer> POP3_MAX_MESSAGES = Setting.integer("pop3.maxMessages", 0, Integer.MAX_VALUE, 0,
            "Show only the newest N messages of INBOX to POP3; 0 = all");
    public static final Setting<String> POP3_DELETE_ACTION = Setting.of("pop3.deleteAction",
            SettingType.oneOf(List.of("expunge", "trash")), "expunge",
            "What QUIT does with messages marked by DELE: expunge them, or move them to the Trash mailbox");
    public static final Setting<Boolean> POP3_MARK_SEEN = Setting.bool("pop3.markSeen", true,
            "On QUIT, mark the messages retrieved with RETR as \\Seen");
    public static final Setting<Duration> POP3_LOCK_LEASE = Setting.of("pop3.lockLease", SettingType.DURATION,
            Duration.ofSeconds(60), "Lease of the maildrop lock; renewed while the session lives, freed by expiry if a node dies");
    public static final Setting<Duration> POP3_AUTH_FAILURE_DELAY = Setting.of("pop3.authFailureDelay", SettingType.DURATION,
            Duration.ofSeconds(2), "Delay before answering a failed POP3 login");
    public static final Setting<Integer> POP3_AUTH_FAILURE_LIMIT = Setting.integer("pop3.authFailureLimit", 0, 1_000_000, 10,
            "Failed POP3 logins per client address and user in 15 minutes before further attempts are refused; 0 = no limit");

    public static final Setting<String> LMTP_HOST = Setting.string("lmtp.host", "127.0.0.1",
            "Address the LMTP listener binds to; LMTP has no authentication, so keep it on a trusted network");
    public static final Setting<Integer> LMTP_PORT = Setting.port("lmtp.port", 24,
            "LMTP port; 0 = any free port");
    public static final Setting<Long> LMTP_MAX_MESSAGE_SIZE = Setting.of("lmtp.maxMessageSize", SettingType.SIZE,
            25L << 20, "Largest message LMTP accepts (advertised as SIZE); larger ones are refused with 552 5.3.4");
    public static final Setting<Integer> LMTP_MAX_RECIPIENTS = Setting.integer("lmtp.maxRecipients", 1, 100_000, 100,
            "Recipients per LMTP transaction; further RCPT commands are answered 452 4.5.3");
    public static final Setting<Integer> LMTP_MAX_LINE_LENGTH = Setting.integer("lmtp.maxLineLength", 512, 1 << 20, 4096,
            "Longest LMTP command line in bytes, CRLF included; longer ones are answered 500 5.5.2");
    public static final Setting<Duration> LMTP_IDLE_TIMEOUT = Setting.of("lmtp.idleTimeout", SettingType.DURATION,
            Duration.ofMinutes(5), "An LMTP client silent this long is sent 421 4.4.2 and disconnected");
    public static final Setting<Integer> LMTP_MAX_CONNECTIONS = Setting.integer("lmtp.maxConnections", 1, 1_000_000, 200,
            "Concurrent LMTP connections; more are refused with 421 4.3.2");
    public static final Setting<Duration> LMTP_STORE_TIMEOUT = Setting.of("lmtp.storeTimeout", SettingType.DURATION,
            Duration.ofMinutes(2), "Longest wait for the store on one recipient lookup or delivery; then 451 4.3.0 (a late success may be duplicated by the retry)");
    public static final Setting<Long> LMTP_SPOOL_THRESHOLD = Setting.of("lmtp.spoolThreshold", SettingType.SIZE,
            1L << 20, "Messages larger than this are spooled to a temporary file instead of the heap while they arrive");
    public static final Setting<Boolean> LMTP_OVER_QUOTA_TEMPORARY = Setting.bool("lmtp.overQuotaTemporary", false,
            "Answer an over-quota recipient with the temporary 452 4.2.2 (the MTA retries) instead of 552 5.2.2, in LMTP and in the policy service");
    public static final Setting<List<String>> LMTP_SPAM_HEADERS = Setting.list("lmtp.spamHeaders", List.of(),
            List.of("X-Spam-Status: Yes", "X-Spam-Flag: YES", "X-Rspamd-Action: add header",
                    "X-Rspamd-Action: rewrite subject"),
            "Header verdicts that file a delivery into Junk: \"Name: value\" matches a field whose value starts with that word or phrase (case-insensitive)");

    public static final Setting<Boolean> RSPAMD_ENABLED = Setting.bool("rspamd.enabled", false,
            "Ask rspamd (its HTTP protocol, POST /checkv2) about each message LMTP delivers, once per message; a spam verdict files it into Junk. Gannet never refuses on a verdict (LMTP comes after the MTA has accepted the mail: a refusal would bounce), and with rspamd down or slow the mail is delivered unchecked, logged and counted");
    public static final Setting<String> RSPAMD_URL = Setting.string("rspamd.url", "http://127.0.0.1:11333",
            "Base URL of rspamd's normal worker (or its controller, with rspamd.password); http or https, no user name or password in it");
    public static final Setting<Duration> RSPAMD_TIMEOUT = Setting.of("rspamd.timeout", SettingType.DURATION,
            Duration.ofSeconds(2), "Longest wait for rspamd's answer, connecting included; then the message is delivered unchecked (counted as bypassed)");
    public static final Setting<String> RSPAMD_PASSWORD = Setting.secret("rspamd.password",
            "Sent as rspamd's Password header, needed when rspamd.url is a controller with a password; empty = none (never logged)");
    public static final Setting<List<String>> RSPAMD_SPAM_ACTIONS = Setting.list("rspamd.spamActions",
            List.of("reject", "soft reject", "rewrite subject", "add header", "greylist"),
            List.of("reject", "rewrite subject", "add header"),
            "rspamd actions that file the message into Junk (the others deliver as usual); none of them refuses the message");
    public static final Setting<Long> RSPAMD_MAX_SCAN_SIZE = Setting.of("rspamd.maxScanSize", SettingType.SIZE,
            5L << 20, "Larger messages are not sent to rspamd: they are delivered unchecked and counted as skipped");

    public static final Setting<Long> SIEVE_MAX_SCRIPT_SIZE = Setting.of("sieve.maxScriptSize", SettingType.SIZE, 64L * 1024,
            "Largest Sieve script accepted (ManageSieve, the API, include), in bytes");
    public static final Setting<Integer> SIEVE_MAX_ACTIONS = Setting.integer("sieve.maxActions", 1, 10_000, 64,
            "Most actions (fileinto, redirect, ...) the scripts of one delivery may take; more is a runtime error (the message is kept in INBOX)");
    public static final Setting<Integer> SIEVE_MAX_REDIRECTS = Setting.integer("sieve.maxRedirects", 0, 1_000, 4,
            "Most redirects the scripts of one delivery may make");
    public static final Setting<Integer> SIEVE_MAX_STEPS = Setting.integer("sieve.maxSteps", 1_000, 100_000_000, 200_000,
            "Execution budget of one delivery's scripts: commands, tests and characters a regex looks at; past it the script fails and the message is kept");
    public static final Setting<Integer> SIEVE_MAX_INCLUDE_DEPTH = Setting.integer("sieve.maxIncludeDepth", 1, 50, 5,
            "How deeply include (RFC 6609) may nest");
    public static final Setting<Long> SIEVE_MAX_BODY_BYTES = Setting.of("sieve.maxBodyBytes", SettingType.SIZE, 1L << 20,
            "How much of a message's body the body test reads, in bytes");
    public static final Setting<Duration> SIEVE_VACATION_MIN_PERIOD = Setting.of("sieve.vacationMinPeriod",
            SettingType.DURATION, Duration.ofDays(1), "Shortest time between two vacation replies to one sender, whatever :days or :seconds say");
    public static final Setting<Duration> SIEVE_VACATION_DEFAULT_PERIOD = Setting.of("sieve.vacationDefaultPeriod",
            SettingType.DURATION, Duration.ofDays(7), "Time between two vacation replies to one sender when the script does not say");
    public static final Setting<String> SIEVE_GLOBAL_DIR = Setting.string("sieve.globalDir", "",
            "Directory of global Sieve scripts for include :global (files NAME.sieve); empty = no global scripts");
    public static final Setting<String> MANAGESIEVE_HOST = Setting.string("managesieve.host", "0.0.0.0",
            "Address the ManageSieve listener binds to");
    public static final Setting<Integer> MANAGESIEVE_PORT = Setting.optionalPort("managesieve.port", 4190,
            "ManageSieve port (RFC 5804, STARTTLS); 0 = any free port, -1 = off");
    public static final Setting<Integer> MANAGESIEVE_MAX_CONNECTIONS = Setting.integer("managesieve.maxConnections", 1, 1_000_000, 1000,
            "Concurrent ManageSieve connections; more are refused with BYE");
    public static final Setting<Integer> MANAGESIEVE_MAX_LINE_LENGTH = Setting.integer("managesieve.maxLineLength", 256, 1 << 20, 8192,
            "Longest ManageSieve command line in bytes, literals not counted; a longer line gets BYE and the connection is closed");
    public static final Setting<Long> MANAGESIEVE_MAX_SCRIPT_SIZE = Setting.of("managesieve.maxScriptSize", SettingType.SIZE,
            64L << 10, "Largest Sieve script PUTSCRIPT, CHECKSCRIPT and the API accept; a bigger literal is skipped unread and answered NO (QUOTA/MAXSIZE)");
    public static final Setting<Duration> MANAGESIEVE_IDLE_TIMEOUT = Setting.of("managesieve.idleTimeout", SettingType.DURATION,
            Duration.ofMinutes(30), "A ManageSieve connection with no command for this long is closed with BYE");
    public static final Setting<Boolean> MANAGESIEVE_ALLOW_PLAINTEXT_AUTH = Setting.bool("managesieve.allowPlaintextAuth", false,
            "Offer and allow AUTHENTICATE PLAIN before STARTTLS on non-loopback connections (loopback always counts as secure)");
    public static final Setting<Duration> MANAGESIEVE_AUTH_FAILURE_DELAY = Setting.of("managesieve.authFailureDelay", SettingType.DURATION,
            Duration.ofSeconds(2), "Delay before answering a failed ManageSieve login");
    public static final Setting<Integer> MANAGESIEVE_AUTH_FAILURE_LIMIT = Setting.integer("managesieve.authFailureLimit", 0, 1_000_000, 10,
            "Failed ManageSieve logins per client address and user in 15 minutes before further attempts are refused; 0 = no limit");

    public static final Setting<String> SOCKETMAP_HOST = Setting.string("socketmap.host", "127.0.0.1",
            "Address the Postfix socketmap service binds to; it answers anyone who connects, so keep it on loopback or a trusted network");
    public static final Setting<Integer> SOCKETMAP_PORT = Setting.port("socketmap.port", 10040,
            "Postfix socketmap port (maps domains, mailboxes, aliases, senders; docs/mta.md); 0 = any free port");
    public static final Setting<Integer> SOCKETMAP_MAX_CONNECTIONS = Setting.integer("socketmap.maxConnections", 1, 1_000_000, 200,
            "Concurrent socketmap connections; more are refused with a TEMP reply");
    public static final Setting<Integer> SOCKETMAP_MAX_REQUEST_LENGTH = Setting.integer("socketmap.maxRequestLength", 64, 1 << 20, 4096,
            "Longest socketmap request (map name and key) in bytes; a longer one is answered PERM and the connection closed before it is read");
    public static final Setting<Duration> SOCKETMAP_IDLE_TIMEOUT = Setting.of("socketmap.idleTimeout", SettingType.DURATION,
            Duration.ofMinutes(5), "A socketmap connection with no request for this long is closed (Postfix reconnects)");
    public static final Setting<Duration> SOCKETMAP_LOOKUP_TIMEOUT = Setting.of("socketmap.lookupTimeout", SettingType.DURATION,
            Duration.ofSeconds(5), "Longest wait for the store on one lookup; then TEMP, so Postfix defers the mail instead of refusing it");

    public static final Setting<String> POLICY_HOST = Setting.string("policy.host", "127.0.0.1",
            "Address the Postfix policy service binds to; keep it on loopback or a trusted network");
    public static final Setting<Integer> POLICY_PORT = Setting.port("policy.port", 10041,
            "Postfix SMTP access policy port (check_policy_service; refuses full or disabled mailboxes at RCPT); 0 = any free port");
    public static final Setting<Integer> POLICY_MAX_CONNECTIONS = Setting.integer("policy.maxConnections", 1, 1_000_000, 200,
            "Concurrent policy connections; more are answered with a temporary refusal and closed");
    public static final Setting<Integer> POLICY_MAX_LINE_LENGTH = Setting.integer("policy.maxLineLength", 256, 1 << 20, 4096,
            "Longest attribute line of a policy request in bytes; a longer one is answered with a temporary refusal and the connection closed");
    public static final Setting<Integer> POLICY_MAX_ATTRIBUTES = Setting.integer("policy.maxAttributes", 8, 10_000, 200,
            "Most attributes in one policy request; more are answered with a temporary refusal and the connection closed");
    public static final Setting<Duration> POLICY_IDLE_TIMEOUT = Setting.of("policy.idleTimeout", SettingType.DURATION,
            Duration.ofMinutes(5), "A policy connection with no request for this long is closed (Postfix reconnects)");
    public static final Setting<Duration> POLICY_LOOKUP_TIMEOUT = Setting.of("policy.lookupTimeout", SettingType.DURATION,
            Duration.ofSeconds(5), "Longest wait for the store on one request; then DEFER_IF_PERMIT (a temporary 450)");

    public static final Setting<String> API_HOST = Setting.string("api.host", "0.0.0.0",
            "Address the REST API binds to; without api.accessToken or api.operatorTokens it binds to 127.0.0.1 whatever this says");
    public static final Setting<Integer> API_PORT = Setting.port("api.port", 8080,
            "REST API port; 0 = any free port");
    public static final Setting<String> API_ACCESS_TOKEN = Setting.secret("api.accessToken",
            "Root access token for the REST API; empty (and no api.operatorTokens) = the API is reachable from loopback only, without a token");
    public static final Setting<Duration> API_TOKEN_TTL = Setting.of("api.tokenTtl", SettingType.DURATION,
            Duration.ofHours(12), "How long a user token from POST /authenticate stays valid; DELETE /authenticate revokes it sooner");
    public static final Setting<Integer> API_AUTH_FAILURE_LIMIT = Setting.integer("api.authFailureLimit", 1, 1_000_000, 10,
            "Failed POST /authenticate attempts for one user from one address in 15 minutes before further attempts are answered 429");
    public static final Setting<List<String>> API_OPERATOR_TOKENS = Setting.list("api.operatorTokens", List.of(), List.of(),
            "Access tokens for operators, each \"name:role:sha256:<hex>\" with role root or read-only (GET routes only) and the SHA-256 of the token in hex (printf %s TOKEN | sha256sum), so this file holds no usable token; any of them opens the API beyond loopback like api.accessToken");
    public static final Setting<String> API_TOTP_ISSUER = Setting.string("api.totpIssuer", "Gannet",
            "Issuer shown by authenticator apps for a TOTP seed from POST /users/{user}/2fa/totp/setup, unless the request names one");
    public static final Setting<String> API_TOTP_KEY = Setting.secret("api.totpKey",
            "Secret that TOTP seeds are encrypted with at rest (AES-256-GCM under its SHA-256); empty = seeds are stored as they are; seeds stored before it was set still work, but changing it breaks every seed sealed with the old one");
    public static final Setting<Integer> API_TOTP_FAILURE_LIMIT = Setting.integer("api.totpFailureLimit", 1, 1_000, 6,
            "TOTP codes tried (enable or check) for one user in 15 minutes without a right one before further codes are answered 429; each counts before it is checked, so codes sent in parallel count too and six digits cannot be tried through");
    public static final Setting<Long> API_MAX_BODY_BYTES = Setting.of("api.maxBodyBytes", SettingType.SIZE,
            1L << 20, "Largest JSON request body the REST API reads, in bytes; uploaded messages are limited by store.maxMessageBytes");
    public static final Setting<Integer> API_MAX_PAGE_SIZE = Setting.integer("api.maxPageSize", 1, 10_000, 250,
            "Largest page (the limit parameter) a REST API list answers");
    public static final Setting<List<String>> API_SELF_SERVICE_DOMAINS = Setting.list("api.selfServiceDomains",
            List.of(), List.of(),
            "Domains in which a user token may add addresses to its own account (never a catch-all, a reserved or a taken address); empty = none, only root adds addresses");
    public static final Setting<List<String>> API_RESERVED_LOCAL_PARTS = Setting.list("api.reservedLocalParts",
            List.of(), List.of("postmaster", "abuse", "hostmaster", "webmaster", "admin", "administrator", "root",
                    "mailer-daemon", "noc", "security", "ssl-admin", "info", "support", "sales", "marketing",
                    "usenet", "news", "uucp", "ftp", "www", "nobody", "noreply", "no-reply"),
            "Local parts a user token may never add in any domain, nor their +tag forms: role addresses (RFC 2142), those certificate authorities mail to prove a domain, mailer-daemon, root; only root adds them");

    public static final Setting<String> API_WEBAUTHN_RP_ID = Setting.string("api.webauthnRpId", "",
            "WebAuthn relying party id (a domain, e.g. example.com) that security keys are registered for; empty = the host of the first of api.webauthnOrigins");
    public static final Setting<String> API_WEBAUTHN_RP_NAME = Setting.string("api.webauthnRpName", "Gannet",
            "WebAuthn relying party name that an authenticator may show while registering");
    public static final Setting<List<String>> API_WEBAUTHN_ORIGINS = Setting.list("api.webauthnOrigins",
            List.of(), List.of(),
            "Web origins (e.g. https://mail.example.com) from which WebAuthn registration and authentication are accepted, each within api.webauthnRpId; empty = the WebAuthn routes answer 400");
    public static final Setting<Duration> API_WEBAUTHN_CHALLENGE_TTL = Setting.of("api.webauthnChallengeTtl",
            SettingType.DURATION, Duration.ofMinutes(5),
            "How long a WebAuthn registration or authentication challenge may be answered (once)");

    public static final Setting<Integer> SUBMIT_RECIPIENTS_PER_DAY = Setting.integer("submit.recipientsPerDay", 1, 100_000_000,
            2000, "Recipients a user may send to through the API in 24 hours (POST /users/{user}/submit, draft submit, forward), unless the user's own recipients field says otherwise; past it the API answers 403 RateLimitedError and queues nothing");
    public static final Setting<Integer> SUBMIT_MAX_RECIPIENTS = Setting.integer("submit.maxRecipients", 1, 10_000, 100,
            "Most envelope recipients one submitted message may have");
    public static final Setting<String> DKIM_KEY_SECRET = Setting.secret("dkim.keySecret",
            "Secret that DKIM private keys are encrypted with at rest (AES-256-GCM under its SHA-256); empty = keys are stored as they are; keys stored before it was set still sign, but changing it makes every key sealed with the old one unusable");

    public static final Setting<String> TLS_CERT = Setting.string("tls.cert", "",
            "PEM certificate chain file; empty = a self-signed certificate generated into store.dataDir/tls");
    public static final Setting<String> TLS_KEY = Setting.string("tls.key", "",
            "PEM private key file (PKCS#8 or PKCS#1) for tls.cert");
    public static final Setting<List<String>> TLS_PROTOCOLS = Setting.list("tls.protocols",
            List.of("TLSv1.2", "TLSv1.3"), List.of("TLSv1.2", "TLSv1.3"),
            "TLS versions offered on every TLS port and STARTTLS, any of TLSv1.2, TLSv1.3 (e.g. [\"TLSv1.3\"] refuses TLS 1.2 clients)");
    public static final Setting<List<String>> TLS_CIPHERS = Setting.list("tls.ciphers", List.of(),
            List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            "Cipher suites offered (TLS 1.3 and 1.2 alike), by their IANA names as Java spells them; the client's preference picks among them");

    public static final Setting<Duration> TASKS_JOURNAL_TRIM_INTERVAL = Setting.of("tasks.journalTrimInterval",
            SettingType.DURATION, Duration.ofHours(1), "How often journal entries older than store.journalRetention are removed");
    public static final Setting<Duration> TASKS_BLOB_GC_INTERVAL = Setting.of("tasks.blobGcInterval",
            SettingType.DURATION, Duration.ofHours(1), "How often attachment blobs that nothing refers to are collected");
    public static final Setting<Duration> TASKS_QUOTA_RECOUNT_INTERVAL = Setting.of("tasks.quotaRecountInterval",
            SettingType.DURATION, Duration.ofDays(1), "How often every user's storage use is recounted to repair drift");

    public static final Setting<Duration> TASKS_PURGE_INTERVAL = Setting.of("tasks.purgeInterval",
            SettingType.DURATION, Duration.ofMinutes(1), "How often expunged messages past store.expungedRetention are deleted for good");
    public static final Setting<Duration> TASKS_REPAIR_INTERVAL = Setting.of("tasks.repairInterval",
            SettingType.DURATION, Duration.ofMinutes(10),
            "How often crashed store operations (mailbox renames and deletes, expunges, moves, user deletes) are finished or undone");
    public static final Setting<Duration> TASKS_CHECK_INTERVAL = Setting.of("tasks.checkInterval",
            SettingType.DURATION, Duration.ofDays(1),
            "How often the whole store is checked for what a crash can leave (attachment counts, orphaned message documents)");

    public static final Setting<Duration> TASKS_AUTHLOG_TRIM_INTERVAL = Setting.of("tasks.authlogTrimInterval",
            SettingType.DURATION, Duration.ofHours(1), "How often auth log events older than auth.logRetention are removed");

    public static final Setting<String> OUTBOUND_RELAY = Setting.string("outbound.relay", "",
            "Relay the tasks role sends queued mail (forwards, autoreplies, bounces, submissions) through, as smtp://host:port; empty = queued mail waits unsent");
    public static final Setting<String> OUTBOUND_STARTTLS = Setting.of("outbound.starttls",
            SettingType.oneOf(List.of("required", "opportunistic", "off")), "opportunistic",
            "STARTTLS to the relay: required (no TLS, no sending), opportunistic (when offered) or off");
    public static final Setting<String> OUTBOUND_CA_FILE = Setting.string("outbound.caFile", "",
            "PEM file of the CA certificates that may sign the relay's certificate (its name is checked); empty = Java's default trust store");
    public static final Setting<String> OUTBOUND_USERNAME = Setting.string("outbound.username", "",
            "User name for SMTP AUTH at the relay; empty = no authentication");
    public static final Setting<String> OUTBOUND_PASSWORD = Setting.secret("outbound.password",
            "Password for SMTP AUTH at the relay (never logged)");
    public static final Setting<Duration> OUTBOUND_TIMEOUT = Setting.of("outbound.timeout", SettingType.DURATION,
            Duration.ofSeconds(60), "Time limit for connecting to the relay and for each of its replies");
    public static final Setting<Duration> OUTBOUND_POLL_INTERVAL = Setting.of("outbound.pollInterval",
            SettingType.DURATION, Duration.ofSeconds(5), "How often the tasks role looks for queued mail that is due (it also wakes when this node queues a message)");
    public static final Setting<Duration> OUTBOUND_LEASE = Setting.of("outbound.lease", SettingType.DURATION,
            Duration.ofMinutes(10), "How long a node's claim on a message it is sending lasts; must exceed a whole SMTP transaction, after it another node may retry");
    public static final Setting<Integer> OUTBOUND_CONCURRENCY = Setting.integer("outbound.concurrency", 1, 64, 4,
            "Messages one node sends to the relay at the same time");
    public static final Setting<Duration> OUTBOUND_RETRY_INITIAL = Setting.of("outbound.retryInitial",
            SettingType.DURATION, Duration.ofMinutes(5), "Wait after the first temporary failure (4xx, no connection); it doubles with each further attempt");
    public static final Setting<Duration> OUTBOUND_RETRY_MAX = Setting.of("outbound.retryMax", SettingType.DURATION,
            Duration.ofHours(4), "Longest wait between two attempts");
    public static final Setting<Duration> OUTBOUND_MAX_QUEUE_TIME = Setting.of("outbound.maxQueueTime",
            SettingType.DURATION, Duration.ofDays(5), "A message still not delivered this long after it was queued fails with a DSN to its sender");
    public static final Setting<String> OUTBOUND_HOSTNAME = Setting.string("outbound.hostname", "",
            "Name used in EHLO to the relay and as Reporting-MTA in DSNs; empty = hostname");
    public static final Setting<String> OUTBOUND_SRS_DOMAIN = Setting.string("outbound.srsDomain", "",
            "Domain of SRS0 envelope senders of forwarded mail (it must point its MX at this server); empty = forwards keep the original sender");
    public static final Setting<String> OUTBOUND_SRS_SECRET = Setting.secret("outbound.srsSecret",
            "Secret of the SRS0 hash (HMAC-SHA1); required with outbound.srsDomain, the same on every node");
    public static final Setting<Duration> OUTBOUND_SRS_MAX_AGE = Setting.of("outbound.srsMaxAge", SettingType.DURATION,
            Duration.ofDays(21), "How long a bounce to an SRS0 address is accepted after the forward");

    public static final Setting<Duration> SHUTDOWN_GRACE = Setting.of("shutdown.grace", SettingType.DURATION,
            Duration.ofSeconds(10), "On SIGTERM, how long in-flight commands may run before connections are closed");

    public static final Setting<Integer> RULES_FORWARDS_PER_DAY = Setting.integer("rules.forwardsPerDay", 1, 1_000_000, 2000,
            "Messages a user (forwarding targets, filter forwards and Sieve redirects together) or a forwarded address may forward per day when its own forwards field (WildDuck's) is 0; past it nothing is queued and this is logged, the message is still stored for a user");
    public static final Setting<Integer> RULES_AUTOREPLY_DAYS = Setting.integer("rules.autoreplyDays", 1, 365, 1,
            "An autoreply (PUT /users/{user}/autoreply) answers each sender at most once per this many days (Sieve vacation :days)");
    public static final Setting<Integer> RULES_APPLY_LIMIT = Setting.integer("rules.applyLimit", 1, 100_000, 500,
            "Most messages one POST /users/{user}/mailboxes/{mailbox}/filter request runs the user's filters on; the answer's next continues");

    public static final Setting<String> LOG_LEVEL = Setting.of("log.level",
            SettingType.oneOf(List.of("error", "warn", "info", "debug", "trace")), "info",
            "Level of Gannet's own log lines: error, warn, info, debug or trace");

    private static final List<Setting<?>> ALL = List.of(
            HOSTNAME, ROLES,
            STORE_DATA_DIR, STORE_CACHE_MB,
            STORE_DEDUP_BYTES, STORE_MAX_MESSAGE_BYTES, STORE_JOURNAL_RETENTION, STORE_JOURNAL_GAP_WAIT, BLOB_GC_GRACE,
            STORE_EXPUNGED_RETENTION, STORE_REPAIR_GRACE,
            AUTH_HASH_MEMORY_KIB, AUTH_HASH_ITERATIONS, AUTH_ADDRESS_FAILURE_LIMIT, AUTH_ADDRESS_FAILURE_WINDOW,
            AUTH_LOG_RETENTION,
            PLUGINS_DIR, PLUGINS_TIMEOUT,
            MONGO_URI, MONGO_DATABASE,
            REDIS_URI,
            IMAP_HOST, IMAP_PORT, IMAP_TLS_PORT, IMAP_MAX_CONNECTIONS, IMAP_MAX_CONNECTIONS_PER_USER,
            IMAP_MAX_LINE_LENGTH, IMAP_APPEND_LIMIT, IMAP_METADATA_MAX_SIZE, IMAP_METADATA_MAX_ENTRIES, IMAP_LITERAL_PLUS,
            IMAP_APPEND_MAX_LITERALS, IMAP_APPEND_MAX_BYTES, IMAP_AUTOLOGOUT, IMAP_IDLE_KEEPALIVE, IMAP_AUTH_FAILURE_DELAY,
            IMAP_AUTH_FAILURE_LIMIT, IMAP_AUTH_FAILURE_WINDOW, IMAP_ALLOW_PLAINTEXT_AUTH,
            POP3_HOST, POP3_PORT, POP3_TLS_PORT, POP3_MAX_CONNECTIONS, POP3_ALLOW_PLAINTEXT_AUTH, POP3_MAX_LINE_LENGTH,
            POP3_IDLE_TIMEOUT, POP3_MAX_MESSAGES, POP3_DELETE_ACTION, POP3_MARK_SEEN, POP3_LOCK_LEASE,
            POP3_AUTH_FAILURE_DELAY, POP3_AUTH_FAILURE_LIMIT,
            LMTP_HOST, LMTP_PORT, LMTP_MAX_MESSAGE_SIZE, LMTP_MAX_RECIPIENTS, LMTP_MAX_LINE_LENGTH, LMTP_IDLE_TIMEOUT,
            LMTP_MAX_CONNECTIONS, LMTP_STORE_TIMEOUT, LMTP_SPOOL_THRESHOLD, LMTP_OVER_QUOTA_TEMPORARY, LMTP_SPAM_HEADERS,
            RSPAMD_ENABLED, RSPAMD_URL, RSPAMD_TIMEOUT, RSPAMD_PASSWORD, RSPAMD_SPAM_ACTIONS, RSPAMD_MAX_SCAN_SIZE,
            RULES_FORWARDS_PER_DAY, RULES_AUTOREPLY_DAYS, RULES_APPLY_LIMIT,
            SIEVE_MAX_SCRIPT_SIZE, SIEVE_MAX_ACTIONS, SIEVE_MAX_REDIRECTS, SIEVE_MAX_STEPS, SIEVE_MAX_INCLUDE_DEPTH,
            SIEVE_MAX_BODY_BYTES, SIEVE_VACATION_MIN_PERIOD, SIEVE_VACATION_DEFAULT_PERIOD, SIEVE_GLOBAL_DIR,
            MANAGESIEVE_HOST, MANAGESIEVE_PORT, MANAGESIEVE_MAX_CONNECTIONS, MANAGESIEVE_MAX_LINE_LENGTH,
            MANAGESIEVE_MAX_SCRIPT_SIZE, MANAGESIEVE_IDLE_TIMEOUT, MANAGESIEVE_ALLOW_PLAINTEXT_AUTH,
            MANAGESIEVE_AUTH_FAILURE_DELAY, MANAGESIEVE_AUTH_FAILURE_LIMIT,
            SOCKETMAP_HOST, SOCKETMAP_PORT, SOCKETMAP_MAX_CONNECTIONS, SOCKETMAP_MAX_REQUEST_LENGTH, SOCKETMAP_IDLE_TIMEOUT,
            SOCKETMAP_LOOKUP_TIMEOUT,
            POLICY_HOST, POLICY_PORT, POLICY_MAX_CONNECTIONS, POLICY_MAX_LINE_LENGTH, POLICY_MAX_ATTRIBUTES,
            POLICY_IDLE_TIMEOUT, POLICY_LOOKUP_TIMEOUT,
            API_HOST, API_PORT, API_ACCESS_TOKEN, API_TOKEN_TTL, API_AUTH_FAILURE_LIMIT, API_OPERATOR_TOKENS, API_TOTP_ISSUER,
            API_TOTP_KEY, API_TOTP_FAILURE_LIMIT, API_MAX_BODY_BYTES, API_MAX_PAGE_SIZE,
            API_SELF_SERVICE_DOMAINS, API_RESERVED_LOCAL_PARTS,
            API_WEBAUTHN_RP_ID, API_WEBAUTHN_RP_NAME, API_WEBAUTHN_ORIGINS, API_WEBAUTHN_CHALLENGE_TTL,
            SUBMIT_RECIPIENTS_PER_DAY, SUBMIT_MAX_RECIPIENTS,
            DKIM_KEY_SECRET,
            TLS_CERT, TLS_KEY, TLS_PROTOCOLS, TLS_CIPHERS,
            TASKS_JOURNAL_TRIM_INTERVAL, TASKS_BLOB_GC_INTERVAL, TASKS_QUOTA_RECOUNT_INTERVAL,
            TASKS_PURGE_INTERVAL, TASKS_REPAIR_INTERVAL, TASKS_CHECK_INTERVAL, TASKS_AUTHLOG_TRIM_INTERVAL,
            OUTBOUND_RELAY, OUTBOUND_STARTTLS, OUTBOUND_CA_FILE, OUTBOUND_USERNAME, OUTBOUND_PASSWORD, OUTBOUND_TIMEOUT,
            OUTBOUND_POLL_INTERVAL, OUTBOUND_LEASE, OUTBOUND_CONCURRENCY, OUTBOUND_RETRY_INITIAL, OUTBOUND_RETRY_MAX,
            OUTBOUND_MAX_QUEUE_TIME, OUTBOUND_HOSTNAME, OUTBOUND_SRS_DOMAIN, OUTBOUND_SRS_SECRET, OUTBOUND_SRS_MAX_AGE,
            SHUTDOWN_GRACE,
            LOG_LEVEL);

    private static final Map<String, Setting<?>> BY_KEY = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(Setting::key, Function.identity()));

    private Settings() {
    }

    public static List<Setting<?>> all() {
        return ALL;
    }

    public static Setting<?> byKey(String key) {
        return BY_KEY.get(key);
    }

    /** The listener port settings, which the test harness sets to 0. */
    public static Stream<Setting<Integer>> ports() {
        return Stream.of(IMAP_PORT, IMAP_TLS_PORT, POP3_PORT, POP3_TLS_PORT, LMTP_PORT, API_PORT, MANAGESIEVE_PORT,
                SOCKETMAP_PORT, POLICY_PORT);
    }
}

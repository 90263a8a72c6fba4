package dev.gannet.imap.command;

import java.util.List;
import java.util.Map;

/**
 * A parsed IMAP command (RFC 3501 §6 and extensions): one record per command, carrying its tag and typed
 * arguments, never raw tokens. The records live together here because a sealed interface in an unnamed
 * module may only permit classes of its own package; each command's parser and handler live in
 * {@code command.<name>}.
 */
public sealed interface ImapCommand {

    String tag();

    Kind kind();

    record Capability(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.CAPABILITY;
        }
    }

    record Noop(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.NOOP;
        }
    }

    record Logout(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.LOGOUT;
        }
    }

    record StartTls(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.STARTTLS;
        }
    }

    /** RFC 3501 §6.2.3. The password is hidden from {@code toString}. */
    record Login(String tag, String username, String password) implements ImapCommand {
        public Kind kind() {
            return Kind.LOGIN;
        }

        @Override
        public String toString() {
            return "Login[tag=" + tag + ", username=" + username + ", password=***]";
        }
    }

    /** RFC 3501 §6.2.2 with the RFC 4959 initial response (null when absent, "" for {@code =}). */
    record Authenticate(String tag, String mechanism, String initialResponse) implements ImapCommand {
        public Kind kind() {
            return Kind.AUTHENTICATE;
        }

        @Override
        public String toString() {
            return "Authenticate[tag=" + tag + ", mechanism=" + mechanism + "]";
        }
    }

    /** RFC 2971; {@code fields} is empty for NIL. */
    record Id(String tag, Map<String, String> fields) implements ImapCommand {
        public Kind kind() {
            return Kind.ID;
        }
    }

    /** RFC 5161. */
    record Enable(String tag, List<String> extensions) implements ImapCommand {
        public Kind kind() {
            return Kind.ENABLE;
        }
    }

    record Namespace(String tag) implements ImapCommand {
        public Kind kind() {
            return Kind.NAMESPACE;
        }
    }
}

package dev.gannet.managesieve.protocol;

import java.util.Optional;

/** A parsed ManageSieve command (RFC 5804 §2); handlers never see tokens, the parser never sees the session. */
public sealed interface SieveCommand {

    Verb verb();

    /** §2.1; {@code initialResponse} is the SASL initial response, still base64. */
    record Authenticate(String mechanism, Optional<String> initialResponse) implements SieveCommand {
        public Verb verb() {
            return Verb.AUTHENTICATE;
        }

        @Override
        public String toString() {
            return "Authenticate[" + mechanism + (initialResponse.isPresent() ? ", ***]" : "]");
        }
    }

    record StartTls() implements SieveCommand {
        public Verb verb() {
            return Verb.STARTTLS;
        }
    }

    record Logout() implements SieveCommand {
        public Verb verb() {
            return Verb.LOGOUT;
        }
    }

    record Capability() implements SieveCommand {
        public Verb verb() {
            return Verb.CAPABILITY;
        }
    }

    /** §2.13; the optional tag is echoed in a {@code TAG} response code. */
    record Noop(Optional<String> tag) implements SieveCommand {
        public Verb verb() {
            return Verb.NOOP;
        }
    }

    record HaveSpace(String name, long size) implements SieveCommand {
        public Verb verb() {
            return Verb.HAVESPACE;
        }
    }

    record PutScript(String name, String script) implements SieveCommand {
        public Verb verb() {
            return Verb.PUTSCRIPT;
        }

        @Override
        public String toString() {
            return "PutScript[" + name + ", " + script.length() + " chars]";
        }
    }

    record ListScripts() implements SieveCommand {
        public Verb verb() {
            return Verb.LISTSCRIPTS;
        }
    }

    /** §2.8; an empty name deactivates every script. */
    record SetActive(String name) implements SieveCommand {
        public Verb verb() {
            return Verb.SETACTIVE;
        }
    }

    record GetScript(String name) implements SieveCommand {
        public Verb verb() {
            return Verb.GETSCRIPT;
        }
    }

    record DeleteScript(String name) implements SieveCommand {
        public Verb verb() {
            return Verb.DELETESCRIPT;
        }
    }

    record RenameScript(String from, String to) implements SieveCommand {
        public Verb verb() {
            return Verb.RENAMESCRIPT;
        }
    }

    record CheckScript(String script) implements SieveCommand {
        public Verb verb() {
            return Verb.CHECKSCRIPT;
        }

        @Override
        public String toString() {
            return "CheckScript[" + script.length() + " chars]";
        }
    }

    record Unauthenticate() implements SieveCommand {
        public Verb verb() {
            return Verb.UNAUTHENTICATE;
        }
    }
}

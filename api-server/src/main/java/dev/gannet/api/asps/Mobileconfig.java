package dev.gannet.api.asps;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * An Apple configuration profile ({@code .mobileconfig}, an XML property list) with one
 * {@code com.apple.mail.managed} payload: the IMAP (or POP3) account with the application-specific password
 * as its password, as Apple's "Configuration Profile Reference" describes the keys. Unsigned, unlike
 * WildDuck's; the device shows it as not verified.
 */
final class Mobileconfig {

    /** Where the profile points the device. */
    record Account(String displayName, String address, String accountName, String username, String password,
            boolean imap, String host, int port, boolean ssl, String identifier) {
        @Override
        public String toString() {
            return "Account[username=" + username + ", password=***]";
        }
    }

    private Mobileconfig() {
    }

    /** The profile, base64 as WildDuck's {@code mobileconfig} field carries it. */
    static String base64(Account a) {
        return Base64.getEncoder().encodeToString(xml(a).getBytes(StandardCharsets.UTF_8));
    }

    static String xml(Account a) {
        StringBuilder mail = new StringBuilder();
        key(mail, "PayloadType", "com.apple.mail.managed");
        integer(mail, "PayloadVersion", 1);
        key(mail, "PayloadIdentifier", a.identifier() + ".mail");
        key(mail, "PayloadUUID", UUID.randomUUID().toString().toUpperCase());
        key(mail, "PayloadDisplayName", "Email Account");
        key(mail, "EmailAccountDescription", a.displayName());
        key(mail, "EmailAccountName", a.accountName());
        key(mail, "EmailAccountType", a.imap() ? "EmailTypeIMAP" : "EmailTypePOP");
        key(mail, "EmailAddress", a.address());
        key(mail, "IncomingMailServerAuthentication", "EmailAuthPassword");
        key(mail, "IncomingMailServerHostName", a.host());
        integer(mail, "IncomingMailServerPortNumber", a.port());
        bool(mail, "IncomingMailServerUseSSL", a.ssl());
        key(mail, "IncomingMailServerUsername", a.username());
        key(mail, "IncomingPassword", a.password());
        key(mail, "OutgoingMailServerAuthentication", "EmailAuthPassword");
        key(mail, "OutgoingMailServerHostName", a.host());
        integer(mail, "OutgoingMailServerPortNumber", 587);
        bool(mail, "OutgoingMailServerUseSSL", false);
        key(mail, "OutgoingMailServerUsername", a.username());
        bool(mail, "OutgoingPasswordSameAsIncomingPassword", true);
        bool(mail, "PreventMove", false);
        bool(mail, "SMIMEEnabled", false);

        StringBuilder top = new StringBuilder();
        top.append("<key>PayloadContent</key>\n<array>\n<dict>\n").append(mail).append("</dict>\n</array>\n");
        key(top, "PayloadType", "Configuration");
        integer(top, "PayloadVersion", 1);
        key(top, "PayloadIdentifier", a.identifier());
        key(top, "PayloadUUID", UUID.randomUUID().toString().toUpperCase());
        key(top, "PayloadDisplayName", a.displayName());
        key(top, "PayloadOrganization", "Gannet");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n"
                + "<plist version=\"1.0\">\n<dict>\n" + top + "</dict>\n</plist>\n";
    }

    private static void key(StringBuilder sb, String key, String value) {
        sb.append("<key>").append(key).append("</key>\n<string>").append(escape(value)).append("</string>\n");
    }

    private static void integer(StringBuilder sb, String key, int value) {
        sb.append("<key>").append(key).append("</key>\n<integer>").append(value).append("</integer>\n");
    }

    private static void bool(StringBuilder sb, String key, boolean value) {
        sb.append("<key>").append(key).append("</key>\n").append(value ? "<true/>" : "<false/>").append('\n');
    }

    /** XML text: the five specials escaped, characters XML 1.0 cannot carry dropped. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                            || c >= 0x10000) {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.toString();
    }
}

package dev.gannet.delivery.sieve;

import java.util.Locale;

/** The modifiers of {@code set} (RFC 5229 §4.1), applied from the highest precedence down. */
final class Variables {

    private Variables() {
    }

    static String modify(Ast.Args a, String value) {
        String v = value;
        if (a.has("lower")) {
            v = v.toLowerCase(Locale.ROOT);
        } else if (a.has("upper")) {
            v = v.toUpperCase(Locale.ROOT);
        }
        if (!v.isEmpty() && a.has("lowerfirst")) {
            v = v.substring(0, 1).toLowerCase(Locale.ROOT) + v.substring(1);
        } else if (!v.isEmpty() && a.has("upperfirst")) {
            v = v.substring(0, 1).toUpperCase(Locale.ROOT) + v.substring(1);
        }
        if (a.has("quotewildcard")) {
            v = v.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
        }
        if (a.has("quoteregex")) {
            v = v.replaceAll("([\\\\.^$*+?(){}\\[\\]|])", "\\\\$1");
        }
        if (a.has("length")) {
            v = Integer.toString(v.codePointCount(0, v.length()));
        }
        return v;
    }
}

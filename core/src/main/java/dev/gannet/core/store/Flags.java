package dev.gannet.core.store;

import dev.gannet.core.error.GannetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A message's flags: system flags plus keywords (RFC 3501 §2.3.2). Keywords keep the case they were first
 * given in, but two keywords that differ only in case are the same keyword, as IMAP matching is
 * case-insensitive; this record de-duplicates accordingly. Keywords are IMAP atoms without backslash.
 */
public record Flags(Set<Flag> system, List<String> keywords) {

    public static final Flags NONE = new Flags(EnumSet.noneOf(Flag.class), List.of());
    private static final String ATOM_SPECIALS = "(){ %*\"\\]";

    public Flags {
        system = system.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(system));
        Map<String, String> byLower = new LinkedHashMap<>();
        for (String k : keywords) {
            validateKeyword(k);
            byLower.putIfAbsent(k.toLowerCase(Locale.ROOT), k);
        }
        keywords = List.copyOf(byLower.values());
    }

    public static Flags of(Flag... flags) {
        return new Flags(flags.length == 0 ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(List.of(flags)), List.of());
    }

    /** Parses IMAP flag strings: {@code \Seen} etc. become system flags, atoms become keywords. */
    public static Flags parse(Collection<String> items) {
        EnumSet<Flag> sys = EnumSet.noneOf(Flag.class);
        List<String> kws = new ArrayList<>();
        for (String s : items) {
            if (s.startsWith("\\")) {
                Flag f = Flag.fromImap(s);
                if (f == null) {
                    throw GannetException.invalid("unknown or unsettable system flag " + s);
                }
                sys.add(f);
            } else {
                kws.add(s);
            }
        }
        return new Flags(sys, kws);
    }

    static void validateKeyword(String k) {
        if (k == null || k.isEmpty() || k.length() > 255) {
            throw GannetException.invalid("keyword must be 1..255 characters");
        }
        for (int i = 0; i < k.length(); i++) {
            char c = k.charAt(i);
            if (c <= 0x20 || c >= 0x7f || ATOM_SPECIALS.indexOf(c) >= 0) {
                throw GannetException.invalid("keyword is not an IMAP atom: " + k);
            }
        }
    }

    public boolean has(Flag f) {
        return system.contains(f);
    }

    /** Case-insensitive keyword test. */
    public boolean hasKeyword(String keyword) {
        for (String k : keywords) {
            if (k.equalsIgnoreCase(keyword)) {
                return true;
            }
        }
        return false;
    }

    public Flags plus(Flags other) {
        EnumSet<Flag> sys = copy(system);
        sys.addAll(other.system);
        List<String> kws = new ArrayList<>(keywords);
        kws.addAll(other.keywords);
        return new Flags(sys, kws);
    }

    public Flags minus(Flags other) {
        EnumSet<Flag> sys = copy(system);
        sys.removeAll(other.system);
        List<String> kws = new ArrayList<>();
        for (String k : keywords) {
            if (!other.hasKeyword(k)) {
                kws.add(k);
            }
        }
        return new Flags(sys, kws);
    }

    public Flags with(Flag f) {
        EnumSet<Flag> sys = copy(system);
        sys.add(f);
        return new Flags(sys, keywords);
    }

    /** Equal as IMAP sees it: same system flags, same keywords ignoring case. */
    public boolean sameAs(Flags other) {
        return system.equals(other.system) && keywords.size() == other.keywords.size()
                && keywords.stream().allMatch(other::hasKeyword);
    }

    /** All flags as IMAP strings, system flags first. */
    public List<String> toImap() {
        List<String> out = new ArrayList<>();
        for (Flag f : Flag.values()) {
            if (system.contains(f)) {
                out.add(f.imap());
            }
        }
        out.addAll(keywords);
        return out;
    }

    private static EnumSet<Flag> copy(Set<Flag> s) {
        return s.isEmpty() ? EnumSet.noneOf(Flag.class) : EnumSet.copyOf(s);
    }
}

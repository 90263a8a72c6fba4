package dev.gannet.delivery.sieve;

import java.util.List;
import java.util.Map;

/** The syntax tree of a validated script (RFC 5228 §8.2), arguments already split into tagged and positional. */
final class Ast {

    private Ast() {
    }

    /** One argument as written. */
    sealed interface Arg permits Tag, Num, Str {
        int line();
    }

    record Tag(String name, int line) implements Arg {
    }

    record Num(long value, int line) implements Arg {
    }

    /** A string or a string list; {@code list} is false for a single string. */
    record Str(List<String> values, boolean list, int line) implements Arg {
        Str {
            values = List.copyOf(values);
        }
    }

    /** Tagged arguments (a tag without a value maps to itself) and positional ones in order. */
    record Args(Map<String, Arg> tags, List<Arg> positional) {
        boolean has(String tag) {
            return tags.containsKey(tag);
        }

        String string(String tag) {
            return tags.get(tag) instanceof Str s ? s.values().get(0) : null;
        }

        List<String> strings(String tag) {
            return tags.get(tag) instanceof Str s ? s.values() : null;
        }

        Long number(String tag) {
            return tags.get(tag) instanceof Num n ? n.value() : null;
        }

        /** The first tag present among {@code names}, or null. */
        String first(String... names) {
            for (String n : names) {
                if (tags.containsKey(n)) {
                    return n;
                }
            }
            return null;
        }

        List<String> strings(int i) {
            return ((Str) positional.get(i)).values();
        }

        String string(int i) {
            return ((Str) positional.get(i)).values().get(0);
        }

        long number(int i) {
            return ((Num) positional.get(i)).value();
        }
    }

    record Test(String name, Args args, List<Test> tests, int line) {
    }

    /** A command; {@code block} is null when it ends with ';'. */
    record Command(String name, Args args, List<Test> tests, List<Command> block, int line) {
    }
}

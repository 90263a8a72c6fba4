package dev.gannet.delivery.sieve;

/**
 * The steps a run may still take, shared by every script of one delivery: each command, test and comparison
 * costs one, and every character a regular expression (or a :matches pattern) looks at costs one, so a
 * pathological pattern ends in a runtime error instead of a stuck delivery thread.
 */
final class Budget {

    private long left;
    int line;

    Budget(long steps) {
        this.left = steps;
    }

    void step(long n) {
        left -= n;
        if (left < 0) {
            throw new SieveRuntimeException(line, "the script ran out of its step budget");
        }
    }

    boolean exhausted() {
        return left <= 0;
    }

    /** After a script ran out, the next scripts (forwarding, autoreply) still get a small allowance. */
    void refill(long steps) {
        left = steps;
    }

    /** A view of {@code s} that charges one step per character read (regex engines read through charAt). */
    CharSequence metered(CharSequence s) {
        return new Metered(s, this);
    }

    private record Metered(CharSequence s, Budget budget) implements CharSequence {
        @Override
        public int length() {
            return s.length();
        }

        @Override
        public char charAt(int index) {
            budget.step(1);
            return s.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Metered(s.subSequence(start, end), budget);
        }

        @Override
        public String toString() {
            return s.toString();
        }
    }
}

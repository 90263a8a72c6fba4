package dev.gannet.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How one kind of setting is read from TOML or from text, checked, and written back as TOML. A value
 * that does not fit throws {@link InvalidValueException} with a reason that reads well after the key.
 */
public interface SettingType<T> {

    /** Converts a value that TOML parsing produced (String, Long, Double, Boolean, List). */
    T fromToml(Object value);

    /** Converts text from the environment or {@code --set}. */
    T fromText(String text);

    /** Renders a value as a TOML literal. */
    String toToml(T value);

    /** A value that does not fit the setting's type; the message is the reason, without the key. */
    final class InvalidValueException extends RuntimeException {
        public InvalidValueException(String message) {
            super(message);
        }
    }

    SettingType<String> STRING = new SettingType<>() {
        @Override
        public String fromToml(Object value) {
            if (value instanceof String s) {
                return s;
            }
            throw new InvalidValueException("expected a string, got " + describe(value));
        }

        @Override
        public String fromText(String text) {
            return text;
        }

        @Override
        public String toToml(String value) {
            return quote(value);
        }
    };

    SettingType<Boolean> BOOLEAN = new SettingType<>() {
        @Override
        public Boolean fromToml(Object value) {
            if (value instanceof Boolean b) {
                return b;
            }
            throw new InvalidValueException("expected true or false, got " + describe(value));
        }

        @Override
        public Boolean fromText(String text) {
            return switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw new InvalidValueException("expected true or false, got " + quote(text));
            };
        }

        @Override
        public String toToml(Boolean value) {
            return value.toString();
        }
    };

    /** A TCP port; 0 picks a free one. */
    SettingType<Integer> PORT = integer(0, 65535);

    /** A TCP port, 0 for a free one, or -1 to turn the listener off. */
    SettingType<Integer> OPTIONAL_PORT = integer(-1, 65535);

    /** Durations written as {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 7d}. */
    SettingType<Duration> DURATION = new SettingType<>() {
        private final Pattern form = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

        @Override
        public Duration fromToml(Object value) {
            if (value instanceof String s) {
                return fromText(s);
            }
            throw new InvalidValueException("expected a duration such as \"30s\", got " + describe(value));
        }

        @Override
        public Duration fromText(String text) {
            Matcher m = form.matcher(text.trim());
            if (!m.matches()) {
                throw new InvalidValueException("expected a duration such as \"500ms\", \"30s\", \"10m\", \"2h\" or \"7d\", got "
                        + quote(text));
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }

        @Override
        public String toToml(Duration value) {
            long ms = value.toMillis();
            if (ms % 86_400_000 == 0 && ms > 0) {
                return quote(ms / 86_400_000 + "d");
            } else if (ms % 3_600_000 == 0 && ms > 0) {
                return quote(ms / 3_600_000 + "h");
            } else if (ms % 60_000 == 0 && ms > 0) {
                return quote(ms / 60_000 + "m");
            } else if (ms % 1000 == 0) {
                return quote(ms / 1000 + "s");
            }
            return quote(ms + "ms");
        }
    };

    /** Byte sizes written as a number of bytes or with a unit: {@code 64KB}, {@code 25MB}, {@code 1GB} (powers of 1024). */
    SettingType<Long> SIZE = new SettingType<>() {
        private final Pattern form = Pattern.compile("(\\d{1,12})\\s*(B|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);

        @Override
        public Long fromToml(Object value) {
            if (value instanceof Long l && l >= 0) {
                return l;
            }
            if (value instanceof String s) {
                return fromText(s);
            }
            throw new InvalidValueException("expected a size such as \"25MB\", got " + describe(value));
        }

        @Override
        public Long fromText(String text) {
            Matcher m = form.matcher(text.trim());
            if (!m.matches()) {
                throw new InvalidValueException("expected a size such as \"64KB\", \"25MB\" or \"1GB\", got " + quote(text));
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT);
            return switch (unit) {
                case "KB" -> n << 10;
                case "MB" -> n << 20;
                case "GB" -> n << 30;
                default -> n;
            };
        }

        @Override
        public String toToml(Long value) {
            if (value > 0 && value % (1L << 30) == 0) {
                return quote((value >> 30) + "GB");
            } else if (value > 0 && value % (1L << 20) == 0) {
                return quote((value >> 20) + "MB");
            } else if (value > 0 && value % (1L << 10) == 0) {
                return quote((value >> 10) + "KB");
            }
            return value.toString();
        }
    };

    static SettingType<Integer> integer(int min, int max) {
        return new SettingType<>() {
            @Override
            public Integer fromToml(Object value) {
                if (value instanceof Long l) {
                    return check(l, value);
                }
                throw new InvalidValueException(range() + ", got " + describe(value));
            }

            @Override
            public Integer fromText(String text) {
                try {
                    return check(Long.parseLong(text.trim()), text);
                } catch (NumberFormatException e) {
                    throw new InvalidValueException(range() + ", got " + quote(text));
                }
            }

            private Integer check(long l, Object shown) {
                if (l < min || l > max) {
                    throw new InvalidValueException(range() + ", got " + shown);
                }
                return (int) l;
            }

            private String range() {
                return "expected an integer from " + min + " to " + max;
            }

            @Override
            public String toToml(Integer value) {
                return value.toString();
            }
        };
    }

    /** One of a fixed set of words, compared without regard to case. */
    static SettingType<String> oneOf(List<String> allowed) {
        return new SettingType<>() {
            @Override
            public String fromToml(Object value) {
                if (value instanceof String s) {
                    return fromText(s);
                }
                throw new InvalidValueException("expected one of " + String.join(", ", allowed) + ", got " + describe(value));
            }

            @Override
            public String fromText(String text) {
                String word = text.trim().toLowerCase(Locale.ROOT);
                if (!allowed.contains(word)) {
                    throw new InvalidValueException("expected one of " + String.join(", ", allowed) + ", got " + quote(text));
                }
                return word;
            }

            @Override
            public String toToml(String value) {
                return quote(value);
            }
        };
    }

    /** A list of strings; when {@code allowed} is not empty every element must be one of them. */
    static SettingType<List<String>> listOf(List<String> allowed) {
        return new SettingType<>() {
            @Override
            public List<String> fromToml(Object value) {
                if (!(value instanceof List<?> list)) {
                    throw new InvalidValueException("expected a list of strings, got " + describe(value));
                }
                List<String> out = new ArrayList<>();
                for (Object o : list) {
                    if (!(o instanceof String s)) {
                        throw new InvalidValueException("expected a list of strings, found " + describe(o));
                    }
                    out.add(check(s));
                }
                return List.copyOf(out);
            }

            @Override
            public List<String> fromText(String text) {
                List<String> out = new ArrayList<>();
                for (String part : text.split(",")) {
                    String s = part.trim();
                    if (!s.isEmpty()) {
                        out.add(check(s));
                    }
                }
                return List.copyOf(out);
            }

            private String check(String s) {
                if (!allowed.isEmpty() && !allowed.contains(s)) {
                    throw new InvalidValueException(quote(s) + " is not one of " + String.join(", ", allowed));
                }
                return s;
            }

            @Override
            public String toToml(List<String> value) {
                List<String> quoted = value.stream().map(SettingType::quote).toList();
                return "[" + String.join(", ", quoted) + "]";
            }
        };
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return "the string " + quote(s);
        } else if (value instanceof Long || value instanceof Double) {
            return "the number " + value;
        } else if (value instanceof Boolean) {
            return "the boolean " + value;
        } else if (value instanceof List<?>) {
            return "a list";
        } else if (value == null) {
            return "nothing";
        }
        return "a " + value.getClass().getSimpleName().toLowerCase(Locale.ROOT).replace("toml", "");
    }
}

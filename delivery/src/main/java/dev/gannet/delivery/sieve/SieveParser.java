package dev.gannet.delivery.sieve;

import dev.gannet.delivery.sieve.Ast.Arg;
import dev.gannet.delivery.sieve.Ast.Command;
import dev.gannet.delivery.sieve.Ast.Num;
import dev.gannet.delivery.sieve.Ast.Str;
import dev.gannet.delivery.sieve.Ast.Tag;
import dev.gannet.delivery.sieve.Ast.Test;
import dev.gannet.delivery.sieve.Token.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a script (RFC 5228 §8.2 grammar) into a validated {@link SieveScript}. {@code require} commands come
 * first; every later command and test is checked against the capabilities they name. Errors carry the line
 * they were found on ({@link SieveSyntaxException#line()}); this is what ManageSieve's CHECKSCRIPT and
 * PUTSCRIPT and the API call.
 */
public final class SieveParser {

    private final SieveLimits limits;
    private List<Token> tokens;
    private int pos;
    private int depth;
    private Validator validator;
    private final Set<String> required = new HashSet<>();

    private SieveParser(SieveLimits limits) {
        this.limits = limits;
    }

    /** Parses with the default limits. */
    public static SieveScript parse(String source) throws SieveSyntaxException {
        return parse(source, SieveLimits.defaults());
    }

    public static SieveScript parse(String source, SieveLimits limits) throws SieveSyntaxException {
        if (source.length() > limits.maxScriptBytes()
                || source.getBytes(StandardCharsets.UTF_8).length > limits.maxScriptBytes()) {
            throw new SieveSyntaxException(1, "script larger than " + limits.maxScriptBytes() + " bytes");
        }
        SieveParser p = new SieveParser(limits);
        p.tokens = Lexer.tokens(source);
        p.validator = new Validator(p.required, limits.maxRegexLength());
        List<Command> commands = p.commands(true);
        if (p.peek().type() != Type.EOF) {
            throw new SieveSyntaxException(p.peek().line(), "unexpected " + p.peek());
        }
        return new SieveScript(commands, p.required);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token take() {
        return tokens.get(pos++);
    }

    private Token expect(Type type, String what) throws SieveSyntaxException {
        Token t = peek();
        if (t.type() != type) {
            throw new SieveSyntaxException(t.line(), "expected " + what + " but found " + t);
        }
        return take();
    }

    private List<Command> commands(boolean top) throws SieveSyntaxException {
        List<Command> out = new ArrayList<>();
        boolean requireAllowed = top;
        String previous = null;
        while (peek().type() == Type.IDENTIFIER) {
            Command c = command(requireAllowed, previous);
            if (!c.name().equals("require")) {
                requireAllowed = false;
            }
            previous = c.name();
            out.add(c);
        }
        return out;
    }

    private Command command(boolean requireAllowed, String previous) throws SieveSyntaxException {
        Token id = take();
        String name = id.text();
        if (name.equals("require") && !requireAllowed) {
            throw new SieveSyntaxException(id.line(), "require must come before any other command");
        }
        if ((name.equals("elsif") || name.equals("else")) && !("if".equals(previous) || "elsif".equals(previous))) {
            throw new SieveSyntaxException(id.line(), name + " without a preceding if");
        }
        List<Arg> raw = arguments();
        List<Test> tests = new ArrayList<>();
        if (peek().type() == Type.IDENTIFIER) {
            tests.add(test());
        } else if (peek().type() == Type.LPAREN) {
            throw new SieveSyntaxException(peek().line(), "a command takes a single test, not a test list");
        }
        Ast.Args args = validator.command(name, raw, id.line());
        Grammar.Spec spec = Grammar.COMMANDS.get(name);
        if (spec.tests() == Grammar.Tests.ONE && tests.size() != 1) {
            throw new SieveSyntaxException(id.line(), "'" + name + "' needs a test");
        }
        if (spec.tests() == Grammar.Tests.NONE && !tests.isEmpty()) {
            throw new SieveSyntaxException(id.line(), "'" + name + "' takes no test");
        }
        if (name.equals("require")) {
            for (String cap : args.strings(0)) {
                if (!Grammar.CAPABILITIES.contains(cap)) {
                    throw new SieveSyntaxException(id.line(), "unsupported extension \"" + cap + "\"");
                }
                required.add(cap);
                if (cap.equals("ereject")) {
                    required.add("reject");
                }
            }
        }
        List<Command> block = null;
        if (spec.block()) {
            Token open = expect(Type.LBRACE, "'{'");
            if (++depth > limits.maxNesting()) {
                throw new SieveSyntaxException(open.line(), "blocks nested deeper than " + limits.maxNesting());
            }
            block = commands(false);
            depth--;
            expect(Type.RBRACE, "'}'");
        } else {
            expect(Type.SEMICOLON, "';'");
        }
        return new Command(name, args, tests, block, id.line());
    }

    private List<Arg> arguments() throws SieveSyntaxException {
        List<Arg> out = new ArrayList<>();
        while (true) {
            Token t = peek();
            switch (t.type()) {
                case TAG -> out.add(new Tag(take().text(), t.line()));
                case NUMBER -> out.add(new Num(take().number(), t.line()));
                case STRING -> out.add(new Str(List.of(take().text()), false, t.line()));
                case LBRACKET -> out.add(stringList());
                default -> {
                    return out;
                }
            }
        }
    }

    private Str stringList() throws SieveSyntaxException {
        Token open = take();
        List<String> values = new ArrayList<>();
        values.add(expect(Type.STRING, "a string").text());
        while (peek().type() == Type.COMMA) {
            take();
            values.add(expect(Type.STRING, "a string").text());
        }
        expect(Type.RBRACKET, "']'");
        return new Str(values, true, open.line());
    }

    private Test test() throws SieveSyntaxException {
        Token id = expect(Type.IDENTIFIER, "a test");
        if (++depth > limits.maxNesting()) {
            throw new SieveSyntaxException(id.line(), "tests nested deeper than " + limits.maxNesting());
        }
        List<Arg> raw = arguments();
        List<Test> tests = new ArrayList<>();
        if (peek().type() == Type.LPAREN) {
            take();
            tests.add(test());
            while (peek().type() == Type.COMMA) {
                take();
                tests.add(test());
            }
            expect(Type.RPAREN, "')'");
        } else if (peek().type() == Type.IDENTIFIER) {
            tests.add(test());
        }
        Ast.Args args = validator.test(id.text(), raw, id.line());
        Grammar.Tests want = Grammar.TESTS.get(id.text()).tests();
        if (want == Grammar.Tests.NONE && !tests.isEmpty()) {
            throw new SieveSyntaxException(id.line(), "test '" + id.text() + "' takes no nested test");
        }
        if (want == Grammar.Tests.ONE && tests.size() != 1) {
            throw new SieveSyntaxException(id.line(), "test '" + id.text() + "' takes exactly one test");
        }
        if (want == Grammar.Tests.LIST && tests.isEmpty()) {
            throw new SieveSyntaxException(id.line(), "test '" + id.text() + "' takes a list of tests");
        }
        depth--;
        return new Test(id.text(), args, tests, id.line());
    }
}

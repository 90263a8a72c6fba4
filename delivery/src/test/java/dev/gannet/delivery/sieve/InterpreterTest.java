package dev.gannet.delivery.sieve;

import static dev.gannet.delivery.sieve.Mail.actions;
import static dev.gannet.delivery.sieve.Mail.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gannet.delivery.rules.RuleScript;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InterpreterTest {

    private static final Action KEEP = new Action.Keep(Set.of());

    private static Action.FileInto into(String box) {
        return new Action.FileInto(box, Set.of(), false);
    }

    @Test
    void implicitKeepWhenNothingMatches() {
        assertThat(actions("if header :is \"subject\" \"nope\" { discard; }")).containsExactly(KEEP);
        assertThat(actions("")).containsExactly(KEEP);
    }

    @Test
    void headerMatchTypesAndComparators() {
        String s = "require \"fileinto\";\n";
        assertThat(actions(s + "if header :contains \"Subject\" \"WORLD\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if header :comparator \"i;octet\" :contains \"Subject\" \"WORLD\" { fileinto \"Work\"; }"))
                .containsExactly(KEEP);
        assertThat(actions(s + "if header :matches \"Subject\" \"Hel?o *\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if header :is \"subject\" \"hello world\" { fileinto \"Work\"; stop; } fileinto \"x\";"))
                .containsExactly(into("Work"));
        assertThat(actions("if exists [\"From\", \"Date\"] { discard; }")).containsExactly(new Action.Discard());
        assertThat(actions("if not exists \"X-None\" { discard; }")).containsExactly(new Action.Discard());
        assertThat(actions("if size :over 100K { discard; }")).containsExactly(KEEP);
        assertThat(actions("if size :under 100K { discard; }")).containsExactly(new Action.Discard());
        assertThat(actions("if allof (true, false) { discard; } elsif anyof (false, true) { keep; } else { discard; }"))
                .containsExactly(KEEP);
    }

    @Test
    void addressPartsAndSubaddress() {
        String s = "require [\"fileinto\", \"subaddress\", \"envelope\"];\n";
        assertThat(actions(s + "if address :domain \"to\" \"example.net\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if address :localpart :is \"from\" \"alice\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if address :detail \"to\" \"sieve\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if address :user \"to\" \"bob\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if envelope :detail \"to\" \"x\" { fileinto \"Work\"; }")).containsExactly(KEEP);
    }

    @Test
    void envelopeIsAbsentForStoredMessages() {
        String s = "require [\"envelope\", \"fileinto\"];\nif envelope :is \"from\" \"alice@example.org\" { fileinto \"Work\"; }";
        assertThat(run(s).actions()).containsExactly(into("Work"));
        assertThat(run(s, Mail.message(Mail.SIMPLE, null, null)).actions()).containsExactly(KEEP);
        assertThat(run("require \"envelope\"; if envelope :all :is \"from\" \"\" { discard; }",
                Mail.message(Mail.SIMPLE, "", "bob@example.com")).actions()).containsExactly(new Action.Discard());
    }

    @Test
    void copyKeepsTheImplicitKeep() {
        assertThat(actions("require [\"fileinto\", \"copy\"]; fileinto :copy \"Work\"; redirect :copy \"x@example.net\";"))
                .containsExactly(into("Work"), new Action.Redirect("x@example.net"), KEEP);
        assertThat(actions("redirect \"x@example.net\";")).containsExactly(new Action.Redirect("x@example.net"));
        assertThat(actions("require \"fileinto\"; fileinto \"Work\"; fileinto \"Work\"; keep; keep;"))
                .containsExactly(into("Work"), KEEP);
    }

    @Test
    void mailboxCreateAndExists() {
        assertThat(actions("require [\"fileinto\", \"mailbox\"]; if mailboxexists \"Work\" { fileinto :create \"New\"; }"))
                .containsExactly(new Action.FileInto("New", Set.of(), true));
        assertThat(actions("require [\"fileinto\", \"mailbox\"]; if mailboxexists [\"Work\", \"Nope\"] { discard; }"))
                .containsExactly(KEEP);
    }

    @Test
    void imap4flags() {
        assertThat(actions("require [\"imap4flags\", \"fileinto\"]; setflag \"\\\\seen\"; addflag [\"$Work\", \"\\\\Flagged\"];"
                + " removeflag \"\\\\Flagged\"; fileinto \"Work\"; fileinto :flags \"urgent\" \"Lists/gannet\";"
                + " if hasflag :contains \"work\" { keep; }"))
                .containsExactly(new Action.FileInto("Work", Set.of("\\Seen", "$Work"), false),
                        new Action.FileInto("Lists/gannet", Set.of("urgent"), false),
                        new Action.Keep(Set.of("\\Seen", "$Work")));
        // the implicit keep carries the internal flags too (RFC 5232 §5)
        assertThat(actions("require \"imap4flags\"; addflag \"\\\\Flagged\";")).containsExactly(new Action.Keep(Set.of("\\Flagged")));
        assertThat(actions("require [\"imap4flags\", \"variables\"]; set \"f\" \"\"; addflag \"f\" \"a b\"; addflag \"f\" \"A c\";"
                + " if hasflag \"f\" \"c\" { keep :flags \"${f}\"; }")).containsExactly(new Action.Keep(Set.of("a", "b", "c")));
    }

    @Test
    void variablesAndMatchCaptures() {
        assertThat(actions("require [\"fileinto\", \"variables\"];\n"
                + "if header :matches \"Subject\" \"* *\" { set :upperfirst \"box\" \"${2}\"; }\n"
                + "fileinto \"Lists/${box}\";")).containsExactly(into("Lists/World"));
        assertThat(actions("require [\"variables\", \"fileinto\"]; set :length \"n\" \"héllo\"; set :lower :upperfirst \"w\" \"WORK\";"
                + " if string :is \"${n}\" \"5\" { fileinto \"${w}\"; }")).containsExactly(into("Work"));
        assertThat(actions("require \"variables\"; set \"a\" \"*x?\"; set :quotewildcard \"b\" \"${a}\";"
                + " if string :is \"${b}\" \"\\\\*x\\\\?\" { discard; }")).containsExactly(new Action.Discard());
        // without "variables", ${..} is literal text
        assertThat(actions("require \"fileinto\"; fileinto \"${x}\";")).containsExactly(into("${x}"));
    }

    @Test
    void relational() {
        String s = "require [\"relational\", \"comparator-i;ascii-numeric\", \"fileinto\"];\n";
        assertThat(actions(s + "if header :value \"ge\" :comparator \"i;ascii-numeric\" \"X-Spam-Score\" \"5\" { fileinto \"Work\"; }"))
                .containsExactly(into("Work"));
        assertThat(actions(s + "if header :value \"gt\" :comparator \"i;ascii-numeric\" \"X-Spam-Score\" \"10\" { fileinto \"Work\"; }"))
                .containsExactly(KEEP);
        assertThat(actions(s + "if address :count \"eq\" :comparator \"i;ascii-numeric\" \"to\" \"2\" { fileinto \"Work\"; }"))
                .containsExactly(into("Work"));
        assertThat(actions(s + "if header :count \"gt\" :comparator \"i;ascii-numeric\" \"received\" \"0\" { fileinto \"Work\"; }"))
                .containsExactly(KEEP);
    }

    @Test
    void regexAndItsBudget() {
        assertThat(actions("require [\"regex\", \"variables\", \"fileinto\"];"
                + " if header :regex \"subject\" \"^hel+o (w[a-z]+)$\" { fileinto \"${1}\"; }")).containsExactly(into("world"));
        // a catastrophic pattern runs out of steps: a runtime error keeps the message
        String evil = "require \"regex\"; if header :regex \"subject\" \"(.*a){12}b\" { discard; }";
        SieveResult r = run(evil, Mail.message("Subject: " + "a".repeat(30) + "!\n\nx\n"));
        assertThat(r.actions()).containsExactly(KEEP);
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("step budget"));
    }

    @Test
    void body() {
        assertThat(actions("require \"body\"; if body :contains \"avocado\" { discard; }")).containsExactly(new Action.Discard());
        assertThat(actions("require \"body\"; if body :raw :contains \"banana\" { discard; }")).containsExactly(KEEP);
        String mime = "From: a@b.c\nSubject: x\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary=XX\n\n"
                + "--XX\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n" + java.util.Base64.getEncoder()
                .encodeToString("decoded banana text".getBytes()) + "\n--XX--\n";
        assertThat(run("require \"body\"; if body :text :contains \"banana\" { discard; }", Mail.message(mime)).actions())
                .containsExactly(new Action.Discard());
        assertThat(run("require \"body\"; if body :raw :contains \"banana\" { discard; }", Mail.message(mime)).actions())
                .containsExactly(KEEP);
    }

    @Test
    void dateAndCurrentdate() {
        String s = "require [\"date\", \"relational\", \"fileinto\"];\n";
        assertThat(actions(s + "if date :zone \"+0000\" \"date\" \"hour\" \"09\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if date :originalzone \"date\" \"zone\" \"+0100\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if date :originalzone \"date\" \"date\" \"2026-12-07\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if date :originalzone \"date\" \"weekday\" \"1\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if currentdate :value \"ge\" \"year\" \"2020\" { fileinto \"Work\"; }")).containsExactly(into("Work"));
        assertThat(actions(s + "if date \"x-missing\" \"year\" \"2026\" { fileinto \"Work\"; }")).containsExactly(KEEP);
    }

    @Test
    void rejectAndEreject() {
        assertThat(actions("require \"reject\"; reject \"go away\";")).containsExactly(new Action.Reject("go away", false));
        assertThat(actions("require \"ereject\"; ereject \"no\";")).containsExactly(new Action.Reject("no", true));
        SieveResult r = run("require [\"reject\", \"fileinto\"]; fileinto \"Work\"; reject \"x\";");
        assertThat(r.actions()).containsExactly(KEEP);
        assertThat(r.failures()).singleElement().satisfies(f -> assertThat(f.line()).isEqualTo(1));
    }

    @Test
    void vacationParameters() {
        List<Action> a = actions("require \"vacation\"; vacation :days 3 :subject \"Away\" :from \"me@example.com\""
                + " :addresses [\"bob@example.com\"] :handle \"h1\" \"I am away\";");
        assertThat(a).containsExactly(new Action.Vacation("I am away", false, "Away", "me@example.com",
                List.of("bob@example.com"), java.time.Duration.ofDays(3), "h1"), KEEP);
        Action.Vacation v = (Action.Vacation) actions("require \"vacation\"; vacation :days 0 \"x\";").get(0);
        assertThat(v.period()).isEqualTo(java.time.Duration.ofDays(1));
        assertThat(v.handle()).hasSize(32);
        Action.Vacation d = (Action.Vacation) actions("require \"vacation\"; vacation \"x\";").get(0);
        assertThat(d.period()).isEqualTo(java.time.Duration.ofDays(7));
    }

    @Test
    void includeRunsPersonalAndGlobalScriptsOnceAndStopsLoops() {
        Includes inc = Includes.of(Map.of("lists", "require [\"fileinto\", \"include\", \"variables\"]; global \"dest\";"
                        + " if header :contains \"subject\" \"hello\" { fileinto \"${dest}\"; return; } discard;",
                "loop", "require \"include\"; include \"loop\";"),
                Map.of("spam", "require \"fileinto\"; if header :contains \"X-Spam-Score\" \"7\" { fileinto \"Junk\"; }"));
        String main = "require [\"include\", \"variables\"]; global \"dest\"; set \"dest\" \"Work\";"
                + " include :personal \"lists\"; include :once \"lists\"; include :global \"spam\"; include :optional \"none\";";
        SieveResult r = Mail.SIEVE.evaluate(List.of(new RuleScript(RuleScript.Origin.PERSONAL, "main", main)),
                Mail.message(Mail.SIMPLE), inc);
        assertThat(r.failures()).isEmpty();
        assertThat(r.actions()).containsExactly(into("Work"), into("Junk"));
        SieveResult loop = Mail.SIEVE.evaluate(List.of(new RuleScript(RuleScript.Origin.PERSONAL, "main",
                "require \"include\"; include \"loop\";")), Mail.message(Mail.SIMPLE), inc);
        assertThat(loop.actions()).containsExactly(KEEP);
        assertThat(loop.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("include loop"));
        SieveResult missing = Mail.SIEVE.evaluate(List.of(new RuleScript(RuleScript.Origin.PERSONAL, "main",
                "require \"include\"; include \"absent\";")), Mail.message(Mail.SIMPLE), inc);
        assertThat(missing.failures()).singleElement().satisfies(f -> assertThat(f.reason()).contains("does not exist"));
    }

    @Test
    void scriptsCombineInOriginOrder() {
        RuleScript filters = new RuleScript(RuleScript.Origin.FILTERS, "filters",
                "require \"fileinto\"; if header :contains \"subject\" \"hello\" { fileinto \"Work\"; stop; }");
        RuleScript forwarding = new RuleScript(RuleScript.Origin.FORWARDING, "forwarding", "redirect :copy \"fw@example.net\";"
                .replace("redirect :copy", "require \"copy\"; redirect :copy"));
        RuleScript autoreply = new RuleScript(RuleScript.Origin.AUTOREPLY, "autoreply", "require \"vacation\"; vacation \"away\";");
        RuleScript broken = new RuleScript(RuleScript.Origin.PERSONAL, "mine", "require \"fileinto\";\nfileinto \"\";");
        SieveResult r = Mail.SIEVE.evaluate(List.of(autoreply, forwarding, broken, filters), Mail.message(Mail.SIMPLE));
        assertThat(r.actions()).hasSize(4);
        assertThat(r.actions().get(0)).isEqualTo(into("Work"));
        assertThat(r.actions().get(1)).isEqualTo(KEEP);
        assertThat(r.actions().get(2)).isEqualTo(new Action.Redirect("fw@example.net"));
        assertThat(r.actions().get(3)).isInstanceOf(Action.Vacation.class);
        assertThat(r.failures()).singleElement().isEqualTo(new SieveResult.RuntimeFailure(RuleScript.Origin.PERSONAL, "mine", 2,
                "fileinto: bad mailbox name"));
        // a reject in the personal script: nothing else happens, no vacation
        RuleScript reject = new RuleScript(RuleScript.Origin.PERSONAL, "mine", "require \"reject\"; reject \"no\";");
        assertThat(Mail.SIEVE.evaluate(List.of(filters, reject, autoreply), Mail.message(Mail.SIMPLE)).actions())
                .containsExactly(new Action.Reject("no", false));
    }

    @Test
    void limitsAreRuntimeErrors() {
        SieveLimits small = new SieveLimits(64 * 1024, 10, 200, 3, 1, 100, 2, 100, java.time.Duration.ofDays(1),
                java.time.Duration.ofDays(7));
        Sieve sieve = new Sieve(small);
        SieveResult many = sieve.evaluate(List.of(new RuleScript(RuleScript.Origin.PERSONAL, "s",
                "require [\"fileinto\"]; fileinto \"a\"; fileinto \"b\"; fileinto \"c\"; fileinto \"d\";")), Mail.message(Mail.SIMPLE));
        assertThat(many.actions()).containsExactly(KEEP);
        assertThat(many.failures().get(0).reason()).contains("more than 3 actions");
        SieveResult redirects = sieve.evaluate(List.of(new RuleScript(RuleScript.Origin.PERSONAL, "s",
                "redirect \"a@x.org\"; redirect \"b@x.org\";")), Mail.message(Mail.SIMPLE));
        assertThat(redirects.failures().get(0).reason()).contains("more than 1 redirects");
        SieveResult loop = sieve.evaluate(List.of(new RuleScript(RuleScript.Origin.PERSONAL, "s",
                "if true {}".repeat(300))), Mail.message(Mail.SIMPLE));
        assertThat(loop.failures().get(0).reason()).contains("step budget");
        assertThat(loop.actions()).containsExactly(KEEP);
    }
}

package dev.gannet.delivery.sieve;

import java.util.List;
import java.util.Set;

/**
 * A parsed and validated Sieve script, ready to run any number of times ({@link Sieve#evaluate}). Immutable and
 * safe to share between deliveries.
 */
public final class SieveScript {

    private final List<Ast.Command> commands;
    private final Set<String> capabilities;

    SieveScript(List<Ast.Command> commands, Set<String> capabilities) {
        this.commands = List.copyOf(commands);
        this.capabilities = Set.copyOf(capabilities);
    }

    List<Ast.Command> commands() {
        return commands;
    }

    /** The capabilities the script requires. */
    public Set<String> capabilities() {
        return capabilities;
    }

    /** The include commands' script names, for ManageSieve's and the API's checks (RFC 6609 does not require them to exist). */
    public boolean usesInclude() {
        return capabilities.contains("include");
    }
}

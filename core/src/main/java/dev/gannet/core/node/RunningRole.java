package dev.gannet.core.node;

import java.time.Duration;
import java.util.List;

/** A started role. The node stops every role's listeners first, then closes each within the grace time. */
public interface RunningRole {

    /** The bound listeners, in the order they should be announced. */
    List<Listener> listeners();

    /** Stops accepting new connections; connections already open go on. */
    void stopAccepting();

    /**
     * Lets in-flight commands finish for at most {@code grace}, then closes every connection and
     * releases the role's resources. Must not throw.
     */
    void close(Duration grace);
}

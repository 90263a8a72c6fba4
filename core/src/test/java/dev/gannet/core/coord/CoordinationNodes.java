package dev.gannet.core.coord;

import java.util.UUID;

/**
 * What every coordination contract needs from its runner: two nodes that share one backend (for the
 * in-JVM backend, the same object twice, a cluster of one) and a way to make a fresh node to close.
 */
interface CoordinationNodes {

    Coordination node1();

    Coordination node2();

    /** A new node on the same backend; the test closes it. */
    Coordination newNode();

    /** Keys differ per test so that tests sharing one Redis never see each other's state. */
    default String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}

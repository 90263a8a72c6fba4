package dev.gannet.mta;

import dev.gannet.core.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void reachesStoreAndCoordinationOnlyThroughCoreInterfaces() {
        ArchitectureRules.check("dev.gannet.mta");
    }
}

package dev.gannet.core.store;

import dev.gannet.core.store.contract.AddressStoreContract;
import dev.gannet.core.store.contract.JournalContract;
import dev.gannet.core.store.contract.LoginContract;
import dev.gannet.core.store.contract.MailboxStoreContract;
import dev.gannet.core.store.contract.MessageStoreContract;
import dev.gannet.core.store.contract.QuotaContract;
import dev.gannet.core.store.contract.RaceContract;
import dev.gannet.core.store.contract.TotpContract;
import dev.gannet.core.store.contract.SieveContract;
import dev.gannet.core.store.contract.VacationLogContract;
import dev.gannet.core.store.contract.OutboundContract;
import dev.gannet.core.store.contract.SearchContract;
import dev.gannet.core.store.contract.UserStoreContract;
import dev.gannet.core.store.contract.WebAuthnContract;
import dev.gannet.core.testing.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;

/** Every store contract against the durable H2 backend the product runs embedded. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class H2StoreContractTest implements LoginContract, UserStoreContract, AddressStoreContract, MailboxStoreContract,
        MessageStoreContract, dev.gannet.core.store.contract.SortKeysContract, dev.gannet.core.store.contract.MessageFactsContract, JournalContract, QuotaContract, SearchContract, RaceContract, TotpContract, SieveContract, VacationLogContract, OutboundContract, WebAuthnContract,
        dev.gannet.core.store.contract.DeliveryRulesContract, dev.gannet.core.store.contract.DkimContract,
        dev.gannet.core.store.contract.MetadataContract {

    private final StoreFixture fixture;

    H2StoreContractTest() {
        try {
            fixture = StoreFixture.h2(Files.createTempDirectory("gannet-h2-contract"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public StoreFixture fixture() {
        return fixture;
    }

    @AfterAll
    void close() {
        fixture.close();
    }

}

package dev.gannet.core.store.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gannet.core.error.GannetException;
import dev.gannet.core.store.Autoreply;
import dev.gannet.core.store.EmailAddress;
import dev.gannet.core.store.Filter;
import dev.gannet.core.store.FilterStore;
import dev.gannet.core.store.ForwardedAddress;
import dev.gannet.core.store.ForwardingStore;
import dev.gannet.core.store.Resolution;
import dev.gannet.core.store.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * Filters (creation order, per user, replace and delete, a page over all users, concurrent writers all kept),
 * autoreplies, a user's forwarding targets and forwarded addresses (resolved as FORWARDED, sharing the address
 * key space with users' addresses).
 */
public interface DeliveryRulesContract extends StoreContract {

    Duration WAIT = Duration.ofSeconds(30);

    private FilterStore filters() {
        return store().filters();
    }

    private static Filter.Query from(String from) {
        return new Filter.Query(from, null, null, null, null, null, null);
    }

    @Test
    default void filtersKeepCreationOrderAndStayWithTheirUser() {
        User u = fixture().newUser();
        User other = fixture().newUser();
        Filter a = filters().create(u.id(), "a", from("alice"), new Filter.Action(true, null, null, null, null, null), false).block(WAIT);
        Filter b = filters().create(u.id(), null, new Filter.Query(null, "bob", "s", "list", "text", true, -100L),
                new Filter.Action(null, true, false, true, "mbox1", List.of("x@example.com")), true).block(WAIT);
        assertThat(a.id()).matches("[0-9a-f]{24}");
        assertThat(filters().list(u.id()).map(Filter::id).collectList().block(WAIT)).containsExactly(a.id(), b.id());
        Filter read = filters().get(u.id(), b.id()).block(WAIT);
        assertThat(read.query()).isEqualTo(b.query());
        assertThat(read.action()).isEqualTo(b.action());
        assertThat(read.disabled()).isTrue();
        assertThat(read.name()).isNull();
        assertThat(filters().get(other.id(), b.id()).blockOptional(WAIT)).as("another user's id").isEmpty();
        assertThat(filters().delete(other.id(), b.id()).block(WAIT)).isFalse();
        assertThat(filters().replace(new Filter(b.id(), other.id(), "x", null, null, false, Instant.now())).block(WAIT)).isFalse();

        assertThat(filters().replace(b.with("renamed", from("carol"), Filter.Action.EMPTY, false)).block(WAIT)).isTrue();
        Filter replaced = filters().get(u.id(), b.id()).block(WAIT);
        assertThat(replaced.name()).isEqualTo("renamed");
        assertThat(replaced.query().from()).isEqualTo("carol");
        assertThat(replaced.created()).isEqualTo(read.created());
        assertThat(filters().list(u.id()).map(Filter::id).collectList().block(WAIT)).containsExactly(a.id(), b.id());

        assertThat(filters().delete(u.id(), a.id()).block(WAIT)).isTrue();
        assertThat(filters().delete(u.id(), a.id()).block(WAIT)).isFalse();
        assertThat(filters().list(u.id()).map(Filter::id).collectList().block(WAIT)).containsExactly(b.id());
        filters().deleteAll(u.id()).block(WAIT);
        assertThat(filters().list(u.id()).collectList().block(WAIT)).isEmpty();
    }

    @Test
    default void pageWalksEveryUsersFiltersOnce() {
        Set<String> mine = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            User u = fixture().newUser();
            for (int j = 0; j < 3; j++) {
                mine.add(filters().create(u.id(), "f" + j, Filter.Query.EMPTY, Filter.Action.EMPTY, false).block(WAIT).id());
            }
        }
        List<String> seen = new ArrayList<>();
        String after = null;
        for (int guard = 0; guard < 1000; guard++) {
            List<Filter> page = filters().page(after, 2).collectList().block(WAIT);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(f -> seen.add(f.id()));
            after = FilterStore.position(page.get(page.size() - 1));
        }
        assertThat(seen).doesNotHaveDuplicates();
        assertThat(seen).containsAll(mine);
        assertThat(filters().count().block(WAIT)).isGreaterThanOrEqualTo(9L);
    }

    @Test
    default void concurrentWritersLoseNoFilter() {
        User u = fixture().newUser();
        List<String> ids = Flux.range(0, 12).parallel(6).runOn(Schedulers.boundedElastic())
                .flatMap(i -> filters().create(u.id(), "f" + i, Filter.Query.EMPTY, Filter.Action.EMPTY, false))
                .map(Filter::id).sequential().collectList().block(WAIT);
        assertThat(ids).hasSize(12).doesNotHaveDuplicates();
        assertThat(filters().list(u.id()).map(Filter::id).collectList().block(WAIT)).containsExactlyInAnyOrderElementsOf(ids);
        // racing deletes of one filter: exactly one wins
        List<Boolean> wins = Flux.range(0, 6).parallel(6).runOn(Schedulers.boundedElastic())
                .flatMap(i -> filters().delete(u.id(), ids.get(0))).sequential().collectList().block(WAIT);
        assertThat(wins).containsOnlyOnce(true);
        assertThat(filters().list(u.id()).count().block(WAIT)).isEqualTo(11L);
    }

    @Test
    default void filtersAreLimitedPerUser() {
        User u = fixture().newUser();
        for (int i = 0; i < FilterStore.MAX_FILTERS; i++) {
            filters().create(u.id(), null, Filter.Query.EMPTY, Filter.Action.EMPTY, false).block(WAIT);
        }
        assertThatThrownBy(() -> filters().create(u.id(), null, Filter.Query.EMPTY, Filter.Action.EMPTY, false).block(WAIT))
                .isInstanceOf(GannetException.Invalid.class);
    }

    @Test
    default void autoreplyIsOnePerUser() {
        User u = fixture().newUser();
        User other = fixture().newUser();
        assertThat(store().autoreplies().get(u.id()).blockOptional(WAIT)).isEmpty();
        Instant start = Instant.parse("2030-01-01T00:00:00Z");
        Autoreply a = new Autoreply(true, "Me", "Away", "text", "<p>html</p>", start, null, Instant.now());
        store().autoreplies().put(u.id(), a).block(WAIT);
        Autoreply read = store().autoreplies().get(u.id()).block(WAIT);
        assertThat(read.status()).isTrue();
        assertThat(read.subject()).isEqualTo("Away");
        assertThat(read.html()).isEqualTo("<p>html</p>");
        assertThat(read.start()).isEqualTo(start);
        assertThat(read.end()).isNull();
        assertThat(read.activeAt(Instant.parse("2029-12-31T23:59:59Z"))).isFalse();
        assertThat(read.activeAt(start)).isTrue();
        assertThat(store().autoreplies().get(other.id()).blockOptional(WAIT)).isEmpty();
        assertThat(store().autoreplies().delete(u.id()).block(WAIT)).isTrue();
        assertThat(store().autoreplies().delete(u.id()).block(WAIT)).isFalse();
    }

    @Test
    default void userTargetsLiveOnTheUser() {
        User u = fixture().newUser();
        ForwardingStore fw = store().forwarding();
        assertThat(fw.user(u.id()).block(WAIT).targets()).isEmpty();
        assertThat(fw.setUser(u.id(), List.of("a@example.com", "b@example.com"), 5L).block(WAIT)).isTrue();
        assertThat(fw.setUser(u.id(), null, null).block(WAIT)).isTrue();
        ForwardingStore.UserForwarding f = fw.user(u.id()).block(WAIT);
        assertThat(f.targets()).containsExactly("a@example.com", "b@example.com");
        assertThat(f.forwards()).isEqualTo(5L);
        assertThat(store().users().get(u.id()).block(WAIT).username()).as("the user is intact").isEqualTo(u.username());
        assertThat(fw.setUser(new dev.gannet.core.store.UserId("nobody" + System.nanoTime()), List.of(), null).block(WAIT)).isFalse();
    }

    @Test
    default void forwardedAddressesShareTheAddressKeysAndResolveAsForwarded() {
        User u = fixture().newUser();
        String domain = "fwd" + System.nanoTime() + ".test";
        EmailAddress address = EmailAddress.parse("List@" + domain);
        ForwardedAddress a = new ForwardedAddress(new ObjectId().toHexString(), address, "List", List.of("x@example.com"),
                3, null, List.of("t1"), false, Instant.now());
        store().forwarding().create(a).block(WAIT);
        assertThatThrownBy(() -> store().forwarding().create(new ForwardedAddress(new ObjectId().toHexString(),
                EmailAddress.parse("list@" + domain), "", List.of("y@example.com"), 0, null, null, false, Instant.now())).block(WAIT))
                .isInstanceOf(GannetException.AlreadyExists.class);
        assertThatThrownBy(() -> store().addresses().add(u.id(), EmailAddress.parse("list@" + domain), false).block(WAIT))
                .as("a user cannot take a forwarded address").isInstanceOf(GannetException.AlreadyExists.class);
        assertThat(store().addresses().get(address).blockOptional(WAIT)).as("not a user's address").isEmpty();

        Resolution r = store().addresses().resolve(EmailAddress.parse("list+tag@" + domain)).block(WAIT);
        assertThat(r.kind()).isEqualTo(Resolution.Kind.FORWARDED);
        assertThat(r.user()).isNull();
        assertThat(r.matched().key()).isEqualTo(address.key());

        ForwardedAddress read = store().forwarding().get(a.id()).block(WAIT);
        assertThat(read.targets()).containsExactly("x@example.com");
        assertThat(read.forwards()).isEqualTo(3);
        assertThat(read.tags()).containsExactly("t1");
        assertThat(store().forwarding().byAddress(EmailAddress.parse("LIST@" + domain)).block(WAIT).id()).isEqualTo(a.id());

        Autoreply auto = new Autoreply(true, "", "s", "t", "", null, null, Instant.now());
        assertThat(store().forwarding().update(new ForwardedAddress(a.id(), address, "New", List.of("z@example.com"), 9, auto,
                null, true, a.created())).block(WAIT)).isTrue();
        read = store().forwarding().get(a.id()).block(WAIT);
        assertThat(read.name()).isEqualTo("New");
        assertThat(read.targets()).containsExactly("z@example.com");
        assertThat(read.forwardedDisabled()).isTrue();
        assertThat(read.autoreply().subject()).isEqualTo("s");

        assertThat(store().forwarding().delete(a.id()).block(WAIT)).isTrue();
        assertThat(store().forwarding().delete(a.id()).block(WAIT)).isFalse();
        assertThat(store().addresses().resolve(address).blockOptional(WAIT)).isEmpty();
        store().addresses().add(u.id(), address, false).block(WAIT);
        assertThat(store().forwarding().byAddress(address).blockOptional(WAIT)).as("a user's address is not forwarded").isEmpty();
    }
}

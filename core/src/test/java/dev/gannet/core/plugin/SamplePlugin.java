package dev.gannet.core.plugin;

import dev.gannet.core.store.MailboxName;
import dev.gannet.core.store.User;
import dev.gannet.core.store.UserId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A sample plugin exercising every hook; its behaviour is steered by the message subject. */
public final class SamplePlugin implements MailPlugin {

    public static final List<String> EVENTS = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "sample";
    }

    @Override
    public StoreDecision beforeStore(IncomingMessage message) throws Exception {
        String subject = String.valueOf(message.header("Subject"));
        EVENTS.add("before:" + subject);
        if (subject.contains("reject")) {
            return StoreDecision.reject("no thanks");
        }
        if (subject.contains("boom")) {
            throw new IllegalStateException("plugin bug");
        }
        if (subject.contains("slow")) {
            Thread.sleep(5_000);
        }
        if (subject.contains("junk")) {
            return new StoreDecision.Accept(List.of("X-Sample: junk"), java.util.Optional.of(MailboxName.of("Junk")));
        }
        return StoreDecision.addHeader("X-Sample: seen");
    }

    @Override
    public void afterStore(StoredMessage message) {
        EVENTS.add("after:" + message.mailbox() + ":" + message.appended().uid());
    }

    @Override
    public void userCreated(User user) {
        EVENTS.add("created:" + user.username());
    }

    @Override
    public void userDeleted(UserId user, String username) {
        EVENTS.add("deleted:" + username);
    }
}

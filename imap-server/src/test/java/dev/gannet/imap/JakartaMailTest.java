package dev.gannet.imap;

import dev.gannet.core.testing.GannetExtension;
import dev.gannet.core.testing.TestUser;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.search.SubjectTerm;
import org.eclipse.angus.mail.imap.AppendUID;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A real client: Jakarta Mail's Angus IMAP provider against the server, over loopback. */
class JakartaMailTest {

    @RegisterExtension
    static final GannetExtension gannet = GannetExtension.builder().roles("imap").build();

    private Store connect(TestUser user) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.toString(gannet.port("imap")));
        p.put("mail.imap.timeout", "20000");
        p.put("mail.imap.connectiontimeout", "20000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect(user.username(), user.password());
        return store;
    }

    private MimeMessage message(Session session, String subject, String body) throws Exception {
        MimeMessage m = new MimeMessage(session);
        m.setFrom(new InternetAddress("sender@example.org"));
        m.setRecipients(Message.RecipientType.TO, "rcpt@example.org");
        m.setSubject(subject);
        m.setText(body);
        m.saveChanges();
        return m;
    }

    @Test
    void appendReadFlagCopyMoveSearchExpunge() throws Exception {
        TestUser user = gannet.createUser();
        Store store = connect(user);
        try {
            assertThat(((IMAPStore) store).hasCapability("UIDPLUS")).isTrue();
            assertThat(Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName))
                    .contains("INBOX", "Sent", "Trash", "Archive");
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            Session session = Session.getInstance(new Properties());
            AppendUID[] uids = inbox.appendUIDMessages(new Message[] {message(session, "first", "one"),
                    message(session, "second", "two"), message(session, "third", "three")});
            assertThat(uids).hasSize(3);
            assertThat(uids[2].uid).isEqualTo(3);

            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            assertThat(inbox.getUnreadMessageCount()).isEqualTo(3);
            Message second = inbox.getMessage(2);
            assertThat(second.getSubject()).isEqualTo("second");
            assertThat(((String) second.getContent()).trim()).isEqualTo("two");
            assertThat(second.isSet(Flags.Flag.SEEN)).isTrue();
            assertThat(inbox.getUID(second)).isEqualTo(2);

            inbox.setFlags(new int[] {1}, new Flags(Flags.Flag.FLAGGED), true);
            assertThat(inbox.search(new FlagTerm(new Flags(Flags.Flag.FLAGGED), true))).hasSize(1);
            assertThat(inbox.search(new SubjectTerm("THIRD"))).extracting(Message::getMessageNumber).containsExactly(3);

            Folder archive = store.getFolder("Archive");
            inbox.copyMessages(new Message[] {inbox.getMessage(1)}, archive);
            assertThat(archive.getMessageCount()).isEqualTo(1);
            Message third = inbox.getMessage(3);
            inbox.moveMessages(new Message[] {third}, store.getFolder("Trash"));
            assertThat(third.isExpunged()).isTrue();
            assertThat(store.getFolder("Trash").getMessageCount()).isEqualTo(1);
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(2);

            inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            Message[] expunged = inbox.expunge();
            assertThat(expunged).extracting(Message::isExpunged).containsOnly(true);
            assertThat(store.getFolder("INBOX").getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessageByUID(2).getSubject()).isEqualTo("second");

            Folder created = store.getFolder("Projects/Gannet");
            assertThat(created.create(Folder.HOLDS_MESSAGES)).isTrue();
            assertThat(created.exists()).isTrue();
            assertThat(store.getFolder("Projects").list()).extracting(Folder::getName).containsExactly("Gannet");
            inbox.close(true);
        } finally {
            store.close();
        }
    }

    @Test
    void idleSeesADelivery() throws Exception {
        TestUser user = gannet.createUser();
        Store store = connect(user);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            CompletableFuture<Integer> seen = new CompletableFuture<>();
            inbox.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
                @Override
                public void messagesAdded(jakarta.mail.event.MessageCountEvent e) {
                    seen.complete(e.getMessages().length);
                }
            });
            CompletableFuture<Void> idling = CompletableFuture.runAsync(() -> {
                try {
                    inbox.idle(true);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] mail = ScriptRunner.message("simple.eml");
            var box = gannet.mailbox(user, "INBOX");
            while (!seen.isDone()) {
                gannet.store().messages().append(new dev.gannet.core.store.AppendRequest(user.id(), box.id(),
                        dev.gannet.core.store.MessageSource.of(mail), null, null,
                        dev.gannet.core.store.AppendRequest.Origin.LMTP)).block();
                try {
                    seen.get(2, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException notYet) {
                    // idle() may not have started yet; deliver another
                }
            }
            assertThat(seen.get()).isPositive();
            idling.get(20, TimeUnit.SECONDS);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Hello Bob");
            assertThat(inbox.getUID(inbox.getMessage(1))).isEqualTo(1);
            assertThat(inbox).isInstanceOf(UIDFolder.class);
            inbox.close(false);
        } finally {
            store.close();
        }
    }
}

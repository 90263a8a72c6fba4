package dev.gannet.lmtp.session;

import dev.gannet.lmtp.command.data.Spool;
import dev.gannet.lmtp.delivery.Recipient;
import dev.gannet.lmtp.protocol.LmtpCommand;

import java.util.ArrayList;
import java.util.List;

/**
 * One mail transaction (RFC 5321 §3.3): from MAIL FROM until the body is answered, RSET, LHLO or the end
 * of the connection. It owns the body spool and must be {@link #discard() discarded} or handed to delivery.
 */
final class Transaction {

    final String queueId;
    final LmtpCommand.Mail mail;
    final List<Recipient> recipients = new ArrayList<>();
    /** Created by DATA or the first BDAT. */
    Spool spool;
    /** BDAT was used; DATA may not follow (RFC 3030 §2). */
    boolean chunked;
    /** Writing the spool failed; the body is answered 451 when it ends. */
    boolean spoolFailed;

    Transaction(String queueId, LmtpCommand.Mail mail) {
        this.queueId = queueId;
        this.mail = mail;
    }

    void discard() {
        if (spool != null) {
            spool.close();
            spool = null;
        }
    }
}

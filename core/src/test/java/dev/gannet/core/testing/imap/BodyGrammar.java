package dev.gannet.core.testing.imap;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3501 §9 {@code envelope} and {@code body} (BODY and BODYSTRUCTURE, §7.4.2): every field in its
 * place, one-part and multipart bodies nested to any depth, {@code message/rfc822} parts with their
 * envelope, body and line count, text parts with their line count, and extension data only where it
 * may appear (BODYSTRUCTURE; BODY is "a form of BODYSTRUCTURE without extension data").
 */
final class BodyGrammar {

    private static final int MAX_DEPTH = 100;
    private final Cursor c;

    BodyGrammar(Cursor c) {
        this.c = c;
    }

    /** {@code envelope}: ten fields, each nstring or an address list. */
    void envelope() throws ImapGrammarException {
        c.expect('(');
        c.nstring(); // env-date
        c.sp();
        c.nstring(); // env-subject
        for (int i = 0; i < 6; i++) { // from, sender, reply-to, to, cc, bcc
            c.sp();
            addresses();
        }
        c.sp();
        c.nstring(); // env-in-reply-to
        c.sp();
        c.nstring(); // env-message-id
        c.expect(')');
    }

    /** {@code "(" 1*address ")" / nil}. */
    private void addresses() throws ImapGrammarException {
        if (c.takeWord("NIL")) {
            return;
        }
        c.expect('(');
        if (!c.peekIs('(')) {
            throw c.error("address (an address list is NIL or has at least one address)");
        }
        while (c.peekIs('(')) {
            c.expect('(');
            c.nstring(); // addr-name
            c.sp();
            c.nstring(); // addr-adl
            c.sp();
            c.nstring(); // addr-mailbox
            c.sp();
            c.nstring(); // addr-host
            c.expect(')');
        }
        c.expect(')');
    }

    /** {@code body}; {@code extensible} for BODYSTRUCTURE. */
    void body(boolean extensible) throws ImapGrammarException {
        body(extensible, 0);
    }

    private void body(boolean extensible, int depth) throws ImapGrammarException {
        if (depth > MAX_DEPTH) {
            throw c.error("body nested at most " + MAX_DEPTH + " deep");
        }
        c.expect('(');
        if (c.peekIs('(')) {
            multipart(extensible, depth);
        } else {
            onePart(extensible, depth);
        }
        c.expect(')');
    }

    /** {@code body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]}: no SP between the parts. */
    private void multipart(boolean extensible, int depth) throws ImapGrammarException {
        while (c.peekIs('(')) {
            body(extensible, depth + 1);
        }
        c.sp();
        c.string(); // media-subtype
        if (extensible && c.take(' ')) {
            fieldParams(); // body-fld-param
            tail();
        }
    }

    private void onePart(boolean extensible, int depth) throws ImapGrammarException {
        String type = text(c.string());
        c.sp();
        String subtype = text(c.string());
        c.sp();
        bodyFields();
        if (type.equalsIgnoreCase("TEXT")) {
            c.sp();
            c.number(); // body-fld-lines
        } else if (type.equalsIgnoreCase("MESSAGE") && subtype.equalsIgnoreCase("RFC822")) {
            c.sp();
            envelope();
            c.sp();
            body(extensible, depth + 1);
            c.sp();
            c.number(); // body-fld-lines
        }
        if (extensible && c.take(' ')) {
            c.nstring(); // body-fld-md5
            tail();
        }
    }

    /** {@code body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP body-fld-octets}. */
    private void bodyFields() throws ImapGrammarException {
        fieldParams();
        c.sp();
        c.nstring(); // body-fld-id
        c.sp();
        c.nstring(); // body-fld-desc
        c.sp();
        c.string(); // body-fld-enc
        c.sp();
        c.number(); // body-fld-octets
    }

    /** {@code body-fld-param = "(" string SP string *(SP string SP string) ")" / nil}. */
    private void fieldParams() throws ImapGrammarException {
        if (c.takeWord("NIL")) {
            return;
        }
        c.expect('(');
        do {
            c.string();
            c.sp();
            c.string();
        } while (c.take(' '));
        c.expect(')');
    }

    /** {@code [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]}. */
    private void tail() throws ImapGrammarException {
        if (!c.take(' ')) {
            return;
        }
        disposition();
        if (!c.take(' ')) {
            return;
        }
        language();
        if (!c.take(' ')) {
            return;
        }
        c.nstring(); // body-fld-loc
        while (c.take(' ')) {
            extension(0);
        }
    }

    /** {@code body-fld-dsp = "(" string SP body-fld-param ")" / nil}. */
    private void disposition() throws ImapGrammarException {
        if (c.takeWord("NIL")) {
            return;
        }
        c.expect('(');
        c.string();
        c.sp();
        fieldParams();
        c.expect(')');
    }

    /** {@code body-fld-lang = nstring / "(" string *(SP string) ")"}. */
    private void language() throws ImapGrammarException {
        if (c.take('(')) {
            do {
                c.string();
            } while (c.take(' '));
            c.expect(')');
        } else {
            c.nstring();
        }
    }

    /** {@code body-extension = nstring / number / "(" body-extension *(SP body-extension) ")"}. */
    private void extension(int depth) throws ImapGrammarException {
        if (depth > MAX_DEPTH) {
            throw c.error("body-extension nested at most " + MAX_DEPTH + " deep");
        }
        if (c.take('(')) {
            do {
                extension(depth + 1);
            } while (c.take(' '));
            c.expect(')');
        } else if (c.peek() >= '0' && c.peek() <= '9') {
            c.number();
        } else {
            c.nstring();
        }
    }

    private static String text(byte[] s) {
        return new String(s, StandardCharsets.UTF_8);
    }
}

"""Line endings end to end with Python's own clients: smtplib.LMTP delivers, imaplib and poplib read back.

usage: line_endings.py LMTP_PORT IMAP_PORT POP3_PORT USER PASSWORD RCPT MESSAGE...
A MESSAGE is a file, or "email-corpus:NAME" for a file of Python's email test corpus (test.test_email, data/).
Delivers every message with DATA, then reads each back with IMAP (RFC822.SIZE and BODY.PEEK[]) and POP3
(LIST and RETR, read off poplib's socket file so that line endings are seen as sent), and prints one JSON
object: {"messages": [{"sent", "lmtp", "imap_size", "imap", "pop3_list", "pop3", "pop3_crlf"}, ...]}
with bytes as base64. Exits non-zero if a client fails.
"""
import base64
import imaplib
import json
import os
import poplib
import re
import smtplib
import sys


def load(spec):
    if spec.startswith("email-corpus:"):
        import test.test_email
        spec = os.path.join(os.path.dirname(test.test_email.__file__), "data", spec.split(":", 1)[1])
    with open(spec, "rb") as f:
        return f.read()


def b64(data):
    return base64.b64encode(data).decode("ascii")


def deliver(port, rcpt, messages):
    lmtp = smtplib.LMTP("127.0.0.1", port, timeout=60)
    lmtp.ehlo("client.test")
    replies = []
    for body in messages:
        code, _ = lmtp.mail("sender@example.org")
        assert code == 250, code
        code, _ = lmtp.rcpt(rcpt)
        assert code == 250, code
        # bytes go out as they are, dot-stuffed after every LF; smtplib adds CRLF.CRLF (and a CRLF first
        # when the message does not already end with one)
        code, msg = lmtp.data(body)
        replies.append("%d %s" % (code, msg.decode("utf-8", "replace")))
    lmtp.quit()
    return replies


def imap_read(port, user, password, count):
    m = imaplib.IMAP4("127.0.0.1", port)
    m.login(user, password)
    typ, data = m.select("INBOX", readonly=True)
    assert typ == "OK" and int(data[0]) == count, (typ, data)
    out = []
    for n in range(1, count + 1):
        typ, data = m.fetch(str(n), "(RFC822.SIZE BODY.PEEK[])")
        assert typ == "OK", (typ, data)
        size = int(re.search(rb"RFC822\.SIZE (\d+)", data[0][0]).group(1))
        out.append((size, data[0][1]))
    m.logout()
    return out


def pop3_read(port, user, password, count):
    p = poplib.POP3("127.0.0.1", port, timeout=30)
    p.user(user)
    p.pass_(password)
    out = []
    for n in range(1, count + 1):
        listed = int(p.list(n).split()[2])
        p._putcmd("RETR %d" % n)
        status = p._getresp()
        assert status.startswith(b"+OK"), status
        raw = b""
        crlf = True
        while True:
            line = p.file.readline(poplib._MAXLINE + 1)
            assert line, "connection closed in RETR"
            if line == b".\r\n":
                break
            crlf = crlf and line.endswith(b"\r\n") and b"\n" not in line[:-2]
            raw += line[1:] if line.startswith(b".") else line
        out.append((listed, raw, crlf))
    p.quit()
    return out


def main(argv):
    lmtp_port, imap_port, pop3_port = int(argv[1]), int(argv[2]), int(argv[3])
    user, password, rcpt = argv[4], argv[5], argv[6]
    messages = [load(spec) for spec in argv[7:]]
    replies = deliver(lmtp_port, rcpt, messages)
    imap = imap_read(imap_port, user, password, len(messages))
    pop3 = pop3_read(pop3_port, user, password, len(messages))
    result = []
    for i, body in enumerate(messages):
        result.append({"sent": b64(body), "lmtp": replies[i], "imap_size": imap[i][0], "imap": b64(imap[i][1]),
                       "pop3_list": pop3[i][0], "pop3": b64(pop3[i][1]), "pop3_crlf": pop3[i][2]})
    print(json.dumps({"messages": result}))


if __name__ == "__main__":
    main(sys.argv)

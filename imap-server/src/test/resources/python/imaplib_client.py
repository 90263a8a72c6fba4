"""Drives Gannet's IMAP server with Python's imaplib; exits non-zero on the first surprise."""
import imaplib
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def ok(result):
    typ, data = result
    if typ != "OK":
        raise SystemExit("expected OK, got %s %r" % (typ, data))
    return data


m = imaplib.IMAP4(host, port)
assert "IMAP4REV1" in m.capabilities, m.capabilities
ok(m.login(user, password))
names = b" ".join(ok(m.list()))
assert b'"/" INBOX' in names and b"\\Sent" in names, names
ok(m.create("Python/Test"))
message = b"From: py@example.org\r\nSubject: from python\r\n\r\nhello from imaplib\r\n"
data = ok(m.append("INBOX", "(\\Flagged)", None, message))
ok(m.append("INBOX", None, None, b"Subject: second\r\n\r\nsecond\r\n"))
count = int(ok(m.select("INBOX"))[0])
assert count == 2, count
body = ok(m.fetch("1", "(BODY.PEEK[] FLAGS)"))
assert body[0][1] == message, body
assert b"\\Flagged" in body[1], body
ok(m.store("2", "+FLAGS", "(\\Seen MyKeyword)"))
assert ok(m.search(None, "KEYWORD", "MyKeyword"))[0] == b"2"
assert ok(m.search(None, "UNSEEN"))[0] == b"1"
assert ok(m.uid("SEARCH", "SUBJECT", "python"))[0] == b"1"
typ, data = m.uid("COPY", "1", "Python/Test")
assert typ == "OK", data
typ, data = m.uid("MOVE", "2", "Archive")
assert typ == "OK", data
status = ok(m.status("Python/Test", "(MESSAGES UIDNEXT)"))[0]
assert b"MESSAGES 1" in status, status
ok(m.store("1", "+FLAGS", "\\Deleted"))
expunged = ok(m.expunge())
assert expunged == [b"2", b"1"], expunged  # the MOVE's EXPUNGE, then this one
ok(m.noop())
quota = m.getquotaroot("INBOX")
assert quota[0] == "OK", quota
typ, data = m.namespace()
assert typ == "OK" and b'(("" "/"))' in data[0], data
typ, data = m.select("Nope")
assert typ == "NO", data
assert m.logout()[0] == "BYE"
print("imaplib OK")

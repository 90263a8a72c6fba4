"""SORT and THREAD with Python's imaplib (its sort() and thread() methods); for ImaplibSortThreadTest.

usage: sort_thread.py HOST PORT USER PASSWORD
Appends three messages, then prints one line per command: "<name> <the untagged response's data>";
exits non-zero if a command is not OK.
"""
import imaplib
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def ok(result):
    typ, data = result
    if typ != "OK":
        raise SystemExit("expected OK, got %s %r" % (typ, data))
    return data


messages = [
    (b"From: Zed <z@example.org>\r\nMessage-ID: <1@x>\r\nSubject: Plans\r\n"
     b"Date: Mon, 06 Jan 2025 10:00:00 +0000\r\n\r\none\r\n", '"01-Jan-2025 10:00:00 +0000"'),
    (b"From: amy@example.org\r\nMessage-ID: <2@x>\r\nReferences: <1@x>\r\nSubject: Re: Plans\r\n"
     b"Date: Mon, 06 Jan 2025 11:00:00 +0000\r\n\r\ntwo\r\n", '"02-Jan-2025 10:00:00 +0000"'),
    (b"From: Bob <b@example.org>\r\nMessage-ID: <3@x>\r\nSubject: Apples\r\n"
     b"Date: Sun, 05 Jan 2025 10:00:00 +0000\r\n\r\nthree\r\n", '"03-Jan-2025 10:00:00 +0000"'),
]
m = imaplib.IMAP4(host, port)
ok(m.login(user, password))
for raw, date in messages:
    ok(m.append("INBOX", None, date, raw))
ok(m.select("INBOX"))
print("date", ok(m.sort("(DATE)", "UTF-8", "ALL"))[0].decode())
print("reverse-arrival", ok(m.sort("(REVERSE ARRIVAL)", "UTF-8", "ALL"))[0].decode())
print("displayfrom", ok(m.sort("(DISPLAYFROM)", "UTF-8", "ALL"))[0].decode())
print("uid-subject", ok(m.uid("SORT", "(SUBJECT)", "UTF-8", "ALL"))[0].decode())
print("references", ok(m.thread("REFERENCES", "UTF-8", "ALL"))[0].decode())
print("orderedsubject", ok(m.thread("ORDEREDSUBJECT", "UTF-8", "ALL"))[0].decode())
print("uid-refs", ok(m.uid("THREAD", "REFS", "UTF-8", "NOT", "FROM", "amy"))[0].decode())
m.logout()

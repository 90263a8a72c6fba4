"""APPENDs messages with Python's imaplib, bytes as they are, and fetches each back; for AppendLineEndingsTest.

usage: append_line_endings.py HOST PORT USER PASSWORD MESSAGE_FILE...
Prints per message: "MESSAGE <index> <APPENDUID uid> <RFC822.SIZE> <BODY[] base64> <BODY[HEADER] base64>
<BODY[TEXT] base64>"; exits non-zero if a command is not OK.
"""
import base64
import imaplib
import re
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]


def ok(result):
    typ, data = result
    if typ != "OK":
        raise SystemExit("expected OK, got %s %r" % (typ, data))
    return data


m = imaplib.IMAP4(host, port)
ok(m.login(user, password))
uids = []
for path in sys.argv[5:]:
    with open(path, "rb") as f:
        message = f.read()
    # imaplib.append would first turn every CR and LF into CRLF (its MapCRLF), which would hide what the
    # server does: hand it the literal as it is and let imaplib send the command
    m.literal = message
    data = ok(m._simple_command("APPEND", "INBOX"))
    uid = re.search(rb"APPENDUID \d+ (\d+)", data[0])
    if not uid:
        raise SystemExit("no APPENDUID in %r" % data)
    uids.append(uid.group(1).decode())
ok(m.select("INBOX", readonly=True))
for i, uid in enumerate(uids):
    data = ok(m.uid("FETCH", uid, "(RFC822.SIZE BODY.PEEK[] BODY.PEEK[HEADER] BODY.PEEK[TEXT])"))
    literals = [part for part in data if isinstance(part, tuple)]
    sections = {}
    for head, body in literals:
        name = re.search(rb"(BODY\[[A-Z]*\]) \{\d+\}$", head).group(1).decode()
        sections[name] = body
    size = re.search(rb"RFC822\.SIZE (\d+)", b" ".join(h for h, _ in literals)).group(1).decode()
    print("MESSAGE", i, uid, size, *(base64.b64encode(sections[s]).decode()
                                    for s in ("BODY[]", "BODY[HEADER]", "BODY[TEXT]")))
m.logout()

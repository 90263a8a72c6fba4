#!/usr/bin/env python3
"""A whole POP3 session with Python's poplib against a Gannet test node.

Usage: poplib_session.py PORT USER PASSWORD OUTDIR
Writes each retrieved message to OUTDIR/<n>.eml (lines joined with CRLF, as poplib returns them
unstuffed and without terminators) and prints one JSON object describing every reply.
"""
import base64
import json
import os
import poplib
import ssl
import sys

port, user, password, outdir = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
out = {}

p = poplib.POP3("127.0.0.1", port, timeout=20)
out["welcome"] = p.getwelcome().decode()
out["capa"] = sorted(p.capa().keys())
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
p.stls(context=ctx)
out["capa_tls"] = sorted(p.capa().keys())
out["user"] = p.user(user).decode()
out["pass"] = p.pass_(password).decode()
count, size = p.stat()
out["stat"] = [count, size]
resp, listing, _ = p.list()
out["list"] = [l.decode() for l in listing]
out["list_1"] = p.list(1).decode()
resp, uids, _ = p.uidl()
out["uidl"] = [u.decode() for u in uids]
out["uidl_1"] = p.uidl(1).decode()
for n in range(1, count + 1):
    resp, lines, octets = p.retr(n)
    with open(os.path.join(outdir, "%d.eml" % n), "wb") as f:
        f.write(b"\r\n".join(lines) + b"\r\n")
resp, top, _ = p.top(1, 1)
out["top_1_1"] = [l.decode("latin-1") for l in top]
out["dele_1"] = p.dele(1).decode()
try:
    p.retr(1)
    out["retr_deleted"] = "no error"
except poplib.error_proto as e:
    out["retr_deleted"] = str(e)
try:
    p.retr(count + 1)
    out["retr_missing"] = "no error"
except poplib.error_proto as e:
    out["retr_missing"] = str(e)
out["rset"] = p.rset().decode()
out["noop"] = p.noop().decode()
out["dele_last"] = p.dele(count).decode()
out["quit"] = p.quit().decode()

# AUTH PLAIN with an initial response, then without (RFC 5034), on fresh connections.
p = poplib.POP3("127.0.0.1", port, timeout=20)
token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode()
out["auth_ir"] = p._shortcmd("AUTH PLAIN " + token).decode()
out["stat_after_auth"] = list(p.stat())
p.quit()
p = poplib.POP3("127.0.0.1", port, timeout=20)
p._putcmd("AUTH PLAIN")
out["auth_challenge"] = p._getline()[0].decode()
out["auth_response"] = p._shortcmd(token).decode()
p.quit()
p = poplib.POP3("127.0.0.1", port, timeout=20)
try:
    p.user(user)
    p.pass_("wrong")
    out["bad_pass"] = "no error"
except poplib.error_proto as e:
    out["bad_pass"] = str(e)
p.quit()
print(json.dumps(out))

"""A loopback SMTP sink for Gannet's outbound tests, on Debian's python3-aiosmtpd.

Each accepted message is written to DIR as NNNN.eml (the DATA bytes exactly as received, after
dot-unstuffing) and NNNN.json (envelope sender, recipients, authenticated login). Options:
  --port N                 listen on 127.0.0.1:N
  --dir DIR                where messages go
  --reject ADDR=REPLY      answer RCPT TO ADDR with REPLY (e.g. "550 5.1.1 no such user"), repeatable
  --tempfail ADDR=N        answer RCPT TO ADDR with 451 for its first N attempts, repeatable
  --tls CERT,KEY           offer STARTTLS with this certificate and require it before MAIL
  --auth USER,PASSWORD     require AUTH with these credentials
Prints "READY <port>" once listening; runs until its standard input closes.
"""
import argparse
import asyncio
import json
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, directory, rejects, tempfails):
        self.directory = directory
        self.rejects = rejects
        self.tempfails = tempfails
        self.lock = threading.Lock()
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        key = address.lower()
        if key in self.rejects:
            return self.rejects[key]
        if self.tempfails.get(key, 0) > 0:
            self.tempfails[key] -= 1
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            n = self.count
        base = os.path.join(self.directory, "%04d" % n)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        auth = getattr(session, "auth_data", None)
        login = auth.login.decode() if isinstance(auth, LoginPassword) else None
        with open(base + ".json.tmp", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "login": login,
                       "tls": session.ssl is not None}, f)
        os.rename(base + ".eml.tmp", base + ".eml")
        os.rename(base + ".json.tmp", base + ".json")
        return "250 2.0.0 queued as sink-%d" % n


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--dir", required=True)
    p.add_argument("--reject", action="append", default=[])
    p.add_argument("--tempfail", action="append", default=[])
    p.add_argument("--tls")
    p.add_argument("--auth")
    a = p.parse_args()
    rejects = {k.lower(): v for k, v in (r.split("=", 1) for r in a.reject)}
    tempfails = {k.lower(): int(v) for k, v in (t.split("=", 1) for t in a.tempfail)}
    kwargs = {}
    if a.tls:
        cert, key = a.tls.split(",")
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(cert, key)
        kwargs.update(tls_context=ctx, require_starttls=True)
    if a.auth:
        user, password = a.auth.split(",", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
                and auth_data.password.decode() == password
            return AuthResult(success=ok, auth_data=auth_data if ok else None)

        kwargs.update(authenticator=authenticator, auth_required=True, auth_require_tls=bool(a.tls))
    controller = Controller(Sink(a.dir, rejects, tempfails), hostname="127.0.0.1", port=a.port,
                            server_hostname="sink.test", server_kwargs=kwargs)
    controller.start()
    print("READY %d" % a.port, flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()

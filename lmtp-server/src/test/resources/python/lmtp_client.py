"""LMTP client for Gannet's end-to-end tests, on Python's smtplib.LMTP.

usage:
  lmtp_client.py deliver PORT SENDER MESSAGE_FILE RCPT...   one transaction with DATA
  lmtp_client.py bdat PORT SENDER MESSAGE_FILE CHUNK RCPT... the same with BDAT chunks of CHUNK bytes
  lmtp_client.py pipeline PORT COUNT MESSAGE_DIR RCPT       COUNT transactions sent as one pipelined batch
  lmtp_client.py load PORT THREADS MESSAGE_DIR              every MESSAGE_DIR/<n>.eml to the address in <n>.rcpt

Prints one line per reply: "<step> <address> <code> <text>"; exits 0 unless the protocol broke.
"""
import os
import smtplib
import sys
import threading


def out(*parts):
    sys.stdout.write(" ".join(str(p) for p in parts) + "\n")


def text(msg):
    return msg.decode("utf-8", "replace") if isinstance(msg, bytes) else str(msg)


def connect(port):
    lmtp = smtplib.LMTP("127.0.0.1", port, timeout=120)
    code, _ = lmtp.ehlo("client.test")
    assert code == 250, code
    for ext in ("pipelining", "enhancedstatuscodes", "8bitmime", "smtputf8", "chunking", "size", "starttls"):
        assert lmtp.has_extn(ext), ext
    return lmtp


def envelope(lmtp, sender, rcpts):
    code, msg = lmtp.mail(sender)
    out("MAIL", sender, code, text(msg))
    accepted = []
    for r in rcpts:
        code, msg = lmtp.rcpt(r)
        out("RCPT", r, code, text(msg))
        if code == 250:
            accepted.append(r)
    return accepted


def per_recipient(lmtp, accepted, first):
    code, msg = first
    out("DATA", accepted[0], code, text(msg))
    for r in accepted[1:]:
        code, msg = lmtp.getreply()
        out("DATA", r, code, text(msg))


def deliver(port, sender, path, rcpts):
    lmtp = connect(port)
    accepted = envelope(lmtp, sender, rcpts)
    if accepted:
        with open(path, "rb") as f:
            body = f.read()
        # smtplib.data() dot-stuffs and ends the body, then reads the first recipient's reply
        per_recipient(lmtp, accepted, lmtp.data(body))
    lmtp.quit()


def bdat(port, sender, path, chunk, rcpts):
    lmtp = connect(port)
    accepted = envelope(lmtp, sender, rcpts)
    with open(path, "rb") as f:
        body = f.read()
    pieces = [body[i:i + chunk] for i in range(0, len(body), chunk)] or [b""]
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        lmtp.send(("BDAT %d%s\r\n" % (len(piece), " LAST" if last else "")).encode("ascii") + piece)
        if not last:
            code, msg = lmtp.getreply()
            out("BDAT", len(piece), code, text(msg))
    if accepted:
        per_recipient(lmtp, accepted, lmtp.getreply())
    else:
        code, msg = lmtp.getreply()
        out("BDAT", "-", code, text(msg))
    lmtp.quit()


def stuffed(body):
    lines = body.split(b"\r\n")
    return b"\r\n".join(b"." + l if l.startswith(b".") else l for l in lines)


def pipeline(port, count, directory, rcpt):
    """MAIL, RCPT and BDAT LAST of every transaction in one write (RFC 2920 with RFC 3030)."""
    lmtp = connect(port)
    batch = b""
    for n in range(count):
        with open(os.path.join(directory, "%d.eml" % n), "rb") as f:
            body = f.read()
        batch += b"MAIL FROM:<sender@example.org>\r\nRCPT TO:<" + rcpt.encode() + b">\r\n"
        batch += b"BDAT %d LAST\r\n" % len(body) + body
    batch += b"NOOP\r\n"
    lmtp.send(batch)
    for n in range(count):
        for step in ("MAIL", "RCPT", "BDAT"):
            code, msg = lmtp.getreply()
            out(step, n, code, text(msg))
    code, msg = lmtp.getreply()
    out("NOOP", "-", code, text(msg))
    lmtp.quit()


def load(port, threads, directory):
    names = sorted(int(f[:-4]) for f in os.listdir(directory) if f.endswith(".eml"))
    lock = threading.Lock()
    failures = []

    def worker(k):
        try:
            lmtp = connect(port)
            for n in names[k::threads]:
                with open(os.path.join(directory, "%d.eml" % n), "rb") as f:
                    body = f.read()
                with open(os.path.join(directory, "%d.rcpt" % n)) as f:
                    rcpt = f.read().strip()
                code, msg = lmtp.mail("load@example.org")
                assert code == 250, (code, msg)
                code, msg = lmtp.rcpt(rcpt)
                assert code == 250, (code, msg)
                code, msg = lmtp.data(body)
                with lock:
                    out("DATA", n, code, text(msg))
            lmtp.quit()
        except Exception as e:  # reported, and the exit status says so
            with lock:
                failures.append(repr(e))

    pool = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    for f in failures:
        out("FAIL", f)
    sys.exit(1 if failures else 0)


def main(argv):
    mode, port = argv[1], int(argv[2])
    if mode == "deliver":
        deliver(port, argv[3], argv[4], argv[5:])
    elif mode == "bdat":
        bdat(port, argv[3], argv[4], int(argv[5]), argv[6:])
    elif mode == "pipeline":
        pipeline(port, int(argv[3]), argv[4], argv[5])
    elif mode == "load":
        load(port, int(argv[3]), argv[4])
    else:
        raise SystemExit("unknown mode " + mode)


if __name__ == "__main__":
    main(sys.argv)

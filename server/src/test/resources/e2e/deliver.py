"""Delivers every file named on the command line to one recipient over LMTP, as an MTA would.

usage: deliver.py PORT RECIPIENT FILE...   (prints one line per message: the file name and the reply)
"""
import re
import smtplib
import sys

port, rcpt, files = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
with smtplib.LMTP("127.0.0.1", port) as lmtp:
    for name in files:
        with open(name, "rb") as f:
            # An MTA hands LMTP lines ending in CRLF (RFC 5321 §2.3.8), as smtplib does for str messages.
            data = re.sub(rb"\r\n|\n|\r(?!\n)", b"\r\n", f.read())
        refused = lmtp.sendmail("sender@example.org", [rcpt], data)
        print(name, "refused" if refused else "delivered")

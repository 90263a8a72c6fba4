# Verifies DKIM signatures with dkimpy (Debian python3-dkim), a verifier independent of Gannet.
# argv: the TXT record's value, then message files; prints "<file> ok", "<file> FAIL <reason>" or
# "<file> UNPARSEABLE <reason>" (dkimpy refuses the message's header syntax) per file.
import sys
import dkim

txt = sys.argv[1].encode("ascii")


def dns(name, timeout=5):
    return txt


for path in sys.argv[2:]:
    with open(path, "rb") as f:
        data = f.read()
    try:
        d = dkim.DKIM(data)
    except dkim.MessageFormatError as e:
        print(path, "UNPARSEABLE", e)
        continue
    try:
        ok = d.verify(dnsfunc=dns)
        print(path, "ok" if ok else "FAIL signature does not verify")
    except Exception as e:
        print(path, "FAIL", type(e).__name__, e)

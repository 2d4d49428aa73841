#!/usr/bin/env python3
"""gen_mail.py: N raw RFC 5322 messages as files NNNNNN.eml in DIR, for bench/mail_bench.sh.

A desk's inbound mix, deterministic (seeded): ~55 % new requests from 2,000 senders, ~35 %
replies that thread by In-Reply-To/References to an earlier message of the same sender, ~5 %
auto-replies, ~2 % repeat deliveries (same Message-ID); one in ten carries a small PDF
attachment, one in five is multipart/alternative with HTML.
Usage: gen_mail.py DIR [N]
"""

import base64
import os
import random
import sys


def main() -> int:
    out, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    os.makedirs(out, exist_ok=True)
    rnd = random.Random(13)
    sent = {}  # sender -> message ids they wrote
    pdf = base64.encodebytes(b"%PDF-1.7\n" + bytes(rnd.getrandbits(8) for _ in range(2048))).decode()
    last = None
    for i in range(count):
        sender = f"customer{rnd.randrange(2000)}@example.com"
        mid = f"bench-{i}@example.com"
        headers = [f"From: Customer {i % 2000} <{sender}>", "To: support@desk.example",
                   f"Date: Sun, 06 Dec 2026 05:{i // 600 % 60:02d}:{i % 60:02d} +0000"]
        roll = rnd.random()
        subject = f"Order {rnd.randrange(100000)} question"
        if roll < 0.02 and last is not None:
            with open(os.path.join(out, f"{i:06d}.eml"), "w", newline="") as f:
                f.write(last)
            continue
        if roll < 0.07:
            headers.append("Auto-Submitted: auto-replied")
            subject = "Out of office"
        elif roll < 0.42 and sent.get(sender):
            parent = sent[sender][-1]
            headers += [f"In-Reply-To: <{parent}>", "References: " +
                        " ".join(f"<{m}>" for m in sent[sender][-5:])]
            subject = "Re: " + subject
        sent.setdefault(sender, []).append(mid)
        headers += [f"Subject: {subject}", f"Message-ID: <{mid}>", "MIME-Version: 1.0"]
        text = f"Hello,\r\n\r\nmessage {i} about my order.\r\n" + "Some more detail. " * 20 + "\r\n"
        parts = [("text/plain; charset=utf-8", text, None)]
        if rnd.random() < 0.2:
            parts.append(("text/html; charset=utf-8", f"<html><body><p>{text}</p></body></html>", None))
        attach = rnd.random() < 0.1
        if len(parts) == 1 and not attach:
            body = f"Content-Type: {parts[0][0]}\r\n\r\n{parts[0][1]}"
        else:
            inner = "".join(f"--alt\r\nContent-Type: {t}\r\n\r\n{b}\r\n" for t, b, _ in parts) + "--alt--\r\n"
            body = "Content-Type: multipart/mixed; boundary=\"mix\"\r\n\r\n--mix\r\n"
            body += f"Content-Type: multipart/alternative; boundary=\"alt\"\r\n\r\n{inner}"
            if attach:
                body += ("--mix\r\nContent-Type: application/pdf\r\nContent-Disposition: attachment; "
                         f"filename=\"invoice-{i}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{pdf}")
            body += "--mix--\r\n"
        last = "\r\n".join(headers) + "\r\n" + body
        with open(os.path.join(out, f"{i:06d}.eml"), "w", newline="") as f:
            f.write(last)
    return 0


if __name__ == "__main__":
    sys.exit(main())

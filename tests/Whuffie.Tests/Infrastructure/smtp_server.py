"""A real SMTP server for the mail tests: Debian's python3-aiosmtpd on loopback.

Usage: smtp_server.py MAILDIR CERT.pem KEY.pem USER PASSWORD [headers-only]

Starts three listeners on 127.0.0.1, each on a free port:
  plain     no TLS, no AUTH (a local relay, or a developer's sink)
  starttls  STARTTLS required before anything else, then AUTH PLAIN/LOGIN required
  tls       implicit TLS from the first byte (the submissions port, 465), AUTH LOGIN only, required
and prints one JSON line naming the ports. Every message it accepts becomes two files in
MAILDIR: NNNNNN.eml (the raw bytes as received, after SMTP's dot-unstuffing) and then
NNNNNN.json (the envelope, the session, and the message as Python's email package reads it).
With "headers-only" it reads only the headers (no parts): four times faster, for tests that
count thousands of messages. Recipients that start with "reject" get 550, those that start with "busy" get 451.
It runs until its standard input closes, so it dies with the test process that started it.
"""

import asyncio
import json
import logging
import os
import socket
import ssl
import sys
import threading
import warnings

try:
    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult, LoginPassword
except ImportError:
    print("MISSING aiosmtpd", flush=True)
    sys.exit(3)

import email
import email.parser
import email.policy


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def describe(message, with_parts=True):
    """What a mail client would show, decoded by the email package (policy.default)."""
    parts = []
    for part in message.walk() if with_parts else []:
        if part.is_multipart():
            continue
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "content": part.get_content(),
            "defects": [type(d).__name__ for d in part.defects],
        })
    addresses = lambda name: [
        {"name": a.display_name, "address": a.addr_spec} for a in (message[name].addresses if message[name] else [])
    ]
    return {
        "content_type": message.get_content_type(),
        "headers": [[k, str(v)] for k, v in message.items()],
        "from": addresses("From"),
        "to": addresses("To"),
        "subject": str(message["Subject"]),
        "parts": parts,
        "defects": [type(d).__name__ for d in message.defects],
    }


class Maildir:
    def __init__(self, folder, headers_only):
        self.folder = folder
        self.headers_only = headers_only
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@")[0].lower()
        if local.startswith("reject"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("busy"):
            return "451 4.3.0 Mailbox busy, try again later"
        if local.startswith("slow"):
            await asyncio.sleep(10)  # a server that takes its time; the client gives up first
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, f"{self.count:06d}")
        raw = envelope.original_content
        with open(name + ".eml", "wb") as f:
            f.write(raw)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "peer": list(session.peer),
            # session.ssl is only set by STARTTLS; the transport knows about implicit TLS too.
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "authenticated_as": session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None,
            "parsed": describe(email.parser.BytesHeaderParser(policy=email.policy.default).parsebytes(raw), with_parts=False)
            if self.headers_only else describe(email.message_from_bytes(raw, policy=email.policy.default)),
        }
        # Written last, through a rename: when the .json is there, the message is complete.
        with open(name + ".tmp", "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.replace(name + ".tmp", name + ".json")
        return "250 2.0.0 Message accepted"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == user and auth_data.password == password
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return check


def main():
    # aiosmtpd warns about AUTH without STARTTLS; on the implicit-TLS listener the warning is wrong.
    warnings.simplefilter("ignore")
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    folder, cert, key, user, password = sys.argv[1:6]
    headers_only = sys.argv[6:7] == ["headers-only"]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    handler = Maildir(folder, headers_only)
    auth = authenticator(user.encode(), password.encode())
    controllers = {
        "plain": Controller(handler, hostname="127.0.0.1", port=free_port(), server_hostname="smtp.whuffie.test"),
        "starttls": Controller(
            handler, hostname="127.0.0.1", port=free_port(), server_hostname="smtp.whuffie.test",
            tls_context=context, require_starttls=True, authenticator=auth, auth_required=True),
        # Encrypted from the start, so AUTH need not wait for STARTTLS; LOGIN only, so the client's
        # fallback from PLAIN is used somewhere.
        "tls": Controller(
            handler, hostname="127.0.0.1", port=free_port(), server_hostname="smtp.whuffie.test",
            ssl_context=context, authenticator=auth, auth_required=True, auth_require_tls=False,
            auth_exclude_mechanism=["PLAIN"]),
    }
    for c in controllers.values():
        c.start()
    print(json.dumps({name: c.port for name, c in controllers.items()}), flush=True)
    sys.stdin.read()
    for c in controllers.values():
        c.stop()


if __name__ == "__main__":
    main()

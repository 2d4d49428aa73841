#!/usr/bin/python3
"""A real SMTP server for tests: aiosmtpd (Debian's python3-aiosmtpd) on 127.0.0.1:PORT.

Each accepted message is stored in DIR as NNNN.eml (the DATA bytes exactly as received, after
dot-unstuffing) beside NNNN.env: one line "from ADDRESS", a line "to ADDRESS" per recipient and
"user NAME" when the client authenticated. The .env is written first and the .eml renamed into place last, so a reader that sees an .eml sees it whole.

Options: --cert/--key offer STARTTLS and then require it; --user/--password require AUTH;
--reject-permanent/--reject-temporary ADDRESS make RCPT TO answer 550/451 for that address.
Runs until SIGTERM. Started by tests/testing/mail_servers.cpp (and usable from node tests).
"""
import argparse
import os
import signal
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Store:
    def __init__(self, directory, reject_permanent, reject_temporary):
        self.directory = directory
        self.reject_permanent = set(reject_permanent)
        self.reject_temporary = set(reject_temporary)
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.reject_permanent:
            return '550 5.1.1 No such user here'
        if address in self.reject_temporary:
            return '451 4.3.0 Try again later'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.directory, '%04d' % self.count)
        user = session.auth_data.login.decode() if session.authenticated else None
        with open(base + '.env', 'w') as meta:
            meta.write('from %s\n' % envelope.mail_from)
            meta.writelines('to %s\n' % address for address in envelope.rcpt_tos)
            if user:
                meta.write('user %s\n' % user)
        with open(base + '.tmp', 'wb') as body:
            body.write(envelope.original_content)
        os.rename(base + '.tmp', base + '.eml')
        return '250 2.0.0 Message accepted'


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, required=True)
    parser.add_argument('--dir', required=True)
    parser.add_argument('--cert')
    parser.add_argument('--key')
    parser.add_argument('--user')
    parser.add_argument('--password')
    parser.add_argument('--reject-permanent', action='append', default=[])
    parser.add_argument('--reject-temporary', action='append', default=[])
    args = parser.parse_args()

    options = {}
    if args.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.cert, args.key)
        options.update(tls_context=context, require_starttls=True)
    if args.user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (auth_data.login.decode() == args.user and
                  auth_data.password.decode() == args.password)
            # handled=False: on failure aiosmtpd itself answers 535.
            return AuthResult(success=ok, handled=False, auth_data=auth_data)
        options.update(authenticator=authenticate, auth_required=True,
                       auth_require_tls=bool(args.cert))
    controller = Controller(Store(args.dir, args.reject_permanent, args.reject_temporary),
                            hostname='127.0.0.1', port=args.port, **options)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *unused: stop.set())
    signal.signal(signal.SIGINT, lambda *unused: stop.set())
    controller.start()
    stop.wait()
    controller.stop()


if __name__ == '__main__':
    main()

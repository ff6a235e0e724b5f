"""One SMTP connection that sends messages one by one: TLS, login, retries, a rate, and whether the server
already holds a message when the connection breaks."""
from __future__ import annotations

import smtplib
import ssl
import time
from dataclasses import dataclass


class Unconfirmed(Exception):
    """The connection broke after the whole message was handed over: it may have been delivered."""


class Refused(Exception):
    """The server refused this message for good (5xx), or kept failing it: other messages may still go."""


class Unreachable(Exception):
    """No message can go: the server cannot be reached, TLS cannot be set up, or the login is refused."""


class _Tracking:
    """Notes when a message's final dot has been written: from then on the server may have accepted it."""

    handed_over = False

    def send(self, s):  # smtplib writes the whole message, then the dot, in one call
        super().send(s)  # type: ignore[misc]
        if isinstance(s, bytes) and s.endswith(b"\r\n.\r\n"):
            self.handed_over = True


class _SMTP(_Tracking, smtplib.SMTP):
    pass


class _SMTPS(_Tracking, smtplib.SMTP_SSL):
    pass


@dataclass
class Server:
    host: str
    port: int
    security: str = "plain"  # plain, starttls or ssl
    user: str | None = None
    password: str | None = None
    timeout: float = 60.0


class Mailer:
    """Sends over one connection, reconnecting after a drop; temporary failures (4xx, a dropped connection
    before the message was handed over) are retried `attempts` times, `pause` seconds apart, doubling."""

    def __init__(self, server: Server, per_minute: float | None = None, attempts: int = 3, pause: float = 1.0):
        self.server, self.attempts, self.pause = server, attempts, pause
        self.interval = 60.0 / per_minute if per_minute else 0.0
        self._smtp: _SMTP | _SMTPS | None = None
        self._last = float("-inf")

    def send(self, sender: str, recipient: str, data: bytes) -> None:
        """Returns once the server accepted the message; raises Refused, Unconfirmed or Unreachable."""
        wait = self._last + self.interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self._last = time.monotonic()
        options = ["SMTPUTF8"] if not (sender.isascii() and recipient.isascii()) else []
        for attempt in range(1, self.attempts + 1):
            try:
                self._send_once(sender, recipient, data, options)
                return
            except smtplib.SMTPResponseException as exc:
                reply = _reply(exc.smtp_code, exc.smtp_error)
                if exc.smtp_code >= 500 or attempt == self.attempts:
                    raise Refused(reply) from None
            except smtplib.SMTPRecipientsRefused as exc:
                code, text = exc.recipients.get(recipient, (550, b"refused"))
                if code >= 500 or attempt == self.attempts:
                    raise Refused(_reply(code, text)) from None
            except smtplib.SMTPNotSupportedError as exc:
                raise Refused(f"the server does not support it: {exc}") from None
            except OSError as exc:  # a dropped or refused connection (SMTPServerDisconnected is one too)
                self.close()
                if attempt == self.attempts:
                    raise Unreachable(f"the connection to {self.server.host}:{self.server.port} failed: {exc}") \
                        from None
            time.sleep(self.pause * 2 ** (attempt - 1))
        raise AssertionError("unreachable")

    def _send_once(self, sender: str, recipient: str, data: bytes, options: list[str]) -> None:
        smtp = self._connected()
        smtp.handed_over = False
        try:
            smtp.sendmail(sender, [recipient], data, mail_options=options)
        except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused, smtplib.SMTPNotSupportedError):
            raise  # the server answered: nothing is in doubt
        except OSError as exc:  # smtplib's own errors are OSErrors too: only a broken connection is left
            if smtp.handed_over:
                self.close()
                raise Unconfirmed(f"the connection broke after the message was handed over ({exc})") from None
            raise

    def _connected(self) -> _SMTP | _SMTPS:
        if self._smtp is not None:
            return self._smtp
        s = self.server
        try:
            if s.security == "ssl":
                smtp: _SMTP | _SMTPS = _SMTPS(s.host, s.port, timeout=s.timeout, context=ssl.create_default_context())
            else:
                smtp = _SMTP(s.host, s.port, timeout=s.timeout)
                if s.security == "starttls":
                    smtp.starttls(context=ssl.create_default_context())
            if s.user:
                smtp.login(s.user, s.password or "")
        except smtplib.SMTPAuthenticationError as exc:
            raise Unreachable(f"the server refused the login of {s.user}: {_reply(exc.smtp_code, exc.smtp_error)}") \
                from None
        except smtplib.SMTPNotSupportedError as exc:
            raise Unreachable(f"{s.host}:{s.port} does not offer it: {exc}") from None
        except ssl.SSLError as exc:
            raise Unreachable(f"TLS with {s.host}:{s.port} failed: {exc}") from None
        self._smtp = smtp
        return smtp

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (smtplib.SMTPException, OSError):
                self._smtp.close()
            self._smtp = None


def _reply(code: int, text: bytes | str) -> str:
    return f"{code} {text.decode('utf-8', 'replace') if isinstance(text, bytes) else text}"

"""Delivery: each client's pack as an email, drafted into an outbox or sent over SMTP with a send log."""

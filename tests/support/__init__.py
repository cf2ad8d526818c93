"""Shared test support: real local servers (SMTP, HTTP webhook) for channel and end-to-end tests."""

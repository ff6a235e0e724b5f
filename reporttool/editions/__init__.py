"""Editions: what changed between a briefing and the one it updates, and the checks that pair them."""

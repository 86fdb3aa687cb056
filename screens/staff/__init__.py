"""The staff area (behind the PIN)."""

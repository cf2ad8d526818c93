"""Rules, novelty, channels and digests."""

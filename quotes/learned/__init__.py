"""A learned English attribution extractor: a CRF over cheap lexical features, trained on PolNeAR
(scripts/train_quotes.py, `make train-quotes`), shipped in quotes/learned/en/ with its model card."""

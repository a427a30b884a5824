"""Composition: a note's elements as finished strings in each language, from the spec, the termbase and the
formulas (``note``); the clerk's texts rendered in a sandbox (``texts``); the cross-language check and lint."""

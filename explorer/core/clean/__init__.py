"""Stage 2, raw text -> clean text: the fixers (mojibake, pinyin glosses, portal tables, page
chrome, spam, whitespace), each counting what it changed, and the line-structure repair.

May import: the shared leaves of core and read/. Nothing later.
"""

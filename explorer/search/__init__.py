"""Full-text search over a library: every whoosh call lives in this package.

analysis.py  character grams (the terms) · schema.py  the whoosh schema and format version
normalize.py the search form of a text   · query.py   query language and exact evaluation
index.py     the whoosh index: open/rebuild, write, candidate search
"""

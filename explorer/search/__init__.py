"""Full-text search over a library: every search-engine call lives in this package.

analysis.py     character grams (the terms)      normalize.py  the search form of a text
query.py        query language, exact evaluation  ranking.py    BM25 over manifest lengths
searcher.py     parse -> engine -> rank -> verify -> spans and snippets
snippets.py     the contexts shown with each hit
engine.py       the interface every engine implements, and the registry of engines
whoosh_engine.py, whoosh_schema.py, safe_pickle.py    the whoosh engine (small libraries)
tantivy_engine.py, tantivy_scores.py                  the tantivy engine (large libraries)
"""

"""Stage 3, clean text -> a described report: metadata (title, region, level, adcode, year,
document type, date, speaker) and the outline (sections with offsets into the clean text).

May import: the shared leaves of core, read/ and clean/. Nothing later.
"""

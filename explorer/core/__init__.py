"""The pure-Python core: one file in, one described Report out. Never imports Qt.

One folder per pipeline stage, in the order the data flows:

    read/       bytes -> text: encodings, .txt/.html/.docx/.pdf
    clean/      text -> clean text: the fixers and the line-structure repair
    describe/   clean text -> metadata (region, level, adcode, year, ...) and the outline
    targets/    clean text + outline -> quantified targets, their kind and themes;
                indicators and target-vs-result panels
    cite/       a passage of a Report -> a citation

Shared leaves sit at this level: model.py (the records every stage shares), scripts.py
(OpenCC folding and display conversion), common_chars.py, user_files.py (user-editable data
files). ingest.py is the one place that strings the stages together.

Imports run one way: a stage may import the shared leaves and any earlier stage, never a
later one (tests/test_architecture.py enforces it), and core never imports search/, the
library, the commands or the ui.
"""

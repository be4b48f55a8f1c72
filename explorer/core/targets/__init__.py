"""Stage 4, clean text + outline -> targets: figures with units and qualifiers, their kind
(plan or result) and themes; canonical indicators and target-vs-result panels; target rows
for export.

May import: the shared leaves of core, read/, clean/ and describe/. Not cite/.
"""

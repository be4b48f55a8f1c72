"""Stage 1, bytes -> text: encoding detection and the file formats (.txt, .html, .docx, .pdf).

May import: the shared leaves of core (model, scripts, common_chars). Nothing later.
"""

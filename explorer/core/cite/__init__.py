"""Stage 5, a passage of a described report -> a citation (plain Chinese, GB/T 7714-2015,
Markdown).

May import: every earlier stage and the shared leaves of core.
"""

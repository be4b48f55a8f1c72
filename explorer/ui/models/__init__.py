"""Qt item models: hold data, never widgets; each passes pytest-qt's qtmodeltester."""

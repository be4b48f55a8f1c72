"""Widgets of the main window, each one panel with one job."""

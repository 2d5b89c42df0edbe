"""Widgets, item models, delegates and dialogs. GUI thread only."""

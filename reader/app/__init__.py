"""Qt without widgets: the application object, controllers, settings, crash handling."""

// Replaced by the CLI entry point.

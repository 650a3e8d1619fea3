// Replaced by the language server entry point.

"""Where HTTP and the worker come in."""

"""The event pipe's benchmark, measured by `bench/pipeline.py`: its shared parts, the raw
kafka-python loops that are its baselines, and the platform's relay, consumer and workers."""

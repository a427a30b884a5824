"""The facts of a note: the spec a clerk writes, the termbase it names, time zones, and the JSON Schema."""

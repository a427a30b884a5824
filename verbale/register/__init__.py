"""The register: numbers allocated without gaps or duplicates, every note recorded, sent or received.

- ``config``: the ``numbering:`` and ``register:`` settings of a workspace's verbale.yaml;
- ``schema``: the tables, the schema version and its migrations (SQLite and PostgreSQL alike);
- ``store``: allocation in one locked transaction, records, cancellations, amendments, look-ups; the states of
  a note after its registration (signed, dispatched) and its texts (NOTE-SPEC §12);
- ``outgoing``: numbering and recording a spec as it is generated (and the note it answers);
- ``writeback``: the allocated number written into the spec, every other byte kept;
- ``incoming``: the notes received (ids in-YEAR-N), their answers, found by what they say;
- ``received``: a received file kept in the workspace's incoming/ folder by its SHA-256;
- ``extract``: what a received PDF or scan says (pdftotext, tesseract OCR);
- ``reply``: the spec of a reply to an incoming note (for ``verbale reply`` and the desk).
"""

"""The outgoing register: numbers allocated without gaps or duplicates, every note recorded.

- ``config``: the ``numbering:`` and ``register:`` settings of a workspace's verbale.yaml;
- ``schema``: the tables, the schema version and its migrations (SQLite and PostgreSQL alike);
- ``store``: allocation in one locked transaction, records, cancellations, amendments, look-ups; the states of
  a note after its registration (signed, dispatched) and its texts (NOTE-SPEC §12);
- ``outgoing``: numbering and recording a spec as it is generated;
- ``writeback``: the allocated number written into the spec, every other byte kept.
"""

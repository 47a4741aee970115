"""Sub-commands of the `fieldapp` command line, one module per area."""

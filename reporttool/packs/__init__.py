"""Client packs: plan, build, state, zips and summary of a batch run."""

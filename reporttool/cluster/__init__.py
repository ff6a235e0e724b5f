"""Packs on a Dask cluster: the inputs travel to the workers, the files come back to be written here."""

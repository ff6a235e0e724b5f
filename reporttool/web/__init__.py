"""The web page and HTTP API of `reporttool serve`: a thin layer over the same library calls as the CLI."""

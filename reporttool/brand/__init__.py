"""Brands: the folder (brand.toml, Word template, logo) and the words the documents print."""

"""Offline geocoding: place mentions → GeoNames places with coordinates.

`gazetteer()` loads the compact index built by scripts/build_gazetteer.py
(knowledge/geo/gazetteer.bin.gz: GeoNames cities ≥ 500 people, countries, US states,
continents, US and British counties, plus knowledge/geo/places.tsv) once per process;
`resolve_places` picks one place per mention with the article's context (resolve.py).
"""
from .gazetteer import Gazetteer, gazetteer, norm
from .resolve import GeoMention, country_place, geocode_text, resolve_places

__all__ = ["Gazetteer", "gazetteer", "norm", "GeoMention", "resolve_places", "geocode_text", "country_place"]

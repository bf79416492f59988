"""Links from the graph's cities to other datasets (GeoNames now; Wikidata next)."""

from iucgraph.linking.cities import CityRecord, load_data_dir, read_cities
from iucgraph.linking.geonames import CityLink, LinkResult, link_geonames, serialize_links

__all__ = [
    "CityLink",
    "CityRecord",
    "LinkResult",
    "link_geonames",
    "load_data_dir",
    "read_cities",
    "serialize_links",
]

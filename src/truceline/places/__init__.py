"""Places: the GeoNames place table on disk (``table``), name folding (``fold``) and toponym resolution in an
article's context (``resolve``). Events are placed through the parse by ``truceline.events.places``."""

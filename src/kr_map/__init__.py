"""kr-map: a sourced, interactive map of the Khmer Rouge insurgency, 1979-1999."""

__version__ = "0.1.0"

"""Fair Witness: independent oversight of children's social care."""
__version__ = "0.1.0"

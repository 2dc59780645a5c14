"""What the public and parliament can see: figures no council can unpick (``fairwitness.statistics``
does the counting rules), the open data, and each family's own say over statistical use."""

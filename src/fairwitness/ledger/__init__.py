"""The tamper-evident ledger: a pure hash chain (``chain``) and its Django storage (``models``)."""

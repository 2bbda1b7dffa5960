"""Models of hoso.signing."""

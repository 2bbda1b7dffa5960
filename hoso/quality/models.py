"""Models of hoso.quality."""

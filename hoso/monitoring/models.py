"""Models of hoso.monitoring."""

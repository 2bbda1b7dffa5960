"""Models of hoso.workdays."""

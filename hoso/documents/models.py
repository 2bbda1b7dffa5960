"""Models of hoso.documents."""

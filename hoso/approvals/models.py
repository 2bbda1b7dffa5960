"""Models of hoso.approvals."""

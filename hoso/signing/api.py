"""The JSON API of hoso.signing, mounted under /api/v1/ by hoso/api/api.py."""

from ninja import Router

router = Router(tags=["signing"])

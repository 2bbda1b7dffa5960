"""The JSON API of hoso.quality, mounted under /api/v1/ by hoso/api/api.py."""

from ninja import Router

router = Router(tags=["quality"])

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CatalogsConfig(AppConfig):
    name = "hoso.catalogs"
    label = "catalogs"
    verbose_name = _("Catalogs")

    def ready(self) -> None:
        # Cache invalidation only, no domain logic: any saved or deleted entry empties the index.
        from hoso.catalogs.models import CatalogItem
        from hoso.catalogs.selectors import clear_catalog_cache

        post_save.connect(clear_catalog_cache, sender=CatalogItem, dispatch_uid="catalogs_clear_cache_save")
        post_delete.connect(clear_catalog_cache, sender=CatalogItem, dispatch_uid="catalogs_clear_cache_delete")

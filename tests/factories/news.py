"""Pages of issue 4: articles, galleries, images drawn locally with Pillow."""

from __future__ import annotations

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model

from intranet.units.models import Unit
from portal.galleries.models import GalleryIndexPage, GalleryPage, GalleryPhoto
from portal.news.models import ArticlePage, Category, NewsIndexPage
from tests.factories.units import province, unit_with_site

_counter = {"n": 0}


def png_bytes(color=(200, 30, 40), size=(64, 48), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def image(title: str = "Ảnh thử", collection=None, color=(200, 30, 40)):
    Image = get_image_model()
    _counter["n"] += 1
    file = ImageFile(io.BytesIO(png_bytes(color)), name=f"anh-{_counter['n']}.png")
    kwargs = {"collection": collection} if collection is not None else {}
    return Image.objects.create(title=title, file=file, **kwargs)


def news_index(unit: Unit) -> NewsIndexPage:
    return NewsIndexPage.objects.child_of(unit.site.root_page).get()


def gallery_index(unit: Unit) -> GalleryIndexPage:
    return GalleryIndexPage.objects.child_of(unit.site.root_page).get()


def article(unit: Unit, title: str | None = None, *, category=Category.ACTIVITY, live=True, with_image=False, **fields) -> ArticlePage:
    _counter["n"] += 1
    title = title or f"Tin thử nghiệm số {_counter['n']}"
    page = ArticlePage(
        title=title,
        slug=fields.pop("slug", f"tin-thu-{_counter['n']}"),
        category=category,
        summary=fields.pop("summary", f"Tóm tắt của {title}"),
        body=fields.pop("body", f"<p>Nội dung của {title}.</p>"),
        image=image() if with_image else None,
        live=False,
        **fields,
    )
    news_index(unit).add_child(instance=page)
    if live:
        page.save_revision().publish()
        page.refresh_from_db()
    return page


def gallery(unit: Unit, title: str = "Bộ ảnh lễ hội", photos: int = 3) -> GalleryPage:
    images = [image(f"{title} {n}") for n in range(photos)]
    page = GalleryPage(title=title, slug=f"bo-anh-{images[0].pk}", cover=images[0], live=False)
    page.photos = [GalleryPhoto(image=img, caption=f"Ảnh {n + 1}", sort_order=n) for n, img in enumerate(images)]
    gallery_index(unit).add_child(instance=page)
    page.save_revision().publish()
    return page


def province_and_wards():
    """The province portal and two ward sites (Phú Xuân, Thuận Hóa)."""
    tinh = province()
    phuxuan = unit_with_site(tinh, code="phuxuan", name="Phường Phú Xuân", short_name="Phú Xuân", kind=Unit.Kind.COMMUNE)
    thuanhoa = unit_with_site(tinh, code="thuanhoa", name="Phường Thuận Hóa", short_name="Thuận Hóa", kind=Unit.Kind.COMMUNE)
    tinh.refresh_from_db()
    return tinh, phuxuan, thuanhoa

def group(response, key: str):
    """The result group of one type on a search page response."""
    return next(g for g in response.context["groups"] if g.type.key == key)


def assert_versions_linked(client, vi_path: str, en_path: str, host: str = "localhost") -> None:
    """Both language versions carry hreflang links to both, and each one's switcher leads to the other."""
    vi_url, en_url = f"http://{host}{vi_path}", f"http://{host}{en_path}"
    vi = client.get(vi_path, HTTP_HOST=host).content.decode()
    en = client.get(en_path, HTTP_HOST=host).content.decode()
    for html in (vi, en):
        assert f'<link rel="alternate" hreflang="vi" href="{vi_url}">' in html
        assert f'<link rel="alternate" hreflang="en" href="{en_url}">' in html
    assert f'<a href="{en_url}" hreflang="en" lang="en">English</a>' in vi
    assert f'<a href="{vi_url}" hreflang="vi" lang="vi">Tiếng Việt</a>' in en

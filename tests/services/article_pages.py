"""Small article pages written for the tests: an article inside a site's usual chrome."""

from __future__ import annotations

import html as html_module

PARAGRAPHS = (
    "Gardens grow because people tend them with patience, water and a little luck over many"
    " seasons and in every kind of weather that the year can bring.",
    "Soil matters more than anything else: a handful of compost each spring feeds the worms"
    " that keep the ground loose, dark and alive for the roots below.",
    "Light comes second. Most vegetables want six hours of sun a day, while ferns and hostas"
    " prefer the deep shade under old trees and north-facing walls.",
    "Water comes last, and less often than people think: a deep soak once a week trains roots"
    " to reach down instead of staying near the dry surface.",
)


def article_page(
    *,
    headline: str = "Why Gardens Grow",
    title_tag: str | None = "Why Gardens Grow | The Plot",
    og_title: str | None = None,
    site: str | None = "The Plot",
    lang: str = "en",
    charset: str = "utf-8",
    head: str = "",
    byline: str = "By Ann Gardener",
    paragraphs: tuple[str, ...] = PARAGRAPHS,
    images: tuple[str, ...] = (),
    before_body: str = "",
    after_article: str = "",
) -> str:
    """A whole page: navigation, the article (h1, byline, paragraphs, images), a footer."""
    metas = [f'<meta charset="{charset}">']
    if title_tag is not None:
        metas.append(f"<title>{html_module.escape(title_tag)}</title>")
    if og_title is not None:
        metas.append(f'<meta property="og:title" content="{html_module.escape(og_title)}">')
    if site is not None:
        metas.append(f'<meta property="og:site_name" content="{html_module.escape(site)}">')
    body = "\n".join(f"<p>{html_module.escape(p)}</p>" for p in paragraphs)
    figures = "\n".join(
        f'<figure><img src="{src}" alt="picture {i}"></figure>' for i, src in enumerate(images)
    )
    return f"""<!DOCTYPE html>
{before_body}<html lang="{lang}"><head>{"".join(metas)}{head}</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/about">About us</a></li><li><a href="/shop">Shop</a></li></ul></nav>
<main><article>
<h1>{html_module.escape(headline)}</h1>
<p class="byline">{html_module.escape(byline)}</p>
{body}
{figures}
</article>{after_article}</main>
<footer><p>Copyright The Plot. All rights reserved.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
</body></html>
"""


MORE_PARAGRAPHS = (
    "Orchards take longer: an apple tree planted this spring will not give a proper crop until"
    " the fourth or fifth summer, and only if it is pruned every winter.",
    "Bees do the rest of the work, which is why the old growers kept hives at the end of every"
    " row and never sprayed while the blossom was open.",
)


def inside_article(extra: str) -> str:
    """The test page with ``extra`` markup at the end of its article."""
    return article_page().replace("</article>", extra + "</article>")

"""Writes the gold set's own pages: each article of texts.py inside the page design of a kind of
news site (a quality daily, a wire, a public broadcaster, a think tank on WordPress, a
newsletter, Russian-language state media, an exile outlet ...), with the boilerplate those
designs put in and around the body: related links inside the text, photo captions, newsletter
and donation boxes, share bars, bylines repeated inside the body, tags, author bios, "read also"
blocks. The gold body (gold/<name>.txt) is the article's paragraphs alone.

    python tests/data/bodies/make_pages.py     # rewrites pages/ and gold/

Written once, before the extractor was run on any of them; committed as written."""
from __future__ import annotations

import html
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from texts import ARTICLES  # noqa: E402

e = html.escape


def _p(text: str) -> str:
    return f"<p>{e(text)}</p>"


def _head(title: str, lang: str, site: str, extra: str = "") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{e(title)} | {e(site)}</title>'
            f'<meta property="og:title" content="{e(title)}"><meta property="og:site_name" content="{e(site)}">'
            f'<meta name="viewport" content="width=device-width">{extra}</head>')


def _nav(items: list[str]) -> str:
    return "<nav><ul>" + "".join(f'<li><a href="/{i.lower()}">{e(i)}</a></li>' for i in items) + "</ul></nav>"


def _body_paras(paras: list[str], inserts: dict[int, str], heading: set[int] | None = None) -> str:
    out = []
    for i, para in enumerate(paras):
        out.append(f"<h2>{e(para)}</h2>" if heading and i in heading else _p(para))
        if i in inserts:
            out.append(inserts[i])
    return "\n".join(out)


def _headings(paras: list[str]) -> set[int]:
    """Short lines without a full stop are subheadings in these texts."""
    return {i for i, p in enumerate(paras) if len(p) < 40 and not p.rstrip().endswith((".", "?", "»", "\""))}


def daily(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    inserts = {
        1: '<aside class="element-rich-link"><p><strong>Related: </strong><a href="/world/belarus-opposition">'
           "Belarus opposition leader calls for new sanctions on potash trade</a></p></aside>",
        2: '<div class="newsletter-signup"><p>Sign up to This is Europe</p><p>The most pressing stories and debates '
           "for Europeans – from identity to economics to the environment</p><p>Privacy Notice: Newsletters may "
           'contain info about charities, online ads, and content funded by outside parties.</p><button>Sign up</button>'
           "<p>after newsletter promotion</p></div>",
    }
    return (_head(t, "en", "The Daily Chronicle") + "<body>" + _nav(["World", "Europe", "UK", "Opinion", "Sport"])
            + f'<main><article><header><h1>{e(t)}</h1><div class="standfirst"><p>Officials in Minsk say the move is '
              "about stability; critics see a bid for leverage</p></div>"
              '<address class="byline">Anna Kowalska in Warsaw</address><time datetime="2026-03-12T10:00:00Z">'
              "Thu 12 Mar 2026 10.00 GMT</time>"
              '<ul class="share"><li>Share on Facebook</li><li>Share on X</li><li>Share via Email</li></ul></header>'
              '<figure><img src="/img/1.jpg" alt=""><figcaption>A border crossing point between Belarus and Poland. '
              "Photograph: Kacper Pempel/Reuters</figcaption></figure>"
              f'<div class="article-body">{_body_paras(paras, inserts, _headings(paras))}</div>'
              '<div class="submeta"><p>Explore more on these topics</p><ul><li><a href="/t/belarus">Belarus</a></li>'
              '<li><a href="/t/europe">Europe</a></li><li><a href="/t/nato">Nato</a></li></ul>'
              "<p>Share</p><p>Reuse this content</p></div></article>"
              '<aside class="most-viewed"><h2>Most viewed</h2><ol><li>Storm warnings issued across the north</li>'
              "<li>Inflation falls faster than expected</li><li>Ten of the best winter walks</li></ol></aside>"
              "</main><footer><p>© 2026 The Daily Chronicle</p></footer></body></html>")


def wire(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    related = ('<div class="related-coverage"><h3>Related coverage</h3><ul><li><a href="/a">Lithuania extends border '
               "emergency by three months</a></li><li><a href=\"/b\">Belarus jails journalist for 'extremism'</a></li>"
               "</ul></div>")
    return (_head(t, "en", "Global Wire") + "<body>" + _nav(["World", "Business", "Markets", "Sustainability"])
            + f"<article><h1>{e(t)}</h1>"
              '<div class="article-body">'
              '<p class="byline">By Tom Balmforth and Andrius Sytas</p><p class="read-time">3 minute read</p>'
              f"{_p(paras[0])}{related}{_body_paras(paras[1:], {})}"
              '<p class="sign-off">Reporting by Tom Balmforth; Editing by Peter Graff</p></div>'
              '<p class="trust">Our Standards: The Global Wire Trust Principles.</p>'
              '<div class="author-bio"><p>Tom Balmforth covers Russia, Ukraine and Belarus from London.</p></div>'
              "</article><footer><p>All quotes delayed a minimum of 15 minutes.</p></footer></body></html>")


def broadcaster(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    fig = ('<figure><p class="image-source">Image source, Getty Images</p><img src="/i.jpg" alt="">'
           "<figcaption><span>Image caption,</span> Soldiers take part in exercises near Brest in 2025</figcaption></figure>")
    return (_head(t, "en", "Public Broadcaster News") + "<body>" + _nav(["Home", "News", "Sport", "Weather"])
            + f'<main><article><h1>{e(t)}</h1><div class="meta"><span>Share</span><span>Save</span></div>'
              '<div class="byline"><p>Sarah Rainsford</p><p>Eastern Europe correspondent</p><p>Reporting from Warsaw</p></div>'
              f"{fig}{_body_paras(paras, {2: fig.replace('near Brest in 2025', 'at a training ground, file photo')}, _headings(paras))}"
              '<section class="related-topics"><h2>Related topics</h2><ul><li>Belarus</li><li>Poland</li>'
              '<li>European Union</li></ul></section><section><h2>More on this story</h2><ul>'
              "<li><a href=\"/x\">Belarus: The country stuck between Russia and the West</a></li>"
              "<li><a href=\"/y\">Who is Alexander Lukashenko?</a></li></ul></section></article></main>"
              "<footer><p>Copyright 2026. Read about our approach to external linking.</p></footer></body></html>")


def gulf(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    rec = ('<div class="more-on"><p>list of 4 items</p><ul><li>Recommended Stories</li><li><a href="/1">Russia says '
           "it downed drones over Belgorod</a></li><li><a href=\"/2\">Ukraine war: List of key events, day 1,112</a>"
           "</li><li><a href=\"/3\">Photos: Winter in Kyiv</a></li></ul><p>end of list</p></div>")
    return (_head(t, "en", "Gulf Globe") + "<body>" + _nav(["News", "Features", "Opinion", "Video"])
            + f'<main><h1>{e(t)}</h1><p class="summary">Officials say the steps are a response to Western pressure.</p>'
              '<div class="date">Published On 12 Mar 2026</div><div class="article-p-wrapper">'
              f"{rec}{_body_paras(paras, {}, _headings(paras))}</div>"
              '<p class="source">Source: Gulf Globe and news agencies</p>'
              '<div class="follow"><p>Follow Gulf Globe English:</p></div></main></body></html>')


def thinktank(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    return (_head(t, "en", "Centre for Eastern Studies", '<meta name="generator" content="WordPress 6.4">')
            + '<body class="single-post">' + _nav(["Research", "Experts", "Events", "About"])
            + f'<div id="content"><article class="post"><h1 class="entry-title">{e(t)}</h1>'
              '<div class="entry-meta">Posted on 12 March 2026 by <a href="/author/kb">Katarzyna Bielecka</a></div>'
              f'<div class="entry-content">{_body_paras(paras, {}, _headings(paras))}'
              '<div class="sharedaddy"><h3>Share this:</h3><ul><li>Twitter</li><li>LinkedIn</li><li>Print</li>'
              '</ul></div><div class="jp-relatedposts"><h3>Related</h3><p><a href="/r1">Belarus after the '
              "referendum: a new constitution, old power</a></p><p><a href=\"/r2\">The Suwałki gap in NATO "
              "planning</a></p></div></div>"
              '<div class="author-box"><h4>About the author</h4><p>Katarzyna Bielecka is a senior fellow in the '
              "Russia and Eastern Europe programme, where she works on Belarusian security policy.</p></div>"
              '<div class="tags">Tags: <a>Belarus</a>, <a>Russia</a>, <a>NATO</a></div></article>'
              '<div id="comments"><h3>Leave a Reply</h3><p>Your email address will not be published.</p></div>'
              "</div></body></html>")


def newsletter(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    sub = ('<div class="subscription-widget"><p>Thanks for reading Minsk Letters! Subscribe for free to receive new '
           "posts and support my work.</p><form><input type=\"email\" placeholder=\"Type your email...\">"
           "<button>Subscribe</button></form></div>")
    return (_head(t, "en", "Minsk Letters") + "<body>"
            + f'<article><h1 class="post-title">{e(t)}</h1><h3 class="subtitle">Notes from a week of watching '
              'the state media</h3><div class="post-meta"><a>Ihar Karnei</a><span>Mar 12, 2026</span>'
              '<span>12</span><span>3</span><span>Share</span></div>'
              f'<div class="body markup">{_body_paras(paras, {len(paras) // 2: sub}, _headings(paras))}</div>'
              f"{sub}"
              '<div class="post-footer"><span>12 Likes</span><span>·</span><span>3 Restacks</span>'
              "<p>Discussion about this post</p><p>Leave a comment</p></div></article></body></html>")


def politics_eu(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    return (_head(t, "en", "Politika Europe") + "<body>" + _nav(["Newsletters", "Podcasts", "Poll of Polls", "Pro"])
            + f'<main><article><p class="audio">Press play to listen to this article</p><p>Voiced by artificial '
              f"intelligence.</p><h1>{e(t)}</h1>"
              '<p class="authors">By <a>Gabriel Gavin</a> and <a>Jacopo Barigazzi</a></p>'
              '<p class="date">March 12, 2026 4:02 am CET</p>'
              '<div class="story-text">'
              f"{_body_paras(paras, {0: '<p><strong>Read more:</strong> <a href=/z>EU prepares 16th sanctions package</a></p>', 2: '<div class=newsletter><h3>Sign up for Brussels Playbook</h3><p>Get the inside scoop on the EU, every weekday morning.</p><button>Subscribe</button></div>'}, _headings(paras))}"
              "</div><p class=\"pro\">This article is also available to Politika Pro subscribers.</p>"
              "</article></main></body></html>")


def ria(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    also = ('<div class="article__block" data-type="article"><div class="article__article"><span>Читайте также</span>'
            '<a href="/20260311/x.html">В Минобороны Белоруссии рассказали о ходе учений с Россией</a></div></div>')
    photo = ('<div class="article__block" data-type="media"><img src="/p.jpg"><div class="media__copyright">'
             "© РИА Новости / Виктор Толочко</div><div class=\"media__title\">Военнослужащие на полигоне. Архивное "
             "фото</div></div>")
    blocks = "\n".join(
        f'<div class="article__block" data-type="text"><div class="article__text">{e(p)}</div></div>'
        + (also if i == 1 else "") for i, p in enumerate(paras))
    return (_head(t, "ru", "РИА Новости") + "<body>" + _nav(["Политика", "В мире", "Экономика", "Общество"])
            + f'<div class="article"><h1 class="article__title">{e(t)}</h1><div class="article__info-date">'
              f"<a>12:04 12.03.2026</a></div>{photo}<div class=\"article__body\">{blocks}</div>"
              '<div class="article__tags"><a>Белоруссия</a><a>Минобороны Белоруссии</a><a>Учения</a></div>'
              '<div class="article__social"><p>Подписывайтесь на РИА Новости в Telegram</p></div></div>'
              '<div class="lenta"><h3>Лента новостей</h3><p>12:01 В Подмосковье задержали подозреваемого в краже</p>'
              "<p>11:58 Синоптики пообещали потепление</p></div></body></html>")


def tass(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    return (_head(t, "ru", "ТАСС") + "<body>" + _nav(["Политика", "Экономика", "Общество", "Спорт"])
            + f'<main><h1 class="NewsHeader_title">{e(t)}</h1><div class="NewsHeader_date">12 марта, 14:10</div>'
              '<div class="NewsHeader_lead">Пресс-секретарь президента РФ отметил, что конкретных договоренностей нет</div>'
              '<article class="text-content">'
              + "".join(f'<p class="Paragraph_paragraph">{e(p)}</p>' for p in paras[:2])
              + '<div class="ReadAlso"><span>Читайте также</span><a>Лукашенко заявил о готовности Минска принять '
                "переговоры</a></div>"
              + "".join(f'<p class="Paragraph_paragraph">{e(p)}</p>' for p in paras[2:])
              + '<p class="Paragraph_paragraph">Больше новостей в Telegram-канале ТАСС</p></article>'
              '<div class="Tags"><a>Дмитрий Песков</a><a>Белоруссия</a></div></main>'
              "<footer><p>© ТАСС. Информационное агентство России</p></footer></body></html>")


def exile(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    donate = ('<div class="support-box"><p>Поддержите независимую журналистику</p><p>Наша редакция работает '
              "в эмиграции и существует благодаря читателям. Оформите ежемесячное пожертвование.</p>"
              "<a class=\"button\">Поддержать</a></div>")
    return (_head(t, "ru", "Вольная Беларусь") + "<body>" + _nav(["Новости", "Мнения", "Видео", "Подкасты"])
            + f'<article><h1>{e(t)}</h1><div class="meta"><span>12.03.2026</span><span>Иван Петров</span>'
              '<span>5 минут чтения</span></div><figure><img src="/a.jpg"><figcaption>Фото: Иван Петров / Вольная '
              "Беларусь</figcaption></figure>"
              f'<div class="entry">{_body_paras(paras, {1: donate}, _headings(paras))}</div>'
              '<p class="credits">Материал подготовил Иван Петров</p><p class="typo">Заметили ошибку? Выделите '
              "текст и нажмите Ctrl+Enter</p>"
              '<div class="share"><a>Telegram</a><a>Facebook</a><a>X</a><a>Скопировать ссылку</a></div>'
              "</article></body></html>")


def state_by(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    return (_head(t, "ru", "Беларусь Сегодня") + "<body>" + _nav(["Власть", "Экономика", "Общество", "Регионы"])
            + f'<div class="news-item"><h1>{e(t)}</h1><div class="date">12 марта 2026, 11:30</div>'
              '<div class="photo"><img src="/b.jpg"><p class="photo-author">Фото: Сергей Николаев</p></div>'
              f'<div class="news-text">{_body_paras(paras, {}, _headings(paras))}'
              '<p class="author">Анна Смирнова</p>'
              '<p class="subscribe">Подписывайтесь на наш канал в Telegram и будьте в курсе главных новостей!</p>'
              '</div><div class="read-also"><h4>Читайте также</h4><ul><li><a>В Минске прошло заседание '
              "Совбеза</a></li><li><a>Головченко провел встречу с послом Китая</a></li></ul></div></div>"
              "</body></html>")


def liveblog(a: dict, name: str) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    key = "".join(f"<li><a href=\"#e{i}\">{e(p[:60])}…</a></li>" for i, p in enumerate(paras[:3]))
    entries = "".join(
        f'<div class="block" id="e{i}"><p class="block-time"><time>{10 + i}:{(i * 7) % 60:02d} GMT</time></p>'
        f"{_p(p)}<div class=\"block-share\"><span>Share</span></div></div>"
        for i, p in enumerate(reversed(paras)))
    return (_head(t, "en", "The Daily Chronicle") + "<body>" + _nav(["World", "Europe", "Live"])
            + f'<main><h1>{e(t)} – live</h1><div class="key-events"><h2>Key events</h2><ul>{key}</ul>'
              '<p>Show key events only</p></div>'
              f'<div class="live-blog">{entries}</div>'
              '<p class="updated">Updated at 12.44 GMT</p></main></body></html>')


def portal(a: dict, name: str) -> str:
    """A regional portal: advertisement labels, "Also read" cards inside the text, a comments count."""
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    card = ('<div class="inline-card"><span class="label">Also read</span><a href="/c"><img src="/c.jpg">'
            "<span>Five things to know about the Belarusian economy</span></a></div>")
    ad = '<div class="ad-slot"><span>Advertisement</span><div id="gpt-1"></div></div>'
    return (_head(t, "en", "Baltic Times Online") + "<body>" + _nav(["Politics", "Business", "Culture"])
            + f'<div class="page"><h1 class="headline">{e(t)}</h1><div class="info"><span>BNS</span>'
              "<span>2026-03-12 14:02</span><span>Comments (3)</span></div>"
              f'<div class="text">{_body_paras(paras, {0: ad, 1: card, 2: ad})}</div>'
              '<div class="info-bottom"><p>Comments (3)</p><p>Report an error</p></div></div></body></html>')


def gov_by(a: dict, name: str) -> str:
    """A ministry or regional government site: "Поделиться:", "Новости по теме", a print link."""
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    return (_head(t, "ru", "Официальный сайт") + "<body>" + _nav(["Главная", "Новости", "Документы", "Контакты"])
            + f'<div class="content"><h1>{e(t)}</h1><div class="news-date">12.03.2026</div>'
              f'<div class="news-detail">{_body_paras(paras, {})}</div>'
              '<div class="share-line">Поделиться: <a>VK</a> <a>OK</a> <a>Telegram</a></div>'
              '<div class="print"><a>Версия для печати</a></div>'
              '<div class="news-related"><h3>Новости по теме</h3><ul><li><a>В области подвели итоги года</a></li>'
              "<li><a>Состоялось заседание облисполкома</a></li></ul></div></div></body></html>")


def membership(a: dict, name: str) -> str:
    """A reader-funded outlet: a membership box in the middle, the author's card, "Read also" inside."""
    paras = list(a["paras"])  # type: ignore[arg-type]
    t = str(a["title"])
    box = ('<section class="membership-cta"><h4>Become a member</h4><p>We are an independent newsroom funded by our '
           "readers. Join our community and help us keep reporting.</p><a>Join now</a></section>")
    return (_head(t, "en" if a["lang"] == "en" else "ru", "Independent Review") + "<body>"
            + f'<article><div class="kicker">Belarus</div><h1>{e(t)}</h1><div class="author-card"><a>Olga Rudenko</a>'
              "<span>March 12, 2026 5:47 PM</span><span>2 min read</span></div>"
              f'<div class="content-body">{_body_paras(paras, {1: box, 2: "<p><strong>Read also:</strong> <a>Inside the Belarusian prison system</a></p>"})}</div>'
              "</article></body></html>")


STYLES: dict[str, Callable[[dict, str], str]] = {
    "ho_en_railway": portal, "ho_en_court": membership, "ho_en_energy": portal,
    "ho_ru_vstrecha": gov_by, "ho_ru_ceny": gov_by, "ho_ru_armiya": membership,
    "en_grain_corridor": daily, "en_nuclear_drills": wire, "en_election_observers": broadcaster,
    "en_potash_rail": gulf, "en_analysis_rhetoric": thinktank, "en_sanctions_eu": politics_eu,
    "en_border_migrants": daily, "en_interview_minister": newsletter, "en_think_tank_brief": thinktank,
    "en_liveblog_summit": liveblog, "en_obituary_style": broadcaster,
    "ru_soveshchanie": state_by, "ru_ekonomika": ria, "ru_mid_zayavlenie": tass, "ru_intervyu": exile,
    "ru_pogoda_urozhay": state_by, "ru_analitika": exile, "ru_tass_style": tass, "ru_ria_style": ria,
    "ru_region_news": state_by, "ru_opposition": exile, "ru_long_transcript": wire,
}


def gold(a: dict, style: Callable[[dict, str], str]) -> str:
    paras = list(a["paras"])  # type: ignore[arg-type]
    if style is liveblog:
        paras = list(reversed(paras))  # newest first, as the page shows them
    return "\n\n".join(paras) + "\n"


def main() -> None:
    (HERE / "pages").mkdir(exist_ok=True)
    (HERE / "gold").mkdir(exist_ok=True)
    for name, a in ARTICLES.items():
        style = STYLES[name]
        (HERE / "pages" / f"{name}.html").write_text(style(a, name), encoding="utf-8")
        (HERE / "gold" / f"{name}.txt").write_text(gold(a, style), encoding="utf-8")
    print(f"{len(ARTICLES)} pages written")


if __name__ == "__main__":
    main()

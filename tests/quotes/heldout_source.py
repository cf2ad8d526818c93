"""A held-out-style gold set, written independently of the extraction rules (wire copy in the styles
of BelTA, president.gov.by, TASS, RIA, Kommersant, Reuters, Kremlin transcripts and think-tank
analysis). `python tests/quotes/heldout_source.py` rewrites tests/data/quotes/heldout/.

Annotation conventions (the same as ../shared/eval/quotes/dev):
- direct: the content inside the marks, one quote per paragraph and per part of a split quote;
- indirect: the reported clause (after "that"/"что", or before ", X said"); mixed when it holds a
  quoted fragment; "X and Y said that ..." is one quote per speaker;
- transcript turns: the turn's content over all its paragraphs;
- speaker: the registry's canonical English name, else the best full name in the text (Cyrillic
  nominative in Russian text); statements by organisations ("the ministry said", "по данным
  ведомства"), anonymous officials and headlines are optional (speaker None or the person): an
  extractor may skip them without penalty, and emitting them costs nothing either.
"""
from __future__ import annotations

import os
import re

Gold = tuple[str | None, str, str] | tuple[str | None, str, str, bool]

# Background paragraphs (no quotes) that bring short wire items to a realistic length (>= 160 words),
# the way agencies close items with reference material. Chosen in rotation.
PAD = {
    "en": [
        "The Union State of Russia and Belarus was established in 1999. In 2021 the two countries approved 28 Union programmes covering taxation, customs, energy and transport. Bilateral trade exceeded $50 billion last year.",
        "Belarus borders Poland, Lithuania, Latvia, Ukraine and Russia. Its state border is about 3,600 kilometres long, of which more than 1,200 kilometres run along the border with Ukraine.",
        "Russian tactical nuclear weapons were moved to Belarus in the summer of 2023. At the end of 2024 an intermediate-range missile system was also delivered to the country.",
        "The European Union has imposed several packages of sanctions on Belarus since 2020. The restrictions cover potash and petrochemicals, air travel and the banking sector.",
        "The joint exercise of the two armed forces is held every two years. Last time it involved units from all Russian military districts and every formation of the Belarusian ground forces.",
        "The war in Ukraine has continued since February 2022. Talks between the two sides in Istanbul in the spring of that year ended without a final document.",
        "The North Atlantic alliance now has 32 members, the latest to join being Finland and Sweden. At the summit in The Hague, members agreed to raise defence spending to 5% of GDP by 2035.",
        "Belarus' economy grew by 4% last year. Russia and China remain its main trading partners and account for more than two thirds of its foreign trade.",
    ],
    "ru": [
        "Справочно: Союзное государство Беларуси и России было образовано в 1999 году. В 2021 году стороны утвердили 28 союзных программ, которые касаются налоговой, таможенной, энергетической и транспортной политики. Товарооборот двух стран по итогам прошлого года превысил 50 миллиардов долларов.",
        "Белоруссия граничит с Польшей, Литвой, Латвией, Украиной и Россией. Протяженность государственной границы составляет около 3,6 тысячи километров, из них более 1,2 тысячи приходятся на границу с Украиной.",
        "Размещение российского тактического ядерного оружия на территории Белоруссии началось летом 2023 года. В конце 2024 года в республику был доставлен ракетный комплекс средней дальности.",
        "Евросоюз ввел против Белоруссии несколько пакетов санкций начиная с 2020 года. Ограничения затрагивают калийную и нефтехимическую отрасли, авиасообщение и банковский сектор.",
        "Совместное учение вооруженных сил двух стран проводится раз в два года. В прошлый раз в нем участвовали подразделения из всех военных округов России и все соединения сухопутных войск Белоруссии.",
        "Экономика республики по итогам прошлого года выросла на 4 процента. Основными торговыми партнерами остаются Россия и Китай, на которые приходится более двух третей внешней торговли.",
        "Конфликт на Украине продолжается с февраля 2022 года. Переговоры сторон в Стамбуле весной того же года завершились без подписания итоговых документов.",
        "Североатлантический альянс объединяет 32 государства. Последними в него вступили Финляндия и Швеция. На саммите в Гааге страны-члены договорились довести оборонные расходы до 5 процентов ВВП к 2035 году.",
    ],
}


def padded(text: str, lang: str, k: int) -> str:
    text = text.strip()
    pool = PAD[lang]
    extra: list[str] = []
    while len((text + " ".join(extra)).split()) < 160 and len(extra) < len(pool):
        extra.append(pool[(k + len(extra)) % len(pool)])
    if not extra:
        return text + "\n"
    paras = text.split("\n\n")
    labels = [j for j, p in enumerate(paras) if j and re.match(r"[^\n:]{1,40}: ", p)]
    if labels:
        # a transcript or interview: its last turn runs to the end, so the background goes before the first turn
        j = labels[0]
        return "\n\n".join([*paras[:j], *extra, *paras[j:]]) + "\n"
    return "\n\n".join([text, *extra]) + "\n"


def build(name: str, text: str, quotes: list[Gold], lang: str) -> dict[str, object]:
    out = []
    pos = 0
    for q in quotes:
        speaker, typ, qt = q[0], q[1], q[2]
        optional = bool(q[3]) if len(q) > 3 else False  # type: ignore[misc]
        i = text.find(qt, pos)
        if i < 0:
            i = text.find(qt)
        if i < 0:
            raise ValueError(f"{name}: quote not in text: {qt!r}")
        d: dict[str, object] = {"speaker": speaker, "type": typ, "text": qt, "start": i, "end": i + len(qt)}
        if optional:
            d["optional"] = True
        out.append(d)
        pos = i
    return {"id": name, "file": name + ".txt", "lang": lang, "source": "written for tests (held-out style)",
            "quotes": out}


def write(dest: str) -> None:
    from tests.quotes.gold_source import write_docs
    from tests.quotes.heldout_en import EN
    from tests.quotes.heldout_ru import RU

    write_docs(dest, (("en", EN), ("ru", RU)), lambda text, lang, k: padded(text, lang, 3 * k), build)


if __name__ == "__main__":
    import sys

    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.dirname(os.path.dirname(here)))
    write(os.path.join(os.path.dirname(here), "data", "quotes", "heldout"))

"""The project's own quote gold set, written by hand: `python tests/quotes/gold_source.py` rewrites
tests/data/quotes/NAME.txt + NAME.gold.json (same format as ../shared/eval/quotes/dev).

Each document: (name, text, [(speaker, type, quote text, optional?)]). Offsets are computed from the
quote text's first occurrence after the previous quote's start (or "@N" suffix not needed here).
Documents with no quotes check precision (scare quotes, titles of works, anonymous sources).
"""
from __future__ import annotations

import json
import os
from typing import Any

EN: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("en01_said_after", "“NATO is moving its forces closer to our borders,” Lukashenko said on Tuesday.",
     [("Alexander Lukashenko", "direct", "NATO is moving its forces closer to our borders")]),
    ("en02_said_inverted", "“We will respond to any provocation,” said Viktor Khrenin, the Belarusian defence minister.",
     [("Viktor Khrenin", "direct", "We will respond to any provocation")]),
    ("en03_colon", "Putin said: “Russia has never threatened anyone and does not intend to.”",
     [("Vladimir Putin", "direct", "Russia has never threatened anyone and does not intend to.")]),
    ("en04_split", "“The talks are difficult,” Peskov told reporters. “But we are not giving up on them.”",
     [("Dmitry Peskov", "direct", "The talks are difficult"),
      ("Dmitry Peskov", "direct", "But we are not giving up on them.")]),
    ("en05_split_comma", "“I will say it plainly,” Zelensky said, “Ukraine will not trade land for peace.”",
     [("Volodymyr Zelensky", "direct", "I will say it plainly"),
      ("Volodymyr Zelensky", "direct", "Ukraine will not trade land for peace.")]),
    ("en06_multipara",
     "Stoltenberg spoke at length about the summit.\n\n“Allies agreed to raise spending. This is a historic step.\n\n"
     "“We will keep supporting Ukraine for as long as it takes,” he said.",
     [("Jens Stoltenberg", "direct", "Allies agreed to raise spending. This is a historic step."),
      ("Jens Stoltenberg", "direct", "We will keep supporting Ukraine for as long as it takes")]),
    ("en07_pronoun", "Sergei Lavrov met his Chinese counterpart in Beijing. “Our positions coincide on most issues,” he said.",
     [("Sergei Lavrov", "direct", "Our positions coincide on most issues")]),
    ("en08_pronoun_she", "Maria Zakharova was asked about the sanctions. “This is economic blackmail,” she said.",
     [("Maria Zakharova", "direct", "This is economic blackmail")]),
    ("en09_title_spokesman", "“There is no agreement yet on the date of the meeting,” the Kremlin spokesman said.",
     [("Dmitry Peskov", "direct", "There is no agreement yet on the date of the meeting")]),
    ("en10_head_of_state",
     "Alexander Lukashenko held a meeting with the military. “Our army must be ready for anything,” the head of state stressed.",
     [("Alexander Lukashenko", "direct", "Our army must be ready for anything")]),
    ("en11_indirect_that", "Lukashenko argued that the West was preparing for a long confrontation with Minsk.",
     [("Alexander Lukashenko", "indirect", "the West was preparing for a long confrontation with Minsk")]),
    ("en12_indirect_coord",
     "Lavrov claimed that the sanctions had failed, and that Europe was paying the price for them.",
     [("Sergei Lavrov", "indirect", "the sanctions had failed, and that Europe was paying the price for them")]),
    ("en13_inverted_plain", "Healthcare is part of national security, Lukashenko said at a meeting with doctors.",
     [("Alexander Lukashenko", "indirect", "Healthcare is part of national security")]),
    ("en14_according", "According to Peskov, the president has no plans to travel abroad this month.",
     [("Dmitry Peskov", "indirect", "the president has no plans to travel abroad this month")]),
    ("en15_warned", "Rutte warned that Russia could test the alliance within the next five years.",
     [("Mark Rutte", "indirect", "Russia could test the alliance within the next five years")]),
    ("en16_mixed", "Shoigu insisted that Western weapons were ‘just scrap metal’ on the battlefield.",
     [("Sergei Shoigu", "mixed", "Western weapons were ‘just scrap metal’ on the battlefield")]),
    ("en17_made_clear", "Putin made it clear that Moscow would not accept any new deployments near its borders.",
     [("Vladimir Putin", "indirect", "Moscow would not accept any new deployments near its borders")]),
    ("en18_scare_quotes", "The so-called ‘peace plan’ was discussed by analysts in the ‘New Europe’ report.", []),
    ("en19_title_of_work", "The minister recommended the novel “War and Peace” to the delegates.", []),
    ("en20_anonymous", "“The decision has already been taken,” a source in the ministry said.", []),
    ("en21_transcript",
     "Question: What do you expect from the talks?\n\nVladimir Putin: We expect a serious conversation.\n\n"
     "Everything else depends on our partners.\n\nQuestion: And the sanctions?\n\n"
     "Vladimir Putin: They are not working.",
     [("Vladimir Putin", "direct", "We expect a serious conversation.\n\nEverything else depends on our partners."),
      ("Vladimir Putin", "direct", "They are not working.")]),
    ("en22_transcript_caps",
     "PRESIDENT BIDEN: Thank you all for coming today.\n\nQUESTION: Will you meet Putin?\n\n"
     "PRESIDENT BIDEN: Not at this point.\n\nQUESTION: Why not?\n\nPRESIDENT BIDEN: Because nothing has changed.",
     [("Joe Biden", "direct", "Thank you all for coming today."),
      ("Joe Biden", "direct", "Not at this point."),
      ("Joe Biden", "direct", "Because nothing has changed.")]),
    ("en23_straight_quotes", "\"We are ready for dialogue,\" Sybiha said in Kyiv on Monday.",
     [("Andrii Sybiha", "direct", "We are ready for dialogue")]),
    ("en24_nested",
     "“When they say ‘we are defending democracy’, they mean their own interests,” Zakharova said.",
     [("Maria Zakharova", "direct", "When they say ‘we are defending democracy’, they mean their own interests")]),
    ("en25_nonregistry", "“The economy will grow by two percent,” said Anna Kowalski, an economist at the bank.",
     [("Anna Kowalski", "direct", "The economy will grow by two percent")]),
    ("en26_two_speakers",
     "“Minsk is ready to host the talks,” Lukashenko said. “We welcome that offer,” Peskov said in response.",
     [("Alexander Lukashenko", "direct", "Minsk is ready to host the talks"),
      ("Dmitry Peskov", "direct", "We welcome that offer")]),
    ("en27_participle",
     "Zelensky addressed parliament, stressing that Ukraine would never recognise the annexation of its territory.",
     [("Volodymyr Zelensky", "indirect", "Ukraine would never recognise the annexation of its territory")]),
    ("en28_guillemets_en", "«We do not want war,» Makei told the assembly.",
     [("Vladimir Makei", "direct", "We do not want war")]),
    ("en29_noted_no_that", "Belousov noted the army had received more drones than planned this year.",
     [("Andrei Belousov", "indirect", "the army had received more drones than planned this year")]),
    ("en30_non_person_subject", "The report suggested that NATO was expanding its presence in the Baltic.", []),
    ("en31_recalled_mixed",
     "Kuleba recalled that Moscow had called the war a ‘special military operation’ from the very first day.",
     [("Dmytro Kuleba", "mixed", "Moscow had called the war a ‘special military operation’ from the very first day")]),
    ("en32_headline", "Lukashenko Says What Putin Thinks", []),
    # wire copy: titles and names around the reporting verb (BelTA, TASS, Reuters styles)
    ("en33_title_name_said",
     "“The grain harvest exceeded nine million tonnes for the first time in five years,” Agriculture Minister "
     "Yuri Gorlov said.",
     [("Yuri Gorlov", "direct", "The grain harvest exceeded nine million tonnes for the first time in five years")]),
    ("en34_said_title_name", "“Prices will stay stable until the end of the year,” said Economy Minister Yuri Chebotar.",
     [("Yuri Chebotar", "direct", "Prices will stay stable until the end of the year")]),
    ("en35_the_minister",
     "Agriculture Minister Yuri Gorlov presented the harvest figures at a government meeting on Monday.\n\n"
     "“Prices for bread and milk will stay stable,” the minister said.",
     [("Yuri Gorlov", "direct", "Prices for bread and milk will stay stable")]),
    ("en36_said_name_the_minister",
     "“The new terminal will double our transit capacity,” said Alexei Avramenko, the Belarusian transport minister.",
     [("Alexei Avramenko", "direct", "The new terminal will double our transit capacity")]),
    ("en37_name_head_of",
     "“Exports of dairy products grew by a fifth,” Irina Kostevich, head of the State Control Committee, said.",
     [("Irina Kostevich", "direct", "Exports of dairy products grew by a fifth")]),
    ("en38_spokesman_for_name",
     "“No violations of the border were recorded overnight,” the spokesman for the ministry, Anton Bychkovsky, "
     "said.",
     [("Anton Bychkovsky", "direct", "No violations of the border were recorded overnight")]),
    ("en39_belarusian_pm",
     "“Our enterprises must find new markets in Asia and Africa,” Belarusian Prime Minister Roman Golovchenko "
     "told the meeting.",
     [("Roman Golovchenko", "direct", "Our enterprises must find new markets in Asia and Africa")]),
    ("en40_state_secretary",
     "“The situation on the western border remains tense,” State Secretary of the Security Council Alexander "
     "Volfovich said.",
     [("Alexander Volfovich", "direct", "The situation on the western border remains tense")]),
    ("en41_mr_surname",
     "“We have never threatened our neighbours and we never will,” Mr. Lukashenko said at the ceremony.",
     [("Alexander Lukashenko", "direct", "We have never threatened our neighbours and we never will")]),
    ("en42_middle_initial",
     "“The sanctions have only made our industry stronger,” said Alexander G. Lukashenko.",
     [("Alexander Lukashenko", "direct", "The sanctions have only made our industry stronger")]),
    ("en43_patronymic",
     "“Sovereignty is not for sale,” Alexander Grigoryevich Lukashenko told the delegates.",
     [("Alexander Lukashenko", "direct", "Sovereignty is not for sale")]),
    ("en44_hyphenated",
     "“Kazakhstan values its partnership with Minsk,” Kazakh President Kassym-Jomart Tokayev said.",
     [("Kassym-Jomart Tokayev", "direct", "Kazakhstan values its partnership with Minsk")]),
    ("en45_prime_minister_role",
     "Roman Golovchenko chaired a meeting on the housing programme.\n\n"
     "The prime minister said that construction targets would be met by October.",
     [("Roman Golovchenko", "indirect", "construction targets would be met by October")]),
    ("en46_role_nearest_compatible",
     "Energy Minister Viktor Karankevich and Lukashenko visited the nuclear power plant in Ostrovets.\n\n"
     "“The second unit will reach full capacity in March,” the minister said.",
     [("Viktor Karankevich", "direct", "The second unit will reach full capacity in March")]),
    ("en47_state_secretary_role",
     "Alexander Volfovich met the commanders of the border units.\n\n"
     "“Every provocation will receive an adequate response,” the state secretary stressed.",
     [("Alexander Volfovich", "direct", "Every provocation will receive an adequate response")]),
    ("en48_said_name_russias_fm",
     "“Western guarantees are worth nothing,” said Sergei Lavrov, Russia’s foreign minister.",
     [("Sergei Lavrov", "direct", "Western guarantees are worth nothing")]),
    ("en49_deputy_pm_indirect",
     "Deputy Prime Minister Viktor Karankevich said that gas prices for Belarus would stay unchanged next year.",
     [("Viktor Karankevich", "indirect", "gas prices for Belarus would stay unchanged next year")]),
    ("en50_initials_surname",
     "“The harvest campaign is on schedule,” A. Lukashenko said during a visit to the Minsk region.",
     [("Alexander Lukashenko", "direct", "The harvest campaign is on schedule")]),
    ("en51_minister_added_indirect",
     "Agriculture Minister Yuri Gorlov said the harvest was the best in five years.\n\n"
     "The minister added that grain exports to China would double.",
     [("Yuri Gorlov", "indirect", "the harvest was the best in five years"),
      ("Yuri Gorlov", "indirect", "grain exports to China would double")]),
    ("en53_chairman_role",
     "Anatoly Lappo, chairman of the State Border Committee, inspected the checkpoints near Brest.\n\n"
     "“Queues of lorries have grown to three kilometres,” the chairman told reporters.",
     [("Anatoly Lappo", "direct", "Queues of lorries have grown to three kilometres")]),
    ("en54_particle_name",
     "“Europe will not recognise the result of this vote,” said Ursula von der Leyen, the president of the "
     "European Commission.",
     [("Ursula von der Leyen", "direct", "Europe will not recognise the result of this vote")]),
    ("en55_both_leaders",
     "Vladimir Putin and Alexander Lukashenko met in Sochi on Friday.\n\n"
     "Both leaders stressed that the Union State would respond jointly to any threat.",
     [("Vladimir Putin", "indirect", "the Union State would respond jointly to any threat"),
      ("Alexander Lukashenko", "indirect", "the Union State would respond jointly to any threat")]),
    ("en56_runon_and_said",
     "Viktor Khrenin reported that the air defence units had been put on alert and said the border was under "
     "full control.",
     [("Viktor Khrenin", "indirect", "the air defence units had been put on alert"),
      ("Viktor Khrenin", "indirect", "the border was under full control")]),
    ("en57_while_other_speaker",
     "Peskov said the Kremlin saw the proposal as “a step in the right direction,” while Zakharova claimed that "
     "Brussels had no mandate to negotiate.",
     [("Dmitry Peskov", "mixed", "the Kremlin saw the proposal as “a step in the right direction"),
      ("Maria Zakharova", "indirect", "Brussels had no mandate to negotiate")]),
    ("en58_appositive_indefinite",
     "Lavrov spoke to journalists in Moscow. Katsiaryna Shmatsina, a senior analyst at a Vilnius think tank, "
     "argued that Minsk had lost most of its room for manoeuvre.",
     [("Katsiaryna Shmatsina", "indirect", "Minsk had lost most of its room for manoeuvre")]),
    ("en59_spokesman_for_kremlin",
     "“Nobody has cancelled the contacts,” the spokesman for the Kremlin, Dmitry Peskov, said on Wednesday.",
     [("Dmitry Peskov", "direct", "Nobody has cancelled the contacts")]),
    ("en60_but_quoted_fragment",
     "Lukashenko said that Minsk was open to talks with Vilnius, but the Lithuanians “must stop the provocations "
     "first.”",
     [("Alexander Lukashenko", "mixed",
       "Minsk was open to talks with Vilnius, but the Lithuanians “must stop the provocations first.")]),
    ("en52_kremlin_spokesman_name_after",
     "“Contacts at the expert level continue,” Kremlin spokesman Dmitry Peskov told reporters on Thursday.",
     [("Dmitry Peskov", "direct", "Contacts at the expert level continue")]),
    # a long role-only subject: the person the text gave that role to, nobody else
    ("en61_long_role_subject",
     "Maxim Ryzhenkov, first deputy head of the presidential administration, accompanied Alexander Lukashenko "
     "on a trip to Grodno.\n\n"
     "The first deputy head of the presidential administration said that the youth policy would be revised "
     "by the end of the year.",
     [("Maxim Ryzhenkov", "indirect", "the youth policy would be revised by the end of the year")]),
    ("en62_long_role_no_holder",
     "Alexander Lukashenko visited a tractor plant in Minsk on Friday.\n\n"
     "The first deputy head of the presidential administration said that wages at the plant would rise.", []),
    ("en63_they_agreed",
     "Kassym-Jomart Tokayev and Alexander Lukashenko held talks in Astana on Monday.\n\n"
     "They agreed that trade between the two countries should reach five billion dollars.",
     [("Kassym-Jomart Tokayev", "indirect", "trade between the two countries should reach five billion dollars"),
      ("Alexander Lukashenko", "indirect", "trade between the two countries should reach five billion dollars")]),
]

RU: list[tuple[str, str, list[tuple[str, str, str]]]] = [
    ("ru01_dash", "«НАТО наращивает силы у наших границ», — заявил Лукашенко.",
     [("Alexander Lukashenko", "direct", "НАТО наращивает силы у наших границ")]),
    ("ru02_dash_split", "«Мы готовы к диалогу, — сказал он, — но не на любых условиях».",
     []),
    ("ru03_dash_split_named", "«Мы готовы к диалогу, — сказал Песков, — но не на любых условиях».",
     [("Dmitry Peskov", "direct", "Мы готовы к диалогу"), ("Dmitry Peskov", "direct", "но не на любых условиях")]),
    ("ru04_colon", "Путин подчеркнул: «Россия никому не угрожает и не собирается угрожать».",
     [("Vladimir Putin", "direct", "Россия никому не угрожает и не собирается угрожать")]),
    ("ru05_label_colon", "Захарова: «Это откровенная ложь западных СМИ».",
     [("Maria Zakharova", "direct", "Это откровенная ложь западных СМИ")]),
    ("ru06_indirect", "Лавров заявил, что Москва не будет вести переговоры под давлением.",
     [("Sergei Lavrov", "indirect", "Москва не будет вести переговоры под давлением")]),
    ("ru07_po_slovam", "По словам Пескова, график президента на следующую неделю пока не определен.",
     [("Dmitry Peskov", "indirect", "график президента на следующую неделю пока не определен")]),
    ("ru08_kak_zayavil", "Как заявил Шойгу, армия получила более тысячи новых образцов техники.",
     [("Sergei Shoigu", "indirect", "армия получила более тысячи новых образцов техники")]),
    ("ru09_head_of_state",
     "Александр Лукашенко провел совещание с военными. «Армия должна быть готова ко всему», — подчеркнул глава государства.",
     [("Alexander Lukashenko", "direct", "Армия должна быть готова ко всему")]),
    ("ru10_pronoun",
     "Мария Захарова прокомментировала решение Евросоюза. «Это экономический шантаж», — сказала она.",
     [("Maria Zakharova", "direct", "Это экономический шантаж")]),
    ("ru11_inflected",
     "По словам Владимира Путина, экономика страны успешно адаптировалась к санкциям.",
     [("Vladimir Putin", "indirect", "экономика страны успешно адаптировалась к санкциям")]),
    ("ru12_dialogue_dash",
     "— Мы будем отвечать на любые угрозы,— заявил Хренин.— Армия к этому готова.",
     [("Viktor Khrenin", "direct", "Мы будем отвечать на любые угрозы"),
      ("Viktor Khrenin", "direct", "Армия к этому готова.")]),
    ("ru13_dialogue_intro",
     "Министр обороны Белоруссии Виктор Хренин ответил так:\n\n— Наши войска находятся в полной готовности.",
     [("Viktor Khrenin", "direct", "Наши войска находятся в полной готовности.")]),
    ("ru14_transcript",
     "В.Путин: Добрый день, уважаемые коллеги.\n\nВопрос: Когда состоится встреча?\n\n"
     "В.Путин: Пока рано об этом говорить.\n\nПродолжим консультации.\n\nВопрос: Спасибо.",
     [("Vladimir Putin", "direct", "Добрый день, уважаемые коллеги."),
      ("Vladimir Putin", "direct", "Пока рано об этом говорить.\n\nПродолжим консультации.")]),
    ("ru15_mixed", "Лукашенко заявил, что Запад ведет «гибридную войну» против Белоруссии.",
     [("Alexander Lukashenko", "mixed", "Запад ведет «гибридную войну» против Белоруссии")]),
    ("ru16_scare", "Так называемый «мирный план» обсуждали эксперты на форуме «Минский диалог».", []),
    ("ru17_nonregistry",
     "«Рост цен замедлится уже весной», — сказал экономист Иван Смирнов.",
     [("Иван Смирнов", "direct", "Рост цен замедлится уже весной")]),
    ("ru18_latin_paren",
     "По словам министра Петера Ольсена (Peter Olsen), альянс готов к переговорам с Москвой.",
     [("Peter Olsen", "indirect", "альянс готов к переговорам с Москвой")]),
    ("ru19_schitaet", "Зеленский считает, что Киев получит новые системы ПВО до конца года.",
     [("Volodymyr Zelensky", "indirect", "Киев получит новые системы ПВО до конца года")]),
    ("ru20_podcherknul_he",
     "Сергей Лавров встретился с коллегами из ОДКБ. Он подчеркнул, что безопасность союзников неделима.",
     [("Sergei Lavrov", "indirect", "безопасность союзников неделима")]),
    ("ru21_nested_quotes",
     "«Мы читали их доклад „Новая Европа“ и не нашли там ничего нового», — отметила Захарова.",
     [("Maria Zakharova", "direct", "Мы читали их доклад „Новая Европа“ и не нашли там ничего нового")]),
    ("ru22_straight", "\"Переговоры будут продолжены\", — сообщил Ушаков журналистам.",
     [("Yuri Ushakov", "direct", "Переговоры будут продолжены")]),
    ("ru23_infinitive", "Путин может использовать встречу, чтобы сказать, что НАТО угрожает России.", []),
    ("ru24_non_person", "Эксперты считают, что санкции не дали результата.", []),
    ("ru25_two_quotes",
     "«Минск готов принять переговоры», — сказал Лукашенко. «Мы приветствуем это предложение», — ответил Песков.",
     [("Alexander Lukashenko", "direct", "Минск готов принять переговоры"),
      ("Dmitry Peskov", "direct", "Мы приветствуем это предложение")]),
    ("ru26_belarusian_spelling", "«Беларусь не хоча вайны», — заявіў Лукашэнка.",
     [("Alexander Lukashenko", "direct", "Беларусь не хоча вайны")]),
    ("ru27_genitive_title",
     "«Ситуация остается напряженной», — отметил пресс-секретарь Кремля Дмитрий Песков.",
     [("Dmitry Peskov", "direct", "Ситуация остается напряженной")]),
    ("ru28_dobavil", "Медведев добавил, что ответ на провокации будет жестким и быстрым.",
     [("Dmitry Medvedev", "indirect", "ответ на провокации будет жестким и быстрым")]),
    ("ru29_rutte", "«Альянс не будет воевать с Россией», — заявил генсек НАТО Марк Рютте.",
     [("Mark Rutte", "direct", "Альянс не будет воевать с Россией")]),
    ("ru30_multi_para",
     "Лукашенко выступил перед парламентом.\n\n«Мы должны сохранить мир на нашей земле.\n\n"
     "«Никто не заставит нас воевать», — сказал президент.",
     [("Alexander Lukashenko", "direct", "Мы должны сохранить мир на нашей земле."),
      ("Alexander Lukashenko", "direct", "Никто не заставит нас воевать")]),
    ("ru31_vsvo", "Шойгу отметил, что задачи специальной военной операции будут выполнены.",
     [("Sergei Shoigu", "indirect", "задачи специальной военной операции будут выполнены")]),
    ("ru32_inverted_speaker", "«Мы не ведем переговоров с террористами», — заявил Зеленский в Киеве.",
     [("Volodymyr Zelensky", "direct", "Мы не ведем переговоров с террористами")]),
    ("ru33_second_speaker_clause",
     "«Казахстан для нас — стратегический партнер», — сказал Лукашенко, а Токаев подчеркнул, что двум странам "
     "нужны новые логистические маршруты.",
     [("Alexander Lukashenko", "direct", "Казахстан для нас — стратегический партнер"),
      ("Kassym-Jomart Tokayev", "indirect", "двум странам нужны новые логистические маршруты")]),
]


def build(name: str, text: str, quotes: list[tuple[str, str, str]], lang: str) -> dict[str, object]:
    out = []
    pos = 0
    for speaker, typ, qt in quotes:
        i = text.find(qt, pos)
        if i < 0:
            raise ValueError(f"{name}: quote not in text: {qt!r}")
        out.append({"speaker": speaker, "type": typ, "text": qt, "start": i, "end": i + len(qt)})
        pos = i
    return {"id": name, "file": name + ".txt", "lang": lang, "source": "written for tests", "quotes": out}


def write_docs(dest: str, sets: Any, transform: Any = None, build: Any = build) -> None:
    """Write NAME.txt + NAME.gold.json for each (name, text, quotes) of each (lang, docs) set;
    `transform(text, lang, k)` may change a text before its offsets are computed, and `build`
    makes the gold object."""
    os.makedirs(dest, exist_ok=True)
    for lang, docs in sets:
        for k, (name, text, quotes) in enumerate(docs):
            if transform is not None:
                text = transform(text, lang, k)
            with open(os.path.join(dest, name + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
            with open(os.path.join(dest, name + ".gold.json"), "w", encoding="utf-8") as f:
                json.dump(build(name, text, quotes, lang), f, ensure_ascii=False, indent=1)


def write(dest: str) -> None:
    write_docs(dest, (("en", EN), ("ru", RU)))


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    write(os.path.join(os.path.dirname(here), "data", "quotes"))

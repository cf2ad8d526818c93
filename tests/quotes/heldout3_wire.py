"""heldout-3 / wire: English wire copy and transcripts in the styles of BelTA, president.gov.by,
TASS and kremlin.ru, written for the held-out measure of i12 (session 17) and annotated with the
text, before the extractor ran on any of it (the annotation was committed first).

Conventions: those of heldout-2 (tests/data/quotes/heldout-2/README.md): a quote is a person's
speech (direct: the words inside the marks or a transcript turn over all its paragraphs; indirect:
the reported clause; mixed: a reported clause holding a quoted fragment); statements of bodies,
anonymous sources and what someone spoke about (a topic, not words) are no quotes; instructions,
people named only by role and formulaic turns are optional.

Each document: (name, extension, country of the source or None, text, gold quotes).
"""
from __future__ import annotations

Gold = tuple[str | None, str, str] | tuple[str | None, str, str, bool]
PUTIN, LUK, PESKOV = "Vladimir Putin", "Alexander Lukashenko", "Dmitry Peskov"

WIRE: list[tuple[str, str, str | None, str, list[Gold]]] = [
    ("x01_belta_grain", "txt", "BY",
     "MINSK, 3 December (BelTA) - Belarusian President Aleksandr Lukashenko demanded that the grain harvest "
     "be stored without losses, BelTA learned from the press service of the head of state.\n\n"
     "The President held a meeting on the results of the agricultural year.\n\n"
     "\"We have harvested more than 9 million tonnes. Now the main thing is to keep it. If we lose even "
     "a tenth in the storehouses, all our work in the fields is meaningless,\" the head of state said.\n\n"
     "Aleksandr Lukashenko noted that prices for fertilisers had almost doubled over two years. According to "
     "him, the government should look for ways to produce more of them at home.\n\n"
     "The meeting was attended by Prime Minister Roman Golovchenko and the heads of the regional executive "
     "committees.",
     [(LUK, "indirect", "the grain harvest be stored without losses", True),
      (LUK, "direct", "We have harvested more than 9 million tonnes. Now the main thing is to keep it. If we lose even "
       "a tenth in the storehouses, all our work in the fields is meaningless"),
      (LUK, "indirect", "prices for fertilisers had almost doubled over two years"),
      (LUK, "indirect", "the government should look for ways to produce more of them at home")]),
    ("x02_belta_ryzhenkov_un", "txt", "BY",
     "MINSK, 28 November (BelTA) - Belarus will never agree to be a buffer zone between East and West, "
     "Minister of Foreign Affairs of Belarus Maxim Ryzhenkov said at a meeting with foreign ambassadors.\n\n"
     "\"Our country has chosen its path, and this path is peace and good-neighbourliness. But let nobody "
     "think that we can be pressured,\" the minister stressed.\n\n"
     "The diplomat recalled that Belarus had proposed a Eurasian charter of diversity and multipolarity in "
     "the 21st century. He said the document could become the basis of a new security architecture.",
     [("Maxim Ryzhenkov", "indirect", "Belarus will never agree to be a buffer zone between East and West"),
      ("Maxim Ryzhenkov", "direct", "Our country has chosen its path, and this path is peace and "
       "good-neighbourliness. But let nobody think that we can be pressured"),
      ("Maxim Ryzhenkov", "indirect", "Belarus had proposed a Eurasian charter of diversity and multipolarity in "
       "the 21st century"),
      ("Maxim Ryzhenkov", "indirect", "the document could become the basis of a new security architecture")]),
    ("x03_tass_peskov_talks", "txt", "RU",
     "MOSCOW, December 2. /TASS/. The Kremlin does not rule out contacts with the new US administration, "
     "but no specific proposals have been received so far, Kremlin Spokesman Dmitry Peskov told reporters.\n\n"
     "\"President Putin has repeatedly said that he is open to contacts. Nothing has changed here,\" "
     "Peskov said.\n\n"
     "Asked about the latest Western deliveries of long-range missiles to Kyiv, the spokesman said they "
     "would only prolong the conflict. \"This is a further escalation, and we have warned about it,\" he "
     "added.\n\n"
     "Earlier, Russian Foreign Ministry Spokeswoman Maria Zakharova called the deliveries \"a direct "
     "involvement of NATO\".",
     [(PESKOV, "indirect", "The Kremlin does not rule out contacts with the new US administration, but no specific "
       "proposals have been received so far"),
      (PESKOV, "direct", "President Putin has repeatedly said that he is open to contacts. Nothing has changed here"),
      (PESKOV, "indirect", "they would only prolong the conflict"),
      (PESKOV, "direct", "This is a further escalation, and we have warned about it"),
      ("Maria Zakharova", "mixed", "the deliveries \"a direct involvement of NATO\"")]),
    ("x04_kremlin_transcript_titles", "txt", "RU",
     "Meeting with Government members\n\n"
     "The President held a meeting with Government members, via videoconference.\n\n"
     "President of Russia Vladimir Putin: Good afternoon, colleagues.\n\n"
     "Today we will discuss the state of the housing market. Mortgage lending has slowed down, and we need "
     "to understand what this means for construction.\n\n"
     "Deputy Prime Minister Marat Khusnullin: Mr President, colleagues, in ten months we have commissioned "
     "more than 90 million square metres of housing. This is close to last year's record.\n\n"
     "President of Russia Vladimir Putin: And what about the regions where construction is falling?\n\n"
     "Deputy Prime Minister Marat Khusnullin: There are eleven such regions. We are working with each of "
     "them separately.",
     [(PUTIN, "direct", "Good afternoon, colleagues.\n\nToday we will discuss the state of the housing market. "
       "Mortgage lending has slowed down, and we need to understand what this means for construction."),
      ("Marat Khusnullin", "direct", "Mr President, colleagues, in ten months we have commissioned more than 90 "
       "million square metres of housing. This is close to last year's record."),
      (PUTIN, "direct", "And what about the regions where construction is falling?"),
      ("Marat Khusnullin", "direct", "There are eleven such regions. We are working with each of them separately.")]),
    ("x05_kremlin_press_approach", "txt", "RU",
     "Answers to journalists' questions\n\n"
     "Vladimir Putin answered questions from the media after the CSTO summit in Astana.\n\n"
     "Question: Mr President, how do you assess the results of the summit?\n\n"
     "Vladimir Putin: I think it was useful. We adopted a package of documents on collective security, "
     "and all the participants spoke in favour of strengthening our joint forces.\n\n"
     "Question: And the situation in Syria?\n\n"
     "Vladimir Putin: We are in contact with all the parties, with Turkey and with Iran. The situation is "
     "difficult.",
     [(PUTIN, "direct", "I think it was useful. We adopted a package of documents on collective security, and all the "
       "participants spoke in favour of strengthening our joint forces."),
      (PUTIN, "direct", "We are in contact with all the parties, with Turkey and with Iran. The situation is "
       "difficult.")]),
    ("x06_presidentgovby_school", "txt", "BY",
     "Aleksandr Lukashenko visits school in Minsk District\n\n"
     "On 29 November Belarusian President Aleksandr Lukashenko visited the secondary school in the "
     "agro-town of Zhdanovichi.\n\n"
     "The head of state talked to teachers and pupils. He was told about the new lessons of labour "
     "training.\n\n"
     "\"A school is not only knowledge. A school must teach a child to work with his hands,\" the "
     "President said. \"I want every boy to be able to hammer a nail and every girl to sew a button.\"\n\n"
     "Education Minister Andrei Ivaniec reported that 120 schools had been renovated this year.\n\n"
     "The President instructed the government to draw up a programme for rural schools by the summer.",
     [(LUK, "direct", "A school is not only knowledge. A school must teach a child to work with his hands"),
      (LUK, "direct", "I want every boy to be able to hammer a nail and every girl to sew a button."),
      ("Andrei Ivaniec", "indirect", "120 schools had been renovated this year"),
      (LUK, "indirect", "the government to draw up a programme for rural schools by the summer", True)]),
    ("x07_reuters_zelensky", "txt", None,
     "KYIV, Dec 1 (Reuters) - Ukrainian President Volodymyr Zelenskiy said on Sunday that Kyiv needed "
     "more air defence systems before winter, as Russian strikes on the energy grid intensified.\n\n"
     "\"Every Patriot system means a city that has light and heat,\" Zelenskiy said in his nightly video "
     "address.\n\n"
     "Russia's Defence Ministry said its forces had struck energy facilities that support Ukraine's "
     "military industry. Moscow denies targeting civilians.\n\n"
     "German Chancellor Olaf Scholz, who visited Kyiv on Monday, promised further deliveries of IRIS-T "
     "systems, saying Germany would \"stand by Ukraine for as long as it takes\".",
     [("Volodymyr Zelensky", "indirect", "Kyiv needed more air defence systems before winter"),
      ("Volodymyr Zelensky", "direct", "Every Patriot system means a city that has light and heat"),
      ("Olaf Scholz", "mixed", "Germany would \"stand by Ukraine for as long as it takes\"")]),
    ("x08_belta_khrenin_inverted", "txt", "BY",
     "MINSK, 30 November (BelTA) - The situation on the western border remains tense, but it is under "
     "control, Belarusian Defense Minister Viktor Khrenin told reporters.\n\n"
     "According to the minister, NATO has increased the number of troops near the Belarusian border "
     "by about a third this autumn.\n\n"
     "\"We are not going to attack anyone. But anyone who comes to our land with a weapon will get an "
     "answer,\" Viktor Khrenin said.\n\n"
     "The minister also spoke about the plans for the Zapad-2025 exercise.",
     [("Viktor Khrenin", "indirect", "The situation on the western border remains tense, but it is under control"),
      ("Viktor Khrenin", "indirect", "NATO has increased the number of troops near the Belarusian border by about a "
       "third this autumn"),
      ("Viktor Khrenin", "direct", "We are not going to attack anyone. But anyone who comes to our land with a weapon "
       "will get an answer")]),
    ("x09_kremlin_news_lukashenko_call", "txt", "RU",
     "Telephone conversation with President of Belarus Alexander Lukashenko\n\n"
     "Vladimir Putin had a telephone conversation with President of the Republic of Belarus Alexander "
     "Lukashenko.\n\n"
     "The leaders discussed topical issues of the Union State agenda and preparations for the Supreme "
     "State Council meeting.\n\n"
     "Alexander Lukashenko congratulated Vladimir Putin on the successful launch of the new nuclear power "
     "unit. The President of Russia, in turn, thanked his colleague for the congratulations.",
     []),
    ("x10_tass_lavrov_interview", "txt", "RU",
     "MOSCOW, November 27. /TASS/. Russian Foreign Minister Sergey Lavrov has said that the West is "
     "trying to drag Moldova and Georgia into a confrontation with Russia.\n\n"
     "\"They are following the Ukrainian scenario step by step,\" the minister said in an interview with "
     "the newspaper Izvestia. \"First they promise membership, then they demand loyalty.\"\n\n"
     "In his words, Moscow is ready to respond to any hostile steps, \"but we will not be the first to "
     "escalate\".\n\n"
     "Lavrov also criticised the OSCE, saying the organisation had \"lost its purpose\".",
     [("Sergey Lavrov", "indirect", "the West is trying to drag Moldova and Georgia into a confrontation with Russia"),
      ("Sergey Lavrov", "direct", "They are following the Ukrainian scenario step by step"),
      ("Sergey Lavrov", "direct", "First they promise membership, then they demand loyalty."),
      ("Sergey Lavrov", "mixed", "Moscow is ready to respond to any hostile steps, \"but we will not be the first to "
       "escalate"),
      ("Sergey Lavrov", "mixed", "the organisation had \"lost its purpose")]),
    ("x11_belta_transcript_caps", "txt", "BY",
     "Lukashenko's meeting with journalists\n\n"
     "LUKASHENKO: Let me say it straight away: there will be no mobilisation in Belarus. We do not need "
     "it.\n\n"
     "JOURNALIST: And what about the Russian troops in Belarus?\n\n"
     "LUKASHENKO: They are here for exercises, as our agreements provide. When the exercises end, they "
     "will go home.",
     [(LUK, "direct", "Let me say it straight away: there will be no mobilisation in Belarus. We do not need it."),
      (LUK, "direct", "They are here for exercises, as our agreements provide. When the exercises end, they will go "
       "home.")]),
    ("x12_belta_golovchenko_nonregistry", "txt", "BY",
     "MINSK, 2 December (BelTA) - Belarus and Uzbekistan plan to bring their trade to $1 billion, Deputy "
     "Prime Minister of Uzbekistan Jamshid Khodjaev said after a meeting of the intergovernmental commission.\n\n"
     "\"We see great interest in Belarusian machinery and medicines,\" he said. \"Our companies are ready to "
     "set up joint production.\"\n\n"
     "Belarusian Prime Minister Roman Golovchenko noted that the two countries had already launched 30 joint "
     "projects. He called on the commission to meet twice a year.",
     [("Jamshid Khodjaev", "indirect", "Belarus and Uzbekistan plan to bring their trade to $1 billion"),
      ("Jamshid Khodjaev", "direct", "We see great interest in Belarusian machinery and medicines"),
      ("Jamshid Khodjaev", "direct", "Our companies are ready to set up joint production."),
      ("Roman Golovchenko", "indirect", "the two countries had already launched 30 joint projects"),
      ("Roman Golovchenko", "indirect", "the commission to meet twice a year", True)]),
]

"""heldout-2 / wire: English wire copy and transcripts (and Russian transcripts) in the label styles
of issue 12, item 3, written for the issue and annotated with the text, before the extractor ran on
any of it.

Label styles: title + name ("President of Russia Vladimir Putin:", "Prime Minister of India Narendra
Modi:"); upper-case and initial forms ("В.ПУТИН:", "А.ЛУКАШЕНКО:", "V.Putin:", "PUTIN:"); names
outside the registry; moderator and question turns (nobody's quote: optional where a named
moderator speaks, absent where "Question:" does); labels inside <b>, <strong> or <span> in HTML, and
in plain text. Wire copy: BelTA, president.gov.by, TASS and Reuters styles.

Each document: (name, extension, country of the source or None, text, gold quotes). A transcript
turn is one quote over all its paragraphs.
"""
from __future__ import annotations

Gold = tuple[str | None, str, str] | tuple[str | None, str, str, bool]
PUTIN, LUK = "Vladimir Putin", "Alexander Lukashenko"

WIRE: list[tuple[str, str, str | None, str, list[Gold]]] = [
    ("w01_kremlin_title_labels", "txt", "RU",
     "Russian-Indian talks\n\n"
     "Vladimir Putin and Narendra Modi held talks in the Kremlin.\n\n"
     "President of Russia Vladimir Putin: Mr Prime Minister, friends, I am glad to welcome you to Moscow. "
     "Our relations have a special, privileged character.\n\n"
     "Trade between our countries has grown several times over in the past three years.\n\n"
     "Prime Minister of India Narendra Modi: Thank you, Mr President, for the warm welcome. India and Russia have "
     "stood together in good times and bad.\n\n"
     "President of Russia Vladimir Putin: We will certainly discuss energy and transport, including the "
     "North-South corridor.",
     [(PUTIN, "direct", "Mr Prime Minister, friends, I am glad to welcome you to Moscow. Our relations have a special, "
       "privileged character.\n\nTrade between our countries has grown several times over in the past three years."),
      ("Narendra Modi", "direct", "Thank you, Mr President, for the warm welcome. India and Russia have stood together "
       "in good times and bad."),
      (PUTIN, "direct", "We will certainly discuss energy and transport, including the North-South corridor.")]),
    ("w02_kremlin_bold", "html", "RU",
     "<html lang=\"en\"><head><title>Statements for the press</title></head><body><article>"
     "<h1>Press statements following Russian-Belarusian talks</h1>"
     "<p>The two presidents made statements for the press after the talks.</p>"
     "<p><b>President of Russia Vladimir Putin:</b> Mr President, dear Alexander Grigoryevich, ladies and "
     "gentlemen. The talks were held in a businesslike and friendly atmosphere.</p>"
     "<p>We agreed to continue coordinating our foreign policy steps.</p>"
     "<p><b>President of Belarus Alexander Lukashenko:</b> Thank you, Vladimir Vladimirovich. I fully agree with "
     "the assessment given by the President of Russia. We are together in everything.</p>"
     "<p><b>President of Russia Vladimir Putin:</b> Thank you.</p>"
     "</article></body></html>",
     [(PUTIN, "direct", "Mr President, dear Alexander Grigoryevich, ladies and gentlemen. The talks were held in a "
       "businesslike and friendly atmosphere.\n\nWe agreed to continue coordinating our foreign policy steps."),
      (LUK, "direct", "Thank you, Vladimir Vladimirovich. I fully agree with the assessment given by the President of "
       "Russia. We are together in everything."),
      (PUTIN, "direct", "Thank you.", True)]),
    ("w03_strong_moderator", "html", "RU",
     "<html lang=\"en\"><body><div class=\"entry-content\">"
     "<h1>Valdai Discussion Club session</h1>"
     "<p>Vladimir Putin took part in the plenary session of the Valdai club.</p>"
     "<p><strong>F.Lukyanov:</strong> Mr President, the first question is about Europe. Do you see any "
     "chance of dialogue?</p>"
     "<p><strong>V.Putin:</strong> We have never refused dialogue. It was our European colleagues who "
     "closed the door.</p>"
     "<p>If they want to open it again, we are ready to listen.</p>"
     "<p><strong>F.Lukyanov:</strong> And what about the United States?</p>"
     "<p><strong>V.Putin:</strong> The new administration says it wants to end the conflict. We will judge "
     "by deeds, not words.</p>"
     "</div></body></html>",
     [("Fyodor Lukyanov", "direct", "Mr President, the first question is about Europe. Do you see any chance of "
       "dialogue?", True),
      (PUTIN, "direct", "We have never refused dialogue. It was our European colleagues who closed the door.\n\n"
       "If they want to open it again, we are ready to listen."),
      ("Fyodor Lukyanov", "direct", "And what about the United States?", True),
      (PUTIN, "direct", "The new administration says it wants to end the conflict. We will judge by deeds, not words.")]),
    ("w04_span_labels", "html", None,
     "<html lang=\"en\"><body><main>"
     "<h1>Interview with Alexander Lukashenko</h1>"
     "<p><span class=\"speaker\">QUESTION:</span> Mr President, will Belarus take part in the war?</p>"
     "<p><span class=\"speaker\">LUKASHENKO:</span> No. Belarus will not send its soldiers anywhere. We "
     "defend only our own land.</p>"
     "<p><span class=\"speaker\">QUESTION:</span> And the Russian missiles on your territory?</p>"
     "<p><span class=\"speaker\">LUKASHENKO:</span> They are there to deter. Nobody will attack a country "
     "that can answer.</p>"
     "</main></body></html>",
     [(LUK, "direct", "No. Belarus will not send its soldiers anywhere. We defend only our own land."),
      (LUK, "direct", "They are there to deter. Nobody will attack a country that can answer.")]),
    ("w05_caps_plain", "txt", None,
     "PUTIN: We are not going to attack anyone. That is nonsense.\n\n"
     "QUESTION: Then why the exercises near the border?\n\n"
     "PUTIN: Every country trains its army. NATO holds exercises all the time, and nobody asks them.\n\n"
     "QUESTION: Will you meet President Trump?\n\n"
     "PUTIN: If there is a reason to meet, we will meet.",
     [(PUTIN, "direct", "We are not going to attack anyone. That is nonsense."),
      (PUTIN, "direct", "Every country trains its army. NATO holds exercises all the time, and nobody asks them."),
      (PUTIN, "direct", "If there is a reason to meet, we will meet.")]),
    ("w06_initials_en", "txt", "BY",
     "Meeting with the Belarusian delegation\n\n"
     "V.Putin: Alexander Grigoryevich, I am glad to see you. We have a lot to discuss.\n\n"
     "A.Lukashenko: Thank you. We have prepared a number of proposals on industrial cooperation.\n\n"
     "Our enterprises are ready to supply more machinery to Russian regions.\n\n"
     "V.Putin: Good. Let us start with that.",
     [(PUTIN, "direct", "Alexander Grigoryevich, I am glad to see you. We have a lot to discuss."),
      (LUK, "direct", "Thank you. We have prepared a number of proposals on industrial cooperation.\n\nOur enterprises "
       "are ready to supply more machinery to Russian regions."),
      (PUTIN, "direct", "Good. Let us start with that.")]),
    ("w07_ru_caps_initials", "txt", "RU",
     "Стенограмма встречи\n\n"
     "В.ПУТИН: Александр Григорьевич, добрый день! Рад вас видеть.\n\n"
     "А.ЛУКАШЕНКО: Добрый день, Владимир Владимирович. Спасибо за приглашение.\n\n"
     "Мы подготовили ряд вопросов по энергетике и по ценам на газ.\n\n"
     "В.ПУТИН: Хорошо, давайте начнем с энергетики.\n\n"
     "ВОПРОС: Будет ли подписано соглашение по газу?\n\n"
     "В.ПУТИН: Работа идет, подпишем, когда будем готовы.",
     [(PUTIN, "direct", "Александр Григорьевич, добрый день! Рад вас видеть."),
      (LUK, "direct", "Добрый день, Владимир Владимирович. Спасибо за приглашение.\n\nМы подготовили ряд вопросов по "
       "энергетике и по ценам на газ."),
      (PUTIN, "direct", "Хорошо, давайте начнем с энергетики."),
      (PUTIN, "direct", "Работа идет, подпишем, когда будем готовы.")]),
    ("w08_ru_kremlin_titles", "txt", "RU",
     "Заявления для прессы\n\n"
     "Президент России Владимир Путин: Уважаемые дамы и господа! Переговоры прошли в конструктивном ключе.\n\n"
     "Президент Республики Казахстан Касым-Жомарт Токаев: Благодарю Владимира Владимировича за "
     "гостеприимство. Казахстан и Россия — стратегические союзники.\n\n"
     "Президент России Владимир Путин: Спасибо большое.",
     [(PUTIN, "direct", "Уважаемые дамы и господа! Переговоры прошли в конструктивном ключе."),
      ("Kassym-Jomart Tokayev", "direct", "Благодарю Владимира Владимировича за гостеприимство. Казахстан и Россия — "
       "стратегические союзники."),
      (PUTIN, "direct", "Спасибо большое.", True)]),
    ("w09_nonregistry_labels", "txt", "RU",
     "Russian-Indonesian talks\n\n"
     "Vladimir Putin: Mr President, welcome to Russia. This is your first visit as head of state.\n\n"
     "President of Indonesia Prabowo Subianto: Thank you, Mr President. Indonesia values its long "
     "friendship with Russia.\n\n"
     "We want to expand cooperation in agriculture and education.\n\n"
     "Vladimir Putin: We are ready for that.",
     [(PUTIN, "direct", "Mr President, welcome to Russia. This is your first visit as head of state."),
      ("Prabowo Subianto", "direct", "Thank you, Mr President. Indonesia values its long friendship with Russia.\n\n"
       "We want to expand cooperation in agriculture and education."),
      (PUTIN, "direct", "We are ready for that.")]),
    ("w10_interview_question_remark", "txt", "RU",
     "Question: Mr President, how do you assess the situation at the front?\n\n"
     "Vladimir Putin: Our troops are advancing along the entire line of contact.\n\n"
     "Remark: The Ukrainian side says otherwise.\n\n"
     "Vladimir Putin: They can say what they like. The facts speak for themselves.\n\n"
     "Question: And talks?\n\n"
     "Vladimir Putin: We have never refused talks.",
     [(PUTIN, "direct", "Our troops are advancing along the entire line of contact."),
      (PUTIN, "direct", "They can say what they like. The facts speak for themselves."),
      (PUTIN, "direct", "We have never refused talks.")]),
    ("w11_moderator_named", "txt", None,
     "Moderator: Good afternoon. Our first speaker is the Belarusian Foreign Minister.\n\n"
     "Maxim Ryzhenkov: Thank you. Belarus has always stood for dialogue in Europe.\n\n"
     "Moderator: What would it take to restart that dialogue?\n\n"
     "Maxim Ryzhenkov: Respect. Nothing more and nothing less.",
     [("Maxim Ryzhenkov", "direct", "Thank you. Belarus has always stood for dialogue in Europe."),
      ("Maxim Ryzhenkov", "direct", "Respect. Nothing more and nothing less.")]),
    ("w12_ru_html_bold", "html", "RU",
     "<html lang=\"ru\"><body><article>"
     "<h1>Пленарное заседание форума</h1>"
     "<p><b>Ф.Лукьянов:</b> Владимир Владимирович, первый вопрос о Европе.</p>"
     "<p><b>В.Путин:</b> Мы никогда не отказывались от диалога с Европой. Это наши коллеги закрыли "
     "дверь.</p>"
     "<p>Если они захотят ее открыть, мы готовы.</p>"
     "<p><b>Ф.Лукьянов:</b> А Соединенные Штаты?</p>"
     "<p><b>В.Путин:</b> Будем судить по делам, а не по словам.</p>"
     "</article></body></html>",
     [("Федор Лукьянов", "direct", "Владимир Владимирович, первый вопрос о Европе.", True),
      (PUTIN, "direct", "Мы никогда не отказывались от диалога с Европой. Это наши коллеги закрыли дверь.\n\nЕсли "
       "они захотят ее открыть, мы готовы."),
      ("Федор Лукьянов", "direct", "А Соединенные Штаты?", True),
      (PUTIN, "direct", "Будем судить по делам, а не по словам.")]),
    ("w13_belta_wire", "txt", "BY",
     "Lukashenko: Belarus will not be dragged into war\n\n"
     "MINSK, 28 November (BelTA) - Belarus will not be dragged into a war, Belarusian President Aleksandr "
     "Lukashenko said at a meeting with senior officials on 28 November.\n\n"
     "“We have said it many times: we do not need someone else's land. But we will defend our own,” the "
     "President said.\n\n"
     "The head of state also noted that the situation on the western border remained tense.",
     [(LUK, "indirect", "Belarus will not be dragged into a war"),
      (LUK, "direct", "We have said it many times: we do not need someone else's land. But we will defend our own"),
      (LUK, "indirect", "the situation on the western border remained tense")]),
    ("w14_tass_chain", "txt", "RU",
     "MOSCOW, November 29. /TASS/. Kremlin spokesman Dmitry Peskov said that President Vladimir Putin had no "
     "plans to speak with French President Emmanuel Macron.\n\n"
     "According to Peskov, Putin remains open to contacts, but no requests have been received.",
     [("Dmitry Peskov", "indirect", "President Vladimir Putin had no plans to speak with French President Emmanuel "
       "Macron"),
      ("Dmitry Peskov", "indirect", "Putin remains open to contacts, but no requests have been received")]),
    ("w15_reuters_split", "txt", None,
     "KYIV, Nov 30 (Reuters) - Ukraine's foreign minister said on Saturday that Kyiv would not accept any deal "
     "that froze the war along the current front line.\n\n"
     "“A frozen conflict is not peace,” Andrii Sybiha told reporters. “It is a pause before the next war.”",
     [("Andrii Sybiha", "indirect", "Kyiv would not accept any deal that froze the war along the current front line"),
      ("Andrii Sybiha", "direct", "A frozen conflict is not peace"),
      ("Andrii Sybiha", "direct", "It is a pause before the next war.")]),
    ("w16_president_gov_by", "txt", "BY",
     "Aleksandr Lukashenko meets with the Governor of Vitebsk Oblast\n\n"
     "The President noted that the region had done well with the harvest, but much remained to be done in "
     "livestock farming.\n\n"
     "“I will not tolerate disorder on the farms. Winter is coming, and the cattle must be fed,” the head of "
     "state stressed.",
     [(LUK, "indirect", "the region had done well with the harvest, but much remained to be done in livestock farming"),
      (LUK, "direct", "I will not tolerate disorder on the farms. Winter is coming, and the cattle must be fed")]),
    ("w17_negative_analysis", "txt", None,
     "Minsk's 'Eurasian security charter' in context\n\n"
     "The so-called 'Eurasian security charter' has been promoted by Minsk for two years. Analysts at several "
     "think tanks describe it as a rebranding of older Russian proposals. The document itself, titled “Charter "
     "of Diversity and Multipolarity in the 21st Century”, has not been published in full.",
     []),
    ("w18_according_and_colon", "txt", "RU",
     "Lavrov: the West has lost the plot\n\n"
     "According to Russian Foreign Minister Sergei Lavrov, the West has lost any sense of proportion in its "
     "sanctions policy.\n\n"
     "Lavrov said: “They have imposed more than twenty thousand sanctions, and they still do not understand why "
     "nothing works.”",
     [("Sergei Lavrov", "indirect", "the West has lost any sense of proportion in its sanctions policy"),
      ("Sergei Lavrov", "direct", "They have imposed more than twenty thousand sanctions, and they still do not "
       "understand why nothing works.")]),
    ("w19_lang_pl_page", "html", None,
     "<html lang=\"pl\"><head><title>Rutte warns of Russian threat</title></head><body><article>"
     "<h1>Rutte warns of Russian threat</h1>"
     "<p>NATO Secretary General Mark Rutte warned on Monday that Russia could be ready to test the alliance "
     "within five years.</p>"
     "<p>“We must not be naive. Russia is rebuilding its forces faster than we expected,” Rutte said in "
     "Warsaw.</p>"
     "</article></body></html>",
     [("Mark Rutte", "indirect", "Russia could be ready to test the alliance within five years"),
      ("Mark Rutte", "direct", "We must not be naive. Russia is rebuilding its forces faster than we expected")]),
    ("w20_multipara_quote", "txt", None,
     "Zelensky addressed the nation on Sunday evening.\n\n"
     "“We are entering a difficult winter. The enemy will try to break our energy system again.\n\n"
     "“But we have learned to withstand. Every region has reserves, every hospital has generators,” he said.",
     [("Volodymyr Zelensky", "direct", "We are entering a difficult winter. The enemy will try to break our energy "
       "system again."),
      ("Volodymyr Zelensky", "direct", "But we have learned to withstand. Every region has reserves, every hospital "
       "has generators")]),
    ("w21_modi_press_statement", "txt", None,
     "Prime Minister of India Narendra Modi: Excellency, it is a pleasure to host you in New Delhi. Our "
     "partnership has withstood many tests.\n\n"
     "President of Russia Vladimir Putin: Thank you, Mr Prime Minister. India is a reliable partner for us.\n\n"
     "Prime Minister of India Narendra Modi: Together we will build a more just world order.",
     [("Narendra Modi", "direct", "Excellency, it is a pleasure to host you in New Delhi. Our partnership has withstood "
       "many tests."),
      (PUTIN, "direct", "Thank you, Mr Prime Minister. India is a reliable partner for us."),
      ("Narendra Modi", "direct", "Together we will build a more just world order.")]),
    ("w22_golovchenko_inverted", "txt", "BY",
     "Belarus is ready to supply more food to Russian regions, Belarusian Prime Minister Roman Golovchenko said "
     "in Kazan. He added that new logistics centres would open next year.",
     [("Roman Golovchenko", "indirect", "Belarus is ready to supply more food to Russian regions"),
      ("Roman Golovchenko", "indirect", "new logistics centres would open next year")]),
]

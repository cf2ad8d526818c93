"""Article texts written for the body-extraction gold set (tests/data/bodies). Each is the gold
body of one page: what a reader would call the article, nothing else (no headline, standfirst,
byline, captions, related links, newsletter boxes, share bars, tags or author bios). Written for
this project in the manner of news reports; the events are invented."""
from __future__ import annotations

ARTICLES: dict[str, dict[str, object]] = {
    "en_grain_corridor": {
        "lang": "en", "title": "Minsk offers to host talks on grain corridor",
        "paras": [
            "Belarus has offered to host talks on a new grain corridor through its territory, the foreign ministry said on Tuesday, in what officials described as a goodwill gesture towards its neighbours.",
            "The proposal, made in a note delivered to the embassies of Poland and Lithuania, would allow Ukrainian grain to travel by rail to Baltic ports under international supervision.",
            "Western diplomats in Minsk were cautious. One said the offer appeared designed to ease pressure on Belarusian potash exports, which have been barred from Lithuanian ports since 2022.",
            "\"Any corridor would need guarantees that nobody in Kyiv is prepared to accept from Minsk,\" the diplomat said, speaking on condition of anonymity.",
            "Ukraine's foreign ministry did not respond to a request for comment. Lithuania's transport minister said the note would be studied but that sanctions policy was decided in Brussels.",
        ],
    },
    "en_nuclear_drills": {
        "lang": "en", "title": "Belarus and Russia hold joint drills with tactical nuclear weapons",
        "paras": [
            "Belarusian and Russian forces began a second stage of exercises involving tactical nuclear weapons on Monday, the defence ministries of both countries announced.",
            "The drills, held at training grounds near Asipovichy, are meant to test the readiness of launchers and crews to receive and deploy non-strategic warheads, according to the Belarusian ministry.",
            "Defence Minister Viktor Khrenin said the exercises were a response to what he called the growing activity of NATO forces along the country's western border.",
            "\"We are not threatening anyone. But everyone should understand that we have the means to defend ourselves,\" Khrenin told state television.",
            "NATO said it was monitoring the situation closely and saw no change in Russia's nuclear posture that would require it to adjust its own.",
            "Russia moved tactical nuclear weapons to Belarus in 2023, the first such deployment outside its borders since the collapse of the Soviet Union.",
        ],
    },
    "en_election_observers": {
        "lang": "en", "title": "OSCE will not observe Belarus vote, citing late invitation",
        "paras": [
            "The OSCE's election monitoring office said it would not send observers to next month's parliamentary elections in Belarus because it had not been invited in time.",
            "In a statement, the office said a meaningful observation mission required an invitation at least three months before polling day, to allow for long-term monitoring of the campaign.",
            "Belarus's central election commission said the organisation had been welcome to apply and accused it of political bias. Observers from the Commonwealth of Independent States will attend instead.",
            "Opposition leaders in exile have called on voters to stay at home, arguing that no genuine candidates are allowed on the ballot.",
        ],
    },
    "en_potash_rail": {
        "lang": "en", "title": "Belaruskali shifts potash exports to Russian ports",
        "paras": [
            "Belarus's state potash producer now sends nearly all of its exports through Russian ports, the company's chief executive said, two years after losing access to the Lithuanian port of Klaipeda.",
            "Shipments through the port of Ust-Luga have risen fivefold since 2022, and a new terminal dedicated to Belarusian fertiliser is due to open next year.",
            "The longer route has raised costs. Analysts estimate that freight now takes up about a fifth of the price of a tonne of potash delivered to Brazil, up from a tenth before sanctions.",
            "The chief executive said the company had offset part of the increase by signing long-term contracts with buyers in China and India.",
            "\"Our customers have stayed with us. The route is longer, but the product is the same,\" he said at an industry conference in Minsk.",
        ],
    },
    "en_analysis_rhetoric": {
        "lang": "en", "title": "Why Lukashenko talks about NATO more than ever",
        "paras": [
            "Few leaders mention NATO as often as Alexander Lukashenko. In his speeches of the past year, the alliance appears more often than the economy, the harvest or the war in Ukraine.",
            "The frequency is not an accident. For a leader whose legitimacy rests on the promise of stability, an external threat is a useful argument: it explains the presence of Russian troops, justifies spending on the army and casts critics as agents of a hostile power.",
            "The Threat Narrative",
            "Since 2020 the Belarusian state media have described the country as a besieged fortress. Reports on NATO exercises in Poland and the Baltic states are accompanied by maps showing arrows pointing towards Minsk.",
            "Yet the rhetoric has limits. Lukashenko has repeatedly said that Belarusian troops will not fight in Ukraine, and he has avoided committing to any operation that would expose the army to losses.",
            "This balance between loud words and cautious deeds has served him for three decades. Whether it survives a longer war is another question.",
        ],
    },
    "en_sanctions_eu": {
        "lang": "en", "title": "EU adds Belarusian officials to sanctions list",
        "paras": [
            "The European Union added twenty Belarusian officials and six companies to its sanctions list on Friday, citing their role in the repression of civil society and support for Russia's war.",
            "Those listed include judges who sentenced journalists, prison officials and the heads of two arms manufacturers that the EU says supplied components to the Russian army.",
            "The measures freeze any assets the individuals hold in the EU and bar them from entering the bloc.",
            "Minsk called the decision unlawful and promised a response. The foreign ministry said it would expand its own list of EU officials barred from entering Belarus.",
        ],
    },
    "en_border_migrants": {
        "lang": "en", "title": "Poland reports rise in crossings attempts from Belarus",
        "paras": [
            "Polish border guards recorded more than 3,000 attempts to cross from Belarus in October, the highest monthly figure this year, the service said on Wednesday.",
            "Most of those who tried to cross were young men from Syria, Somalia and Afghanistan who had flown to Minsk on tourist visas, according to the guards.",
            "Warsaw accuses Minsk of organising the flow to put pressure on the EU, a charge Belarus denies.",
            "Poland has built a 186-kilometre steel fence along the border and has deployed additional soldiers to support the border guards.",
            "Rights groups say people who reach Polish territory are often pushed back into Belarus without being allowed to claim asylum, in breach of international law.",
        ],
    },
    "en_interview_minister": {
        "lang": "en", "title": "Interview: 'We want trade, not confrontation'",
        "paras": [
            "Belarus's deputy foreign minister spoke to us in Minsk about relations with the West, sanctions and the war in Ukraine. The interview has been edited for length.",
            "Q: Is there any chance of a thaw with the European Union?",
            "A: We have never closed the door. It is Brussels that has decided to speak to us only in the language of sanctions. We want trade, not confrontation.",
            "Q: Your critics say Belarus is a co-belligerent in the war.",
            "A: Not a single Belarusian soldier has crossed the border into Ukraine. We have said this many times, and we will keep saying it.",
            "Q: What would it take to release political prisoners?",
            "A: That is a matter for the courts and for the President's right of pardon. Several hundred people have been pardoned in the past year.",
        ],
    },
    "en_think_tank_brief": {
        "lang": "en", "title": "Belarus in Russia's military planning: three scenarios",
        "paras": [
            "Russia's use of Belarusian territory in February 2022 showed how quickly the country can become a staging ground. This brief sets out three scenarios for the next five years.",
            "In the first, the status quo holds: Russian units rotate through Belarus for exercises, air defence is integrated, but no large permanent force is stationed there.",
            "In the second, Moscow establishes permanent bases, including an air base and a ground forces division, turning Belarus into a forward position on NATO's eastern flank.",
            "In the third, a political crisis in Minsk after a change of leader leads to a contested transition in which Russia intervenes to secure its interests.",
            "Each scenario carries different implications for NATO's force posture in Poland and Lithuania. The alliance should plan for the second while preparing for the third.",
        ],
    },
    "en_liveblog_summit": {
        "lang": "en", "title": "Union State summit in Minsk",
        "paras": [
            "The leaders of Russia and Belarus met in Minsk for the annual session of the Supreme State Council of the Union State.",
            "Putin and Lukashenko signed a joint statement on security guarantees, which commits Russia to defend Belarus with all available means in the event of aggression.",
            "The two presidents also agreed to extend a programme of subsidised gas prices until 2030, according to a statement published after the talks.",
            "Lukashenko told reporters that the security guarantees were \"the most important document of recent years\" and that Belarus felt protected.",
            "The session ended without an agreement on a common currency, which has been discussed for more than two decades.",
        ],
    },
    "en_obituary_style": {
        "lang": "en", "title": "Belarusian author who chronicled the Soviet war dies",
        "paras": [
            "A Belarusian novelist whose books about the Second World War were read by generations of schoolchildren has died at the age of 91, his publisher said.",
            "Born in a village near Vitebsk in 1933, he lived through the occupation as a child and later wrote that the war had never left him.",
            "His best known novel, about a partisan unit in the marshes of Polesie, was adapted for the screen in 1977 and remains on the school curriculum.",
            "In later years he spoke out against censorship and was briefly barred from publishing in the 1990s.",
        ],
    },
    "ru_soveshchanie": {
        "lang": "ru", "title": "Лукашенко провел совещание по вопросам обороны",
        "paras": [
            "Президент Беларуси Александр Лукашенко провел совещание с руководством Министерства обороны и Государственного пограничного комитета.",
            "Обсуждалась обстановка у западных границ страны. По словам главы государства, активность иностранных войск в непосредственной близости от Беларуси не снижается.",
            "«Мы не собираемся ни на кого нападать. Но армия должна быть готова ответить на любую провокацию», — заявил Лукашенко.",
            "Президент поручил провести внезапную проверку боеготовности подразделений, расположенных в Брестской и Гродненской областях.",
            "Министр обороны доложил, что в текущем году на вооружение поступило более ста единиц новой техники.",
        ],
    },
    "ru_ekonomika": {
        "lang": "ru", "title": "ВВП Беларуси вырос на 4% за девять месяцев",
        "paras": [
            "Валовой внутренний продукт Беларуси за январь—сентябрь вырос на 4% по сравнению с тем же периодом прошлого года, сообщил Национальный статистический комитет.",
            "Основной вклад в рост внесли промышленность, строительство и торговля. Производство в обрабатывающей промышленности увеличилось на 5,3%.",
            "Экономисты связывают рост с увеличением поставок на российский рынок, где спрос на белорусскую технику и продукты питания остается высоким.",
            "Правительство ожидает, что по итогам года рост экономики составит не менее 3,8%.",
        ],
    },
    "ru_mid_zayavlenie": {
        "lang": "ru", "title": "МИД Беларуси ответил на новые санкции ЕС",
        "paras": [
            "Министерство иностранных дел Беларуси назвало расширение санкционного списка Евросоюза «очередным недружественным шагом».",
            "«Подобные решения не имеют ничего общего с заявленными целями и направлены против простых граждан», — говорится в заявлении ведомства.",
            "В МИД отметили, что Минск оставляет за собой право на ответные меры, в том числе расширение списка лиц, которым запрещен въезд в страну.",
            "Ранее Совет ЕС включил в санкционный список двадцать белорусских чиновников и шесть компаний.",
        ],
    },
    "ru_intervyu": {
        "lang": "ru", "title": "Вольфович: угроза с запада никуда не исчезла",
        "paras": [
            "Государственный секретарь Совета безопасности Александр Вольфович в интервью телеканалу рассказал о военно-политической обстановке в регионе.",
            "— Как вы оцениваете ситуацию у границ?",
            "— Она остается напряженной. Количество войск НАТО в Польше и странах Балтии за последние два года выросло в несколько раз. Мы обязаны это учитывать.",
            "— Есть ли риск прямого столкновения?",
            "— Мы делаем все, чтобы его не было. Но мир обеспечивается не словами, а сильной армией и союзом с Россией.",
        ],
    },
    "ru_pogoda_urozhay": {
        "lang": "ru", "title": "Аграрии завершают уборку зерновых",
        "paras": [
            "Хозяйства страны обмолотили более 95% площадей, занятых зерновыми и зернобобовыми культурами, сообщили в Министерстве сельского хозяйства и продовольствия.",
            "Средняя урожайность составила 38 центнеров с гектара, что выше прошлогоднего показателя. Лучшие результаты традиционно в Гродненской и Минской областях.",
            "Уборку затрудняли затяжные дожди в августе, из-за которых часть зерна пришлось досушивать.",
            "В министерстве заверили, что собранного урожая хватит для обеспечения внутренних потребностей и выполнения экспортных контрактов.",
            "Параллельно в хозяйствах продолжается сев озимых культур под урожай следующего года.",
        ],
    },
    "ru_analitika": {
        "lang": "ru", "title": "Зачем Минску союзное государство",
        "paras": [
            "Союзное государство Беларуси и России существует уже более четверти века, но до сих пор остается скорее политической декларацией, чем реальной конструкцией.",
            "Для Минска союз — прежде всего источник экономических преференций: дешевого газа, доступа к российскому рынку и кредитов.",
            "Новая интеграция",
            "После 2020 года интеграция ускорилась. Были подписаны 28 союзных программ, касающихся налогов, таможни и энергетики.",
            "Однако ключевые вопросы — единая валюта и наднациональные органы — по-прежнему откладываются. Белорусская сторона не готова отказаться от суверенитета.",
            "Вероятно, такой баланс сохранится, пока он устраивает обе стороны.",
        ],
    },
    "ru_tass_style": {
        "lang": "ru", "title": "Песков прокомментировал заявления Лукашенко",
        "paras": [
            "МОСКВА, 12 марта. /ТАСС/. Кремль положительно оценивает заявления президента Белоруссии Александра Лукашенко о готовности предоставить площадку для переговоров. Об этом журналистам сообщил пресс-секретарь президента РФ Дмитрий Песков.",
            "«Мы всегда ценили позицию Минска. Белорусская сторона не раз демонстрировала готовность содействовать мирному процессу», — сказал Песков.",
            "Он добавил, что конкретных договоренностей о новых переговорах пока нет.",
            "Ранее Лукашенко заявил, что Белоруссия готова принять у себя делегации для обсуждения урегулирования.",
        ],
    },
    "ru_ria_style": {
        "lang": "ru", "title": "В Белоруссии начались учения территориальной обороны",
        "paras": [
            "МИНСК, 12 мар — РИА Новости. Учения территориальной обороны начались в Гомельской области Белоруссии, сообщили в Минобороны республики.",
            "В них участвуют около двух тысяч военнообязанных, призванных из запаса. Они отработают охрану важных объектов и действия против диверсионных групп.",
            "Учения продлятся до конца месяца. После их завершения аналогичные мероприятия пройдут в Брестской области.",
            "Белоруссия регулярно проводит подобные сборы с 2022 года, объясняя это необходимостью реагировать на наращивание сил НАТО.",
        ],
    },
    "ru_region_news": {
        "lang": "ru", "title": "В Гродно открыли новый мост через Неман",
        "paras": [
            "В Гродно после двух лет строительства открыли автомобильный мост через Неман. Он соединил новый жилой район с центром города.",
            "Длина моста составляет почти 400 метров, по нему проходят по три полосы движения в каждую сторону, а также велосипедные дорожки.",
            "По словам председателя горисполкома, новый мост позволит разгрузить исторический центр, где в часы пик образовывались многокилометровые пробки.",
            "Стоимость строительства превысила 90 миллионов рублей. Работы выполняли белорусские подрядчики.",
        ],
    },
    "ru_opposition": {
        "lang": "ru", "title": "Оппозиция в изгнании провела конференцию в Варшаве",
        "paras": [
            "Представители белорусских демократических сил провели в Варшаве ежегодную конференцию, на которой обсудили стратегию на ближайшие годы.",
            "Участники призвали западные страны не признавать итоги предстоящих выборов и усилить поддержку независимых медиа.",
            "Отдельная сессия была посвящена политическим заключенным. По данным правозащитников, в Беларуси за решеткой остаются более тысячи человек по политическим мотивам.",
            "В Минске конференцию назвали «сборищем беглых» и заявили, что она не имеет отношения к жизни страны.",
        ],
    },
    "ru_long_transcript": {
        "lang": "ru", "title": "Стенограмма пресс-конференции",
        "paras": [
            "Вопрос: Как вы оцениваете итоги года для экономики?",
            "Министр экономики: Год был непростым, но мы выполнили основные параметры прогноза. Рост ВВП составит около четырех процентов, инфляция удержана в целевом диапазоне.",
            "Вопрос: Что будет с ценами на продукты?",
            "Министр экономики: Регулирование цен сохранится. Мы видим, что оно дает результат, хотя и создает определенные сложности для производителей.",
            "Вопрос: Есть ли планы по новым санкционным ответам?",
            "Министр экономики: Это вопрос не к нашему министерству. Мы занимаемся тем, чтобы экономика адаптировалась к любым условиям.",
        ],
    },
    # written after the extractor's precision work, as a held-out check (names ho_*)
    "ho_en_railway": {
        "lang": "en", "title": "Lithuania reopens rail freight link with Belarus for humanitarian cargo",
        "paras": [
            "Lithuania will allow a limited number of freight trains from Belarus to cross its territory to carry humanitarian cargo to the Kaliningrad region, the government said on Thursday.",
            "The decision follows months of talks with the European Commission, which has asked member states to apply sanctions on transit in a uniform way.",
            "Only goods not covered by sanctions, such as medicines and food, will be allowed, and every wagon will be inspected at the border station of Kena.",
            "Opposition lawmakers in Vilnius criticised the move, saying it would be used by Minsk as proof that sanctions were weakening.",
        ],
    },
    "ho_en_court": {
        "lang": "en", "title": "Minsk court jails two journalists for eight years",
        "paras": [
            "A court in Minsk sentenced two journalists from an independent news site to eight years in prison on charges of creating an extremist group, their colleagues said.",
            "The trial was held behind closed doors. Relatives were not allowed to attend, and the defence lawyers were bound by non-disclosure agreements.",
            "The Belarusian Association of Journalists says more than thirty media workers are currently behind bars in the country.",
            "The European Union and the United States condemned the verdict and called for the journalists' immediate release.",
            "The news site, which operates from Vilnius, said it would continue to publish.",
        ],
    },
    "ho_en_energy": {
        "lang": "en", "title": "Astravets nuclear plant reaches full capacity",
        "paras": [
            "Belarus's only nuclear power plant, built by Russia's Rosatom near the town of Astravets, is now operating both of its reactors at full capacity, the energy ministry said.",
            "The plant supplies about 40% of the country's electricity and has allowed Belarus to cut its imports of Russian gas for power generation.",
            "Lithuania, whose capital lies about 50 kilometres from the plant, has long argued that it was built without proper safety assessments and bans the import of its electricity.",
            "The International Atomic Energy Agency carried out a review mission last year and made several recommendations, which the ministry says have been implemented.",
        ],
    },
    "ho_ru_vstrecha": {
        "lang": "ru", "title": "Лукашенко встретился с губернатором Витебской области",
        "paras": [
            "Александр Лукашенко принял с докладом председателя Витебского облисполкома. Обсуждались итоги социально-экономического развития региона.",
            "Глава государства обратил внимание на ситуацию с кадрами в сельском хозяйстве и здравоохранении.",
            "«Людей надо не уговаривать, а создавать им условия. Дайте жилье, нормальную зарплату — и молодежь останется», — сказал Президент.",
            "По итогам встречи было принято решение о выделении дополнительных средств на строительство арендного жилья в районных центрах.",
        ],
    },
    "ho_ru_ceny": {
        "lang": "ru", "title": "Правительство продлило регулирование цен",
        "paras": [
            "Совет Министров продлил действие механизма регулирования цен на социально значимые товары до конца следующего года.",
            "Под регулирование по-прежнему подпадают молочные продукты, хлеб, крупы, овощи и ряд лекарственных средств.",
            "В правительстве считают, что меры позволили удержать инфляцию в пределах прогноза.",
            "Представители бизнеса жалуются, что фиксированные наценки не покрывают рост издержек, из-за чего отдельные товары исчезают с полок.",
        ],
    },
    "ho_ru_armiya": {
        "lang": "ru", "title": "В белорусскую армию поступили новые зенитные комплексы",
        "paras": [
            "Вооруженные силы Беларуси получили очередной дивизион зенитных ракетных комплексов, сообщили в Министерстве обороны.",
            "Комплексы будут поставлены на боевое дежурство в составе объединенной региональной системы противовоздушной обороны Беларуси и России.",
            "Как отметили в ведомстве, до конца года планируется получить еще несколько единиц техники, в том числе радиолокационные станции.",
            "Перевооружение армии является одним из приоритетов, определенных главой государства.",
        ],
    },
}


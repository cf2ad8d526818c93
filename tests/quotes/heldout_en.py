"""Held-out-style English documents: (name, text, gold quotes). See heldout_source.py."""
# ruff: noqa: E501
from __future__ import annotations

LUK = "Alexander Lukashenko"
PUT = "Vladimir Putin"
PES = "Dmitry Peskov"

EN: list[tuple[str, str, list[tuple]]] = [  # type: ignore[type-arg]
    ("en_belta_army", '''
Lukashenko: Belarus will not be dragged into a war

MINSK, 14 March (BelTA) – Belarus has no intention of fighting anyone, but the country must be ready to defend itself, Belarusian President Aleksandr Lukashenko said at a meeting with the top brass of the Armed Forces on 14 March.

“We are a peaceful people. We do not want war, we have had enough of wars on our land. But if someone crosses our border, the response will be immediate,” the head of state said.

The President noted that the situation along the western border remained tense. According to him, NATO has increased the number of troops in Poland and the Baltic states several times over the past two years.

Aleksandr Lukashenko emphasized that the army must learn from the experience of the special military operation. “Drones, electronic warfare, artillery – everything has changed. Those who do not learn will lose,” he said.

The head of state also touched upon the upcoming Zapad-2025 exercise. “Let them watch. We have nothing to hide. We will invite observers from all countries, including NATO member states,” Aleksandr Lukashenko said.

Defence Minister Viktor Khrenin reported on the combat readiness of the troops. He said that all units had completed the planned training on time.

The Belarusian leader instructed the government to allocate additional funds for the modernization of air defence systems and to speed up the construction of shelters in the border districts.
''', [
        (LUK, "indirect", "Belarus will not be dragged into a war", True),
        (LUK, "indirect", "Belarus has no intention of fighting anyone, but the country must be ready to defend itself"),
        (LUK, "direct", "We are a peaceful people. We do not want war, we have had enough of wars on our land. But if someone crosses our border, the response will be immediate"),
        (LUK, "indirect", "the situation along the western border remained tense"),
        (LUK, "indirect", "NATO has increased the number of troops in Poland and the Baltic states several times over the past two years"),
        (LUK, "indirect", "the army must learn from the experience of the special military operation"),
        (LUK, "direct", "Drones, electronic warfare, artillery – everything has changed. Those who do not learn will lose"),
        (LUK, "direct", "Let them watch. We have nothing to hide. We will invite observers from all countries, including NATO member states"),
        ("Viktor Khrenin", "indirect", "all units had completed the planned training on time"),
    ]),
    ("en_presidentgovby_turchin", '''
Meeting with Prime Minister Alexander Turchin

On 3 February, Aleksandr Lukashenko received Prime Minister of Belarus Alexander Turchin with a report.

The main topic of the meeting was the performance of the economy in January. The Prime Minister reported that industrial output grew by 4.2% year-on-year and that exports to Russia exceeded the planned level.

“The figures are not bad, but I will not call them good. January is always a difficult month. What we need is steady growth throughout the year, not a spurt at the start,” the Belarusian leader said.

The President drew attention to the situation in the agricultural sector. “Livestock farming is lagging behind. Why? Because some managers think that the state will come and pay for everything. It won't,” the head of state stressed.

Aleksandr Lukashenko also noted that the issue of prices remained under his personal control. In his words, price regulation is not a whim but a necessity in the current circumstances.

Alexander Turchin assured the President that the government would submit proposals on supporting farms by the end of the month.

“We have prepared a package of measures. The main thing is to not lose the pace of spring field work,” the Prime Minister said after the meeting.
''', [
        ("Alexander Turchin", "indirect", "industrial output grew by 4.2% year-on-year and that exports to Russia exceeded the planned level"),
        (LUK, "direct", "The figures are not bad, but I will not call them good. January is always a difficult month. What we need is steady growth throughout the year, not a spurt at the start"),
        (LUK, "direct", "Livestock farming is lagging behind. Why? Because some managers think that the state will come and pay for everything. It won't"),
        (LUK, "indirect", "the issue of prices remained under his personal control"),
        (LUK, "indirect", "price regulation is not a whim but a necessity in the current circumstances"),
        ("Alexander Turchin", "indirect", "the government would submit proposals on supporting farms by the end of the month"),
        ("Alexander Turchin", "direct", "We have prepared a package of measures. The main thing is to not lose the pace of spring field work"),
    ]),
    ("en_tass_peskov", '''
Kremlin sees no grounds for optimism over Ukraine talks — Peskov

MOSCOW, June 5. /TASS/. The Kremlin does not see any grounds for optimism regarding the resumption of talks with Kiev, Kremlin Spokesman Dmitry Peskov told reporters on Thursday.

"So far, we do not see any readiness on the part of the Kiev regime to negotiate seriously. Statements are being made, but there are no concrete steps," he said.

Asked whether President Vladimir Putin was ready to meet with Vladimir Zelensky, the Kremlin spokesman said that such a meeting was possible only at the final stage of the negotiations. "The president has repeatedly spoken about this. A meeting for the sake of a meeting makes no sense," Peskov added.

The Kremlin official also commented on the statements by NATO Secretary General Mark Rutte, who said on Wednesday that the alliance must prepare for a possible conflict with Russia. "Such statements only confirm that NATO is an instrument of confrontation," Peskov noted.

According to Peskov, Moscow is closely monitoring the militarization of Europe and will take all necessary measures to ensure its security.

Earlier, Russian Foreign Minister Sergey Lavrov said that the West was "not ready to listen" to Russia's arguments.
''', [
        (PES, "indirect", "Kremlin sees no grounds for optimism over Ukraine talks", True),
        (PES, "indirect", "The Kremlin does not see any grounds for optimism regarding the resumption of talks with Kiev"),
        (PES, "direct", "So far, we do not see any readiness on the part of the Kiev regime to negotiate seriously. Statements are being made, but there are no concrete steps"),
        (PES, "indirect", "such a meeting was possible only at the final stage of the negotiations"),
        (PES, "direct", "The president has repeatedly spoken about this. A meeting for the sake of a meeting makes no sense"),
        ("Mark Rutte", "indirect", "the alliance must prepare for a possible conflict with Russia"),
        (PES, "direct", "Such statements only confirm that NATO is an instrument of confrontation"),
        (PES, "indirect", "Moscow is closely monitoring the militarization of Europe and will take all necessary measures to ensure its security"),
        ("Sergei Lavrov", "mixed", 'the West was "not ready to listen" to Russia\'s arguments'),
    ]),
    ("en_tass_lavrov_zakharova", '''
Lavrov: Minsk and Moscow will respond to any threat together

MINSK, October 28. /TASS/. Russia and Belarus will respond jointly to any aggression against the Union State, Russian Foreign Minister Sergey Lavrov said at a joint news conference with his Belarusian counterpart Maxim Ryzhenkov.

"Our countries have a common defense space. Any attack on Belarus will be considered an attack on Russia, this is written in our doctrines," the Russian top diplomat stressed.

He also said that the deployment of Oreshnik missile systems in Belarus was a response to the "aggressive steps" of the alliance.

Ryzhenkov, for his part, noted that Minsk remained open to dialogue with its Western neighbors. "We have never closed the door. But dialogue is possible only on the basis of mutual respect," the Belarusian minister said.

Russian Foreign Ministry Spokeswoman Maria Zakharova commented on the talks later in the day.

"The meeting confirmed the complete coincidence of our approaches," she told a briefing. She added that Washington's attempts to "drive a wedge" between Moscow and Minsk were doomed to failure.
''', [
        ("Sergei Lavrov", "indirect", "Minsk and Moscow will respond to any threat together", True),
        ("Sergei Lavrov", "indirect", "Russia and Belarus will respond jointly to any aggression against the Union State"),
        ("Sergei Lavrov", "direct", "Our countries have a common defense space. Any attack on Belarus will be considered an attack on Russia, this is written in our doctrines"),
        ("Sergei Lavrov", "mixed", 'the deployment of Oreshnik missile systems in Belarus was a response to the "aggressive steps" of the alliance'),
        ("Maxim Ryzhenkov", "indirect", "Minsk remained open to dialogue with its Western neighbors"),
        ("Maxim Ryzhenkov", "direct", "We have never closed the door. But dialogue is possible only on the basis of mutual respect"),
        ("Maria Zakharova", "direct", "The meeting confirmed the complete coincidence of our approaches"),
        ("Maria Zakharova", "mixed", 'Washington\'s attempts to "drive a wedge" between Moscow and Minsk were doomed to failure'),
    ]),
    ("en_isw_assessment", '''
Russian Offensive Campaign Assessment, March 12

Belarusian President Alexander Lukashenko claimed on March 12 that Belarus would not join the war in Ukraine unless Belarusian territory was attacked. Lukashenko made the statement during a meeting with students in Minsk and reiterated his long-standing claim that Ukraine and the West are preparing "provocations" on the Belarusian border. ISW has observed no evidence of Ukrainian forces massing near the border.

Belarusian Defense Minister Viktor Khrenin stated on March 11 that Belarusian forces had completed a snap combat readiness inspection in the Brest and Gomel regions. Khrenin claimed that the inspection was a response to NATO's "unprecedented" military activity near Belarus' borders. ISW assesses that the Kremlin likely continues to use Belarus to fix Ukrainian forces in northern Ukraine.

Kremlin Spokesperson Dmitry Peskov responded to a question about the Belarusian inspection on March 12, stating that Russia and Belarus are allies and coordinate their military activity "at all levels."

Ukrainian President Volodymyr Zelensky stated that Ukraine is monitoring the situation in Belarus and does not rule out provocations. Zelensky added that Ukrainian forces have strengthened their positions in Volyn and Rivne oblasts.

Key Takeaways:

Lukashenko's statements are consistent with ISW's assessment that Belarus is unlikely to enter the war.
''', [
        (LUK, "indirect", "Belarus would not join the war in Ukraine unless Belarusian territory was attacked"),
        (LUK, "mixed", 'Ukraine and the West are preparing "provocations" on the Belarusian border'),
        ("Viktor Khrenin", "indirect", "Belarusian forces had completed a snap combat readiness inspection in the Brest and Gomel regions"),
        ("Viktor Khrenin", "mixed", 'the inspection was a response to NATO\'s "unprecedented" military activity near Belarus\' borders'),
        (None, "indirect", "the Kremlin likely continues to use Belarus to fix Ukrainian forces in northern Ukraine", True),
        (PES, "mixed", 'Russia and Belarus are allies and coordinate their military activity "at all levels'),
        ("Volodymyr Zelensky", "indirect", "Ukraine is monitoring the situation in Belarus and does not rule out provocations"),
        ("Volodymyr Zelensky", "indirect", "Ukrainian forces have strengthened their positions in Volyn and Rivne oblasts"),
        (None, "indirect", "Belarus is unlikely to enter the war", True),
    ]),
    ("en_rusi_nuclear", '''
Minsk's Nuclear Theatre

Since the deployment of Russian tactical nuclear weapons to Belarus in 2023, Alexander Lukashenko has turned nuclear rhetoric into a staple of his public appearances. In an interview with Russian state television, he insisted that the weapons were "for deterrence only" and that Minsk would never use them first. Yet only weeks later, Lukashenko told a gathering of officials that he "would not hesitate for a second" if Belarus were attacked.

This oscillation is not accidental. As Ryhor Astapenia of Chatham House has argued, the Belarusian leader uses ambiguity to remain indispensable to Moscow while signalling to Western capitals that he can still be bargained with. Astapenia notes that Lukashenko's threats tend to peak ahead of important negotiations with the Kremlin.

Vladimir Putin has been more careful. At the St Petersburg forum, he said that there was "no need" to consider the use of nuclear weapons at present, but he added that Russia's doctrine allowed such use "if the existence of the state is threatened."

The title of Lukashenko's 2024 documentary, "Who Threatens Belarus?", sums up the narrative. The phrase "nuclear umbrella" appears in almost every speech on the subject, and state television has taken to calling the Iskander launchers "our guarantee."
''', [
        (LUK, "mixed", 'the weapons were "for deterrence only" and that Minsk would never use them first'),
        (LUK, "mixed", 'he "would not hesitate for a second" if Belarus were attacked'),
        ("Ryhor Astapenia", "indirect", "the Belarusian leader uses ambiguity to remain indispensable to Moscow while signalling to Western capitals that he can still be bargained with"),
        ("Ryhor Astapenia", "indirect", "Lukashenko's threats tend to peak ahead of important negotiations with the Kremlin"),
        (PUT, "mixed", 'there was "no need" to consider the use of nuclear weapons at present'),
        (PUT, "mixed", 'Russia\'s doctrine allowed such use "if the existence of the state is threatened'),
    ]),
    ("en_carnegie_china", '''
Why Minsk Is Courting Beijing

By Artyom Shraibman

Belarus' foreign policy has long been described as "multi-vector," a term that Lukashenko himself revived last year. But the reality is more modest, and the trade figures tell the story better than the speeches.

"Minsk needs China not as an alternative to Russia but as a way to show Moscow that it has other options," said Katsiaryna Shmatsina, a Belarusian political analyst. Shmatsina believes that Beijing sees Belarus mainly as a logistics hub on the way to the European Union.

The Chinese side has been cautious. At a meeting with Lukashenko in Beijing, Chinese President Xi Jinping said that China supported Belarus in "safeguarding its independence and sovereignty," but he avoided any mention of the war in Ukraine.

Lukashenko was less restrained. "We have no closer friend than China, apart from Russia," he told Chinese journalists before the visit.

Western diplomats are skeptical. One EU official, speaking on condition of anonymity, said the bloc would not ease sanctions "until political prisoners are released."

Polish Foreign Minister Radosław Sikorski was blunter. Speaking in the Sejm, Sikorski argued that Minsk had become "a satellite of Moscow with Chinese characteristics."
''', [
        ("Katsiaryna Shmatsina", "direct", "Minsk needs China not as an alternative to Russia but as a way to show Moscow that it has other options"),
        ("Katsiaryna Shmatsina", "indirect", "Beijing sees Belarus mainly as a logistics hub on the way to the European Union"),
        ("Xi Jinping", "mixed", 'China supported Belarus in "safeguarding its independence and sovereignty'),
        (LUK, "direct", "We have no closer friend than China, apart from Russia"),
        (None, "mixed", 'the bloc would not ease sanctions "until political prisoners are released', True),
        ("Radosław Sikorski", "mixed", 'Minsk had become "a satellite of Moscow with Chinese characteristics'),
    ]),
    ("en_kremlin_transcript", '''
Press statements following Russian-Belarusian talks

The Presidents of Russia and Belarus made statements for the press following the talks in the Kremlin. The talks were held in restricted format and then with the participation of the delegations.

President of Russia Vladimir Putin: Mr President, friends,

Our talks were held in a businesslike and friendly atmosphere. We discussed the entire range of issues on the bilateral agenda, with a focus on economic cooperation and joint work within the Union State.

Trade between our countries reached a new record last year. We will continue to build up industrial cooperation, including in machine building, microelectronics and agriculture.

President of Belarus Alexander Lukashenko: Thank you, Vladimir Vladimirovich.

I fully agree with the assessment that the President of Russia has given. We are together in everything: in the economy, in security, in humanitarian affairs.

I want to stress once again that Belarus will never be a threat to anyone, but we will defend our land together with our Russian brothers.

Vladimir Putin: Thank you very much.
''', [
        (PUT, "direct", "Mr President, friends,\n\nOur talks were held in a businesslike and friendly atmosphere. We discussed the entire range of issues on the bilateral agenda, with a focus on economic cooperation and joint work within the Union State.\n\nTrade between our countries reached a new record last year. We will continue to build up industrial cooperation, including in machine building, microelectronics and agriculture."),
        (LUK, "direct", "Thank you, Vladimir Vladimirovich.\n\nI fully agree with the assessment that the President of Russia has given. We are together in everything: in the economy, in security, in humanitarian affairs.\n\nI want to stress once again that Belarus will never be a threat to anyone, but we will defend our land together with our Russian brothers."),
        (PUT, "direct", "Thank you very much.", True),
    ]),
    ("en_interview_qa", '''
Aleksandr Lukashenko's interview with Al Jazeera

The President of Belarus gave an interview to the Al Jazeera TV channel in Minsk. The conversation touched on relations with Russia, the war in Ukraine and the country's nuclear status.

Question: Mr President, many in the West believe that Belarus has lost its sovereignty. What would you say to them?

Aleksandr Lukashenko: Let them come and see. Belarus makes its own decisions. Yes, Russia is our ally, our closest partner, but nobody dictates to us what to do.

Question: And the nuclear weapons on your territory? Who controls them?

Aleksandr Lukashenko: The decision on use is taken jointly. I have said this many times. But the targets are determined by us together with the Russian General Staff.

Question: Would you meet with Zelensky?

Aleksandr Lukashenko: Why not? If it helps to stop the war, I am ready to meet with anyone. I told him this back in 2022, and nothing has changed since then.
''', [
        (LUK, "direct", "Let them come and see. Belarus makes its own decisions. Yes, Russia is our ally, our closest partner, but nobody dictates to us what to do."),
        (LUK, "direct", "The decision on use is taken jointly. I have said this many times. But the targets are determined by us together with the Russian General Staff."),
        (LUK, "direct", "Why not? If it helps to stop the war, I am ready to meet with anyone. I told him this back in 2022, and nothing has changed since then."),
    ]),
    ("en_cospeakers", '''
Putin and Lukashenko reaffirm commitment to Union State

ST PETERSBURG, December 20. Vladimir Putin and Alexander Lukashenko said after their talks on Friday that the Union State had withstood unprecedented sanctions pressure.

Both leaders noted that bilateral trade had grown by more than 10% over the year. Putin said that Russia would continue to supply energy to Belarus at domestic prices, while Lukashenko stressed that Minsk would increase deliveries of food and machinery to Russian regions.

"We have created a common economic space in practice, not on paper," Putin told reporters. Lukashenko, for his part, said the two countries should move faster on a common industrial policy.

The Belarusian president also said that he had invited Putin to the Forum of Regions in Minsk next year, and warned that the West would keep trying to split the two countries.

The leaders also attended an informal summit of the Commonwealth of Independent States, where they met the presidents of Kazakhstan, Uzbekistan and Tajikistan.
''', [
        (PUT, "indirect", "the Union State had withstood unprecedented sanctions pressure"),
        (LUK, "indirect", "the Union State had withstood unprecedented sanctions pressure"),
        (PUT, "indirect", "bilateral trade had grown by more than 10% over the year", True),
        (LUK, "indirect", "bilateral trade had grown by more than 10% over the year", True),
        (PUT, "indirect", "Russia would continue to supply energy to Belarus at domestic prices"),
        (LUK, "indirect", "Minsk would increase deliveries of food and machinery to Russian regions"),
        (PUT, "direct", "We have created a common economic space in practice, not on paper"),
        (LUK, "indirect", "the two countries should move faster on a common industrial policy"),
        (LUK, "indirect", "he had invited Putin to the Forum of Regions in Minsk next year"),
        (LUK, "indirect", "the West would keep trying to split the two countries"),
    ]),
    ("en_runon", '''
Lukashenko warns West over Polish border buildup

MINSK, 21 May. Aleksandr Lukashenko said that "Poland is being turned into a military camp" and warned the West against any attempt to test Belarus' defences.

Speaking at the Palace of Independence, the President said that the Belarusian army was "stronger than ever" and ordered Defence Minister Viktor Khrenin to step up training in the western regions.

Khrenin reported that three brigades had been redeployed to the border area and said the troops were ready to carry out any task.

Lukashenko added that Minsk was still ready for talks with Warsaw, but the Poles "must take the first step." He then left the hall without taking questions from journalists.

Poland has been building a fortified barrier along its eastern border since 2024 and has deployed several thousand additional troops to the region. Warsaw says the measures are defensive.
''', [
        (LUK, "direct", "Poland is being turned into a military camp"),
        (LUK, "mixed", 'the Belarusian army was "stronger than ever"'),
        ("Viktor Khrenin", "indirect", "three brigades had been redeployed to the border area"),
        ("Viktor Khrenin", "indirect", "the troops were ready to carry out any task"),
        (LUK, "mixed", 'Minsk was still ready for talks with Warsaw, but the Poles "must take the first step'),
        (None, "indirect", "the measures are defensive", True),
    ]),
    ("en_nonregistry_baltic", '''
Baltic states call for tougher sanctions on Minsk

VILNIUS, 4 April. Lithuania will push for a new package of EU sanctions against Belarus, Lithuanian Foreign Minister Kęstutis Budrys said on Friday.

Budrys told a news conference in Vilnius that the migrant crisis on the border was "a hybrid attack orchestrated by the regime in Minsk." He said Vilnius would keep two border crossings closed until further notice.

His Latvian counterpart Baiba Braže agreed. "We see the same playbook as in 2021. The instrumentalisation of migrants must stop," Braže said.

Belarusian opposition leader Sviatlana Tsikhanouskaya, who met both ministers, urged the EU not to forget political prisoners. She said that more than 1,200 people remained behind bars for political reasons.

The Belarusian Foreign Ministry called the accusations "absurd" and said in a statement that Vilnius was using the border issue to distract attention from domestic problems.
''', [
        ("Kęstutis Budrys", "indirect", "Lithuania will push for a new package of EU sanctions against Belarus"),
        ("Kęstutis Budrys", "mixed", 'the migrant crisis on the border was "a hybrid attack orchestrated by the regime in Minsk'),
        ("Kęstutis Budrys", "indirect", "Vilnius would keep two border crossings closed until further notice"),
        ("Baiba Braže", "direct", "We see the same playbook as in 2021. The instrumentalisation of migrants must stop"),
        ("Sviatlana Tsikhanouskaya", "indirect", "more than 1,200 people remained behind bars for political reasons"),
        (None, "indirect", "Vilnius was using the border issue to distract attention from domestic problems", True),
    ]),
    ("en_org_speakers", '''
Belarus says it downed drones near border

MINSK, August 9. The Belarusian Defence Ministry said on Saturday that its air defence forces had shot down several unmanned aerial vehicles over the Gomel region.

"All the targets were destroyed. There were no casualties or damage on the ground," the ministry said in a statement posted on Telegram.

According to the ministry, the drones entered Belarusian airspace from the territory of Ukraine.

The State Border Committee said that the situation on the border was "under control."

Ukraine's Foreign Ministry denied the accusations. Foreign Ministry spokesman Heorhii Tykhyi told reporters that Kyiv had "nothing to do" with the incident and called on Minsk to stop spreading disinformation.

Belarusian State Secretary of the Security Council Alexander Volfovich later told state television that the incident was a "deliberate provocation." He said that Belarus would respond "harshly" to any further violations.
''', [
        (None, "indirect", "its air defence forces had shot down several unmanned aerial vehicles over the Gomel region", True),
        (None, "direct", "All the targets were destroyed. There were no casualties or damage on the ground", True),
        (None, "indirect", "the drones entered Belarusian airspace from the territory of Ukraine", True),
        (None, "mixed", 'the situation on the border was "under control', True),
        ("Heorhii Tykhyi", "mixed", 'Kyiv had "nothing to do" with the incident'),
        ("Alexander Volfovich", "mixed", 'the incident was a "deliberate provocation'),
        ("Alexander Volfovich", "mixed", 'Belarus would respond "harshly" to any further violations'),
    ]),
    ("en_reuters_zelensky", '''
Zelenskiy: Ukraine will not recognise occupation

KYIV, Feb 24 (Reuters) - Ukraine will never recognise Russia's occupation of its territories, President Volodymyr Zelenskiy said on Monday as the war entered its fourth year.

"We are fighting for our existence. No one has the right to trade our land behind our backs," Zelenskiy said in a video address.

He said that Kyiv was ready for a ceasefire but would not accept a "frozen conflict" that gave Moscow time to regroup.

Andriy Yermak, the head of Zelenskiy's office, wrote on Telegram that Ukraine's partners had promised new air defence systems.

Ukrainian Foreign Minister Andrii Sybiha told a news conference that Belarus remained "a co-aggressor" and that Kyiv was watching the movement of troops near the northern border.

The Kremlin has repeatedly said it will not negotiate on the territories it claims. Russian forces control about a fifth of Ukraine's territory.
''', [
        ("Volodymyr Zelensky", "indirect", "Ukraine will not recognise occupation", True),
        ("Volodymyr Zelensky", "indirect", "Ukraine will never recognise Russia's occupation of its territories"),
        ("Volodymyr Zelensky", "direct", "We are fighting for our existence. No one has the right to trade our land behind our backs"),
        ("Volodymyr Zelensky", "mixed", 'Kyiv was ready for a ceasefire but would not accept a "frozen conflict" that gave Moscow time to regroup'),
        ("Andriy Yermak", "indirect", "Ukraine's partners had promised new air defence systems"),
        ("Andrii Sybiha", "mixed", 'Belarus remained "a co-aggressor" and that Kyiv was watching the movement of troops near the northern border'),
        (None, "indirect", "it will not negotiate on the territories it claims", True),
    ]),
    ("en_rutte_chatham", '''
NATO's Rutte says Russia could attack alliance within five years

BRUSSELS, 9 June. NATO Secretary General Mark Rutte warned on Monday that Russia could be ready to use military force against the alliance within five years.

"Let us not be naive. Russia is reconstituting its forces faster than anyone expected," Rutte said in a speech at Chatham House in London. "We need a quantum leap in our collective defence."

The NATO chief called on allies to increase air and missile defence capabilities by 400 per cent. He also said that the alliance's deterrence remained credible "today," but that it would not be so in three to five years without more investment.

Asked about Belarus, Rutte said that the deployment of Russian nuclear weapons there was "reckless and dangerous rhetoric turned into reality."

Kremlin spokesman Dmitry Peskov dismissed the speech, saying NATO was "an instrument of confrontation designed for confrontation."
''', [
        ("Mark Rutte", "indirect", "Russia could attack alliance within five years", True),
        ("Mark Rutte", "indirect", "Russia could be ready to use military force against the alliance within five years"),
        ("Mark Rutte", "direct", "Let us not be naive. Russia is reconstituting its forces faster than anyone expected"),
        ("Mark Rutte", "direct", "We need a quantum leap in our collective defence."),
        ("Mark Rutte", "mixed", 'the alliance\'s deterrence remained credible "today," but that it would not be so in three to five years without more investment'),
        ("Mark Rutte", "mixed", 'the deployment of Russian nuclear weapons there was "reckless and dangerous rhetoric turned into reality'),
        (PES, "mixed", 'NATO was "an instrument of confrontation designed for confrontation'),
    ]),
    ("en_negatives_zapad", '''
Zapad-2025: What to Expect

The joint strategic exercise "Zapad-2025" will take place in September on the territory of Belarus and Russia. The previous iteration, "Zapad-2021," involved some 200,000 troops, according to Moscow.

Analysts have dubbed the Russian-Belarusian grouping a "regional army" in all but name. The term "Union State" itself appears in the exercise's official scenario, which imagines an attack by a fictional "Western coalition" led by the invented state of "Nyaris."

Opposition media in Minsk have revived the slogan "Belarus is not a military camp," while state television airs the series "Shield of the Fatherland" every evening.

The drills will be observed by representatives of the Collective Security Treaty Organization, the ministry said. Last year, Alexander Lukashenko awarded the "For Military Service" medal to more than 300 officers, and the "Belarusian Railway" company delivered new equipment to the training grounds.

Western capitals are watching closely. In Vilnius, officials have called the exercise a "stress test" for NATO's eastern flank.
''', [
        (None, "indirect", "The drills will be observed by representatives of the Collective Security Treaty Organization", True),
    ]),
    ("en_reuters_medvedev", '''
Medvedev threatens 'response' to European peacekeepers plan

MOSCOW, March 3 (Reuters) - Former Russian President Dmitry Medvedev, now deputy chairman of Russia's Security Council, said on Monday that any European peacekeepers deployed to Ukraine would be considered legitimate targets.

"The presence of NATO troops in Ukraine under any flag means war with NATO. Macron and Starmer should understand this," Medvedev wrote on his Telegram channel.

The French president, Emmanuel Macron, said last week that Europe must be ready to provide security guarantees to Kyiv. "We cannot let Ukraine capitulate," Macron told reporters in Paris.

Medvedev, known for his fiery rhetoric since the start of the war, has previously said that Russia could use nuclear weapons if its territorial integrity is threatened.

British Prime Minister Keir Starmer has said his country is ready to put troops on the ground as part of a coalition of the willing.
''', [
        ("Dmitry Medvedev", "indirect", "any European peacekeepers deployed to Ukraine would be considered legitimate targets"),
        ("Dmitry Medvedev", "direct", "The presence of NATO troops in Ukraine under any flag means war with NATO. Macron and Starmer should understand this"),
        ("Emmanuel Macron", "indirect", "Europe must be ready to provide security guarantees to Kyiv"),
        ("Emmanuel Macron", "direct", "We cannot let Ukraine capitulate"),
        ("Dmitry Medvedev", "indirect", "Russia could use nuclear weapons if its territorial integrity is threatened"),
        ("Keir Starmer", "indirect", "his country is ready to put troops on the ground as part of a coalition of the willing"),
    ]),
    ("en_belta_volfovich_chain", '''
Volfovich: Belarus ready to host more Russian troops if needed

MINSK, 17 January (BelTA) – Belarus is ready to host additional Russian units if the military-political situation requires it, State Secretary of the Security Council Alexander Volfovich said in an interview with the ONT TV channel.

"This is not a question of politics. This is a question of military expediency," he said.

The state secretary recalled that the regional grouping of forces of Belarus and Russia had been formed in 2022 and that its combat readiness was constantly being checked.

He also spoke about the situation on the border with Ukraine. According to him, Ukraine keeps more than 120,000 troops near the Belarusian border.

"We see everything. We know where each unit is," Alexander Volfovich emphasized.

Olga Chupris, Deputy Head of the Presidential Administration, who also took part in the programme, said that the main task of the upcoming election campaign was "to preserve peace and stability." She stressed that Belarusians had made their choice in 2020.
''', [
        ("Alexander Volfovich", "indirect", "Belarus is ready to host additional Russian units if the military-political situation requires it"),
        ("Alexander Volfovich", "direct", "This is not a question of politics. This is a question of military expediency"),
        ("Alexander Volfovich", "indirect", "the regional grouping of forces of Belarus and Russia had been formed in 2022 and that its combat readiness was constantly being checked"),
        ("Alexander Volfovich", "indirect", "Ukraine keeps more than 120,000 troops near the Belarusian border"),
        ("Alexander Volfovich", "direct", "We see everything. We know where each unit is"),
        ("Olga Chupris", "mixed", 'the main task of the upcoming election campaign was "to preserve peace and stability'),
        ("Olga Chupris", "indirect", "Belarusians had made their choice in 2020"),
    ]),
    ("en_lukashenka_missiles", '''
Lukashenka says Belarus will build its own missiles

Alyaksandr Lukashenka said on Tuesday that Belarus would start producing its own short-range missiles within two years, according to the state news agency BelTA.

"We have the engineers, we have the plants. What we lacked was the decision. Now the decision has been made," Lukashenka told workers at a defence plant in Barysaw.

The Belarusian ruler claimed that the country's defence industry had increased output by a third since 2022. He did not provide evidence.

Pavel Latushka, a former culture minister who now lives in exile in Warsaw, said on X that the announcement was "bluster aimed at the Kremlin, not at NATO."

Independent analysts were more measured. "Belarus can assemble missiles, but it depends on Russian components for almost everything," said Valery Karbalevich, a Belarusian political scientist.
''', [
        (LUK, "indirect", "Belarus will build its own missiles", True),
        (LUK, "indirect", "Belarus would start producing its own short-range missiles within two years"),
        (LUK, "direct", "We have the engineers, we have the plants. What we lacked was the decision. Now the decision has been made"),
        (LUK, "indirect", "the country's defence industry had increased output by a third since 2022"),
        ("Pavel Latushka", "mixed", 'the announcement was "bluster aimed at the Kremlin, not at NATO'),
        ("Valery Karbalevich", "direct", "Belarus can assemble missiles, but it depends on Russian components for almost everything"),
    ]),
    ("en_valdai_colon", '''
Putin on Ukraine settlement

Speaking at the Valdai Discussion Club, Vladimir Putin outlined his view of a possible settlement. He said:

"We have never refused to negotiate. It was the Ukrainian side that walked out of the Istanbul talks in 2022, on the orders of their Western patrons.

"Today the situation on the ground is different. Any agreement must take into account the realities that have emerged, and the will of the people who live in those territories.

"And one more thing. Ukraine's neutral status is a key condition. Without it, there will be no lasting peace."

Putin also said that Russia was not going to attack NATO countries, calling such claims "nonsense" spread to scare Western voters.

The session was moderated by Fyodor Lukyanov, the research director of the Valdai club. It lasted almost four hours.
''', [
        (PUT, "direct", "We have never refused to negotiate. It was the Ukrainian side that walked out of the Istanbul talks in 2022, on the orders of their Western patrons."),
        (PUT, "direct", "Today the situation on the ground is different. Any agreement must take into account the realities that have emerged, and the will of the people who live in those territories."),
        (PUT, "direct", "And one more thing. Ukraine's neutral status is a key condition. Without it, there will be no lasting peace."),
        (PUT, "indirect", "Russia was not going to attack NATO countries"),
    ]),
    ("en_belta_golovchenko", '''
Golovchenko: Belarus, Russia to finalise common gas market rules this year

MINSK, 22 May (BelTA) – Belarus and Russia intend to finalise the rules of the common gas market this year, Prime Minister of Belarus Roman Golovchenko told the media after a meeting of the Council of Ministers of the Union State.

"There are still a few technical issues, but the political decisions have been made," said Roman Golovchenko.

Russian Prime Minister Mikhail Mishustin, who chaired the meeting, said that the two countries had implemented 28 Union programmes out of 28. "This is an unprecedented result for integration in the post-Soviet space," Mishustin noted.

The next meeting of the Council of Ministers will take place in Minsk in the autumn, the Belarusian head of government said.

The Union State programmes adopted in 2021 cover taxation, customs, energy, transport and the financial sector.
''', [
        ("Roman Golovchenko", "indirect", "Belarus, Russia to finalise common gas market rules this year", True),
        ("Roman Golovchenko", "indirect", "Belarus and Russia intend to finalise the rules of the common gas market this year"),
        ("Roman Golovchenko", "direct", "There are still a few technical issues, but the political decisions have been made"),
        ("Mikhail Mishustin", "indirect", "the two countries had implemented 28 Union programmes out of 28"),
        ("Mikhail Mishustin", "direct", "This is an unprecedented result for integration in the post-Soviet space"),
        ("Roman Golovchenko", "indirect", "The next meeting of the Council of Ministers will take place in Minsk in the autumn"),
    ]),
    ("en_two_leaders_tokayev", '''
Lukashenko and Tokayev discuss trade, security

ASTANA, 10 November. Alexander Lukashenko and Kassym-Jomart Tokayev held talks in Astana on Monday. "Kazakhstan is a strategic partner for us, and I am glad that our trade has grown despite all the difficulties," Lukashenko said, while Tokayev stressed that the two countries should diversify their logistics routes.

The Kazakh president noted that 14 joint ventures were operating in Kazakhstan and that their number could double. "We are interested in Belarusian machinery and agricultural technologies," he said.

Lukashenko, in turn, invited Tokayev to visit Minsk in 2026. He said that Belarus was ready to build a plant for the assembly of agricultural machinery in the Kostanay region.

Trade between Belarus and Kazakhstan exceeded $1 billion last year. The two presidents signed a roadmap for cooperation until 2030.
''', [
        (LUK, "direct", "Kazakhstan is a strategic partner for us, and I am glad that our trade has grown despite all the difficulties"),
        ("Kassym-Jomart Tokayev", "indirect", "the two countries should diversify their logistics routes"),
        ("Kassym-Jomart Tokayev", "indirect", "14 joint ventures were operating in Kazakhstan and that their number could double"),
        ("Kassym-Jomart Tokayev", "direct", "We are interested in Belarusian machinery and agricultural technologies"),
        (LUK, "indirect", "Belarus was ready to build a plant for the assembly of agricultural machinery in the Kostanay region"),
    ]),
    ("en_belta_ryzhenkov_straight", '''
Ryzhenkov: Minsk open to dialogue with EU but won't accept ultimatums

MINSK, 2 September (BelTA) - Belarus is open to dialogue with the European Union, but it will not accept ultimatums, Minister of Foreign Affairs of Belarus Maxim Ryzhenkov said in an interview with the Belarus 1 TV channel.

"The EU's sanctions policy has failed. They wanted to isolate us, and what they got was new markets for Belarusian goods in Asia and Africa," the minister said. "We're not closing the door, but we won't knock on it either."

Ryzhenkov noted that several European countries had recently sent signals about a possible resumption of contacts. He declined to name them.

The diplomat also said that Minsk considered the closure of border crossings by Poland and Lithuania "a shot in the foot" for their own economies.

Belarus' trade with the EU fell by almost half after 2021, while exports to Russia and China grew.
''', [
        ("Maxim Ryzhenkov", "indirect", "Minsk open to dialogue with EU but won't accept ultimatums", True),
        ("Maxim Ryzhenkov", "indirect", "Belarus is open to dialogue with the European Union, but it will not accept ultimatums"),
        ("Maxim Ryzhenkov", "direct", "The EU's sanctions policy has failed. They wanted to isolate us, and what they got was new markets for Belarusian goods in Asia and Africa"),
        ("Maxim Ryzhenkov", "direct", "We're not closing the door, but we won't knock on it either."),
        ("Maxim Ryzhenkov", "indirect", "several European countries had recently sent signals about a possible resumption of contacts"),
        ("Maxim Ryzhenkov", "mixed", 'Minsk considered the closure of border crossings by Poland and Lithuania "a shot in the foot" for their own economies'),
    ]),
    ("en_tass_belousov", '''
Belousov: Russian troops have liberated more than 4,000 sq km in 2025

MOSCOW, April 28. /TASS/. Russian troops have liberated more than 4,000 square kilometres since the beginning of the year, Defence Minister Andrei Belousov said at a board meeting of the Defence Ministry.

"The enemy is suffering heavy losses along the entire line of contact. The initiative is firmly in the hands of our troops," the minister stressed.

Belousov also said that the supply of drones to the troops had increased fivefold compared with last year.

Security Council Secretary Sergei Shoigu, who attended the meeting, stated that the West was "waging a hybrid war against Russia on all fronts." According to Shoigu, NATO's activity near the Union State's borders has reached its highest level since the Cold War.

The board meeting was also attended by the chiefs of the branches of the armed forces and the commanders of the military districts.
''', [
        ("Andrei Belousov", "indirect", "Russian troops have liberated more than 4,000 square kilometres since the beginning of the year"),
        ("Andrei Belousov", "direct", "The enemy is suffering heavy losses along the entire line of contact. The initiative is firmly in the hands of our troops"),
        ("Andrei Belousov", "indirect", "the supply of drones to the troops had increased fivefold compared with last year"),
        ("Sergei Shoigu", "mixed", 'the West was "waging a hybrid war against Russia on all fronts'),
        ("Sergei Shoigu", "indirect", "NATO's activity near the Union State's borders has reached its highest level since the Cold War"),
    ]),
    ("en_thinktank_factor", '''
The Belarusian Factor in Russia's War

Analysis

For most of the war, Minsk has tried to stay one step away from direct involvement. Lukashenko has insisted that Belarusian troops would not cross into Ukraine, and in an August 2024 interview he went further, saying that Belarus "has never been and will never be a party to this war."

Michael Kofman, a senior fellow at the Carnegie Endowment, has observed that the threat from the north served Russia mainly as a way to pin down Ukrainian units. "The Belarus axis was never about an invasion after 2022; it was about force allocation," Kofman wrote.

Moscow's messaging has been inconsistent. Putin told the Russian Security Council in 2023 that Belarus was "under Russia's nuclear umbrella," while Lavrov has repeatedly claimed that the West is "preparing a Maidan" in Minsk.

The Belarusian opposition sees things differently. Franak Viačorka, a senior adviser to Tsikhanouskaya, argued that the regime's survival now depends entirely on the Kremlin.
''', [
        (LUK, "indirect", "Belarusian troops would not cross into Ukraine"),
        (LUK, "mixed", 'Belarus "has never been and will never be a party to this war'),
        ("Michael Kofman", "indirect", "the threat from the north served Russia mainly as a way to pin down Ukrainian units"),
        ("Michael Kofman", "direct", "The Belarus axis was never about an invasion after 2022; it was about force allocation"),
        (PUT, "mixed", 'Belarus was "under Russia\'s nuclear umbrella'),
        ("Sergei Lavrov", "mixed", 'the West is "preparing a Maidan" in Minsk'),
        ("Franak Viačorka", "indirect", "the regime's survival now depends entirely on the Kremlin"),
    ]),
    ("en_kremlin_news_aviation", '''
Meeting with Government members

Vladimir Putin held a meeting with Government members via videoconference. The main item on the agenda was the development of the domestic aircraft industry.

Opening the meeting, the President said that the sanctions had forced Russia to accelerate import substitution in aviation and that this work was now bearing fruit. "Only a few years ago, many doubted that we could build a civil airliner without foreign components. Today such an aircraft is already flying," he said.

Deputy Prime Minister Denis Manturov reported that the first serial MC-21 aircraft would be delivered to airlines next year.

The head of state also drew attention to the training of engineers. In his words, the shortage of qualified personnel remains the main constraint for the industry.

"I ask the Government to prepare proposals on additional support for technical universities within a month," the President stressed.
''', [
        (PUT, "indirect", "the sanctions had forced Russia to accelerate import substitution in aviation and that this work was now bearing fruit"),
        (PUT, "direct", "Only a few years ago, many doubted that we could build a civil airliner without foreign components. Today such an aircraft is already flying"),
        ("Denis Manturov", "indirect", "the first serial MC-21 aircraft would be delivered to airlines next year"),
        (PUT, "indirect", "the shortage of qualified personnel remains the main constraint for the industry"),
        (PUT, "direct", "I ask the Government to prepare proposals on additional support for technical universities within a month"),
    ]),
]

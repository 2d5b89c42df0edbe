# A saved page has one paragraph per line, so its lines are as long as the paragraphs.
# ruff: noqa: E501
"""Whole web pages saved as plain text, written for these tests: each has the article
surrounded by the chrome real sites carry (menus, hotline, trust badges, share buttons,
newsletter and cookie paragraphs, related links, footer)."""

GERMAN_SHOP_POST = """\
Zum Inhalt springen

Kostenloser Versand ab 49 € | Hotline: 0800 123 45 67 (Mo–Fr 8–18 Uhr)
Über 250.000 zufriedene Kunden
Trusted Shops ★★★★★ 4,8/5

Startseite
Kaffee
Espresso
Zubehör
Angebote
Ratgeber
Mein Konto
Warenkorb (0)

Startseite › Ratgeber › Kaffee richtig lagern: So bleibt das Aroma frisch

Kaffee richtig lagern: So bleibt das Aroma frisch

03.11.2025 09:15 Uhr
Von Lena Hoffmann
5 Min. Lesezeit

Frisch gerösteter Kaffee ist ein Naturprodukt, das schon wenige Wochen nach der Röstung an Aroma verliert. Sauerstoff, Licht, Wärme und Feuchtigkeit setzen den Bohnen zu, und gemahlener Kaffee altert noch schneller als ganze Bohnen.

Wer ein paar einfache Regeln beachtet, kann den Geschmack aber deutlich länger erhalten. Wir haben die wichtigsten Tipps aus unserer Rösterei für Sie zusammengestellt.

Die richtige Dose

Am besten lagern Sie Kaffee in einer luftdichten, lichtundurchlässigen Dose aus Keramik oder Edelstahl. Glasbehälter sehen zwar schön aus, lassen aber Licht an die Bohnen, das die Öle im Kaffee schneller ranzig werden lässt.

Die Originalverpackung mit Aromaventil ist ebenfalls eine gute Wahl, solange Sie sie nach dem Öffnen fest verschließen und die Luft vorher möglichst herausdrücken.

Kühlschrank oder nicht?

Der Kühlschrank ist kein guter Ort für Kaffee. Beim Herausnehmen bildet sich Kondenswasser auf den kalten Bohnen, und Kaffee nimmt leicht fremde Gerüche an, etwa von Käse oder Zwiebeln.

Nur wenn Sie größere Mengen über mehrere Monate aufbewahren möchten, lohnt sich das Einfrieren in kleinen, gut verschlossenen Portionen, die Sie dann nicht wieder auftauen und erneut einfrieren.

Fazit: Kaufen Sie lieber kleinere Mengen, mahlen Sie erst kurz vor der Zubereitung und bewahren Sie die Bohnen kühl, dunkel und trocken auf.

Artikel teilen
Facebook
Pinterest
WhatsApp
E-Mail

Newsletter abonnieren
Melden Sie sich für unseren Newsletter an und erhalten Sie 10 % Rabatt auf Ihre erste Bestellung. Mit der Anmeldung stimmen Sie unserer Datenschutzerklärung zu. Eine Abmeldung ist jederzeit möglich.
E-Mail-Adresse
Jetzt anmelden

Das könnte Sie auch interessieren
Espresso zu Hause: Die perfekte Crema
Siebträger reinigen in fünf Schritten
Die besten Kaffeebohnen für Vollautomaten

Wir verwenden Cookies, um Ihnen ein optimales Einkaufserlebnis zu bieten. Einige Cookies sind technisch notwendig, andere helfen uns, unser Angebot zu verbessern. Weitere Informationen finden Sie in unserer Datenschutzerklärung.
Alle akzeptieren
Nur notwendige Cookies

Kundenservice
Versand & Lieferung
Zahlungsarten
Widerrufsrecht
Impressum
Datenschutz
AGB
© 2025 Röstwerk Beispiel GmbH. Alle Rechte vorbehalten.
"""

ENGLISH_NEWS_PAGE = """\
Skip to main content
Subscribe
Sign In
Menu
News
Politics
Business
Science
Opinion
Search

Advertisement

Science

City Trees Cool Streets by Up to Four Degrees, Study Finds | The Daily Example

City Trees Cool Streets by Up to Four Degrees, Study Finds

Researchers mapped temperatures across 40 neighbourhoods over three summers.

By Sam Carter
November 3, 2025
Updated 4:30 PM

Share
Share on Facebook
Share on X
Copy link

Streets lined with mature trees were as much as four degrees cooler on summer afternoons than treeless streets nearby, according to a study published on Monday by a team of urban climate researchers.

The team placed small temperature sensors on lamp posts in 40 neighbourhoods and recorded readings every ten minutes for three summers. They then compared blocks with similar buildings and traffic, but very different amounts of shade.

How shade changes a street

The effect was strongest in the late afternoon, when paved surfaces had absorbed heat for most of the day. Under a closed canopy, pavements stayed cooler and released less heat after sunset, which also made nights more bearable for residents.

"Trees are not decoration, they are infrastructure," said the study's lead author. "A street without shade is a street that people avoid in July."

What cities can do

The researchers recommend planting along routes that people walk to schools, clinics and bus stops first. They also note that young trees need regular watering for several years before they provide meaningful shade.

Several cities have already announced planting programmes, although budgets for maintenance remain small compared with the cost of new trees.

Sign up for our Morning Briefing newsletter
Get the day's top stories in your inbox every weekday. By signing up you agree to our Terms of Use and Privacy Policy.
Email address
Sign up

Related articles
Heat waves are getting longer, data shows
Why some parks feel hotter than others
The cities planting a million trees

Comments (12)

We use cookies to improve your experience on our site and to show you relevant advertising. By continuing to browse, you agree to our use of cookies.
Accept
Manage settings

About Us
Contact
Careers
Advertise
Terms of Use
Privacy Policy
© 2025 The Daily Example. All rights reserved.
"""

FRENCH_GARDEN_PAGE = """\
Aller au contenu principal
Accueil
Actualités
Cuisine
Voyages
Jardin
Contact
Rechercher
Se connecter
S'abonner

Service client : 01 23 45 67 89
Plus de 120 000 lecteurs nous font confiance

Accueil > Jardin > Planter des bulbes à l'automne : le guide complet

Planter des bulbes à l'automne : le guide complet

Publié le 3 novembre 2025 à 10h05
Par Claire Dubois

L'automne est la meilleure saison pour planter les bulbes qui fleuriront au printemps. Tulipes, narcisses, crocus et jacinthes ont besoin d'une période de froid pour développer leurs racines avant l'hiver.

Avant de commencer, choisissez des bulbes fermes et sans taches, et préparez un sol bien drainé. Un excès d'humidité fait pourrir les bulbes bien plus sûrement que le gel.

À quelle profondeur planter ?

La règle la plus simple consiste à enterrer chaque bulbe à une profondeur égale à deux ou trois fois sa hauteur. Les petits crocus se contentent de quelques centimètres, tandis que les grosses tulipes demandent une quinzaine de centimètres de terre.

Placez toujours la pointe vers le haut et tassez légèrement la terre après la plantation, puis arrosez une fois pour que le sol se referme autour des bulbes.

Associer les variétés

Pour un massif fleuri pendant plusieurs semaines, mélangez des variétés précoces et tardives. Vous pouvez aussi planter en lasagnes dans un grand pot, en superposant plusieurs couches de bulbes de tailles différentes.

Partager cet article
Facebook
Pinterest
E-mail

Recevez notre newsletter
Inscrivez-vous pour recevoir chaque semaine nos conseils de saison. Vous pouvez vous désabonner à tout moment. Vos données sont traitées conformément à notre politique de confidentialité.
Votre adresse e-mail
Je m'inscris

À lire aussi
Tailler les rosiers : quand et comment ?
Dix plantes qui résistent à la sécheresse
Préparer son potager pour l'hiver

Ce site utilise des cookies pour améliorer votre expérience de navigation et mesurer l'audience. Vous pouvez accepter ou refuser ces cookies à tout moment.
Tout accepter
Tout refuser

Mentions légales
Politique de confidentialité
Plan du site
© 2025 Jardins d'Exemple. Tous droits réservés.
"""

GERMAN_NEWS_PAGE = """\
Direkt zum Inhalt
Abo
Anmelden
Politik
Wirtschaft
Kultur
Sport
Regional
Mehr
Suche

Anzeige

Regional
Stadtrat beschließt neue Radwege für die Innenstadt | Tageblatt Beispielstadt

Stadtrat beschließt neue Radwege für die Innenstadt

Bis 2027 sollen zwölf Kilometer geschützte Radspuren entstehen. Die Opposition kritisiert die Kosten.

3. November 2025, 18:40 Uhr
Von Markus Weber
Teilen
Drucken
Merken

Der Stadtrat hat am Montagabend mit großer Mehrheit beschlossen, das Radwegenetz in der Innenstadt deutlich auszubauen. Bis zum Jahr 2027 sollen insgesamt zwölf Kilometer baulich getrennte Radspuren entstehen, vor allem auf den großen Einfallstraßen.

Oberbürgermeisterin Anna Schneider sprach von einem „wichtigen Signal für alle, die täglich mit dem Rad zur Arbeit oder zur Schule fahren“. Die Stadt rechnet mit Kosten von rund 18 Millionen Euro, von denen ein Teil aus Fördermitteln des Landes kommen soll.

Lesen Sie auch: Warum immer mehr Pendler aufs Lastenrad umsteigen

Kritik an den Kosten

Die Fraktion der Bürgerliste stimmte gegen den Plan. Ihr Vorsitzender bemängelte, dass für die neuen Spuren an mehreren Stellen Parkplätze wegfallen, und forderte ein Gutachten zu den Folgen für den Einzelhandel in der Fußgängerzone.

Anzeige

Die Verwaltung will die Anwohner in den kommenden Wochen bei mehreren Bürgerversammlungen über die einzelnen Bauabschnitte informieren. Die ersten Arbeiten sollen im Frühjahr auf der Bahnhofstraße beginnen.

Mehr zum Thema
Neue Fahrradstraße am Stadtpark eröffnet
Busse fahren ab Dezember im Zehn-Minuten-Takt

Kommentare (3)
Peter M.
3. November 2025 um 19:12 Uhr
Endlich tut sich etwas, auf der Bahnhofstraße ist es für Radfahrer morgens wirklich gefährlich, besonders wenn die Lieferwagen in zweiter Reihe halten.
Antworten
Sabine K.
3. November 2025 um 20:05 Uhr
Und wer bezahlt das alles? Achtzehn Millionen sind viel Geld für eine Stadt, die gerade erst die Schwimmbäder schließen musste.
Antworten

Newsletter
Die wichtigsten Nachrichten aus der Region jeden Morgen in Ihrem Postfach. Mit der Anmeldung akzeptieren Sie unsere Datenschutzbestimmungen.
Jetzt abonnieren

Impressum
Datenschutz
Kontakt
Mediadaten
Cookie-Einstellungen
© Tageblatt Beispielstadt 2025
"""

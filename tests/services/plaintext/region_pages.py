# A saved page has one paragraph per line, so its lines are as long as the paragraphs.
# ruff: noqa: E501
"""Pages saved as text, written for these tests, one for each way an article's region goes
wrong: a box inside the article, lists before it, a thread after it, a short post beside a
sidebar of teasers, a trailing box of related links, newsletter and consent text."""

ARTICLE_WITH_A_BOX_INSIDE = """\
Home
News
Climate
Cities
Sign in

Rivers Return to Cities That Once Buried Them

Engineers are opening culverts that hid streams under car parks for a century.

By Priya Nair
12 March 2025

When the town council voted to dig up the car park behind the old market, few residents knew that a river ran beneath it. The stream had been forced into a concrete pipe in 1921, when the town needed space for carts and later for cars, and it had stayed out of sight ever since.

Today the stream runs in the open again, between stone banks planted with reeds and willows. Children wade in it on warm afternoons, and herons have returned to fish in the shallow pools that the designers built into its new bed.

Related articles
Why flood maps are changing faster than ever
The town that learned to love its wetlands
Five bridges that changed how we cross rivers
Read more

Opening a buried river is not cheap. The work behind the market cost more than the council spends on roads in a year, and much of the money went on moving pipes and cables that had been laid along the culvert over the decades.

The benefits are harder to count but easy to see. Shops along the new banks report more visitors, the street floods less often after heavy rain, and the water that once rushed through a dark pipe now slows down and sinks into the ground.

Other towns are following. Surveys of old maps have found dozens of streams that were covered in the last century, and engineers say that many of them could be opened for less than the cost of repairing the pipes that hide them.

Share this article
Facebook
Twitter
Email

Comments
Maria S.
2 hours ago
Wonderful news, I remember when that car park flooded every winter.
Reply
"""

PAGE_WITH_LISTS_AND_A_THREAD = """\
Skip to content
The Harbour Post
Latest headlines
Ferry timetable changes from Monday
Council approves new harbour wall
Storm warning lifted for the coast
Fishing quotas cut again
Most commented
Parking fees double in the old town (214)
School merger plan splits parents (187)
Why the lighthouse will stay dark (96)
Videos
02:14 Watch: the storm hits the pier
01:05 Seals return to the bay
03:40 Inside the new lifeboat station

Harbour Museum Opens Its Doors After Ten Years of Restoration

The old customs house has been turned into a museum of the town's seafaring past.

After ten years of work and three changes of architect, the harbour museum opened on Saturday in the old customs house on the quay. More than two thousand visitors queued along the harbour wall on the first morning, many of them the children and grandchildren of the fishermen whose boats and nets are now on display.

The collection began with a single donation: a ship's bell that a retired captain left to the town in his will. Volunteers spent years gathering logbooks, photographs and tools from attics across the county, and many of the labels in the galleries were written from the memories of the people who used those tools.

The building itself was the hardest part. Salt had eaten into the stone, the roof had been patched with whatever was at hand for decades, and the cellars flooded at every spring tide. The restorers kept the old timber floors wherever they could and replaced the rest with wood from the same forests the original builders used.

Entry is free for residents of the town until the end of the year, and the museum will open late on Thursdays during the summer.

Share
Facebook
X
WhatsApp
Copy link

24 comments
Tom B.
What a lovely building, well done to all the volunteers.
Reply
Anna K.
Took my father on Saturday and he found his own boat in one of the photographs.
Reply
More from The Harbour Post
Ferry timetable changes from Monday
Council approves new harbour wall
Storm warning lifted for the coast
© The Harbour Post 2025
"""

SHORT_POST_BESIDE_TEASERS = """\
Ann's Garden Notes
Home
About
Recipes
Contact

Recent posts
Sowing chillies on a windowsill in February and keeping them warm until the spring comes […]
The best compost bins we tried this year, from cheap plastic to handmade oak […]
How to prune an old apple tree without losing next year's blossom or the tree itself […]
Ten herbs that grow happily in the shade of a north-facing wall […]
Read more

First frost

The first frost came early this year. I went out before breakfast and found the dahlias blackened and the nasturtiums collapsed over the path like wet paper.

It is always a sad morning, but it is also the signal to lift the tubers, dry them in the shed and plan next year's beds while the ground rests.

Leave a comment
Share this:
Facebook
Pinterest
Email
Categories
Autumn
Flowers
© Ann's Garden Notes
"""

GERMAN_PAGE_WITH_A_TRAILING_BOX = """\
Zum Inhalt springen
Nachrichten
Politik
Wirtschaft
Kultur
Region
Anmelden

Stadtwerke senken die Preise für Fernwärme

24.10.2024 11:32 Uhr

Stadtwerke senken die Preise für Fernwärme

Die Stadtwerke senken zum ersten Januar die Preise für Fernwärme um rund zwölf Prozent. Nach Angaben des Unternehmens profitieren davon etwa vierzigtausend Haushalte in der Stadt und in den umliegenden Gemeinden, die an das Netz angeschlossen sind.

Grund für die Senkung seien die gefallenen Einkaufspreise für Gas und Strom, mit denen die Heizkraftwerke betrieben werden. Das Unternehmen hatte die Preise in den vergangenen zwei Jahren dreimal erhöht und war dafür vom Stadtrat und von Verbraucherschützern kritisiert worden.

Ein durchschnittlicher Haushalt in einer Wohnung mit siebzig Quadratmetern spart nach den Berechnungen der Stadtwerke im kommenden Jahr etwa hundertfünfzig Euro. Die neuen Preise sollen zunächst für zwölf Monate gelten und werden dann anhand der Einkaufspreise erneut überprüft.

Verbraucherschützer begrüßten die Entscheidung, forderten aber mehr Transparenz bei der Berechnung der Preise. Sie raten Kunden, die Abrechnung im Frühjahr genau zu prüfen und sich bei Fragen direkt an die Stadtwerke zu wenden.

Mehr zum Thema
Energie
Stadtwerke
Verbraucher

Bleiben Sie informiert: Mit unserem täglichen Newsletter erhalten Sie jeden Morgen die wichtigsten Nachrichten aus Ihrer Region direkt in Ihr Postfach. Jetzt kostenlos anmelden und nichts mehr verpassen.

Wir und unsere Partner speichern und verarbeiten Informationen auf Ihrem Gerät, um Ihnen personalisierte Anzeigen und Inhalte anzubieten, die Nutzung unseres Angebots zu messen und es zu verbessern. Sie können Ihre Einwilligung jederzeit in den Einstellungen widerrufen.
Akzeptieren
Einstellungen
"""

# Dutch: a language the stopword lists cover and Folio's few words of chrome vocabulary do
# not, so the trailing box must be recognised by its shape and its words alone.
DUTCH_PAGE_WITH_A_TRAILING_BOX = """\
Voorpagina
Binnenland
Buitenland
Sport

Nieuwe fietsbrug over de rivier geopend

Na twee jaar bouwen is de nieuwe fietsbrug over de rivier zaterdag geopend. De brug verbindt de wijken aan beide oevers en moet de drukke verkeersbrug in het centrum ontlasten, waar fietsers en auto's nu nog dezelfde smalle weg delen.

De gemeente verwacht dat elke dag ongeveer achtduizend fietsers en voetgangers de brug zullen gebruiken. Bij de opening fietsten honderden inwoners over de brug, en veel van hen waren blij dat ze niet langer in de file hoeven te wachten.

De bouw was duurder dan gepland omdat de fundering dieper moest worden aangelegd dan eerst werd gedacht. Volgens de wethouder is dat geld goed besteed, omdat de brug minstens honderd jaar mee moet gaan en ook bij hoog water open kan blijven.

In het voorjaar worden de oevers aan beide kanten van de brug opnieuw ingericht met bomen, bankjes en een speelplaats voor kinderen.

Meer over dit onderwerp
Fietsen
Gemeente
Verkeer

Blijf op de hoogte van het laatste nieuws uit uw regio en ontvang elke ochtend onze selectie van de belangrijkste verhalen gratis in uw mailbox.

Wij en onze partners plaatsen en lezen gegevens op uw apparaat om advertenties en inhoud te tonen die bij u passen, en om het gebruik van onze website te meten. U kunt uw keuze op elk moment wijzigen via de instellingen onderaan deze pagina.
Akkoord
Instellingen
"""

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_GB">
<context>
    <name>AccountDialog</name>
    <message>
        <source>Sync Account</source>
        <translation>Sync-Konto</translation>
    </message>
    <message>
        <source>Sync subscriptions, folders, read and starred articles with a server that speaks the Google Reader API: Miniflux, FreshRSS, Inoreader, The Old Reader, BazQux. Saved articles stay on this computer.</source>
        <translation>Abonnements, Ordner sowie gelesene und mit Stern versehene Artikel mit einem Server abgleichen, der die Google-Reader-API spricht: Miniflux, FreshRSS, Inoreader, The Old Reader, BazQux. Gespeicherte Artikel bleiben auf diesem Computer.</translation>
    </message>
    <message>
        <source>&amp;Add Account</source>
        <translation>Konto &amp;hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>&amp;Remove Account…</source>
        <translation>Konto &amp;entfernen …</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>API password</source>
        <translation>API-Passwort</translation>
    </message>
    <message>
        <source>API &amp;password:</source>
        <translation>API-&amp;Passwort:</translation>
    </message>
    <message>
        <source>Often not the password you log in with. Miniflux: Settings → Integrations → Google Reader. FreshRSS: Profile → API management.</source>
        <translation>Oft nicht das Passwort, mit dem Sie sich anmelden. Miniflux: Einstellungen → Integrationen → Google Reader. FreshRSS: Profil → API-Verwaltung.</translation>
    </message>
    <message>
        <source>&amp;Test Connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <source>API password:</source>
        <translation>API-Passwort:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Status:</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enter the server&apos;s address.</source>
        <translation>Geben Sie die Adresse des Servers ein.</translation>
    </message>
    <message>
        <source>Enter your user name on the server.</source>
        <translation>Geben Sie Ihren Benutzernamen auf dem Server ein.</translation>
    </message>
    <message>
        <source>Enter the API password.</source>
        <translation>Geben Sie das API-Passwort ein.</translation>
    </message>
    <message>
        <source>Connecting to {server}…</source>
        <translation>Verbindung zu {server} wird hergestellt …</translation>
    </message>
    <message>
        <source>Kept in the system keyring</source>
        <translation>Im Schlüsselbund des Systems gespeichert</translation>
    </message>
    <message>
        <source>Kept in a file only you can read (no system keyring answered)</source>
        <translation>In einer Datei gespeichert, die nur Sie lesen können (kein Schlüsselbund des Systems hat geantwortet)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert …</translation>
    </message>
</context>
<context>
    <name>AccountSection</name>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert …</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Synchronisation fehlgeschlagen</translation>
    </message>
    <message>
        <source>Sync failed {when}</source>
        <translation>Synchronisation fehlgeschlagen: {when}</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Synced {when}</source>
        <translation>Synchronisiert: {when}</translation>
    </message>
    <message>
        <source>{user} at {server}</source>
        <translation>{user} auf {server}</translation>
    </message>
    <message>
        <source>Syncing now…</source>
        <translation>Wird jetzt synchronisiert …</translation>
    </message>
    <message>
        <source>Not synced yet; {waiting}</source>
        <translation>Noch nicht synchronisiert; {waiting}</translation>
    </message>
    <message>
        <source>Sync failed: {message}; {waiting}</source>
        <translation>Synchronisation fehlgeschlagen: {message}; {waiting}</translation>
    </message>
    <message>
        <source>Sync failed: {message} (last good sync {when}); {waiting}</source>
        <translation>Synchronisation fehlgeschlagen: {message} (zuletzt erfolgreich {when}); {waiting}</translation>
    </message>
    <message>
        <source>Synced {when} ({message}); {waiting}</source>
        <translation>Synchronisiert {when} ({message}); {waiting}</translation>
    </message>
    <message>
        <source>Synced {when}; {waiting}</source>
        <translation>Synchronisiert {when}; {waiting}</translation>
    </message>
    <message>
        <source>feeds: {here} added here, {there} there</source>
        <translation>Feeds: {here} hier hinzugefügt, {there} dort</translation>
    </message>
    <message>
        <source>Synced in {seconds} s: {summary}</source>
        <translation>In {seconds} s synchronisiert: {summary}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>yyyy-MM-dd HH:mm</source>
        <translation>dd.MM.yyyy HH:mm</translation>
    </message>
</context>
<context>
    <name>Action</name>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Reading</source>
        <translation>Lesen</translation>
    </message>
    <message>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Feeds</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Hilfe</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>&amp;Actual Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>Wie das &amp;System</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>Mark &amp;Read / Unread</source>
        <translation>Als &amp;gelesen / ungelesen markieren</translation>
    </message>
    <message>
        <source>S&amp;tar / Unstar</source>
        <translation>&amp;Stern setzen / entfernen</translation>
    </message>
    <message>
        <source>Star the article</source>
        <translation>Den Artikel mit Stern versehen</translation>
    </message>
    <message>
        <source>&amp;Archive / Unarchive</source>
        <translation>&amp;Archivieren / zurückholen</translation>
    </message>
    <message>
        <source>Move the article to the archive</source>
        <translation>Den Artikel ins Archiv verschieben</translation>
    </message>
    <message>
        <source>&amp;Tag…</source>
        <translation>&amp;Tag …</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Ein Tag hinzufügen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Delete the article</source>
        <translation>Den Artikel löschen</translation>
    </message>
    <message>
        <source>Mark All as Rea&amp;d</source>
        <translation>All&amp;e als gelesen markieren</translation>
    </message>
    <message>
        <source>Mark every article in this list read</source>
        <translation>Jeden Artikel dieser Liste als gelesen markieren</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Oldest First</source>
        <translation>&amp;Älteste zuerst</translation>
    </message>
    <message>
        <source>Best &amp;Matches First in Search Results</source>
        <translation>&amp;Beste Treffer zuerst in Suchergebnissen</translation>
    </message>
    <message>
        <source>&amp;Refresh All</source>
        <translation>Alle ak&amp;tualisieren</translation>
    </message>
    <message>
        <source>Fetch new articles from every feed</source>
        <translation>Neue Artikel aus allen Feeds abrufen</translation>
    </message>
    <message>
        <source>Refresh &amp;Feed</source>
        <translation>&amp;Feed aktualisieren</translation>
    </message>
    <message>
        <source>Fetch new articles from the selected feed or folder</source>
        <translation>Neue Artikel aus dem gewählten Feed oder Ordner abrufen</translation>
    </message>
    <message>
        <source>Stop Refreshing</source>
        <translation>Aktualisieren abbrechen</translation>
    </message>
    <message>
        <source>Feed &amp;Properties…</source>
        <translation>Feed-&amp;Eigenschaften …</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe…</source>
        <translation>Abo &amp;beenden …</translation>
    </message>
    <message>
        <source>&amp;New Folder…</source>
        <translation>&amp;Neuer Ordner …</translation>
    </message>
    <message>
        <source>Rena&amp;me Folder…</source>
        <translation>Ordner &amp;umbenennen …</translation>
    </message>
    <message>
        <source>Delete &amp;Folder…</source>
        <translation>Ordner &amp;löschen …</translation>
    </message>
    <message>
        <source>&amp;Rename Tag…</source>
        <translation>Tag u&amp;mbenennen …</translation>
    </message>
    <message>
        <source>Tag &amp;Colour…</source>
        <translation>Tag-&amp;Farbe …</translation>
    </message>
    <message>
        <source>&amp;Delete Tag…</source>
        <translation>Tag lö&amp;schen …</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>Move to the Pane on the Left or Right</source>
        <translation>Zum Bereich links oder rechts wechseln</translation>
    </message>
    <message>
        <source>Left, Right</source>
        <translation>Links, Rechts</translation>
    </message>
    <message>
        <source>Show &amp;Sidebar</source>
        <translation>&amp;Seitenleiste anzeigen</translation>
    </message>
    <message>
        <source>&amp;Next Article</source>
        <translation>&amp;Nächster Artikel</translation>
    </message>
    <message>
        <source>&amp;Previous Article</source>
        <translation>&amp;Vorheriger Artikel</translation>
    </message>
    <message>
        <source>Next &amp;Unread</source>
        <translation>Nächster &amp;ungelesener</translation>
    </message>
    <message>
        <source>Previous Unr&amp;ead</source>
        <translation>Vorheriger ung&amp;elesener</translation>
    </message>
    <message>
        <source>Page Down, Then Next Unread</source>
        <translation>Seite weiter, dann nächster ungelesener</translation>
    </message>
    <message>
        <source>&amp;Find in Article…</source>
        <translation>Im Artikel &amp;suchen …</translation>
    </message>
    <message>
        <source>&amp;Open in Browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <source>Open the article&apos;s page in your web browser</source>
        <translation>Die Seite des Artikels im Webbrowser öffnen</translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation>Link &amp;kopieren</translation>
    </message>
    <message>
        <source>&amp;Search the Library</source>
        <translation>Bibliothek &amp;durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Rules for New Articles…</source>
        <translation>&amp;Regeln für neue Artikel …</translation>
    </message>
    <message>
        <source>S&amp;ync Now</source>
        <translation>Jetzt s&amp;ynchronisieren</translation>
    </message>
    <message>
        <source>Send the changes made here to the sync server and fetch what changed there</source>
        <translation>Die hier gemachten Änderungen an den Sync-Server senden und abrufen, was sich dort geändert hat</translation>
    </message>
    <message>
        <source>Sync A&amp;ccount…</source>
        <translation>Sync-&amp;Konto …</translation>
    </message>
    <message>
        <source>Add, see or remove the account Folio syncs with</source>
        <translation>Das Konto, mit dem Folio synchronisiert, hinzufügen, ansehen oder entfernen</translation>
    </message>
    <message>
        <source>&amp;Add Feed…</source>
        <translation>Feed &amp;abonnieren …</translation>
    </message>
    <message>
        <source>Subscribe to a feed or a site</source>
        <translation>Einen Feed oder eine Website abonnieren</translation>
    </message>
    <message>
        <source>&amp;Save Article…</source>
        <translation>Artikel &amp;speichern …</translation>
    </message>
    <message>
        <source>Save an article from the web or a file</source>
        <translation>Einen Artikel aus dem Web oder aus einer Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importieren …</translation>
    </message>
    <message>
        <source>Import subscriptions (OPML) or articles</source>
        <translation>Abonnements (OPML) oder Artikel importieren</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>E&amp;xportieren …</translation>
    </message>
    <message>
        <source>Export subscriptions or articles</source>
        <translation>Abonnements oder Artikel exportieren</translation>
    </message>
    <message>
        <source>&amp;Highlight Selection</source>
        <translation>Auswahl &amp;markieren</translation>
    </message>
    <message>
        <source>Highlight the selected text (the colour used last)</source>
        <translation>Den ausgewählten Text markieren (in der zuletzt benutzten Farbe)</translation>
    </message>
    <message>
        <source>Article &amp;Note…</source>
        <translation>Artikel&amp;notiz …</translation>
    </message>
    <message>
        <source>&amp;Pause Fetching Links</source>
        <translation>Abruf der &amp;Links pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume Fetching Links</source>
        <translation>Abruf der &amp;Links fortsetzen</translation>
    </message>
    <message>
        <source>Links Not &amp;Fetched…</source>
        <translation>&amp;Nicht abgerufene Links …</translation>
    </message>
    <message>
        <source>Load &amp;Full Article</source>
        <translation>&amp;Vollständigen Artikel laden</translation>
    </message>
    <message>
        <source>Fetch the article&apos;s page and show the whole article instead of the feed&apos;s text</source>
        <translation>Die Seite des Artikels abrufen und statt des Textes aus dem Feed den ganzen Artikel zeigen</translation>
    </message>
</context>
<context>
    <name>AddFeedDialog</name>
    <message>
        <source>(no folder)</source>
        <translation>(kein Ordner)</translation>
    </message>
    <message>
        <source>Add a feed</source>
        <translation>Feed abonnieren</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>Abonnieren</translation>
    </message>
    <message>
        <source>https://example.org/feed.xml or https://example.org</source>
        <translation>https://example.org/feed.xml oder https://example.org</translation>
    </message>
    <message>
        <source>Feed or site address</source>
        <translation>Adresse des Feeds oder der Website</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Pick a folder or type a new name (use / for a subfolder)</source>
        <translation>Wählen Sie einen Ordner oder geben Sie einen neuen Namen ein (/ für einen Unterordner)</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Enter a web address starting with http:// or https://.</source>
        <translation>Geben Sie eine Webadresse ein, die mit http:// oder https:// beginnt.</translation>
    </message>
</context>
<context>
    <name>AppearanceController</name>
    <message>
        <source>Text size {font_size} pt</source>
        <translation>Textgröße {font_size} pt</translation>
    </message>
</context>
<context>
    <name>ArticleCommandsController</name>
    <message>
        <source>Unstar the article (s)</source>
        <translation>Stern des Artikels entfernen (s)</translation>
    </message>
    <message>
        <source>Star the article (s)</source>
        <translation>Den Artikel mit Stern versehen (s)</translation>
    </message>
    <message>
        <source>Move the article out of the archive (e)</source>
        <translation>Den Artikel aus dem Archiv zurückholen (e)</translation>
    </message>
    <message>
        <source>Move the article to the archive (e)</source>
        <translation>Den Artikel ins Archiv verschieben (e)</translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) read</source>
        <translation>
            <numerusform>%n Artikel als gelesen markiert</numerusform>
            <numerusform>%n Artikel als gelesen markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) unread</source>
        <translation>
            <numerusform>%n Artikel als ungelesen markiert</numerusform>
            <numerusform>%n Artikel als ungelesen markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starred %n article(s)</source>
        <translation>
            <numerusform>%n Artikel mit Stern versehen</numerusform>
            <numerusform>%n Artikel mit Stern versehen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unstarred %n article(s)</source>
        <translation>
            <numerusform>Stern von %n Artikel entfernt</numerusform>
            <numerusform>Stern von %n Artikeln entfernt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n article(s)</source>
        <translation>
            <numerusform>%n Artikel archiviert</numerusform>
            <numerusform>%n Artikel archiviert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n article(s) out of the archive</source>
        <translation>
            <numerusform>%n Artikel aus dem Archiv zurückgeholt</numerusform>
            <numerusform>%n Artikel aus dem Archiv zurückgeholt</numerusform>
        </translation>
    </message>
    <message>
        <source>Undone: {change}</source>
        <translation>Rückgängig gemacht: {change}</translation>
    </message>
    <message numerus="yes">
        <source>Kept %n article(s)</source>
        <translation>
            <numerusform>%n Artikel behalten</numerusform>
            <numerusform>%n Artikel behalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n article(s)</source>
        <translation>
            <numerusform>%n Artikel gelöscht</numerusform>
            <numerusform>%n Artikel gelöscht</numerusform>
        </translation>
    </message>
    <message>
        <source>Mark all as read works on a view, a feed, a folder or a tag</source>
        <translation>„Alle als gelesen markieren“ wirkt auf eine Ansicht, einen Feed, einen Ordner oder ein Tag</translation>
    </message>
    <message>
        <source>Marked every article read in {title}</source>
        <translation>Alle Artikel in {title} als gelesen markiert</translation>
    </message>
    <message>
        <source>Nothing unread in {title}</source>
        <translation>Nichts Ungelesenes in {title}</translation>
    </message>
    <message>
        <source>Undo: {change} (Ctrl+Z)</source>
        <translation>Rückgängig: {change} (Strg+Z)</translation>
    </message>
    <message>
        <source>Undo (Ctrl+Z)</source>
        <translation>Rückgängig (Strg+Z)</translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) unread again</source>
        <translation>
            <numerusform>%n Artikel wieder als ungelesen markiert</numerusform>
            <numerusform>%n Artikel wieder als ungelesen markiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) read in {title}</source>
        <translation>
            <numerusform>%n Artikel in {title} als gelesen markiert</numerusform>
            <numerusform>%n Artikel in {title} als gelesen markiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>Nichts rückgängig zu machen</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
</context>
<context>
    <name>ArticleDelegate</name>
    <message>
        <source>d MMM</source>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} Min.</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
</context>
<context>
    <name>ArticleHtml</name>
    <message>
        <source>Saved from the web</source>
        <translation>Aus dem Web gespeichert</translation>
    </message>
    <message>
        <source>Saved page</source>
        <translation>Gespeicherte Seite</translation>
    </message>
    <message>
        <source>Saved text</source>
        <translation>Gespeicherter Text</translation>
    </message>
    <message>
        <source>d MMMM yyyy</source>
        <translation>d. MMMM yyyy</translation>
    </message>
    <message>
        <source>{day}, {time}</source>
        <translation>{day}, {time} Uhr</translation>
    </message>
    <message>
        <source>By {author}</source>
        <translation>Von {author}</translation>
    </message>
    <message>
        <source>{minutes} min read</source>
        <translation>{minutes} Min. Lesezeit</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>NOTE</source>
        <translation>NOTIZ</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Add a note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Could not be placed in the text</source>
        <translation>Nicht mehr im Text zu finden</translation>
    </message>
    <message>
        <source>These highlights no longer match the article as it is now; their quotes and notes are kept.</source>
        <translation>Diese Markierungen passen nicht mehr zum Artikel, wie er jetzt ist; ihre Zitate und Notizen bleiben erhalten.</translation>
    </message>
    <message>
        <source>This article has no text. Open it in the browser to read it.</source>
        <translation>Dieser Artikel hat keinen Text. Öffnen Sie ihn im Browser, um ihn zu lesen.</translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>unread, </source>
        <translation>ungelesen, </translation>
    </message>
    <message>
        <source>starred, </source>
        <translation>mit Stern, </translation>
    </message>
    <message>
        <source>saved</source>
        <translation>gespeichert</translation>
    </message>
    <message numerus="yes">
        <source>, %n highlight(s)</source>
        <translation>
            <numerusform>, %n Markierung</numerusform>
            <numerusform>, %n Markierungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListView</name>
    <message>
        <source>Best Matches First</source>
        <translation>Beste Treffer zuerst</translation>
    </message>
    <message>
        <source>Best match</source>
        <translation>Beste Treffer</translation>
    </message>
    <message>
        <source>Newest First</source>
        <translation>Neueste zuerst</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Neueste</translation>
    </message>
    <message>
        <source>Oldest First</source>
        <translation>Älteste zuerst</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>Älteste</translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message>
        <source>Select an article to read it.</source>
        <translation>Wählen Sie einen Artikel, um ihn zu lesen.</translation>
    </message>
    <message>
        <source>Images from the web are not loaded when you read; this fetches them once and keeps them in the library</source>
        <translation>Bilder aus dem Web werden beim Lesen nicht geladen; hiermit werden sie einmal abgerufen und in der Bibliothek behalten</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message numerus="yes">
        <source>Load %n image(s)</source>
        <translation>
            <numerusform>%n Bild laden</numerusform>
            <numerusform>%n Bilder laden</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading images…</source>
        <translation>Bilder werden geladen …</translation>
    </message>
</context>
<context>
    <name>BackgroundCommandsController</name>
    <message>
        <source>Paused fetching links; the rest wait until you resume</source>
        <translation>Abruf der Links pausiert; die übrigen warten, bis Sie ihn fortsetzen</translation>
    </message>
    <message>
        <source>Fetching links…</source>
        <translation>Links werden abgerufen …</translation>
    </message>
    <message>
        <source>Fetching the pages of imported links, one request at a time per site</source>
        <translation>Die Seiten importierter Links werden abgerufen, je Website eine Anfrage nach der anderen</translation>
    </message>
    <message>
        <source>Fetching links {done} of {total}</source>
        <translation>Links werden abgerufen: {done} von {total}</translation>
    </message>
    <message numerus="yes">
        <source>Fetched the pages of %n link(s)</source>
        <translation>
            <numerusform>Seite von %n Link abgerufen</numerusform>
            <numerusform>Seiten von %n Links abgerufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n could not be fetched</source>
        <translation>
            <numerusform>; %n konnte nicht abgerufen werden</numerusform>
            <numerusform>; %n konnten nicht abgerufen werden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) not fetched</source>
        <translation>
            <numerusform>%n Link nicht abgerufen</numerusform>
            <numerusform>%n Links nicht abgerufen</numerusform>
        </translation>
    </message>
    <message>
        <source>See why, and try them again</source>
        <translation>Die Gründe ansehen und es erneut versuchen</translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) waiting</source>
        <translation>
            <numerusform>%n Link wartet</numerusform>
            <numerusform>%n Links warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching the pages of imported links is paused</source>
        <translation>Der Abruf der Seiten importierter Links ist pausiert</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Go on fetching the pages of imported links</source>
        <translation>Den Abruf der Seiten importierter Links fortsetzen</translation>
    </message>
    <message>
        <source>Stop fetching links for now; they wait, even across restarts</source>
        <translation>Den Abruf der Links vorerst anhalten; sie warten, auch über einen Neustart hinweg</translation>
    </message>
    <message>
        <source>Only a feed&apos;s articles with a web address can load their page</source>
        <translation>Nur Artikel aus einem Feed, die eine Webadresse haben, können ihre Seite laden</translation>
    </message>
    <message>
        <source>Loading the full article…</source>
        <translation>Der vollständige Artikel wird geladen …</translation>
    </message>
    <message>
        <source>Loading full articles {done} of {total}</source>
        <translation>Vollständige Artikel werden geladen: {done} von {total}</translation>
    </message>
    <message>
        <source>Loaded the full article</source>
        <translation>Vollständigen Artikel geladen</translation>
    </message>
    <message numerus="yes">
        <source>Loaded the full article of %n article(s)</source>
        <translation>
            <numerusform>%n vollständiger Artikel geladen</numerusform>
            <numerusform>%n vollständige Artikel geladen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n could not be loaded: {first}</source>
        <translation>
            <numerusform>; %n konnte nicht geladen werden: {first}</numerusform>
            <numerusform>; %n konnten nicht geladen werden: {first}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CrashHandler</name>
    <message>
        <source> (details in {log_path})</source>
        <translation> (Einzelheiten in {log_path})</translation>
    </message>
    <message>
        <source>Something went wrong: {value}{where}</source>
        <translation>Etwas ist schiefgegangen: {value}{where}</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>Welcome to Folio</source>
        <translation>Willkommen bei Folio</translation>
    </message>
    <message>
        <source>Your library is empty. Bring in something to read — everything stays on this computer, in one file.</source>
        <translation>Ihre Bibliothek ist leer. Holen Sie sich etwas zu lesen – alles bleibt auf diesem Computer, in einer einzigen Datei.</translation>
    </message>
    <message>
        <source>Subscribe to a feed</source>
        <translation>Einen Feed abonnieren</translation>
    </message>
    <message>
        <source>Paste a feed&apos;s address or a site&apos;s; Folio finds the feed.</source>
        <translation>Feed- oder Website-Adresse einfügen; Folio findet den Feed.</translation>
    </message>
    <message>
        <source>Save an article</source>
        <translation>Einen Artikel speichern</translation>
    </message>
    <message>
        <source>From a web address, or a page or text file you have.</source>
        <translation>Von einer Webadresse oder aus einer Seiten- oder Textdatei.</translation>
    </message>
    <message>
        <source>Import subscriptions or a reading list</source>
        <translation>Abonnements oder eine Leseliste importieren</translation>
    </message>
    <message>
        <source>An OPML file from another reader, or a Pocket or Instapaper export.</source>
        <translation>OPML aus einem anderen Reader oder ein Pocket- oder Instapaper-Export.</translation>
    </message>
    <message>
        <source>Sync with your server</source>
        <translation>Mit Ihrem Server synchronisieren</translation>
    </message>
    <message>
        <source>Miniflux, FreshRSS or another Google Reader API server.</source>
        <translation>Miniflux, FreshRSS oder ein anderer Server mit Google-Reader-API.</translation>
    </message>
    <message>
        <source>You can also drop a link or an .html, .txt or .md file on this window.</source>
        <translation>Sie können auch einen Link oder eine .html-, .txt- oder .md-Datei auf dieses Fenster ziehen.</translation>
    </message>
</context>
<context>
    <name>FailedLinksDialog</name>
    <message>
        <source>Links not fetched</source>
        <translation>Nicht abgerufene Links</translation>
    </message>
    <message>
        <source>Link</source>
        <translation>Link</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Retry &amp;Selected</source>
        <translation>&amp;Gewählte erneut versuchen</translation>
    </message>
    <message>
        <source>Retry &amp;All</source>
        <translation>&amp;Alle erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Open in Browser</source>
        <translation>Im &amp;Browser öffnen</translation>
    </message>
    <message>
        <source>The pages of these links could not be fetched; each keeps its link, title and tags. Try again later, or open them in the browser.</source>
        <translation>Die Seiten dieser Links konnten nicht abgerufen werden; Adresse, Titel und Tags bleiben jeweils erhalten. Versuchen Sie es später noch einmal, oder öffnen Sie sie im Browser.</translation>
    </message>
    <message>
        <source>The page of this link could not be fetched; it keeps its link, title and tags. Try again later, or open it in the browser.</source>
        <translation>Die Seite dieses Links konnte nicht abgerufen werden; Adresse, Titel und Tags bleiben erhalten. Versuchen Sie es später noch einmal, oder öffnen Sie ihn im Browser.</translation>
    </message>
    <message>
        <source>Every link&apos;s page has been fetched.</source>
        <translation>Die Seiten aller Links wurden abgerufen.</translation>
    </message>
</context>
<context>
    <name>FeedCommandsController</name>
    <message>
        <source>{feed}: the last refresh failed: {error}</source>
        <translation>{feed}: Die letzte Aktualisierung ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Select a feed or a folder to refresh it (F5 refreshes every feed)</source>
        <translation>Wählen Sie einen Feed oder Ordner zum Aktualisieren (F5 aktualisiert alle Feeds)</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert …</translation>
    </message>
    <message>
        <source>Refreshing {done} of {total}</source>
        <translation>Aktualisiere {done} von {total}</translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n neuer Artikel</numerusform>
            <numerusform>%n neue Artikel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <source>No feeds are due; nothing to refresh</source>
        <translation>Kein Feed ist fällig; nichts zu aktualisieren</translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n aktualisiert</numerusform>
            <numerusform>%n aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n Fehler</numerusform>
            <numerusform>%n Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after {done} of %n feed(s) in {seconds} s</source>
        <translation>
            <numerusform>Nach {done} von %n Feed angehalten ({seconds} s)</numerusform>
            <numerusform>Nach {done} von %n Feeds angehalten ({seconds} s)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshed %n feed(s) in {seconds} s</source>
        <translation>
            <numerusform>%n Feed in {seconds} s aktualisiert</numerusform>
            <numerusform>%n Feeds in {seconds} s aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a feed to see its properties</source>
        <translation>Wählen Sie einen Feed, um seine Eigenschaften zu sehen</translation>
    </message>
    <message>
        <source>Changed the properties of {feed}</source>
        <translation>Eigenschaften von {feed} geändert</translation>
    </message>
    <message numerus="yes">
        <source>“{feed}” will fetch the full article of its new articles from now on.

Fetch the full article of the %n article(s) it already has too? Their pages are fetched in the background.</source>
        <translation>
            <numerusform>„{feed}“ ruft von jetzt an für jeden neuen Artikel den vollständigen Artikel ab.

Auch für den einen Artikel, den der Feed schon hat, den vollständigen Artikel abrufen? Seine Seite wird im Hintergrund abgerufen.</numerusform>
            <numerusform>„{feed}“ ruft von jetzt an für jeden neuen Artikel den vollständigen Artikel ab.

Auch für die %n Artikel, die der Feed schon hat, die vollständigen Artikel abrufen? Ihre Seiten werden im Hintergrund abgerufen.</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetch full articles</source>
        <translation>Vollständige Artikel abrufen</translation>
    </message>
    <message>
        <source>Select a feed to unsubscribe from it</source>
        <translation>Wählen Sie einen Feed, um sein Abo zu beenden</translation>
    </message>
    <message>
        <source>Unsubscribed from {title}</source>
        <translation>Abo von {title} beendet</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>Abo beenden</translation>
    </message>
    <message>
        <source>Unsubscribe from “{title}”?

Its articles are deleted, except those you starred or tagged, which stay as saved articles.</source>
        <translation>Das Abo von „{title}“ beenden?

Seine Artikel werden gelöscht, außer denen mit Stern oder Tag: Sie bleiben als gespeicherte Artikel erhalten.</translation>
    </message>
    <message>
        <source>Moved to {folder}</source>
        <translation>Nach {folder} verschoben</translation>
    </message>
    <message>
        <source>Moved out of its folder</source>
        <translation>Aus seinem Ordner genommen</translation>
    </message>
    <message numerus="yes">
        <source>Moved %n feed(s) to {folder}</source>
        <translation>
            <numerusform>%n Feed nach {folder} verschoben</numerusform>
            <numerusform>%n Feeds nach {folder} verschoben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n feed(s) to the top level</source>
        <translation>
            <numerusform>%n Feed auf die oberste Ebene verschoben</numerusform>
            <numerusform>%n Feeds auf die oberste Ebene verschoben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedPropertiesDialog</name>
    <message>
        <source>Feed properties</source>
        <translation>Feed-Eigenschaften</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <source>Feed address</source>
        <translation>Feed-Adresse</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>&amp;Ordner:</translation>
    </message>
    <message>
        <source>Fetch the &amp;full article from its page</source>
        <translation>Den &amp;vollständigen Artikel von seiner Seite abrufen</translation>
    </message>
    <message>
        <source>For feeds that carry only a summary: Folio fetches each new article&apos;s page and keeps the article text from it.</source>
        <translation>Für Feeds, die nur eine Zusammenfassung liefern: Folio ruft die Seite jedes neuen Artikels ab und übernimmt den Artikeltext daraus.</translation>
    </message>
    <message>
        <source>As in Preferences ({every})</source>
        <translation>Wie in den Einstellungen ({every})</translation>
    </message>
    <message>
        <source>How often to refresh</source>
        <translation>Wie oft aktualisiert wird</translation>
    </message>
    <message>
        <source>How often Folio fetches this feed while it runs, and what folio refresh counts as due</source>
        <translation>Wie oft Folio diesen Feed abruft, während es läuft, und wann „folio refresh“ ihn für fällig hält</translation>
    </message>
    <message>
        <source>R&amp;efresh:</source>
        <translation>A&amp;ktualisieren:</translation>
    </message>
    <message>
        <source> newest items</source>
        <translation> neueste Einträge</translation>
    </message>
    <message>
        <source>Items read at each refresh</source>
        <translation>Bei jeder Aktualisierung gelesene Einträge</translation>
    </message>
    <message>
        <source>A refresh reads at most this many of the feed&apos;s items, the newest ones; articles already in the library stay.</source>
        <translation>Eine Aktualisierung liest höchstens so viele Einträge des Feeds, die neuesten; Artikel, die schon in der Bibliothek sind, bleiben.</translation>
    </message>
    <message>
        <source>&amp;Read up to:</source>
        <translation>&amp;Höchstens lesen:</translation>
    </message>
    <message>
        <source>Site:</source>
        <translation>Website:</translation>
    </message>
    <message>
        <source>Last refreshed:</source>
        <translation>Zuletzt aktualisiert:</translation>
    </message>
    <message>
        <source>Last problem</source>
        <translation>Letztes Problem</translation>
    </message>
    <message>
        <source>Retry &amp;Now</source>
        <translation>&amp;Jetzt erneut versuchen</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message numerus="yes">
        <source>The last refresh failed (%n time(s) in a row): {error}</source>
        <translation>
            <numerusform>Die letzte Aktualisierung ist fehlgeschlagen (%n-mal in Folge): {error}</numerusform>
            <numerusform>Die letzte Aktualisierung ist fehlgeschlagen (%n-mal in Folge): {error}</numerusform>
        </translation>
    </message>
    <message>
        <source>The last refresh failed: {error}</source>
        <translation>Die letzte Aktualisierung ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <source>Folio no longer refreshes it by itself.</source>
        <translation>Folio aktualisiert ihn nicht mehr von selbst.</translation>
    </message>
    <message>
        <source>Next try: {when}.</source>
        <translation>Nächster Versuch: {when}.</translation>
    </message>
    <message>
        <source>Fetching it again…</source>
        <translation>Wird erneut abgerufen …</translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation>Die Adresse muss mit http:// oder https:// beginnen.</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find in article</source>
        <translation>Im Artikel suchen</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>Vorheriger Treffer (Umschalt+Eingabe)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>Nächster Treffer (Eingabe)</translation>
    </message>
    <message>
        <source>Close (Escape)</source>
        <translation>Schließen (Esc)</translation>
    </message>
    <message>
        <source>Close the find bar</source>
        <translation>Die Suchleiste schließen</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>{current} of {total}{more}</source>
        <translation>{current} von {total}{more}</translation>
    </message>
</context>
<context>
    <name>FolderTagCommands</name>
    <message>
        <source>the folder “{name}” is no longer there</source>
        <translation>den Ordner „{name}“ gibt es nicht mehr</translation>
    </message>
    <message>
        <source>there is already a folder “{name}” there</source>
        <translation>dort gibt es schon einen Ordner „{name}“</translation>
    </message>
</context>
<context>
    <name>FolderTagCommandsController</name>
    <message>
        <source>inside “{name}”</source>
        <translation>in „{name}“</translation>
    </message>
    <message>
        <source>at the top level</source>
        <translation>auf oberster Ebene</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Name of the new folder {where}:</source>
        <translation>Name des neuen Ordners {where}:</translation>
    </message>
    <message>
        <source>A folder needs a name</source>
        <translation>Ein Ordner braucht einen Namen</translation>
    </message>
    <message>
        <source>Made the folder “{value}”</source>
        <translation>Ordner „{value}“ angelegt</translation>
    </message>
    <message>
        <source>Select a folder to rename it</source>
        <translation>Wählen Sie einen Ordner, um ihn umzubenennen</translation>
    </message>
    <message>
        <source>Rename folder</source>
        <translation>Ordner umbenennen</translation>
    </message>
    <message>
        <source>New name for “{old}”:</source>
        <translation>Neuer Name für „{old}“:</translation>
    </message>
    <message>
        <source>A folder name cannot hold “/” (drag feeds to move them instead)</source>
        <translation>Ein Ordnername darf kein „/“ enthalten (ziehen Sie Feeds, um sie zu verschieben)</translation>
    </message>
    <message>
        <source>Renamed the folder “{old}” to “{new}”</source>
        <translation>Ordner „{old}“ in „{new}“ umbenannt</translation>
    </message>
    <message>
        <source>Select a folder to delete it</source>
        <translation>Wählen Sie einen Ordner, um ihn zu löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete the folder “{name}” and the %n folder(s) inside it?</source>
        <translation>
            <numerusform>Den Ordner „{name}“ und den einen Ordner darin löschen?</numerusform>
            <numerusform>Den Ordner „{name}“ und die %n Ordner darin löschen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete the folder “{name}”?</source>
        <translation>Den Ordner „{name}“ löschen?</translation>
    </message>
    <message numerus="yes">
        <source>Its %n feed(s) move(s) to the top level.</source>
        <translation>
            <numerusform>Sein Feed kommt auf die oberste Ebene.</numerusform>
            <numerusform>Seine %n Feeds kommen auf die oberste Ebene.</numerusform>
        </translation>
    </message>
    <message>
        <source>No feeds or articles are deleted.</source>
        <translation>Es werden keine Feeds oder Artikel gelöscht.</translation>
    </message>
    <message>
        <source>Deleted the folder “{name}”</source>
        <translation>Ordner „{name}“ gelöscht</translation>
    </message>
    <message>
        <source>Delete folder</source>
        <translation>Ordner löschen</translation>
    </message>
    <message>
        <source>Moved {names} into “{target_name}”</source>
        <translation>{names} nach „{target_name}“ verschoben</translation>
    </message>
    <message>
        <source>Moved {names} to the top level</source>
        <translation>{names} auf die oberste Ebene verschoben</translation>
    </message>
    <message>
        <source>Select a tag to rename it</source>
        <translation>Wählen Sie ein Tag, um es umzubenennen</translation>
    </message>
    <message>
        <source>Rename tag</source>
        <translation>Tag umbenennen</translation>
    </message>
    <message>
        <source>Renamed the tag “{old}” to “{new}”</source>
        <translation>Tag „{old}“ in „{new}“ umbenannt</translation>
    </message>
    <message>
        <source>Select a tag to give it a colour</source>
        <translation>Wählen Sie ein Tag, um ihm eine Farbe zu geben</translation>
    </message>
    <message>
        <source>Colour for the tag “{title}”</source>
        <translation>Farbe für das Tag „{title}“</translation>
    </message>
    <message>
        <source>The tag “{name}” is now {color}</source>
        <translation>Das Tag „{name}“ ist jetzt {color}</translation>
    </message>
    <message>
        <source>The tag “{name}” has no colour</source>
        <translation>Das Tag „{name}“ hat keine Farbe</translation>
    </message>
    <message>
        <source>Select a tag to delete it</source>
        <translation>Wählen Sie ein Tag, um es zu löschen</translation>
    </message>
    <message>
        <source>Deleted the tag “{name}”</source>
        <translation>Tag „{name}“ gelöscht</translation>
    </message>
    <message>
        <source>Delete tag</source>
        <translation>Tag löschen</translation>
    </message>
    <message>
        <source>Delete the tag “{name}”? The articles themselves stay.</source>
        <translation>Das Tag „{name}“ löschen? Die Artikel selbst bleiben.</translation>
    </message>
</context>
<context>
    <name>FullTextController</name>
    <message>
        <source>internal error: {kind}: {exc}</source>
        <translation>interner Fehler: {kind}: {exc}</translation>
    </message>
</context>
<context>
    <name>HighlightCommandsController</name>
    <message>
        <source>Select an article, then the text to highlight</source>
        <translation>Wählen Sie einen Artikel und dann den Text, den Sie markieren möchten</translation>
    </message>
    <message>
        <source>Select some of the article&apos;s text to highlight it</source>
        <translation>Wählen Sie Text im Artikel aus, um ihn zu markieren</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Markierung</translation>
    </message>
    <message>
        <source>Highlighted in {colour}</source>
        <translation>Markiert: {colour}</translation>
    </message>
    <message>
        <source>Colour changed</source>
        <translation>Farbe geändert</translation>
    </message>
    <message>
        <source>Note saved</source>
        <translation>Notiz gespeichert</translation>
    </message>
    <message>
        <source>Note removed</source>
        <translation>Notiz entfernt</translation>
    </message>
    <message>
        <source>Highlight removed</source>
        <translation>Markierung entfernt</translation>
    </message>
    <message>
        <source>Select an article to write a note on it</source>
        <translation>Wählen Sie einen Artikel, um eine Notiz dazu zu schreiben</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Your note on “{title}”:</source>
        <translation>Ihre Notiz zu „{title}“:</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>&amp;Highlight</source>
        <translation>&amp;Markieren</translation>
    </message>
    <message>
        <source>Edit Highlight…</source>
        <translation>Markierung bearbeiten …</translation>
    </message>
    <message>
        <source>Remove Highlight</source>
        <translation>Markierung entfernen</translation>
    </message>
    <message>
        <source>Could not save: {exc}</source>
        <translation>Konnte nicht gespeichert werden: {exc}</translation>
    </message>
</context>
<context>
    <name>HighlightDelegate</name>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source> · could not be placed</source>
        <translation> · nicht mehr im Text</translation>
    </message>
</context>
<context>
    <name>HighlightLayer</name>
    <message>
        <source>Yellow</source>
        <translation>Gelb</translation>
    </message>
    <message>
        <source>Green</source>
        <translation>Grün</translation>
    </message>
    <message>
        <source>Blue</source>
        <translation>Blau</translation>
    </message>
    <message>
        <source>Pink</source>
        <translation>Rosa</translation>
    </message>
    <message>
        <source>Orange</source>
        <translation>Orange</translation>
    </message>
    <message>
        <source>Purple</source>
        <translation>Lila</translation>
    </message>
    <message>
        <source>Highlight</source>
        <translation>Markieren</translation>
    </message>
    <message>
        <source>Highlight the selected text (H)</source>
        <translation>Den ausgewählten Text markieren (H)</translation>
    </message>
</context>
<context>
    <name>HighlightListModel</name>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
</context>
<context>
    <name>HighlightListView</name>
    <message>
        <source>No highlights yet.
Select text in an article and press H to highlight it.</source>
        <translation>Noch keine Markierungen.
Wählen Sie Text in einem Artikel aus und drücken Sie H, um ihn zu markieren.</translation>
    </message>
</context>
<context>
    <name>HighlightPopup</name>
    <message>
        <source>Could not be placed in the article&apos;s text as it is now.</source>
        <translation>Im jetzigen Text des Artikels nicht mehr zu finden.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Add a note…</source>
        <translation>Notiz hinzufügen …</translation>
    </message>
    <message>
        <source>Ctrl+Enter or a click elsewhere keeps the note</source>
        <translation>Strg+Eingabe oder ein Klick daneben behält die Notiz</translation>
    </message>
</context>
<context>
    <name>HighlightsViewController</name>
    <message>
        <source>Highlights</source>
        <translation>Markierungen</translation>
    </message>
</context>
<context>
    <name>ImageViewer</name>
    <message>
        <source>Picture — {value} × {value2}</source>
        <translation>Bild – {value} × {value2}</translation>
    </message>
    <message>
        <source>Click or press Escape to close</source>
        <translation>Zum Schließen klicken oder Esc drücken</translation>
    </message>
    <message>
        <source>Picture at full size</source>
        <translation>Bild in voller Größe</translation>
    </message>
    <message>
        <source>Open Link</source>
        <translation>Link öffnen</translation>
    </message>
</context>
<context>
    <name>InboxWatcher</name>
    <message>
        <source>Another Folio window takes the files of the inbox folder {folder}</source>
        <translation>Ein anderes Folio-Fenster übernimmt die Dateien des Eingangsordners {folder}</translation>
    </message>
    <message>
        <source>The inbox folder {folder} is not there; Folio takes files from it once it is back</source>
        <translation>Den Eingangsordner {folder} gibt es nicht; Folio übernimmt Dateien daraus, sobald er wieder da ist</translation>
    </message>
    <message>
        <source>Folio cannot move files out of the inbox folder {folder}, so it takes none: the folder is read-only</source>
        <translation>Folio kann keine Dateien aus dem Eingangsordner {folder} verschieben und übernimmt deshalb keine: Der Ordner ist schreibgeschützt</translation>
    </message>
    <message>
        <source>internal error: {kind}: {exc}</source>
        <translation>interner Fehler: {kind}: {exc}</translation>
    </message>
    <message>
        <source>Could not move {name} out of the inbox folder ({error}); it stays there and is not taken again until Folio starts anew</source>
        <translation>{name} konnte nicht aus dem Eingangsordner verschoben werden ({error}); die Datei bleibt dort und wird erst nach einem Neustart von Folio wieder übernommen</translation>
    </message>
    <message>
        <source>Saved “{title}” from the inbox folder</source>
        <translation>„{title}“ aus dem Eingangsordner gespeichert</translation>
    </message>
    <message>
        <source>Updated “{title}” from the inbox folder</source>
        <translation>„{title}“ aus dem Eingangsordner aktualisiert</translation>
    </message>
    <message>
        <source>Could not save {name} from the inbox folder: {reason} (it is in “failed”)</source>
        <translation>{name} aus dem Eingangsordner konnte nicht gespeichert werden: {reason} (die Datei liegt in „failed“)</translation>
    </message>
    <message>
        <source>Could not save {name} from the inbox folder: {reason}</source>
        <translation>{name} aus dem Eingangsordner konnte nicht gespeichert werden: {reason}</translation>
    </message>
    <message>
        <source>Folio could not save {name} ({when}):
{reason}

Move the file back into the inbox folder to try again.
</source>
        <translation>Folio konnte {name} nicht speichern ({when}):
{reason}

Verschieben Sie die Datei zurück in den Eingangsordner, um es erneut zu versuchen.
</translation>
    </message>
</context>
<context>
    <name>Interval</name>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Täglich</numerusform>
            <numerusform>Alle %n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>täglich</numerusform>
            <numerusform>alle %n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n hour(s)</source>
        <translation>
            <numerusform>Stündlich</numerusform>
            <numerusform>Alle %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>stündlich</numerusform>
            <numerusform>alle %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Jede Minute</numerusform>
            <numerusform>Alle %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>jede Minute</numerusform>
            <numerusform>alle %n Minuten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LinkFetchController</name>
    <message>
        <source>Fetching links failed: {kind}: {exc}</source>
        <translation>Abruf der Links fehlgeschlagen: {kind}: {exc}</translation>
    </message>
    <message>
        <source>Fetching links failed</source>
        <translation>Abruf der Links fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>ListHeader</name>
    <message>
        <source>The order of the results</source>
        <translation>Die Reihenfolge der Ergebnisse</translation>
    </message>
    <message>
        <source>Order: {short}</source>
        <translation>Reihenfolge: {short}</translation>
    </message>
    <message numerus="yes">
        <source>%Ln result(s)</source>
        <translation>
            <numerusform>%Ln Ergebnis</numerusform>
            <numerusform>%Ln Ergebnisse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln highlight(s)</source>
        <translation>
            <numerusform>%Ln Markierung</numerusform>
            <numerusform>%Ln Markierungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln Artikel</numerusform>
            <numerusform>%Ln Artikel</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Library</source>
        <translation>&amp;Bibliothek</translation>
    </message>
    <message>
        <source>&amp;Article</source>
        <translation>&amp;Artikel</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Feeds</source>
        <translation>&amp;Feeds</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>A&amp;nsicht</translation>
    </message>
    <message>
        <source>{APP_NAME} — demo library</source>
        <translation>{APP_NAME} – Demo-Bibliothek</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>Search  ( / )</source>
        <translation>Suchen  ( / )</translation>
    </message>
    <message>
        <source>Search articles</source>
        <translation>Artikel durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>&amp;Farbschema</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
</context>
<context>
    <name>OpenController</name>
    <message>
        <source>Saved {saved} of {total}; could not save {source}: {reason}</source>
        <translation>{saved} von {total} gespeichert; {source} konnte nicht gespeichert werden: {reason}</translation>
    </message>
</context>
<context>
    <name>PreferencesController</name>
    <message>
        <source>on battery</source>
        <translation>im Akkubetrieb</translation>
    </message>
    <message>
        <source>on a metered connection</source>
        <translation>bei einer getakteten Verbindung</translation>
    </message>
    <message>
        <source>Feeds are not refreshed by themselves while {reason}</source>
        <translation>Feeds werden {reason} nicht von selbst aktualisiert</translation>
    </message>
    <message>
        <source>Kept pages</source>
        <translation>Aufbewahrte Seiten</translation>
    </message>
    <message numerus="yes">
        <source>New articles no longer keep their page. Delete the %n page(s) kept so far too?

Their articles stay; extracting one again then fetches its page from the web.</source>
        <translation>
            <numerusform>Neue Artikel bewahren ihre Seite nicht mehr auf. Auch die eine bisher aufbewahrte Seite löschen?

Ihr Artikel bleibt; wird er erneut extrahiert, ruft Folio seine Seite aus dem Web ab.</numerusform>
            <numerusform>Neue Artikel bewahren ihre Seite nicht mehr auf. Auch die %n bisher aufbewahrten Seiten löschen?

Ihre Artikel bleiben; wird einer erneut extrahiert, ruft Folio seine Seite aus dem Web ab.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n kept page(s)</source>
        <translation>
            <numerusform>%n aufbewahrte Seite gelöscht</numerusform>
            <numerusform>%n aufbewahrte Seiten gelöscht</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Follow the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>&amp;Reading</source>
        <translation>&amp;Lesen</translation>
    </message>
    <message>
        <source>&amp;Theme:</source>
        <translation>Farb&amp;schema:</translation>
    </message>
    <message>
        <source>Folio&apos;s serif (Source Serif, Charter, Georgia)</source>
        <translation>Folios Serifenschrift (Source Serif, Charter, Georgia)</translation>
    </message>
    <message>
        <source>Reading font</source>
        <translation>Schriftart zum Lesen</translation>
    </message>
    <message>
        <source>&amp;Font:</source>
        <translation>Schrift&amp;art:</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> pt</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> Zeichen</translation>
    </message>
    <message>
        <source>How long a line of the article is at most; a narrow window makes it shorter</source>
        <translation>Wie lang eine Zeile des Artikels höchstens ist; in einem schmalen Fenster wird sie kürzer</translation>
    </message>
    <message>
        <source>&amp;Line length:</source>
        <translation>&amp;Zeilenlänge:</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>at once</source>
        <translation>sofort</translation>
    </message>
    <message>
        <source>How long an article stays shown before it is marked read</source>
        <translation>Wie lange ein Artikel angezeigt wird, bevor er als gelesen gilt</translation>
    </message>
    <message>
        <source>Text si&amp;ze:</source>
        <translation>&amp;Textgröße:</translation>
    </message>
    <message>
        <source>&amp;Mark read after:</source>
        <translation>Als gelesen &amp;markieren nach:</translation>
    </message>
    <message>
        <source>Show the &amp;oldest articles first</source>
        <translation>Die älteste&amp;n Artikel zuerst zeigen</translation>
    </message>
    <message>
        <source>F&amp;eeds</source>
        <translation>&amp;Feeds</translation>
    </message>
    <message>
        <source>Only when I ask</source>
        <translation>Nur von Hand</translation>
    </message>
    <message>
        <source>How often to refresh feeds</source>
        <translation>Wie oft Feeds aktualisiert werden</translation>
    </message>
    <message>
        <source>Re&amp;fresh feeds:</source>
        <translation>Feeds &amp;aktualisieren:</translation>
    </message>
    <message>
        <source>Also on &amp;battery or a metered connection</source>
        <translation>Auch im A&amp;kkubetrieb oder bei getakteter Verbindung</translation>
    </message>
    <message>
        <source>Feeds are refreshed in the background while Folio is open; a feed can have its own interval in its properties.</source>
        <translation>Feeds werden im Hintergrund aktualisiert, während Folio geöffnet ist; ein Feed kann in seinen Eigenschaften ein eigenes Intervall haben.</translation>
    </message>
    <message>
        <source>Keep them</source>
        <translation>Behalten</translation>
    </message>
    <message>
        <source>Delete {days} days after reading</source>
        <translation>{days} Tage nach dem Lesen löschen</translation>
    </message>
    <message>
        <source>Read feed articles</source>
        <translation>Gelesene Feed-Artikel</translation>
    </message>
    <message>
        <source>Read feed &amp;articles:</source>
        <translation>Gelesene Feed-A&amp;rtikel:</translation>
    </message>
    <message>
        <source>Applied to each feed as it is refreshed (an article still in its feed stays). Starred, tagged, archived, highlighted and annotated articles and saved pages are never deleted.</source>
        <translation>Gilt für jeden Feed, sobald er aktualisiert wird (ein Artikel, der noch in seinem Feed steht, bleibt). Artikel mit Stern, Tag, Markierung oder Notiz, archivierte Artikel und gespeicherte Seiten werden nie gelöscht.</translation>
    </message>
    <message>
        <source>&amp;Saved articles</source>
        <translation>&amp;Gespeicherte Artikel</translation>
    </message>
    <message>
        <source>&amp;Keep the page each article was saved from</source>
        <translation>Die Seite jedes gespeicherten Artikels &amp;behalten</translation>
    </message>
    <message>
        <source>A kept page lets Folio extract the article again later without the web, and survives the page going away; it takes room in the library.</source>
        <translation>Mit der behaltenen Seite kann Folio den Artikel später ohne Web erneut extrahieren, auch wenn die Seite verschwunden ist; sie braucht Platz in der Bibliothek.</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Kein Ordner</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Wählen …</translation>
    </message>
    <message>
        <source>&amp;Inbox folder:</source>
        <translation>&amp;Eingangsordner:</translation>
    </message>
    <message>
        <source>Pages saved into this folder from the browser (.html, .mhtml, .txt, .md) are added while Folio runs, then moved to its “done” subfolder (or “failed”, with the reason).</source>
        <translation>Seiten, die Sie aus dem Browser in diesen Ordner speichern (.html, .mhtml, .txt, .md), übernimmt Folio, während es läuft, und verschiebt sie dann in den Unterordner „done“ (oder „failed“, mit dem Grund).</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>Wie das System</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>The window speaks the chosen language from its next start.</source>
        <translation>Das Fenster spricht die gewählte Sprache ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Inbox folder</source>
        <translation>Eingangsordner</translation>
    </message>
    <message>
        <source>There is no folder {path}</source>
        <translation>Es gibt keinen Ordner {path}</translation>
    </message>
</context>
<context>
    <name>ReadingController</name>
    <message>
        <source>This article is no longer here.</source>
        <translation>Diesen Artikel gibt es nicht mehr.</translation>
    </message>
    <message numerus="yes">
        <source>Loaded %n image(s)</source>
        <translation>
            <numerusform>%n Bild geladen</numerusform>
            <numerusform>%n Bilder geladen</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not load the images: {exc}</source>
        <translation>Die Bilder konnten nicht geladen werden: {exc}</translation>
    </message>
    <message>
        <source>No more unread articles in this list</source>
        <translation>Keine ungelesenen Artikel mehr in dieser Liste</translation>
    </message>
    <message>
        <source>Select an article to find words in it</source>
        <translation>Wählen Sie einen Artikel, um darin zu suchen</translation>
    </message>
    <message>
        <source>This article has no web address</source>
        <translation>Dieser Artikel hat keine Webadresse</translation>
    </message>
    <message>
        <source>Link copied</source>
        <translation>Link kopiert</translation>
    </message>
    <message>
        <source>Not opened: {value}</source>
        <translation>Nicht geöffnet: {value}</translation>
    </message>
    <message>
        <source>Select an article to tag it</source>
        <translation>Wählen Sie einen Artikel, um ihm ein Tag zu geben</translation>
    </message>
    <message>
        <source>Tagged “{title}” {tags}</source>
        <translation>„{title}“ getaggt: {tags}</translation>
    </message>
    <message>
        <source>Removed the tag “{tag}” from “{title}”</source>
        <translation>Tag „{tag}“ von „{title}“ entfernt</translation>
    </message>
    <message>
        <source>Undone: {change}</source>
        <translation>Rückgängig gemacht: {change}</translation>
    </message>
</context>
<context>
    <name>RefreshController</name>
    <message>
        <source>Refresh failed: {kind}: {exc}</source>
        <translation>Aktualisierung fehlgeschlagen: {kind}: {exc}</translation>
    </message>
    <message>
        <source>Refresh failed</source>
        <translation>Aktualisierung fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <source>Add tag</source>
        <translation>Tag hinzufügen</translation>
    </message>
    <message>
        <source>Mark read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <source>Star</source>
        <translation>Stern setzen</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <source>mark read</source>
        <translation>als gelesen markieren</translation>
    </message>
    <message>
        <source>star</source>
        <translation>Stern setzen</translation>
    </message>
    <message>
        <source>archive</source>
        <translation>archivieren</translation>
    </message>
    <message>
        <source>Rules for new articles</source>
        <translation>Regeln für neue Artikel</translation>
    </message>
    <message>
        <source>When a new article (from a refresh, a save or an import) matches a rule&apos;s query, the rule acts on it. Rules run from top to bottom.</source>
        <translation>Passt ein neuer Artikel (aus einer Aktualisierung, vom Speichern oder aus einem Import) zur Suchanfrage einer Regel, wird die Regel auf ihn angewandt. Die Regeln gelten von oben nach unten.</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Regeln</translation>
    </message>
    <message>
        <source>e.g. feed:&quot;Ars&quot; rocket* -tag:read</source>
        <translation>z. B. feed:&quot;Ars&quot; rakete* -tag:gelesen</translation>
    </message>
    <message>
        <source>When an article matches</source>
        <translation>Für Artikel passend zu</translation>
    </message>
    <message>
        <source>tag name</source>
        <translation>Tag-Name</translation>
    </message>
    <message>
        <source>then</source>
        <translation>dann</translation>
    </message>
    <message>
        <source>Preview matches</source>
        <translation>Treffer zeigen</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Regel hinzufügen</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Articles the query matches now</source>
        <translation>Artikel, zu denen die Anfrage jetzt passt</translation>
    </message>
    <message>
        <source>add tag {tag}</source>
        <translation>Tag {tag} hinzufügen</translation>
    </message>
    <message>
        <source>when {query}: {action}</source>
        <translation>wenn {query}: {action}</translation>
    </message>
    <message>
        <source>Type a query to see what it matches.</source>
        <translation>Geben Sie eine Anfrage ein, um zu sehen, wozu sie passt.</translation>
    </message>
    <message numerus="yes">
        <source>%n article(s) in the library match now</source>
        <translation>
            <numerusform>%n Artikel der Bibliothek passt jetzt</numerusform>
            <numerusform>%n Artikel der Bibliothek passen jetzt</numerusform>
        </translation>
    </message>
    <message>
        <source> (the newest {value} are listed)</source>
        <translation> (die neuesten {value} sind aufgeführt)</translation>
    </message>
</context>
<context>
    <name>SaveArticleDialog</name>
    <message>
        <source>Pages and texts (*.html *.htm *.txt *.md *.markdown);;All files (*)</source>
        <translation>Seiten und Texte (*.html *.htm *.txt *.md *.markdown);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Save an article</source>
        <translation>Einen Artikel speichern</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Article address or file</source>
        <translation>Adresse oder Datei des Artikels</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei …</translation>
    </message>
    <message>
        <source>Save a page or text from a file instead</source>
        <translation>Stattdessen eine Seite oder einen Text aus einer Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse:</translation>
    </message>
    <message>
        <source>optional, separated by commas</source>
        <translation>optional, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>&amp;Tags:</source>
        <translation>&amp;Tags:</translation>
    </message>
    <message>
        <source>Save an article from a file</source>
        <translation>Einen Artikel aus einer Datei speichern</translation>
    </message>
    <message>
        <source>Enter a web address (http:// or https://) or choose a file.</source>
        <translation>Geben Sie eine Webadresse ein (http:// oder https://) oder wählen Sie eine Datei.</translation>
    </message>
</context>
<context>
    <name>SaveController</name>
    <message>
        <source>could not save</source>
        <translation>konnte nicht gespeichert werden</translation>
    </message>
</context>
<context>
    <name>SavedSearchCommands</name>
    <message>
        <source>Save search</source>
        <translation>Suche speichern</translation>
    </message>
    <message>
        <source>Show this search in the sidebar as:</source>
        <translation>Diese Suche in der Seitenleiste zeigen als:</translation>
    </message>
    <message>
        <source>Rename saved search</source>
        <translation>Gespeicherte Suche umbenennen</translation>
    </message>
    <message>
        <source>New name for “{title}”:</source>
        <translation>Neuer Name für „{title}“:</translation>
    </message>
    <message>
        <source>Delete saved search</source>
        <translation>Gespeicherte Suche löschen</translation>
    </message>
    <message>
        <source>Delete the saved search “{title}”? No article is deleted.</source>
        <translation>Die gespeicherte Suche „{title}“ löschen? Es wird kein Artikel gelöscht.</translation>
    </message>
</context>
<context>
    <name>SearchController</name>
    <message>
        <source>Search: words, &quot;phrases&quot;, OR, -word, tag:, is:unread, after:7d …</source>
        <translation>Suche: Wörter, &quot;Wortgruppen&quot;, OR, -Wort, tag:, is:unread, after:7d …</translation>
    </message>
    <message>
        <source>Save this search in the sidebar</source>
        <translation>Diese Suche in der Seitenleiste speichern</translation>
    </message>
    <message>
        <source>Search: “{text}”</source>
        <translation>Suche: „{text}“</translation>
    </message>
</context>
<context>
    <name>SearchHelp</name>
    <message>
        <source>Search syntax
  climate policy        both words (in any form: &quot;running&quot; also finds &quot;runs&quot;)
  &quot;climate policy&quot;      the exact phrase
  climate OR weather    either word
  -lobby                leave out articles with this word (also -&quot;a phrase&quot;, -tag:x)
  clim*                 words beginning with &quot;clim&quot;
  title:budget          the word in the title (author:NAME in the author)
  tag:NAME              articles with this tag (quote names with spaces: tag:&quot;to read&quot;)
  feed:NAME             articles from feeds whose title or address holds NAME
  folder:NAME           articles from feeds in this folder or its subfolders
  site:example.com      articles from this site (and its subdomains)
  lang:de               articles in this language
  is:unread             also is:read, is:starred, is:archived, is:saved
  has:highlights        articles with highlights (has:note: with a note of their own or on
                        a highlight)
  after:2024-05-01      published on or after this day (also before:, on:)
  after:7d              within the last 7 days (d, w, m, y: days, weeks, months, years)
  before:2024-05        before May 2024 (a year, month or day)</source>
        <translation>Suchsyntax
  klima politik         beide Wörter (in jeder Form: „Häuser“ findet auch „Haus“)
  &quot;klima politik&quot;       genau diese Wortgruppe
  klima OR wetter       eines der beiden Wörter
  -lobby                Artikel mit diesem Wort auslassen (auch -&quot;eine Wortgruppe&quot;, -tag:x)
  klim*                 Wörter, die mit „klim“ beginnen
  title:haushalt        das Wort im Titel (author:NAME im Namen des Autors)
  tag:NAME              Artikel mit diesem Tag (Namen mit Leerzeichen in Anführungszeichen: tag:&quot;zu lesen&quot;)
  feed:NAME             Artikel aus Feeds, deren Titel oder Adresse NAME enthält
  folder:NAME           Artikel aus Feeds in diesem Ordner oder seinen Unterordnern
  site:example.com      Artikel von dieser Website (und ihren Subdomains)
  lang:de               Artikel in dieser Sprache
  is:unread             auch is:read, is:starred, is:archived, is:saved
  has:highlights        Artikel mit Markierungen (has:note: mit einer eigenen Notiz oder
                        einer an einer Markierung)
  after:2024-05-01      veröffentlicht an oder nach diesem Tag (auch before:, on:)
  after:7d              in den letzten 7 Tagen (d, w, m, y: Tage, Wochen, Monate, Jahre)
  before:2024-05        vor Mai 2024 (ein Jahr, ein Monat oder ein Tag)</translation>
    </message>
</context>
<context>
    <name>SearchHelpButton</name>
    <message>
        <source>Search syntax: phrases, OR, -exclusions, tag:, is:unread, after:7d …</source>
        <translation>Suchsyntax: Wortgruppen, OR, -Ausschlüsse, tag:, is:unread, after:7d …</translation>
    </message>
    <message>
        <source>Search syntax</source>
        <translation>Suchsyntax</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
</context>
<context>
    <name>SidebarController</name>
    <message>
        <source>Could not read the feed list: {exc}</source>
        <translation>Die Feed-Liste konnte nicht gelesen werden: {exc}</translation>
    </message>
</context>
<context>
    <name>SidebarEditor</name>
    <message>
        <source>Undone: {change}</source>
        <translation>Rückgängig gemacht: {change}</translation>
    </message>
</context>
<context>
    <name>SidebarMenu</name>
    <message>
        <source>New Folder…</source>
        <translation>Neuer Ordner …</translation>
    </message>
    <message>
        <source>Sync Now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Account…</source>
        <translation>Konto …</translation>
    </message>
    <message>
        <source>Mark All as Read</source>
        <translation>Alle als gelesen markieren</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Feed Properties…</source>
        <translation>Feed-Eigenschaften …</translation>
    </message>
    <message>
        <source>Unsubscribe…</source>
        <translation>Abo beenden …</translation>
    </message>
    <message>
        <source>Rename Folder…</source>
        <translation>Ordner umbenennen …</translation>
    </message>
    <message>
        <source>Delete Folder…</source>
        <translation>Ordner löschen …</translation>
    </message>
    <message>
        <source>Rename Tag…</source>
        <translation>Tag umbenennen …</translation>
    </message>
    <message>
        <source>Tag Colour…</source>
        <translation>Tag-Farbe …</translation>
    </message>
    <message>
        <source>No Colour</source>
        <translation>Keine Farbe</translation>
    </message>
    <message>
        <source>Delete Tag…</source>
        <translation>Tag löschen …</translation>
    </message>
    <message>
        <source>Rename Saved Search…</source>
        <translation>Gespeicherte Suche umbenennen …</translation>
    </message>
    <message>
        <source>Delete Saved Search…</source>
        <translation>Gespeicherte Suche löschen …</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>Saved searches</source>
        <translation>Gespeicherte Suchen</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Ungelesen</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Starred</source>
        <translation>Mit Stern</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <source>All articles</source>
        <translation>Alle Artikel</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>Bibliothek</translation>
    </message>
    <message>
        <source>Highlights</source>
        <translation>Markierungen</translation>
    </message>
    <message>
        <source>Every highlight and its note, newest first</source>
        <translation>Alle Markierungen mit ihren Notizen, die neuesten zuerst</translation>
    </message>
    <message>
        <source>Feeds</source>
        <translation>Feeds</translation>
    </message>
    <message>
        <source>{url}

Last refresh failed: {last_error}</source>
        <translation>{url}

Letzte Aktualisierung fehlgeschlagen: {last_error}</translation>
    </message>
    <message>
        <source>{url}

The last refresh {notice}.</source>
        <translation>{url}

Letzte Aktualisierung: {notice}.</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>{title}, {unread} unread</source>
        <translation>{title}, {unread} ungelesen</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <source>Could not save the change: {kind}: {exc}</source>
        <translation>Die Änderung konnte nicht gespeichert werden: {kind}: {exc}</translation>
    </message>
</context>
<context>
    <name>SyncCommandsController</name>
    <message>
        <source>Added the sync account {user} at {server}</source>
        <translation>Sync-Konto {user} auf {server} hinzugefügt</translation>
    </message>
    <message>
        <source>Remove the sync account {user} at {server}?

The library keeps all its feeds and articles; they no longer sync with the server.</source>
        <translation>Das Sync-Konto {user} auf {server} entfernen?

Die Bibliothek behält alle Feeds und Artikel; sie werden nicht mehr mit dem Server abgeglichen.</translation>
    </message>
    <message>
        <source>One change made here has not been sent and never will be.</source>
        <translation>Eine hier gemachte Änderung wurde noch nicht gesendet und geht verloren.</translation>
    </message>
    <message>
        <source>{count} changes made here have not been sent and never will be.</source>
        <translation>{count} hier gemachte Änderungen wurden noch nicht gesendet und gehen verloren.</translation>
    </message>
    <message>
        <source>Remove Sync Account</source>
        <translation>Sync-Konto entfernen</translation>
    </message>
    <message>
        <source>Removed the sync account {user} at {server}; the library keeps everything it holds</source>
        <translation>Sync-Konto {user} auf {server} entfernt; die Bibliothek behält alles, was sie enthält</translation>
    </message>
    <message>
        <source>Removing the account…</source>
        <translation>Das Konto wird entfernt …</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert …</translation>
    </message>
    <message>
        <source>Syncing: {done} of {total} new articles</source>
        <translation>Synchronisation: {done} von {total} neuen Artikeln</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>sync failed: {kind}: {exc}</source>
        <translation>Synchronisation fehlgeschlagen: {kind}: {exc}</translation>
    </message>
    <message>
        <source>a sync is running; remove the account when it is done</source>
        <translation>eine Synchronisation läuft; entfernen Sie das Konto, wenn sie fertig ist</translation>
    </message>
</context>
<context>
    <name>SyncCounts</name>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n Änderung wartet</numerusform>
            <numerusform>%n Änderungen warten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n neuer Artikel</numerusform>
            <numerusform>%n neue Artikel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) sent</source>
        <translation>
            <numerusform>%n Änderung gesendet</numerusform>
            <numerusform>%n Änderungen gesendet</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received</source>
        <translation>
            <numerusform>%n empfangen</numerusform>
            <numerusform>%n empfangen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TagBar</name>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Add tag…</source>
        <translation>Tag hinzufügen …</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Ein Tag hinzufügen</translation>
    </message>
</context>
<context>
    <name>TagChip</name>
    <message>
        <source>Remove the tag “{name}”</source>
        <translation>Das Tag „{name}“ entfernen</translation>
    </message>
    <message>
        <source>Tag {name}</source>
        <translation>Tag {name}</translation>
    </message>
    <message>
        <source>Press Delete to remove this tag</source>
        <translation>Entf drücken, um dieses Tag zu entfernen</translation>
    </message>
</context>
<context>
    <name>TransferCommands</name>
    <message>
        <source>Subscriptions and reading lists (*.opml *.xml *.csv *.html *.htm *.json *.zip);;All files (*)</source>
        <translation>Abonnements und Leselisten (*.opml *.xml *.csv *.html *.htm *.json *.zip);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Subscriptions as OPML (*.opml)</source>
        <translation>Abonnements als OPML (*.opml)</translation>
    </message>
    <message>
        <source>Everything as Folio JSON (*.json)</source>
        <translation>Alles als Folio-JSON (*.json)</translation>
    </message>
    <message>
        <source>Articles as Markdown files in a zip (*.zip)</source>
        <translation>Artikel als Markdown-Dateien in einem ZIP-Archiv (*.zip)</translation>
    </message>
    <message>
        <source>Articles in one HTML file (*.html)</source>
        <translation>Artikel in einer HTML-Datei (*.html)</translation>
    </message>
    <message>
        <source>Articles as an EPUB book (*.epub)</source>
        <translation>Artikel als EPUB-Buch (*.epub)</translation>
    </message>
    <message>
        <source>Links as bookmarks (*.html)</source>
        <translation>Links als Lesezeichen (*.html)</translation>
    </message>
    <message>
        <source>Links as CSV (*.csv)</source>
        <translation>Links als CSV (*.csv)</translation>
    </message>
    <message>
        <source>An import or export is running; try again when it is done</source>
        <translation>Ein Import oder Export läuft; versuchen Sie es erneut, wenn er fertig ist</translation>
    </message>
</context>
<context>
    <name>TransferCommandsController</name>
    <message>
        <source>Saving {source}…</source>
        <translation>{source} wird gespeichert …</translation>
    </message>
    <message numerus="yes">
        <source>Subscribed to {feed}: %n article(s)</source>
        <translation>
            <numerusform>{feed} abonniert: %n Artikel</numerusform>
            <numerusform>{feed} abonniert: %n Artikel</numerusform>
        </translation>
    </message>
    <message>
        <source>Subscribed to {feed}: no articles yet</source>
        <translation>{feed} abonniert: noch keine Artikel</translation>
    </message>
    <message>
        <source>Saved “{title}”</source>
        <translation>„{title}“ gespeichert</translation>
    </message>
    <message>
        <source>Updated “{title}”</source>
        <translation>„{title}“ aktualisiert</translation>
    </message>
    <message>
        <source>Could not save {source}: {message}</source>
        <translation>{source} konnte nicht gespeichert werden: {message}</translation>
    </message>
    <message>
        <source>Folio saves web links and .html, .htm, .txt and .md files</source>
        <translation>Folio speichert Weblinks und .html-, .htm-, .txt- und .md-Dateien</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importieren</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
</context>
<context>
    <name>TransferController</name>
    <message>
        <source>Imported {name}: {value}</source>
        <translation>{name} importiert: {value}</translation>
    </message>
    <message>
        <source>Importing {name}…</source>
        <translation>{name} wird importiert …</translation>
    </message>
    <message>
        <source>Exported {count} to {name}</source>
        <translation>{count} nach {name} exportiert</translation>
    </message>
    <message>
        <source>Exporting to {name}…</source>
        <translation>Export nach {name} …</translation>
    </message>
    <message>
        <source>{label} failed: {kind}: {exc}</source>
        <translation>{label} fehlgeschlagen: {kind}: {exc}</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>ArticleCommandsController</name>
    <message numerus="yes">
        <source>Marked %n article(s) read</source>
        <translation>
            <numerusform>Marked %n article read</numerusform>
            <numerusform>Marked %n articles read</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) unread</source>
        <translation>
            <numerusform>Marked %n article unread</numerusform>
            <numerusform>Marked %n articles unread</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Starred %n article(s)</source>
        <translation>
            <numerusform>Starred %n article</numerusform>
            <numerusform>Starred %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Unstarred %n article(s)</source>
        <translation>
            <numerusform>Unstarred %n article</numerusform>
            <numerusform>Unstarred %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Archived %n article(s)</source>
        <translation>
            <numerusform>Archived %n article</numerusform>
            <numerusform>Archived %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n article(s) out of the archive</source>
        <translation>
            <numerusform>Moved %n article out of the archive</numerusform>
            <numerusform>Moved %n articles out of the archive</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept %n article(s)</source>
        <translation>
            <numerusform>Kept %n article</numerusform>
            <numerusform>Kept %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n article(s)</source>
        <translation>
            <numerusform>Deleted %n article</numerusform>
            <numerusform>Deleted %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) unread again</source>
        <translation>
            <numerusform>Marked %n article unread again</numerusform>
            <numerusform>Marked %n articles unread again</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Marked %n article(s) read in {title}</source>
        <translation>
            <numerusform>Marked %n article read in {title}</numerusform>
            <numerusform>Marked %n articles read in {title}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticleListModel</name>
    <message numerus="yes">
        <source>, %n highlight(s)</source>
        <translation>
            <numerusform>, %n highlight</numerusform>
            <numerusform>, %n highlights</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ArticlePane</name>
    <message numerus="yes">
        <source>Load %n image(s)</source>
        <translation>
            <numerusform>Load %n image</numerusform>
            <numerusform>Load %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackgroundCommandsController</name>
    <message numerus="yes">
        <source>Fetched the pages of %n link(s)</source>
        <translation>
            <numerusform>Fetched the page of %n link</numerusform>
            <numerusform>Fetched the pages of %n links</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n could not be fetched</source>
        <translation>
            <numerusform>; %n could not be fetched</numerusform>
            <numerusform>; %n could not be fetched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) not fetched</source>
        <translation>
            <numerusform>%n link not fetched</numerusform>
            <numerusform>%n links not fetched</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n link(s) waiting</source>
        <translation>
            <numerusform>%n link waiting</numerusform>
            <numerusform>%n links waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded the full article of %n article(s)</source>
        <translation>
            <numerusform>Loaded the full article of %n article</numerusform>
            <numerusform>Loaded the full article of %n articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>; %n could not be loaded: {first}</source>
        <translation>
            <numerusform>; %n could not be loaded: {first}</numerusform>
            <numerusform>; %n could not be loaded: {first}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedCommandsController</name>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n new article</numerusform>
            <numerusform>%n new articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n problem</numerusform>
            <numerusform>%n problems</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n updated</numerusform>
            <numerusform>%n updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n error(s)</source>
        <translation>
            <numerusform>%n error</numerusform>
            <numerusform>%n errors</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Stopped after {done} of %n feed(s) in {seconds} s</source>
        <translation>
            <numerusform>Stopped after {done} of %n feed in {seconds} s</numerusform>
            <numerusform>Stopped after {done} of %n feeds in {seconds} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Refreshed %n feed(s) in {seconds} s</source>
        <translation>
            <numerusform>Refreshed %n feed in {seconds} s</numerusform>
            <numerusform>Refreshed %n feeds in {seconds} s</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“{feed}” will fetch the full article of its new articles from now on.

Fetch the full article of the %n article(s) it already has too? Their pages are fetched in the background.</source>
        <translation>
            <numerusform>“{feed}” will fetch the full article of its new articles from now on.

Fetch the full article of the one article it already has too? Its page is fetched in the background.</numerusform>
            <numerusform>“{feed}” will fetch the full article of its new articles from now on.

Fetch the full article of the %n articles it already has too? Their pages are fetched in the background.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n feed(s) to {folder}</source>
        <translation>
            <numerusform>Moved %n feed to {folder}</numerusform>
            <numerusform>Moved %n feeds to {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Moved %n feed(s) to the top level</source>
        <translation>
            <numerusform>Moved %n feed to the top level</numerusform>
            <numerusform>Moved %n feeds to the top level</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FeedPropertiesDialog</name>
    <message numerus="yes">
        <source>The last refresh failed (%n time(s) in a row): {error}</source>
        <translation>
            <numerusform>The last refresh failed: {error}</numerusform>
            <numerusform>The last refresh failed (%n times in a row): {error}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FolderTagCommandsController</name>
    <message numerus="yes">
        <source>Delete the folder “{name}” and the %n folder(s) inside it?</source>
        <translation>
            <numerusform>Delete the folder “{name}” and the %n folder inside it?</numerusform>
            <numerusform>Delete the folder “{name}” and the %n folders inside it?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Its %n feed(s) move(s) to the top level.</source>
        <translation>
            <numerusform>Its feed moves to the top level.</numerusform>
            <numerusform>Its %n feeds move to the top level.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Interval</name>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Every day</numerusform>
            <numerusform>Every %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n day(s)</source>
        <translation>
            <numerusform>every day</numerusform>
            <numerusform>every %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n hour(s)</source>
        <translation>
            <numerusform>Every hour</numerusform>
            <numerusform>Every %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n hour(s)</source>
        <translation>
            <numerusform>every hour</numerusform>
            <numerusform>every %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Every minute</numerusform>
            <numerusform>Every %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>every %n minute(s)</source>
        <translation>
            <numerusform>every minute</numerusform>
            <numerusform>every %n minutes</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListHeader</name>
    <message numerus="yes">
        <source>%Ln result(s)</source>
        <translation>
            <numerusform>%Ln result</numerusform>
            <numerusform>%Ln results</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln highlight(s)</source>
        <translation>
            <numerusform>%Ln highlight</numerusform>
            <numerusform>%Ln highlights</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln article</numerusform>
            <numerusform>%Ln articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreferencesController</name>
    <message numerus="yes">
        <source>New articles no longer keep their page. Delete the %n page(s) kept so far too?

Their articles stay; extracting one again then fetches its page from the web.</source>
        <translation>
            <numerusform>New articles no longer keep their page. Delete the one page kept so far too?

Its article stays; extracting it again then fetches its page from the web.</numerusform>
            <numerusform>New articles no longer keep their page. Delete the %n pages kept so far too?

Their articles stay; extracting one again then fetches its page from the web.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n kept page(s)</source>
        <translation>
            <numerusform>Deleted %n kept page</numerusform>
            <numerusform>Deleted %n kept pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReadingController</name>
    <message numerus="yes">
        <source>Loaded %n image(s)</source>
        <translation>
            <numerusform>Loaded %n image</numerusform>
            <numerusform>Loaded %n images</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message numerus="yes">
        <source>%n article(s) in the library match now</source>
        <translation>
            <numerusform>%n article in the library matches now</numerusform>
            <numerusform>%n articles in the library match now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncCounts</name>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n new article(s)</source>
        <translation>
            <numerusform>%n new article</numerusform>
            <numerusform>%n new articles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) sent</source>
        <translation>
            <numerusform>%n change sent</numerusform>
            <numerusform>%n changes sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n received</source>
        <translation>
            <numerusform>%n received</numerusform>
            <numerusform>%n received</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TransferCommandsController</name>
    <message numerus="yes">
        <source>Subscribed to {feed}: %n article(s)</source>
        <translation>
            <numerusform>Subscribed to {feed}: %n article</numerusform>
            <numerusform>Subscribed to {feed}: %n articles</numerusform>
        </translation>
    </message>
</context>
</TS>

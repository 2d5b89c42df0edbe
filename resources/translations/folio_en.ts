<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en_GB">
<context>
    <name>ArticleCommandsController</name>
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

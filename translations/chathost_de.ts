<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Chat</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Kann %1 nicht schreiben: %2</translation>
    </message>
    <message>
        <source>Cannot use the history database %1: %2</source>
        <translation>Die Verlaufsdatenbank %1 ist nicht nutzbar: %2</translation>
    </message>
    <message>
        <source>the database is damaged</source>
        <translation>die Datenbank ist beschädigt</translation>
    </message>
    <message>
        <source>Writing the history failed (%1); messages are now kept in memory only.</source>
        <translation>Der Verlauf konnte nicht gespeichert werden (%1); Nachrichten werden jetzt nur im Arbeitsspeicher gehalten.</translation>
    </message>
    <message>
        <source>Please choose a nickname.</source>
        <translation>Bitte wähle einen Spitznamen.</translation>
    </message>
    <message>
        <source>Nicknames can be at most %1 characters long.</source>
        <translation>Spitznamen dürfen höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>Nicknames cannot contain invisible or control characters.</source>
        <translation>Spitznamen dürfen keine unsichtbaren oder Steuerzeichen enthalten.</translation>
    </message>
    <message>
        <source>That nickname is reserved.</source>
        <translation>Dieser Spitzname ist reserviert.</translation>
    </message>
    <message>
        <source>Someone here already uses that nickname.</source>
        <translation>Jemand hier benutzt diesen Spitznamen bereits.</translation>
    </message>
    <message>
        <source>A nickname must be text.</source>
        <translation>Ein Spitzname muss Text sein.</translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::Admission</name>
    <message>
        <source>You are banned from this chat.</source>
        <translation>Du bist aus diesem Chat verbannt.</translation>
    </message>
    <message>
        <source>You are banned from this chat: %1</source>
        <translation>Du bist aus diesem Chat verbannt: %1</translation>
    </message>
    <message numerus="yes">
        <source>Too many people are connected from your network address (at most %n); close a tab or try again later.</source>
        <translation>
            <numerusform>Von deiner Netzwerkadresse ist schon eine Person verbunden (höchstens %n); schließe einen Tab oder versuche es später noch einmal.</numerusform>
            <numerusform>Von deiner Netzwerkadresse sind zu viele Personen verbunden (höchstens %n); schließe einen Tab oder versuche es später noch einmal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The chat is full (%n person(s)); try again later.</source>
        <translation>
            <numerusform>Der Chat ist voll (%n Person); versuche es später noch einmal.</numerusform>
            <numerusform>Der Chat ist voll (%n Personen); versuche es später noch einmal.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords; try again in %n second(s).</source>
        <translation>
            <numerusform>Zu viele falsche Passwörter; versuche es in %n Sekunde noch einmal.</numerusform>
            <numerusform>Zu viele falsche Passwörter; versuche es in %n Sekunden noch einmal.</numerusform>
        </translation>
    </message>
    <message>
        <source>This chat needs a password.</source>
        <translation>Dieser Chat braucht ein Passwort.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Falsches Passwort.</translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::CatchUp</name>
    <message numerus="yes">
        <source>Too many history requests; wait %n second(s).</source>
        <translation>
            <numerusform>Zu viele Verlaufsanfragen; warte %n Sekunde.</numerusform>
            <numerusform>Zu viele Verlaufsanfragen; warte %n Sekunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::ChatService</name>
    <message>
        <source>That nickname is banned here.</source>
        <translation>Dieser Spitzname ist hier verbannt.</translation>
    </message>
    <message>
        <source>This chat was opened again in another tab or window; this one is closed.</source>
        <translation>Dieser Chat wurde in einem anderen Tab oder Fenster noch einmal geöffnet; dieser hier ist geschlossen.</translation>
    </message>
    <message>
        <source>This upload has no valid upload token (ask with "file token").</source>
        <translation>Dieser Upload hat kein gültiges Upload-Token (mit "file token" anfordern).</translation>
    </message>
    <message>
        <source>Too many uploads; wait a moment.</source>
        <translation>Zu viele Uploads; bitte einen Moment warten.</translation>
    </message>
    <message>
        <source>The connection this upload belonged to has closed.</source>
        <translation>Die Verbindung, zu der dieser Upload gehörte, ist geschlossen.</translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::MessageActions</name>
    <message>
        <source>A reply must name a message by its id.</source>
        <translation>Eine Antwort muss eine Nachricht über ihre ID nennen.</translation>
    </message>
    <message>
        <source>The message you are answering does not exist (any more).</source>
        <translation>Die Nachricht, auf die du antwortest, gibt es nicht (mehr).</translation>
    </message>
    <message>
        <source>A reaction needs the message id, the emoji and on (true or false).</source>
        <translation>Eine Reaktion braucht die ID der Nachricht, das Emoji und on (true oder false).</translation>
    </message>
    <message>
        <source>That reaction is not one of %1.</source>
        <translation>Diese Reaktion ist keine von %1.</translation>
    </message>
    <message>
        <source>You cannot react while the host has muted you.</source>
        <translation>Du kannst nicht reagieren, solange der Gastgeber dich stummgeschaltet hat.</translation>
    </message>
    <message>
        <source>The room is locked: nobody can react right now.</source>
        <translation>Der Raum ist gesperrt: Gerade kann niemand reagieren.</translation>
    </message>
    <message numerus="yes">
        <source>You are reacting too fast; wait %n second(s).</source>
        <translation>
            <numerusform>Du reagierst zu schnell; warte %n Sekunde.</numerusform>
            <numerusform>Du reagierst zu schnell; warte %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>That message does not exist (any more).</source>
        <translation>Diese Nachricht gibt es nicht (mehr).</translation>
    </message>
    <message>
        <source>Say which message by its id.</source>
        <translation>Nenne die Nachricht über ihre ID.</translation>
    </message>
    <message>
        <source>You can only change or delete your own messages.</source>
        <translation>Du kannst nur deine eigenen Nachrichten ändern oder löschen.</translation>
    </message>
    <message>
        <source>The host does not allow changing or deleting messages.</source>
        <translation>Der Gastgeber erlaubt nicht, Nachrichten zu ändern oder zu löschen.</translation>
    </message>
    <message numerus="yes">
        <source>Messages can only be changed or deleted for %n minute(s) after sending.</source>
        <translation>
            <numerusform>Nachrichten können nur bis %n Minute nach dem Senden geändert oder gelöscht werden.</numerusform>
            <numerusform>Nachrichten können nur bis %n Minuten nach dem Senden geändert oder gelöscht werden.</numerusform>
        </translation>
    </message>
    <message>
        <source>An edit needs the message id and text.</source>
        <translation>Eine Änderung braucht die ID der Nachricht und den Text.</translation>
    </message>
    <message numerus="yes">
        <source>Messages can only be changed or deleted for %n second(s) after sending.</source>
        <translation>
            <numerusform>Nachrichten können nur %n Sekunde lang nach dem Senden geändert oder gelöscht werden.</numerusform>
            <numerusform>Nachrichten können nur %n Sekunden lang nach dem Senden geändert oder gelöscht werden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::MessagePolicy</name>
    <message>
        <source>The room is locked: only the host can write right now.</source>
        <translation>Der Raum ist gesperrt: Gerade kann nur der Gastgeber schreiben.</translation>
    </message>
    <message numerus="yes">
        <source>Slow mode is on: one message every %n second(s).</source>
        <translation>
            <numerusform>Langsamer Modus: eine Nachricht pro Sekunde.</numerusform>
            <numerusform>Langsamer Modus: eine Nachricht alle %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Your message contains a word the host does not allow here.</source>
        <translation>Deine Nachricht enthält ein Wort, das der Gastgeber hier nicht erlaubt.</translation>
    </message>
    <message>
        <source>A message must be text.</source>
        <translation>Eine Nachricht muss Text sein.</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <source>Messages can be at most %1 characters long.</source>
        <translation>Nachrichten dürfen höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message>
        <source>until the host lets you speak again</source>
        <translation>bis der Gastgeber dich wieder schreiben lässt</translation>
    </message>
    <message>
        <source>until %1</source>
        <translation>bis %1</translation>
    </message>
    <message>
        <source>The host muted you %1.</source>
        <translation>Der Gastgeber hat dich stummgeschaltet, %1.</translation>
    </message>
    <message>
        <source>The host muted you %1: %2</source>
        <translation>Der Gastgeber hat dich stummgeschaltet, %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>You are sending too fast; wait %n second(s).</source>
        <translation>
            <numerusform>Du sendest zu schnell; warte %n Sekunde.</numerusform>
            <numerusform>Du sendest zu schnell; warte %n Sekunden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Too many messages from your network address (all its connections together); wait %n second(s).</source>
        <translation>
            <numerusform>Zu viele Nachrichten von deiner Netzwerkadresse (alle ihre Verbindungen zusammen); warte %n Sekunde.</numerusform>
            <numerusform>Zu viele Nachrichten von deiner Netzwerkadresse (alle ihre Verbindungen zusammen); warte %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>You cannot change your nickname while the host has muted you.</source>
        <translation>Du kannst deinen Spitznamen nicht ändern, solange der Gastgeber dich stummgeschaltet hat.</translation>
    </message>
    <message>
        <source>The room is locked: nicknames cannot change right now.</source>
        <translation>Der Raum ist gesperrt: Spitznamen können gerade nicht geändert werden.</translation>
    </message>
    <message numerus="yes">
        <source>You are changing your nickname too often; wait %n second(s).</source>
        <translation>
            <numerusform>Du änderst deinen Spitznamen zu oft; warte %n Sekunde.</numerusform>
            <numerusform>Du änderst deinen Spitznamen zu oft; warte %n Sekunden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::Moderator</name>
    <message numerus="yes">
        <source>for %n minute(s)</source>
        <translation>
            <numerusform>für %n Minute</numerusform>
            <numerusform>für %n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 was removed by the host</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation>%1 wurde vom Gastgeber entfernt</translation>
    </message>
    <message>
        <source>until unmuted</source>
        <translation>bis zur Aufhebung</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n Verbindung</numerusform>
            <numerusform>%n Verbindungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The host turned on slow mode: one message every %n second(s).</source>
        <translation>
            <numerusform>Der Gastgeber hat den langsamen Modus eingeschaltet: eine Nachricht pro Sekunde.</numerusform>
            <numerusform>Der Gastgeber hat den langsamen Modus eingeschaltet: eine Nachricht alle %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The host turned off slow mode.</source>
        <translation>Der Gastgeber hat den langsamen Modus ausgeschaltet.</translation>
    </message>
    <message>
        <source>The host locked the room: only the host can write.</source>
        <translation>Der Gastgeber hat den Raum gesperrt: Nur der Gastgeber kann schreiben.</translation>
    </message>
    <message>
        <source>The host unlocked the room.</source>
        <translation>Der Gastgeber hat den Raum entsperrt.</translation>
    </message>
    <message numerus="yes">
        <source>%n word(s), %1</source>
        <translation>
            <numerusform>%n Wort, %1</numerusform>
            <numerusform>%n Wörter, %1</numerusform>
        </translation>
    </message>
    <message>
        <source>refuse</source>
        <translation>ablehnen</translation>
    </message>
    <message>
        <source>mask</source>
        <translation>maskieren</translation>
    </message>
    <message>
        <source>The host turned private messages on.</source>
        <translation>Der Gastgeber hat private Nachrichten eingeschaltet.</translation>
    </message>
    <message>
        <source>The host turned private messages off.</source>
        <translation>Der Gastgeber hat private Nachrichten ausgeschaltet.</translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::Presence</name>
    <message>
        <source>%1 is now known as %2</source>
        <extracomment>%1 old nickname, %2 new nickname</extracomment>
        <translation>%1 heißt jetzt %2</translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <extracomment>two nicknames</extracomment>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>%1, %2 and %3</source>
        <translation>%1, %2 und %3</translation>
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n other(s)</source>
        <extracomment>%1 and %2 are nicknames</extracomment>
        <translation>
            <numerusform>%1, %2 und %n weitere Person</numerusform>
            <numerusform>%1, %2 und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 left</source>
        <extracomment>%1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")</extracomment>
        <translation>%1 ist gegangen</translation>
    </message>
    <message>
        <source>%1 joined</source>
        <extracomment>%1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")</extracomment>
        <translation>%1 ist beigetreten</translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::PrivateMessages</name>
    <message>
        <source>A private message needs a recipient (to: a user id) and a text.</source>
        <translation>Eine private Nachricht braucht einen Empfänger (to: eine Benutzer-ID) und einen Text.</translation>
    </message>
    <message>
        <source>The host turned private messages off.</source>
        <translation>Der Gastgeber hat private Nachrichten ausgeschaltet.</translation>
    </message>
    <message>
        <source>You cannot send a private message to yourself.</source>
        <translation>Du kannst dir selbst keine private Nachricht schicken.</translation>
    </message>
    <message>
        <source>That person is not here any more.</source>
        <translation>Diese Person ist nicht mehr da.</translation>
    </message>
    <message>
        <source>%1 does not accept private messages from you.</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation>%1 nimmt keine privaten Nachrichten von dir an.</translation>
    </message>
    <message>
        <source>A block needs a person (userId) and whether to block them (blocked).</source>
        <translation>Zum Blockieren braucht es eine Person (userId) und ob sie blockiert werden soll (blocked).</translation>
    </message>
    <message>
        <source>You cannot block yourself.</source>
        <translation>Du kannst dich nicht selbst blockieren.</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <source>Messages can be at most %1 characters long.</source>
        <translation>Nachrichten dürfen höchstens %1 Zeichen lang sein.</translation>
    </message>
    <message numerus="yes">
        <source>You can block at most %n person(s).</source>
        <translation>
            <numerusform>Du kannst höchstens %n Person blockieren.</numerusform>
            <numerusform>Du kannst höchstens %n Personen blockieren.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>You are changing your block list too fast; wait %n second(s).</source>
        <translation>
            <numerusform>Du änderst deine Sperrliste zu schnell; warte %n Sekunde.</numerusform>
            <numerusform>Du änderst deine Sperrliste zu schnell; warte %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>The host's list of blocks is full; ask the host to ban instead.</source>
        <translation>Die Liste der Blockierungen beim Host ist voll; bitte den Host, stattdessen zu bannen.</translation>
    </message>
</context>
<context>
    <name>ChatHost::ConsoleCommands</name>
    <message>
        <source>Nobody called %1 is connected (see /who).</source>
        <translation>Niemand namens %1 ist verbunden (siehe /who).</translation>
    </message>
    <message>
        <source>Removed %1.</source>
        <translation>%1 entfernt.</translation>
    </message>
    <message>
        <source>Minutes cannot be negative.</source>
        <translation>Minuten können nicht negativ sein.</translation>
    </message>
    <message numerus="yes">
        <source>Muted %1 for %n minute(s).</source>
        <translation>
            <numerusform>%1 für %n Minute stummgeschaltet.</numerusform>
            <numerusform>%1 für %n Minuten stummgeschaltet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Muted %1 until /unmute.</source>
        <translation>%1 bis /unmute stummgeschaltet.</translation>
    </message>
    <message>
        <source>%1 can write again.</source>
        <translation>%1 kann wieder schreiben.</translation>
    </message>
    <message>
        <source>%1 was not muted.</source>
        <translation>%1 war nicht stummgeschaltet.</translation>
    </message>
    <message>
        <source>Banned the nickname %1 (ban #%2).</source>
        <translation>Spitzname %1 verbannt (Bann #%2).</translation>
    </message>
    <message>
        <source>%1 is neither an address nor someone connected.</source>
        <translation>%1 ist weder eine Adresse noch jemand, der verbunden ist.</translation>
    </message>
    <message>
        <source>Banned the address %1 (ban #%2).</source>
        <translation>Adresse %1 verbannt (Bann #%2).</translation>
    </message>
    <message>
        <source>Lifted ban #%1.</source>
        <translation>Bann #%1 aufgehoben.</translation>
    </message>
    <message>
        <source>There is no ban #%1.</source>
        <translation>Es gibt keinen Bann #%1.</translation>
    </message>
    <message numerus="yes">
        <source>%n ban(s)</source>
        <translation>
            <numerusform>%n Bann</numerusform>
            <numerusform>%n Banne</numerusform>
        </translation>
    </message>
    <message>
        <source>Deleted message #%1.</source>
        <translation>Nachricht #%1 gelöscht.</translation>
    </message>
    <message>
        <source>There is no message #%1 to delete.</source>
        <translation>Es gibt keine Nachricht #%1 zum Löschen.</translation>
    </message>
    <message numerus="yes">
        <source>Slow mode: one message every %n second(s).</source>
        <translation>
            <numerusform>Langsamer Modus: eine Nachricht pro Sekunde.</numerusform>
            <numerusform>Langsamer Modus: eine Nachricht alle %n Sekunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>Slow mode is off.</source>
        <translation>Der langsame Modus ist aus.</translation>
    </message>
    <message>
        <source>The room is locked.</source>
        <translation>Der Raum ist gesperrt.</translation>
    </message>
    <message>
        <source>The room is unlocked.</source>
        <translation>Der Raum ist entsperrt.</translation>
    </message>
    <message numerus="yes">
        <source>At most %n person(s) at once.</source>
        <translation>
            <numerusform>Höchstens %n Person gleichzeitig.</numerusform>
            <numerusform>Höchstens %n Personen gleichzeitig.</numerusform>
        </translation>
    </message>
    <message>
        <source>No limit on people.</source>
        <translation>Keine Grenze für die Anzahl der Personen.</translation>
    </message>
    <message>
        <source>The word filter is off.</source>
        <translation>Der Wortfilter ist aus.</translation>
    </message>
    <message numerus="yes">
        <source>Filtering %n word(s).</source>
        <translation>
            <numerusform>%n Wort wird gefiltert.</numerusform>
            <numerusform>%n Wörter werden gefiltert.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent announcement #%1.</source>
        <translation>Ankündigung #%1 gesendet.</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) connected</source>
        <translation>
            <numerusform>%n Person verbunden</numerusform>
            <numerusform>%n Personen verbunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Announcements start with /say, e.g. /say Hello everyone. Type /help for the commands.</source>
        <translation>Ankündigungen beginnen mit /say, z. B. /say Hallo zusammen. /help zeigt die Befehle.</translation>
    </message>
    <message>
        <source>Unknown command %1. Type /help for the commands.</source>
        <translation>Unbekannter Befehl %1. /help zeigt die Befehle.</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) from %1</source>
        <extracomment>%1 is a network address</extracomment>
        <translation>
            <numerusform>%n Verbindung von %1</numerusform>
            <numerusform>%n Verbindungen von %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Muted the address %1 for %n minute(s).</source>
        <extracomment>%1 is a network address</extracomment>
        <translation>
            <numerusform>Adresse %1 für %n Minute stummgeschaltet.</numerusform>
            <numerusform>Adresse %1 für %n Minuten stummgeschaltet.</numerusform>
        </translation>
    </message>
    <message>
        <source>Muted the address %1 until /unmuteip.</source>
        <translation>Adresse %1 bis /unmuteip stummgeschaltet.</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) muted now.</source>
        <extracomment>how many people connected from the address were muted by /muteip</extracomment>
        <translation>
            <numerusform>%n Verbindung jetzt stummgeschaltet.</numerusform>
            <numerusform>%n Verbindungen jetzt stummgeschaltet.</numerusform>
        </translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation>TEXT</translation>
    </message>
    <message>
        <source>an announcement to everyone</source>
        <translation>eine Ankündigung an alle</translation>
    </message>
    <message>
        <source>who is connected</source>
        <translation>wer verbunden ist</translation>
    </message>
    <message>
        <source>NAME [reason]</source>
        <translation>NAME [Grund]</translation>
    </message>
    <message>
        <source>remove someone</source>
        <translation>jemanden entfernen</translation>
    </message>
    <message>
        <source>NAME [minutes, 0 = until /unmute] [reason]</source>
        <translation>NAME [Minuten, 0 = bis /unmute] [Grund]</translation>
    </message>
    <message>
        <source>stop someone writing</source>
        <translation>jemanden nicht mehr schreiben lassen</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NAME</translation>
    </message>
    <message>
        <source>let someone write again</source>
        <translation>jemanden wieder schreiben lassen</translation>
    </message>
    <message>
        <source>NAME-OR-ADDRESS [minutes, 0 = until /unmuteip] [reason]</source>
        <translation>NAME-ODER-ADRESSE [Minuten, 0 = bis /unmuteip] [Grund]</translation>
    </message>
    <message>
        <source>every connection from an address, now and while it lasts</source>
        <translation>alle Verbindungen einer Adresse, jetzt und solange es gilt</translation>
    </message>
    <message>
        <source>NAME-OR-ADDRESS</source>
        <translation>NAME-ODER-ADRESSE</translation>
    </message>
    <message>
        <source>let an address write again</source>
        <translation>eine Adresse wieder schreiben lassen</translation>
    </message>
    <message>
        <source>ban a nickname</source>
        <translation>einen Spitznamen sperren</translation>
    </message>
    <message>
        <source>NAME-OR-ADDRESS [reason]</source>
        <translation>NAME-ODER-ADRESSE [Grund]</translation>
    </message>
    <message>
        <source>ban an address</source>
        <translation>eine Adresse sperren</translation>
    </message>
    <message>
        <source>the bans in force</source>
        <translation>die geltenden Sperren</translation>
    </message>
    <message>
        <source>BAN-NUMBER</source>
        <translation>BANN-NUMMER</translation>
    </message>
    <message>
        <source>lift a ban; see /bans</source>
        <translation>eine Sperre aufheben; siehe /bans</translation>
    </message>
    <message>
        <source>MESSAGE-ID</source>
        <translation>NACHRICHTEN-ID</translation>
    </message>
    <message>
        <source>delete a message everywhere</source>
        <translation>eine Nachricht überall löschen</translation>
    </message>
    <message>
        <source>SECONDS</source>
        <translation>SEKUNDEN</translation>
    </message>
    <message>
        <source>slow mode; 0 turns it off</source>
        <translation>langsamer Modus; 0 schaltet ihn aus</translation>
    </message>
    <message>
        <source>only the host can write</source>
        <translation>nur der Gastgeber kann schreiben</translation>
    </message>
    <message>
        <source>everyone can write again</source>
        <translation>alle können wieder schreiben</translation>
    </message>
    <message>
        <source>PEOPLE</source>
        <translation>PERSONEN</translation>
    </message>
    <message>
        <source>most people at once; 0: no limit</source>
        <translation>höchstens so viele Personen gleichzeitig; 0: keine Grenze</translation>
    </message>
    <message>
        <source>refuse|mask WORD, WORD, ...  or  /filter off</source>
        <translation>refuse|mask WORT, WORT, ...  oder  /filter off</translation>
    </message>
    <message>
        <source>the word filter</source>
        <translation>der Wortfilter</translation>
    </message>
    <message>
        <source>this list</source>
        <translation>diese Liste</translation>
    </message>
    <message>
        <source>Usage: %1 %2 (%3)</source>
        <extracomment>%1 a command, %2 what it takes, %3 what it does</extracomment>
        <translation>Aufruf: %1 %2 (%3)</translation>
    </message>
    <message>
        <source>Commands:</source>
        <translation>Befehle:</translation>
    </message>
    <message>
        <source>NAME TEXT</source>
        <translation>NAME TEXT</translation>
    </message>
    <message>
        <source>a private message to one person</source>
        <translation>eine private Nachricht an eine Person</translation>
    </message>
    <message>
        <source>on|off</source>
        <translation>on|off</translation>
    </message>
    <message>
        <source>whether people may send private messages</source>
        <translation>ob Leute private Nachrichten schicken dürfen</translation>
    </message>
    <message>
        <source>Sent private message #%1 to %2.</source>
        <extracomment>%1 a message number, %2 a nickname</extracomment>
        <translation>Private Nachricht #%1 an %2 gesendet.</translation>
    </message>
    <message>
        <source>People may send private messages.</source>
        <translation>Leute dürfen private Nachrichten schicken.</translation>
    </message>
    <message>
        <source>Private messages are off (you can still use /msg).</source>
        <translation>Private Nachrichten sind aus (/msg geht weiterhin).</translation>
    </message>
    <message>
        <source>the files shared lately</source>
        <translation>die zuletzt geteilten Dateien</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) shared lately</source>
        <translation>
            <numerusform>%n zuletzt geteilte Datei</numerusform>
            <numerusform>%n zuletzt geteilte Dateien</numerusform>
        </translation>
    </message>
    <message>
        <source>  #%1 %2 (%3 bytes, %4) from %5%6</source>
        <extracomment>%1 message id, %2 file name, %3 size in bytes, %4 type, %5 who shared it</extracomment>
        <translation>  #%1 %2 (%3 Bytes, %4) von %5%6</translation>
    </message>
    <message>
        <source> to %1</source>
        <translation> an %1</translation>
    </message>
</context>
<context>
    <name>ChatHost::FileSharing</name>
    <message>
        <source>Uploads are accepted from the chat's own page only.</source>
        <translation>Uploads werden nur von der eigenen Seite des Chats angenommen.</translation>
    </message>
    <message>
        <source>The host turned file sharing off.</source>
        <translation>Der Host hat das Teilen von Dateien ausgeschaltet.</translation>
    </message>
    <message>
        <source>The file is larger than the host allows (%1 bytes).</source>
        <translation>Die Datei ist größer, als der Host erlaubt (%1 Bytes).</translation>
    </message>
    <message>
        <source>The host's storage for files is full.</source>
        <translation>Der Speicher des Hosts für Dateien ist voll.</translation>
    </message>
    <message>
        <source>The file could not be stored.</source>
        <translation>Die Datei konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The host allows pictures only (PNG, JPEG, GIF, WebP).</source>
        <translation>Der Host erlaubt nur Bilder (PNG, JPEG, GIF, WebP).</translation>
    </message>
    <message>
        <source>replyTo must be a message id.</source>
        <translation>replyTo muss eine Nachrichtennummer sein.</translation>
    </message>
    <message>
        <source>No such file.</source>
        <translation>Diese Datei gibt es nicht.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Die Datei konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>ChatHost::HostServer</name>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <extracomment>%1 is an address such as 0.0.0.0, %2 a port number, %3 the system's reason</extracomment>
        <translation>Kann auf %1 Port %2 nicht lauschen: %3</translation>
    </message>
</context>
<context>
    <name>ChatHost::Models::BanListModel</name>
    <message>
        <source>Banned</source>
        <translation>Verbannt</translation>
    </message>
    <message>
        <source>Nickname or address</source>
        <translation>Spitzname oder Adresse</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Bis</translation>
    </message>
    <message>
        <source>nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>permanent</source>
        <translation>dauerhaft</translation>
    </message>
</context>
<context>
    <name>ChatHost::Models::LogModel</name>
    <message>
        <source>Refused a connection from %1: %2</source>
        <extracomment>%1 an address, %2 the reason</extracomment>
        <translation>Verbindung von %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>announcement</source>
        <translation>Ankündigung</translation>
    </message>
    <message>
        <source>notice</source>
        <translation>Hinweis</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <source>connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>moderation</source>
        <translation>Moderation</translation>
    </message>
    <message>
        <source>problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Author</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>[deleted] %1</source>
        <translation>[gelöscht] %1</translation>
    </message>
    <message>
        <source>%1 (edited)</source>
        <extracomment>a message its author changed after sending it</extracomment>
        <translation>%1 (bearbeitet)</translation>
    </message>
    <message>
        <source>🔒 %1 → %2</source>
        <extracomment>the Author column of a private message: %1 wrote to %2</extracomment>
        <translation>🔒 %1 → %2</translation>
    </message>
    <message>
        <source>private, mentions you</source>
        <translation>privat, erwähnt dich</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privat</translation>
    </message>
    <message>
        <source>%1, mentions you</source>
        <translation>%1, erwähnt dich</translation>
    </message>
</context>
<context>
    <name>ChatHost::Models::PeopleModel</name>
    <message>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>Übertragung</translation>
    </message>
    <message>
        <source>Connected since</source>
        <translation>Verbunden seit</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>WebSocket</source>
        <translation>WebSocket</translation>
    </message>
    <message>
        <source>polling</source>
        <translation>Polling</translation>
    </message>
    <message>
        <source>muted</source>
        <translation>stummgeschaltet</translation>
    </message>
    <message>
        <source>timed out until %1</source>
        <extracomment>a timed mute; %1 is a time of day</extracomment>
        <translation>gesperrt bis %1</translation>
    </message>
    <message>
        <source>Same address</source>
        <translation>Gleiche Adresse</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) from %1</source>
        <extracomment>%1 is a network address, e.g. "5 connections from 192.168.1.23"</extracomment>
        <translation>
            <numerusform>%n Verbindung von %1</numerusform>
            <numerusform>%n Verbindungen von %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ChatHost::Ui::AnnouncementEdit</name>
    <message>
        <source>Announcement to everyone (Enter sends, Shift+Enter for a new line, Up for the last one)</source>
        <translation>Ankündigung an alle (Eingabe sendet, Umschalt+Eingabe für eine neue Zeile, Pfeil hoch für die letzte)</translation>
    </message>
    <message>
        <source>Announcement</source>
        <translation>Ankündigung</translation>
    </message>
</context>
<context>
    <name>ChatHost::Ui::BansDialog</name>
    <message>
        <source>Bans</source>
        <translation>Banne</translation>
    </message>
    <message>
        <source>&amp;Lift ban</source>
        <translation>Bann &amp;aufheben</translation>
    </message>
    <message>
        <source>&amp;Add ban…</source>
        <translation>Bann &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add ban</source>
        <translation>Bann hinzufügen</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>Spitzname</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 Woche</translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation>Dauerhaft</translation>
    </message>
    <message>
        <source>&amp;Ban:</source>
        <translation>&amp;Verbannen:</translation>
    </message>
    <message>
        <source>&amp;Nickname or address:</source>
        <translation>&amp;Spitzname oder Adresse:</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;Für:</translation>
    </message>
    <message>
        <source>&amp;Reason (shown to them):</source>
        <translation>&amp;Grund (wird angezeigt):</translation>
    </message>
    <message>
        <source>'%1' is not an IPv4 or IPv6 address.</source>
        <translation>„%1“ ist keine IPv4- oder IPv6-Adresse.</translation>
    </message>
</context>
<context>
    <name>ChatHost::Ui::MainWindow</name>
    <message>
        <source>ChatHost</source>
        <translation>ChatHost</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send the announcement to everyone (Enter)</source>
        <translation>Die Ankündigung an alle senden (Eingabe)</translation>
    </message>
    <message>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <source>Filter people</source>
        <translation>Personen filtern</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>Protokoll filtern</translation>
    </message>
    <message>
        <source>Kind of entries</source>
        <translation>Art der Einträge</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Pause scrolling</source>
        <translation>Nicht mitscrollen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Export history…</source>
        <translation>Verlauf &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Room</source>
        <translation>&amp;Raum</translation>
    </message>
    <message>
        <source>&amp;Lock room</source>
        <translation>Raum &amp;sperren</translation>
    </message>
    <message>
        <source>Only you can write while the room is locked</source>
        <translation>Solange der Raum gesperrt ist, kannst nur du schreiben</translation>
    </message>
    <message>
        <source>&amp;Slow mode…</source>
        <translation>&amp;Langsamer Modus…</translation>
    </message>
    <message>
        <source>&amp;Bans…</source>
        <translation>&amp;Banne…</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation>&amp;Stummschalten</translation>
    </message>
    <message>
        <source>For 5 minutes</source>
        <translation>Für 5 Minuten</translation>
    </message>
    <message>
        <source>For 15 minutes</source>
        <translation>Für 15 Minuten</translation>
    </message>
    <message>
        <source>For 1 hour</source>
        <translation>Für 1 Stunde</translation>
    </message>
    <message>
        <source>Until I unmute</source>
        <translation>Bis ich es aufhebe</translation>
    </message>
    <message>
        <source>&amp;Unmute</source>
        <translation>Stummschaltung &amp;aufheben</translation>
    </message>
    <message>
        <source>Ban &amp;nickname…</source>
        <translation>&amp;Spitzname verbannen…</translation>
    </message>
    <message>
        <source>Ban &amp;address…</source>
        <translation>&amp;Adresse verbannen…</translation>
    </message>
    <message>
        <source>&amp;Delete message</source>
        <translation>Nachricht &amp;löschen</translation>
    </message>
    <message>
        <source>&amp;Kick %1…</source>
        <translation>%1 &amp;entfernen…</translation>
    </message>
    <message>
        <source>&amp;Mute %1 for 5 minutes</source>
        <translation>%1 für 5 Minuten &amp;stummschalten</translation>
    </message>
    <message>
        <source>&amp;Ban %1…</source>
        <translation>%1 &amp;verbannen…</translation>
    </message>
    <message>
        <source>Kick %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>Reason (shown to them, optional):</source>
        <translation>Grund (wird angezeigt, freiwillig):</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 Stunde</translation>
    </message>
    <message>
        <source>1 day</source>
        <translation>1 Tag</translation>
    </message>
    <message>
        <source>1 week</source>
        <translation>1 Woche</translation>
    </message>
    <message>
        <source>Permanent</source>
        <translation>Dauerhaft</translation>
    </message>
    <message>
        <source>Ban address of %1</source>
        <translation>Adresse von %1 verbannen</translation>
    </message>
    <message>
        <source>Ban %1</source>
        <translation>%1 verbannen</translation>
    </message>
    <message>
        <source>For how long?</source>
        <translation>Für wie lange?</translation>
    </message>
    <message>
        <source>Slow mode</source>
        <translation>Langsamer Modus</translation>
    </message>
    <message>
        <source>Seconds each person must wait between messages (0 turns it off):</source>
        <translation>Sekunden, die jede Person zwischen Nachrichten warten muss (0 schaltet ihn aus):</translation>
    </message>
    <message>
        <source>Port in use</source>
        <translation>Port belegt</translation>
    </message>
    <message>
        <source>Another program already uses port %1. Start ChatHost on a free port instead?</source>
        <translation>Ein anderes Programm benutzt bereits Port %1. ChatHost stattdessen auf einem freien Port starten?</translation>
    </message>
    <message>
        <source>Cannot start</source>
        <translation>Start nicht möglich</translation>
    </message>
    <message>
        <source>Restart the server?</source>
        <translation>Server neu starten?</translation>
    </message>
    <message>
        <source>The new address takes effect when the server restarts. Everyone connected will reconnect. Restart now?</source>
        <translation>Die neue Adresse gilt nach einem Neustart des Servers. Alle Verbundenen verbinden sich neu. Jetzt neu starten?</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export history</source>
        <translation>Verlauf exportieren</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n entry(s) to %1</source>
        <translation>
            <numerusform>%n Eintrag nach %1 exportiert</numerusform>
            <numerusform>%n Einträge nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Show ChatHost</source>
        <translation>ChatHost anzeigen</translation>
    </message>
    <message>
        <source>Stop hosting and quit</source>
        <translation>Chat beenden und schließen</translation>
    </message>
    <message>
        <source>%1 joined the chat</source>
        <translation>%1 ist dem Chat beigetreten</translation>
    </message>
    <message numerus="yes">
        <source>ChatHost: %n person(s) connected</source>
        <translation>
            <numerusform>ChatHost: %n Person verbunden</numerusform>
            <numerusform>ChatHost: %n Personen verbunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Close ChatHost</source>
        <translation>ChatHost schließen</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) are connected. Stop hosting the chat?</source>
        <translation>
            <numerusform>%n Person ist verbunden. Den Chat beenden?</numerusform>
            <numerusform>%n Personen sind verbunden. Den Chat beenden?</numerusform>
        </translation>
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation>Im Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>Still hosting the chat. Click the icon to open the window.</source>
        <translation>Der Chat läuft weiter. Ein Klick auf das Symbol öffnet das Fenster.</translation>
    </message>
    <message>
        <source>Refusing connections from %1: %2</source>
        <extracomment>%1 an address, %2 the reason</extracomment>
        <translation>Verbindungen von %1 werden abgelehnt: %2</translation>
    </message>
    <message numerus="yes">
        <source>Stopped refusing %1: %n connection(s) refused</source>
        <translation>
            <numerusform>Ablehnung von %1 beendet: %n Verbindung abgelehnt</numerusform>
            <numerusform>Ablehnung von %1 beendet: %n Verbindungen abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Everyone from %1 (%n connection(s))</source>
        <extracomment>%1 is a network address; %n how many people are connected from it</extracomment>
        <translation>
            <numerusform>Alle von %1 (%n Verbindung)</numerusform>
            <numerusform>Alle von %1 (%n Verbindungen)</numerusform>
        </translation>
    </message>
    <message>
        <source>Mute for 15 minutes</source>
        <translation>15 Minuten stummschalten</translation>
    </message>
    <message>
        <source>Mute until I unmute</source>
        <translation>Stummschalten, bis ich es aufhebe</translation>
    </message>
    <message>
        <source>Unmute</source>
        <translation>Stummschaltung aufheben</translation>
    </message>
    <message>
        <source>Ban the address…</source>
        <translation>Die Adresse verbannen…</translation>
    </message>
    <message>
        <source>%1 is no longer here.</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation>%1 ist nicht mehr hier.</translation>
    </message>
    <message>
        <source>&amp;Private messages</source>
        <translation>&amp;Private Nachrichten</translation>
    </message>
    <message>
        <source>Whether people may write to one person (you always can, and see them all)</source>
        <translation>Ob Leute einer einzelnen Person schreiben dürfen (du kannst es immer und siehst alle)</translation>
    </message>
    <message>
        <source>Send &amp;private message…</source>
        <translation>&amp;Private Nachricht senden…</translation>
    </message>
    <message>
        <source>Private message to %1</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation>Private Nachricht an %1</translation>
    </message>
    <message>
        <source>Only %1 sees it (and you, in the log):</source>
        <translation>Nur %1 sieht sie (und du, im Protokoll):</translation>
    </message>
</context>
<context>
    <name>ChatHost::Ui::SettingsDialog</name>
    <message>
        <source>Refuse the message</source>
        <translation>Die Nachricht ablehnen</translation>
    </message>
    <message>
        <source>Mask the words with *</source>
        <translation>Die Wörter mit * maskieren</translation>
    </message>
    <message>
        <source>Notify me when someone joins</source>
        <translation>Benachrichtigen, wenn jemand beitritt</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Server (applied on restart)</source>
        <translation>Server (gilt nach einem Neustart)</translation>
    </message>
    <message>
        <source>any free port</source>
        <translation>ein freier Port</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>All interfaces</source>
        <translation>Alle Schnittstellen</translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation>&amp;Lauschen auf:</translation>
    </message>
    <message>
        <source>Room</source>
        <translation>Raum</translation>
    </message>
    <message>
        <source>&amp;Title shown on the page:</source>
        <translation>&amp;Titel auf der Seite:</translation>
    </message>
    <message>
        <source>Your &amp;name on announcements:</source>
        <translation>Dein &amp;Name bei Ankündigungen:</translation>
    </message>
    <message>
        <source> characters</source>
        <translation> Zeichen</translation>
    </message>
    <message>
        <source>Longest &amp;message:</source>
        <translation>Längste &amp;Nachricht:</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>keine Grenze</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>messages per</source>
        <translation>Nachrichten pro</translation>
    </message>
    <message>
        <source>&amp;Rate limit per person:</source>
        <translation>&amp;Ratenlimit pro Person:</translation>
    </message>
    <message>
        <source>&amp;History shown to newcomers:</source>
        <translation>&amp;Verlauf für Neuankömmlinge:</translation>
    </message>
    <message>
        <source>Most &amp;people at once:</source>
        <translation>Höchstens &amp;Personen gleichzeitig:</translation>
    </message>
    <message>
        <source>Word filter</source>
        <translation>Wortfilter</translation>
    </message>
    <message>
        <source>One word or phrase per line; matched as whole words, ignoring case.</source>
        <translation>Ein Wort oder eine Wendung pro Zeile; als ganze Wörter verglichen, ohne Groß- und Kleinschreibung.</translation>
    </message>
    <message>
        <source>Filtered words</source>
        <translation>Gefilterte Wörter</translation>
    </message>
    <message>
        <source>&amp;Remove the password</source>
        <translation>Passwort &amp;entfernen</translation>
    </message>
    <message>
        <source>A password is set.</source>
        <translation>Ein Passwort ist gesetzt.</translation>
    </message>
    <message>
        <source>No password: anyone on the network can join.</source>
        <translation>Kein Passwort: alle im Netzwerk können beitreten.</translation>
    </message>
    <message>
        <source>Room password:</source>
        <translation>Raumpasswort:</translation>
    </message>
    <message>
        <source>Type a new one to change it</source>
        <translation>Ein neues eingeben, um es zu ändern</translation>
    </message>
    <message>
        <source>Type one to ask everyone for it</source>
        <translation>Eines eingeben, um alle danach zu fragen</translation>
    </message>
    <message>
        <source>Applies at once to people who connect from now on. It is not saved: give --password-file at the next start.</source>
        <translation>Gilt sofort für alle, die sich ab jetzt verbinden. Es wird nicht gespeichert: beim nächsten Start --password-file angeben.</translation>
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation>Neues Pass&amp;wort:</translation>
    </message>
    <message>
        <source>not allowed</source>
        <translation>nicht erlaubt</translation>
    </message>
    <message>
        <source>People may &amp;edit or delete their messages for:</source>
        <translation>Eigene Nachrichten &amp;bearbeiten oder löschen bis:</translation>
    </message>
    <message>
        <source>People may send &amp;private messages</source>
        <translation>Leute dürfen &amp;private Nachrichten schicken</translation>
    </message>
    <message>
        <source>You can always write to one person, and you see every private message in the log</source>
        <translation>Du kannst immer einer einzelnen Person schreiben und siehst jede private Nachricht im Protokoll</translation>
    </message>
</context>
<context>
    <name>ChatHost::Ui::SharePanel</name>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Restart</source>
        <translation>Neu starten</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Teilen</translation>
    </message>
    <message>
        <source>People on your network open one of these addresses:</source>
        <translation>Personen in deinem Netzwerk öffnen eine dieser Adressen:</translation>
    </message>
    <message>
        <source>QR code of the selected address</source>
        <translation>QR-Code der gewählten Adresse</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>all interfaces</source>
        <translation>allen Schnittstellen</translation>
    </message>
    <message>
        <source>Port %1 on %2</source>
        <extracomment>%1 port number, %2 an address or "all interfaces"</extracomment>
        <translation>Port %1 auf %2</translation>
    </message>
    <message numerus="yes">
        <source>%n person(s) connected</source>
        <translation>
            <numerusform>%n Person verbunden</numerusform>
            <numerusform>%n Personen verbunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) per minute</source>
        <translation>
            <numerusform>%n Nachricht pro Minute</numerusform>
            <numerusform>%n Nachrichten pro Minute</numerusform>
        </translation>
    </message>
    <message>
        <source>Show the QR code of this address</source>
        <translation>Den QR-Code dieser Adresse zeigen</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy %1</source>
        <translation>%1 kopieren</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Host a chat on the local network: people open the shown address in a browser.</source>
        <translation>Einen Chat im lokalen Netzwerk anbieten: Personen öffnen die angezeigte Adresse im Browser.</translation>
    </message>
    <message>
        <source>Run without a window: serve and log to the terminal until interrupted.</source>
        <translation>Ohne Fenster laufen: bis zur Unterbrechung bedienen und im Terminal protokollieren.</translation>
    </message>
    <message>
        <source>Serve this folder's pages instead of the built-in chat page.</source>
        <translation>Die Seiten dieses Ordners statt der eingebauten Chatseite ausliefern.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>an IPv4 or IPv6 address</source>
        <translation>eine IPv4- oder IPv6-Adresse</translation>
    </message>
    <message>
        <source>an existing folder</source>
        <translation>ein vorhandener Ordner</translation>
    </message>
    <message>
        <source>Ask everyone for this password before they can join (visible to other users of this computer; prefer --password-file).</source>
        <translation>Alle vor dem Beitreten nach diesem Passwort fragen (für andere Benutzer dieses Rechners sichtbar; besser --password-file).</translation>
    </message>
    <message>
        <source>Read the room password from the first line of this file.</source>
        <translation>Das Raumpasswort aus der ersten Zeile dieser Datei lesen.</translation>
    </message>
    <message>
        <source>Also let pages from this web origin connect, e.g. http://intranet:8080 (repeatable; * allows any).</source>
        <translation>Auch Seiten dieses Web-Ursprungs verbinden lassen, z. B. http://intranet:8080 (mehrfach möglich; * erlaubt alle).</translation>
    </message>
    <message>
        <source>Give either --password or --password-file, not both.</source>
        <translation>Bitte entweder --password oder --password-file angeben, nicht beides.</translation>
    </message>
    <message>
        <source>an origin such as http://host:port, or *</source>
        <translation>ein Ursprung wie http://host:port, oder *</translation>
    </message>
    <message>
        <source>Folder for the history and settings data.</source>
        <translation>Ordner für Verlauf und Daten.</translation>
    </message>
    <message>
        <source>the user's data folder</source>
        <translation>der Datenordner des Benutzers</translation>
    </message>
    <message>
        <source>User interface language, e.g. de or en.</source>
        <translation>Sprache der Oberfläche, z. B. de oder en.</translation>
    </message>
    <message>
        <source>the system's</source>
        <translation>die des Systems</translation>
    </message>
    <message>
        <source>TCP port to listen on (0 picks a free one).</source>
        <translation>TCP-Port zum Lauschen (0 wählt einen freien).</translation>
    </message>
    <message>
        <source>Address to listen on.</source>
        <translation>Adresse zum Lauschen.</translation>
    </message>
    <message>
        <source>all interfaces</source>
        <translation>allen Schnittstellen</translation>
    </message>
    <message>
        <source>Name shown on your announcements.</source>
        <translation>Name bei deinen Ankündigungen.</translation>
    </message>
    <message>
        <source>Title of the chat shown on the page.</source>
        <translation>Titel des Chats auf der Seite.</translation>
    </message>
    <message>
        <source>Longest message allowed, in characters.</source>
        <translation>Längste erlaubte Nachricht, in Zeichen.</translation>
    </message>
    <message>
        <source>Messages one person may send per period, as COUNT/SECONDS (0/1: no limit).</source>
        <translation>Nachrichten, die eine Person pro Zeitraum senden darf, als ANZAHL/SEKUNDEN (0/1: keine Grenze).</translation>
    </message>
    <message>
        <source>Messages all connections from one network address may send together per period, as COUNT/SECONDS (0/1: no limit).</source>
        <translation>Nachrichten, die alle Verbindungen einer Netzwerkadresse zusammen pro Zeitraum senden dürfen, als ANZAHL/SEKUNDEN (0/1: keine Grenze).</translation>
    </message>
    <message>
        <source>%1 times --rate (%2)</source>
        <extracomment>%1 a multiple, %2 the resulting COUNT/SECONDS</extracomment>
        <translation>%1-mal --rate (%2)</translation>
    </message>
    <message>
        <source>How many recent messages a newcomer sees.</source>
        <translation>Wie viele letzte Nachrichten Neuankömmlinge sehen.</translation>
    </message>
    <message>
        <source>Most people in the chat at once (0: no limit).</source>
        <translation>Höchstzahl gleichzeitiger Personen im Chat (0: keine Grenze).</translation>
    </message>
    <message>
        <source>Words refused or masked in messages.</source>
        <translation>Wörter, die in Nachrichten abgelehnt oder maskiert werden.</translation>
    </message>
    <message>
        <source>Most open connections in total.</source>
        <translation>Höchstzahl offener Verbindungen insgesamt.</translation>
    </message>
    <message>
        <source>Most open connections, and people, from one network address.</source>
        <translation>Höchstzahl offener Verbindungen und Personen von einer Netzwerkadresse.</translation>
    </message>
    <message>
        <source>New connections one network address may open at once, refilled at COUNT per SECONDS; faster ones get 429 (0/1: no limit).</source>
        <translation>Neue Verbindungen, die eine Netzwerkadresse auf einmal öffnen darf, aufgefüllt mit ANZAHL pro SEKUNDEN; schnellere erhalten 429 (0/1: keine Grenze).</translation>
    </message>
    <message>
        <source>Largest message or request body accepted, in bytes.</source>
        <translation>Größte angenommene Nachricht oder Anfrage, in Bytes.</translation>
    </message>
    <message>
        <source>Milliseconds between heartbeats.</source>
        <translation>Millisekunden zwischen Herzschlägen.</translation>
    </message>
    <message>
        <source>Milliseconds a client has to answer a heartbeat.</source>
        <translation>Millisekunden, die ein Client für die Antwort auf einen Herzschlag hat.</translation>
    </message>
    <message>
        <source>Milliseconds a new connection has to send its request.</source>
        <translation>Millisekunden, die eine neue Verbindung für ihre Anfrage hat.</translation>
    </message>
    <message>
        <source>Milliseconds an HTTP connection may stay open with no request or an unfinished one.</source>
        <translation>Millisekunden, die eine HTTP-Verbindung ohne Anfrage oder mit einer unfertigen offen bleiben darf.</translation>
    </message>
    <message>
        <source>Milliseconds an HTTP answer may wait unread by its client before the connection is closed.</source>
        <translation>Millisekunden, die eine HTTP-Antwort ungelesen auf ihren Client warten darf, bevor die Verbindung geschlossen wird.</translation>
    </message>
    <message>
        <source>%1 Default: %2.</source>
        <extracomment>%1 an option's help, %2 its default value</extracomment>
        <translation>%1 Standard: %2.</translation>
    </message>
    <message>
        <source>Start-up</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>The room</source>
        <translation>Der Raum</translation>
    </message>
    <message>
        <source>Limits</source>
        <translation>Grenzen</translation>
    </message>
    <message>
        <source>between %1 and %2</source>
        <extracomment>what an option's value must be: --port must be between 0 and 65535</extracomment>
        <translation>zwischen %1 und %2</translation>
    </message>
    <message>
        <source>COUNT/SECONDS with COUNT between %1 and %2 and SECONDS between 1 and %3, e.g. 5/5</source>
        <translation>ANZAHL/SEKUNDEN mit ANZAHL zwischen %1 und %2 und SEKUNDEN zwischen 1 und %3, z. B. 5/5</translation>
    </message>
    <message>
        <source>%1 to %2 characters long</source>
        <translation>%1 bis %2 Zeichen lang</translation>
    </message>
    <message>
        <source>a readable file whose first line is the password</source>
        <translation>eine lesbare Datei, deren erste Zeile das Passwort ist</translation>
    </message>
    <message>
        <source>--%1 must be %2, not '%3'.</source>
        <extracomment>%1 option name, %2 what is expected, %3 the value given</extracomment>
        <translation>--%1 muss %2 sein, nicht „%3“.</translation>
    </message>
    <message>
        <source>Usage: %1 [options]</source>
        <extracomment>%1 the program's name</extracomment>
        <translation>Aufruf: %1 [Optionen]</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Weiteres</translation>
    </message>
    <message>
        <source>This help.</source>
        <translation>Diese Hilfe.</translation>
    </message>
    <message>
        <source>This help and Qt's own options.</source>
        <translation>Diese Hilfe und Qts eigene Optionen.</translation>
    </message>
    <message>
        <source>The version.</source>
        <translation>Die Version.</translation>
    </message>
    <message>
        <source>How long people may edit or delete their own messages (0: not at all).</source>
        <translation>Wie lange man eigene Nachrichten bearbeiten oder löschen darf (0: gar nicht).</translation>
    </message>
    <message>
        <source>People cannot write private messages to one another (the host still can).</source>
        <translation>Leute können einander keine privaten Nachrichten schreiben (der Gastgeber schon).</translation>
    </message>
    <message>
        <source>Whether people may share files: any file, none, or pictures only (PNG, JPEG, GIF, WebP).</source>
        <translation>Ob Leute Dateien teilen dürfen: jede Datei, keine oder nur Bilder (PNG, JPEG, GIF, WebP).</translation>
    </message>
    <message>
        <source>The largest file people may share, in megabytes (MiB).</source>
        <translation>Die größte Datei, die Leute teilen dürfen, in Megabyte (MiB).</translation>
    </message>
    <message>
        <source>The storage all shared files may take together, in megabytes (MiB); when full, uploads are refused.</source>
        <translation>Der Speicher, den alle geteilten Dateien zusammen belegen dürfen, in Megabyte (MiB); ist er voll, werden Uploads abgelehnt.</translation>
    </message>
    <message>
        <source>Files one person may upload per minute (0: no limit).</source>
        <translation>Dateien, die eine Person pro Minute hochladen darf (0: keine Grenze).</translation>
    </message>
</context>
<context>
    <name>ConsoleWriter</name>
    <message numerus="yes">
        <source>(%n line(s) dropped: the output was not read)</source>
        <extracomment>headless output; %n lines were not written because nobody read the output</extracomment>
        <translation>
            <numerusform>(%n Zeile verworfen: die Ausgabe wurde nicht gelesen)</numerusform>
            <numerusform>(%n Zeilen verworfen: die Ausgabe wurde nicht gelesen)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FileSharing</name>
    <message>
        <source>The file could not be stored.</source>
        <translation>Die Datei konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The host allows pictures only (PNG, JPEG, GIF, WebP).</source>
        <translation>Der Host erlaubt nur Bilder (PNG, JPEG, GIF, WebP).</translation>
    </message>
</context>
<context>
    <name>Moderation</name>
    <message>
        <source>Cannot store bans in %1: %2</source>
        <translation>Kann Banne nicht in %1 speichern: %2</translation>
    </message>
    <message>
        <source>Saving bans and the moderation log failed (%1); they are now kept in memory only, until ChatHost stops.</source>
        <translation>Sperren und Moderationsprotokoll konnten nicht gespeichert werden (%1); sie werden jetzt nur im Arbeitsspeicher gehalten, bis ChatHost beendet wird.</translation>
    </message>
    <message>
        <source>Cannot store mutes in %1: %2</source>
        <translation>Stummschaltungen können nicht in %1 gespeichert werden: %2</translation>
    </message>
    <message>
        <source>The mute holds until the app stops but could not be saved: %1</source>
        <translation>Die Stummschaltung gilt, bis die App beendet wird, konnte aber nicht gespeichert werden: %1</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run '%1 --help' for the options.</source>
        <translation>„%1 --help“ zeigt die Optionen.</translation>
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation>Kann den Datenordner %1 nicht anlegen.</translation>
    </message>
    <message>
        <source>Warning: %1 The chat runs, but its history is kept in memory only.</source>
        <translation>Warnung: %1 Der Chat läuft, aber sein Verlauf wird nur im Arbeitsspeicher gehalten.</translation>
    </message>
    <message>
        <source>Warning: only %1 open files allowed; fewer people can connect.</source>
        <translation>Warnung: nur %1 offene Dateien erlaubt; weniger Personen können sich verbinden.</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <source>ChatHost is running. People on your network can open:</source>
        <translation>ChatHost läuft. Personen in deinem Netzwerk können öffnen:</translation>
    </message>
    <message>
        <source>Shutting down…</source>
        <translation>Wird beendet…</translation>
    </message>
    <message>
        <source>refused a message from %1 (%2)</source>
        <translation>Nachricht von %1 abgelehnt (%2)</translation>
    </message>
    <message>
        <source>refusing connections from %1: %2</source>
        <translation>Verbindungen von %1 werden abgelehnt: %2</translation>
    </message>
    <message numerus="yes">
        <source>stopped refusing %1: %n connection(s) refused</source>
        <translation>
            <numerusform>Ablehnung von %1 beendet: %n Verbindung abgelehnt</numerusform>
            <numerusform>Ablehnung von %1 beendet: %n Verbindungen abgelehnt</numerusform>
        </translation>
    </message>
    <message>
        <source>ChatHost already runs on port %1 with the data folder %2: its window was brought to the front.</source>
        <translation>ChatHost läuft schon auf Port %1 mit dem Datenordner %2: sein Fenster wurde nach vorn geholt.</translation>
    </message>
</context>
</TS>

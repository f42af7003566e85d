<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Chat</name>
    <message>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot use the history database %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the database is damaged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Writing the history failed (%1); messages are now kept in memory only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Please choose a nickname.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nicknames can be at most %1 characters long.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nicknames cannot contain invisible or control characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That nickname is reserved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Someone here already uses that nickname.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A nickname must be text.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Chat::Admission</name>
    <message>
        <source>You are banned from this chat.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You are banned from this chat: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Too many people are connected from your network address (at most %n); close a tab or try again later.</source>
        <translation><numerusform>Too many people are connected from your network address (at most %n); close a tab or try again later.</numerusform><numerusform>Too many people are connected from your network address (at most %n); close a tab or try again later.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The chat is full (%n person(s)); try again later.</source>
        <translation><numerusform>The chat is full (%n person); try again later.</numerusform><numerusform>The chat is full (%n people); try again later.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Too many wrong passwords; try again in %n second(s).</source>
        <translation><numerusform>Too many wrong passwords; try again in %n second.</numerusform><numerusform>Too many wrong passwords; try again in %n seconds.</numerusform></translation>
    </message>
    <message>
        <source>This chat needs a password.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Wrong password.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Chat::CatchUp</name>
    <message numerus="yes">
        <source>Too many history requests; wait %n second(s).</source>
        <translation><numerusform>Too many history requests; wait %n second.</numerusform><numerusform>Too many history requests; wait %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::ChatService</name>
    <message>
        <source>That nickname is banned here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This chat was opened again in another tab or window; this one is closed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This upload has no valid upload token (ask with "file token").</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Too many uploads; wait a moment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The connection this upload belonged to has closed.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Chat::MessageActions</name>
    <message>
        <source>A reply must name a message by its id.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The message you are answering does not exist (any more).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A reaction needs the message id, the emoji and on (true or false).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That reaction is not one of %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You cannot react while the host has muted you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The room is locked: nobody can react right now.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>You are reacting too fast; wait %n second(s).</source>
        <translation><numerusform>You are reacting too fast; wait %n second.</numerusform><numerusform>You are reacting too fast; wait %n seconds.</numerusform></translation>
    </message>
    <message>
        <source>That message does not exist (any more).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Say which message by its id.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You can only change or delete your own messages.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host does not allow changing or deleting messages.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Messages can only be changed or deleted for %n minute(s) after sending.</source>
        <translation><numerusform>Messages can only be changed or deleted for %n minute after sending.</numerusform><numerusform>Messages can only be changed or deleted for %n minutes after sending.</numerusform></translation>
    </message>
    <message>
        <source>An edit needs the message id and text.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Messages can only be changed or deleted for %n second(s) after sending.</source>
        <translation><numerusform>Messages can only be changed or deleted for %n second after sending.</numerusform><numerusform>Messages can only be changed or deleted for %n seconds after sending.</numerusform></translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::MessagePolicy</name>
    <message>
        <source>The room is locked: only the host can write right now.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Slow mode is on: one message every %n second(s).</source>
        <translation><numerusform>Slow mode is on: one message every %n second.</numerusform><numerusform>Slow mode is on: one message every %n seconds.</numerusform></translation>
    </message>
    <message>
        <source>Your message contains a word the host does not allow here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A message must be text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Messages can be at most %1 characters long.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>until the host lets you speak again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>until %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host muted you %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host muted you %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>You are sending too fast; wait %n second(s).</source>
        <translation><numerusform>You are sending too fast; wait %n second.</numerusform><numerusform>You are sending too fast; wait %n seconds.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Too many messages from your network address (all its connections together); wait %n second(s).</source>
        <translation><numerusform>Too many messages from your network address (all its connections together); wait %n second.</numerusform><numerusform>Too many messages from your network address (all its connections together); wait %n seconds.</numerusform></translation>
    </message>
    <message>
        <source>You cannot change your nickname while the host has muted you.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The room is locked: nicknames cannot change right now.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>You are changing your nickname too often; wait %n second(s).</source>
        <translation><numerusform>You are changing your nickname too often; wait %n second.</numerusform><numerusform>You are changing your nickname too often; wait %n seconds.</numerusform></translation>
    </message>
</context>
<context>
    <name>ChatHost::Chat::Moderator</name>
    <message numerus="yes">
        <source>for %n minute(s)</source>
        <translation><numerusform>for %n minute</numerusform><numerusform>for %n minutes</numerusform></translation>
    </message>
    <message>
        <source>%1 was removed by the host</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>until unmuted</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation><numerusform>%n connection</numerusform><numerusform>%n connections</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>The host turned on slow mode: one message every %n second(s).</source>
        <translation><numerusform>The host turned on slow mode: one message every %n second.</numerusform><numerusform>The host turned on slow mode: one message every %n seconds.</numerusform></translation>
    </message>
    <message>
        <source>The host turned off slow mode.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host locked the room: only the host can write.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host unlocked the room.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n word(s), %1</source>
        <translation><numerusform>%n word, %1</numerusform><numerusform>%n words, %1</numerusform></translation>
    </message>
    <message>
        <source>refuse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>mask</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host turned private messages on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host turned private messages off.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Chat::Presence</name>
    <message>
        <source>%1 is now known as %2</source>
        <extracomment>%1 old nickname, %2 new nickname</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 and %2</source>
        <extracomment>two nicknames</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, %2 and %3</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%1, %2 and %n other(s)</source>
        <extracomment>%1 and %2 are nicknames</extracomment>
        <translation><numerusform>%1, %2 and %n other</numerusform><numerusform>%1, %2 and %n others</numerusform></translation>
    </message>
    <message>
        <source>%1 left</source>
        <extracomment>%1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 joined</source>
        <extracomment>%1 is one or more nicknames ("Ann", "Ann and Bob", "Ann, Bob and 3 others")</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Chat::PrivateMessages</name>
    <message>
        <source>A private message needs a recipient (to: a user id) and a text.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host turned private messages off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You cannot send a private message to yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>That person is not here any more.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 does not accept private messages from you.</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A block needs a person (userId) and whether to block them (blocked).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You cannot block yourself.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Messages can be at most %1 characters long.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>You can block at most %n person(s).</source>
        <translation><numerusform>You can block at most %n person.</numerusform><numerusform>You can block at most %n people.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>You are changing your block list too fast; wait %n second(s).</source>
        <translation><numerusform>You are changing your block list too fast; wait %n second.</numerusform><numerusform>You are changing your block list too fast; wait %n seconds.</numerusform></translation>
    </message>
    <message>
        <source>The host's list of blocks is full; ask the host to ban instead.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::ConsoleCommands</name>
    <message>
        <source>Nobody called %1 is connected (see /who).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Removed %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Minutes cannot be negative.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Muted %1 for %n minute(s).</source>
        <translation><numerusform>Muted %1 for %n minute.</numerusform><numerusform>Muted %1 for %n minutes.</numerusform></translation>
    </message>
    <message>
        <source>Muted %1 until /unmute.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 can write again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 was not muted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Banned the nickname %1 (ban #%2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is neither an address nor someone connected.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Banned the address %1 (ban #%2).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Lifted ban #%1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no ban #%1.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n ban(s)</source>
        <translation><numerusform>%n ban</numerusform><numerusform>%n bans</numerusform></translation>
    </message>
    <message>
        <source>Deleted message #%1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>There is no message #%1 to delete.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Slow mode: one message every %n second(s).</source>
        <translation><numerusform>Slow mode: one message every %n second.</numerusform><numerusform>Slow mode: one message every %n seconds.</numerusform></translation>
    </message>
    <message>
        <source>Slow mode is off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The room is locked.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The room is unlocked.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>At most %n person(s) at once.</source>
        <translation><numerusform>At most %n person at once.</numerusform><numerusform>At most %n people at once.</numerusform></translation>
    </message>
    <message>
        <source>No limit on people.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The word filter is off.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Filtering %n word(s).</source>
        <translation><numerusform>Filtering %n word.</numerusform><numerusform>Filtering %n words.</numerusform></translation>
    </message>
    <message>
        <source>Sent announcement #%1.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n person(s) connected</source>
        <translation><numerusform>%n person connected</numerusform><numerusform>%n people connected</numerusform></translation>
    </message>
    <message>
        <source>Announcements start with /say, e.g. /say Hello everyone. Type /help for the commands.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unknown command %1. Type /help for the commands.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n connection(s) from %1</source>
        <extracomment>%1 is a network address</extracomment>
        <translation><numerusform>%n connection from %1</numerusform><numerusform>%n connections from %1</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Muted the address %1 for %n minute(s).</source>
        <extracomment>%1 is a network address</extracomment>
        <translation><numerusform>Muted the address %1 for %n minute.</numerusform><numerusform>Muted the address %1 for %n minutes.</numerusform></translation>
    </message>
    <message>
        <source>Muted the address %1 until /unmuteip.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n connection(s) muted now.</source>
        <extracomment>how many people connected from the address were muted by /muteip</extracomment>
        <translation><numerusform>%n connection muted now.</numerusform><numerusform>%n connections muted now.</numerusform></translation>
    </message>
    <message>
        <source>TEXT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an announcement to everyone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>who is connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NAME [reason]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>remove someone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NAME [minutes, 0 = until /unmute] [reason]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>stop someone writing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NAME</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>let someone write again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NAME-OR-ADDRESS [minutes, 0 = until /unmuteip] [reason]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>every connection from an address, now and while it lasts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NAME-OR-ADDRESS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>let an address write again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ban a nickname</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NAME-OR-ADDRESS [reason]</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ban an address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the bans in force</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>BAN-NUMBER</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>lift a ban; see /bans</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>MESSAGE-ID</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>delete a message everywhere</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SECONDS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>slow mode; 0 turns it off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>only the host can write</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>everyone can write again</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PEOPLE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>most people at once; 0: no limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refuse|mask WORD, WORD, ...  or  /filter off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the word filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>this list</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage: %1 %2 (%3)</source>
        <extracomment>%1 a command, %2 what it takes, %3 what it does</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Commands:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NAME TEXT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a private message to one person</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>on|off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>whether people may send private messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Sent private message #%1 to %2.</source>
        <extracomment>%1 a message number, %2 a nickname</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>People may send private messages.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Private messages are off (you can still use /msg).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the files shared lately</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n file(s) shared lately</source>
        <translation><numerusform>%n file shared lately</numerusform><numerusform>%n files shared lately</numerusform></translation>
    </message>
    <message>
        <source>  #%1 %2 (%3 bytes, %4) from %5%6</source>
        <extracomment>%1 message id, %2 file name, %3 size in bytes, %4 type, %5 who shared it</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source> to %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::FileSharing</name>
    <message>
        <source>Uploads are accepted from the chat's own page only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host turned file sharing off.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file is larger than the host allows (%1 bytes).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host's storage for files is full.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file could not be stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host allows pictures only (PNG, JPEG, GIF, WebP).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>replyTo must be a message id.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No such file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::HostServer</name>
    <message>
        <source>Cannot listen on %1 port %2: %3</source>
        <extracomment>%1 is an address such as 0.0.0.0, %2 a port number, %3 the system's reason</extracomment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Models::BanListModel</name>
    <message>
        <source>Banned</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nickname or address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>nickname</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>permanent</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Models::LogModel</name>
    <message>
        <source>Refused a connection from %1: %2</source>
        <extracomment>%1 an address, %2 the reason</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>announcement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>notice</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>connection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>moderation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>problem</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Author</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>[deleted] %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 (edited)</source>
        <extracomment>a message its author changed after sending it</extracomment>
        <translation />
    </message>
    <message>
        <source>🔒 %1 → %2</source>
        <extracomment>the Author column of a private message: %1 wrote to %2</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>private, mentions you</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>private</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1, mentions you</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Models::PeopleModel</name>
    <message>
        <source>Nickname</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Transport</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WebSocket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>polling</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>muted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>timed out until %1</source>
        <extracomment>a timed mute; %1 is a time of day</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Same address</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n connection(s) from %1</source>
        <extracomment>%1 is a network address, e.g. "5 connections from 192.168.1.23"</extracomment>
        <translation><numerusform>%n connection from %1</numerusform><numerusform>%n connections from %1</numerusform></translation>
    </message>
</context>
<context>
    <name>ChatHost::Ui::AnnouncementEdit</name>
    <message>
        <source>Announcement to everyone (Enter sends, Shift+Enter for a new line, Up for the last one)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Announcement</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Ui::BansDialog</name>
    <message>
        <source>Bans</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Lift ban</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Add ban…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Add ban</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Nickname</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Permanent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Ban:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Nickname or address:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;For:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Reason (shown to them):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>'%1' is not an IPv4 or IPv6 address.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Ui::MainWindow</name>
    <message>
        <source>ChatHost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send the announcement to everyone (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>History</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>People</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter people</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filter the log</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kind of entries</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Pause scrolling</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Export history…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Lock room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only you can write while the room is locked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Slow mode…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Bans…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Kick…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Mute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>For 5 minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>For 15 minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>For 1 hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Until I unmute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Unmute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ban &amp;nickname…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ban &amp;address…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Delete message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Kick %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Mute %1 for 5 minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Ban %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Kick %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason (shown to them, optional):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>1 week</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Permanent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ban address of %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ban %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>For how long?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Slow mode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Seconds each person must wait between messages (0 turns it off):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Port in use</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Another program already uses port %1. Start ChatHost on a free port instead?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restart the server?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The new address takes effect when the server restarts. Everyone connected will reconnect. Restart now?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Export history</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Exported %n entry(s) to %1</source>
        <translation><numerusform>Exported %n entry to %1</numerusform><numerusform>Exported %n entries to %1</numerusform></translation>
    </message>
    <message>
        <source>Show ChatHost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop hosting and quit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 joined the chat</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>ChatHost: %n person(s) connected</source>
        <translation><numerusform>ChatHost: %n person connected</numerusform><numerusform>ChatHost: %n people connected</numerusform></translation>
    </message>
    <message>
        <source>Close ChatHost</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n person(s) are connected. Stop hosting the chat?</source>
        <translation><numerusform>%n person is connected. Stop hosting the chat?</numerusform><numerusform>%n people are connected. Stop hosting the chat?</numerusform></translation>
    </message>
    <message>
        <source>Keep running in the tray</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Still hosting the chat. Click the icon to open the window.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Refusing connections from %1: %2</source>
        <extracomment>%1 an address, %2 the reason</extracomment>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>Stopped refusing %1: %n connection(s) refused</source>
        <translation><numerusform>Stopped refusing %1: %n connection refused</numerusform><numerusform>Stopped refusing %1: %n connections refused</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Everyone from %1 (%n connection(s))</source>
        <extracomment>%1 is a network address; %n how many people are connected from it</extracomment>
        <translation><numerusform>Everyone from %1 (%n connection)</numerusform><numerusform>Everyone from %1 (%n connections)</numerusform></translation>
    </message>
    <message>
        <source>Mute for 15 minutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mute until I unmute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unmute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ban the address…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is no longer here.</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Private messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whether people may write to one person (you always can, and see them all)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Send &amp;private message…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Private message to %1</source>
        <extracomment>%1 is a nickname</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Only %1 sees it (and you, in the log):</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Ui::SettingsDialog</name>
    <message>
        <source>Refuse the message</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Mask the words with *</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Notify me when someone joins</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server (applied on restart)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>any free port</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All interfaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Title shown on the page:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Your &amp;name on announcements:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> characters</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Longest &amp;message:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>messages per</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Rate limit per person:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;History shown to newcomers:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Most &amp;people at once:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Word filter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>One word or phrase per line; matched as whole words, ignoring case.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Filtered words</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>&amp;Remove the password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>A password is set.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No password: anyone on the network can join.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Room password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type a new one to change it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type one to ask everyone for it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Applies at once to people who connect from now on. It is not saved: give --password-file at the next start.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New pass&amp;word:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not allowed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>People may &amp;edit or delete their messages for:</source>
        <translation />
    </message>
    <message>
        <source>People may send &amp;private messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>You can always write to one person, and you see every private message in the log</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChatHost::Ui::SharePanel</name>
    <message>
        <source>Open in browser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Restart</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Share</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>People on your network open one of these addresses:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>QR code of the selected address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all interfaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Port %1 on %2</source>
        <extracomment>%1 port number, %2 an address or "all interfaces"</extracomment>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>%n person(s) connected</source>
        <translation><numerusform>%n person connected</numerusform><numerusform>%n people connected</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s) per minute</source>
        <translation><numerusform>%n message per minute</numerusform><numerusform>%n messages per minute</numerusform></translation>
    </message>
    <message>
        <source>Show the QR code of this address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Copy %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Host a chat on the local network: people open the shown address in a browser.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Run without a window: serve and log to the terminal until interrupted.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Serve this folder's pages instead of the built-in chat page.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an IPv4 or IPv6 address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an existing folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Ask everyone for this password before they can join (visible to other users of this computer; prefer --password-file).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read the room password from the first line of this file.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Also let pages from this web origin connect, e.g. http://intranet:8080 (repeatable; * allows any).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Give either --password or --password-file, not both.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>an origin such as http://host:port, or *</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Folder for the history and settings data.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the user's data folder</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User interface language, e.g. de or en.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>the system's</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TCP port to listen on (0 picks a free one).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address to listen on.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>all interfaces</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name shown on your announcements.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Title of the chat shown on the page.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Longest message allowed, in characters.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Messages one person may send per period, as COUNT/SECONDS (0/1: no limit).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Messages all connections from one network address may send together per period, as COUNT/SECONDS (0/1: no limit).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 times --rate (%2)</source>
        <extracomment>%1 a multiple, %2 the resulting COUNT/SECONDS</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How many recent messages a newcomer sees.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Most people in the chat at once (0: no limit).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Words refused or masked in messages.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Most open connections in total.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Most open connections, and people, from one network address.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>New connections one network address may open at once, refilled at COUNT per SECONDS; faster ones get 429 (0/1: no limit).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Largest message or request body accepted, in bytes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Milliseconds between heartbeats.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Milliseconds a client has to answer a heartbeat.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Milliseconds a new connection has to send its request.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Milliseconds an HTTP connection may stay open with no request or an unfinished one.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Milliseconds an HTTP answer may wait unread by its client before the connection is closed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 Default: %2.</source>
        <extracomment>%1 an option's help, %2 its default value</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Start-up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The room</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Limits</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>between %1 and %2</source>
        <extracomment>what an option's value must be: --port must be between 0 and 65535</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>COUNT/SECONDS with COUNT between %1 and %2 and SECONDS between 1 and %3, e.g. 5/5</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 to %2 characters long</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>a readable file whose first line is the password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>--%1 must be %2, not '%3'.</source>
        <extracomment>%1 option name, %2 what is expected, %3 the value given</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Usage: %1 [options]</source>
        <extracomment>%1 the program's name</extracomment>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Other</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This help.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This help and Qt's own options.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The version.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>How long people may edit or delete their own messages (0: not at all).</source>
        <translation />
    </message>
    <message>
        <source>People cannot write private messages to one another (the host still can).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Whether people may share files: any file, none, or pictures only (PNG, JPEG, GIF, WebP).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The largest file people may share, in megabytes (MiB).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The storage all shared files may take together, in megabytes (MiB); when full, uploads are refused.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Files one person may upload per minute (0: no limit).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConsoleWriter</name>
    <message numerus="yes">
        <source>(%n line(s) dropped: the output was not read)</source>
        <extracomment>headless output; %n lines were not written because nobody read the output</extracomment>
        <translation><numerusform>(%n line dropped: the output was not read)</numerusform><numerusform>(%n lines dropped: the output was not read)</numerusform></translation>
    </message>
</context>
<context>
    <name>FileSharing</name>
    <message>
        <source>The file could not be stored.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The host allows pictures only (PNG, JPEG, GIF, WebP).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Moderation</name>
    <message>
        <source>Cannot store bans in %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Saving bans and the moderation log failed (%1); they are now kept in memory only, until ChatHost stops.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot store mutes in %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The mute holds until the app stops but could not be saved: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Run '%1 --help' for the options.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cannot create the data folder %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Warning: %1 The chat runs, but its history is kept in memory only.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Warning: only %1 open files allowed; fewer people can connect.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Warning: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ChatHost is running. People on your network can open:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Shutting down…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refused a message from %1 (%2)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>refusing connections from %1: %2</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <source>stopped refusing %1: %n connection(s) refused</source>
        <translation><numerusform>stopped refusing %1: %n connection refused</numerusform><numerusform>stopped refusing %1: %n connections refused</numerusform></translation>
    </message>
    <message>
        <source>ChatHost already runs on port %1 with the data folder %2: its window was brought to the front.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>

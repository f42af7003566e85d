// The chat's settings: limits, budgets and room rules, with their defaults. Copied into the
// service; the host changes them while running through ChatService::setOptions() and the
// Moderator's room rules.
#pragma once

#include "moderation/wordfilter.h"

#include <QString>
#include <QStringList>

namespace ChatHost::Chat {

struct ChatOptions
{
    QString hostName = QStringLiteral("Host");
    QString roomTitle = QStringLiteral("ChatHost");
    int maxMessageLength = 2000; // characters (code points)
    int rateCount = 5; // messages allowed per ratePeriodMs (burst included); 0: no limit
    qint64 ratePeriodMs = 5000;
    // Per address: what all connections from one network address may do together, on top of
    // each person's own limits (one machine must not multiply them by opening connections).
    // Messages per addressRatePeriodMs; -1: kAddressRateMultiple times the personal rate, over
    // the same period; 0: no limit.
    int addressRateCount = -1;
    qint64 addressRatePeriodMs = 0; // 0: ratePeriodMs
    static constexpr int kAddressRateMultiple = 10; // a family behind one router, a few tabs
    int maxPeoplePerAddress = 64; // people connected from one address at once; 0: no limit
    int effectiveAddressRateCount() const
    {
        return addressRateCount >= 0 ? addressRateCount : rateCount * kAddressRateMultiple;
    }
    qint64 effectiveAddressRatePeriodMs() const
    {
        return addressRatePeriodMs > 0 ? addressRatePeriodMs : ratePeriodMs;
    }
    int historyOnJoin = 100; // how many recent entries a newcomer receives
    int catchUpLimit = 1000; // the most a reconnecting client receives at once
    // The history a newcomer or a reconnecting page gets on joining: at most about this many
    // bytes of JSON (the newest that fit; a catch-up then says complete: false).
    qsizetype joinHistoryBytes = 1024 * 1024;
    int typingThrottleMs = 2000; // a repeated "typing: true" is passed on at most this often
    int typingChangeGapMs = 1000; // any two typing changes of one person are this far apart
    // Renames one person may make per period (the nickname chosen when joining is free).
    int renameCount = 3;
    qint64 renamePeriodMs = 60000;
    // "history" requests one person may make per period, and the largest answer in bytes.
    int historyRequestCount = 5;
    qint64 historyRequestPeriodMs = 10000;
    qsizetype historyReplyBytes = 256 * 1024;
    // Room rules the host can change while running.
    int slowModeSeconds = 0; // one message per N seconds per person; 0: off
    bool locked = false; // only the host can write
    int maxPeople = 0; // 0: no limit
    QStringList filterWords;
    Moderation::WordFilter::Mode filterMode = Moderation::WordFilter::Mode::Refuse;
    // How long people may edit or delete their own messages, in seconds; 0: not at all.
    int editWindowSeconds = 300;
    // Reactions one person may toggle per period.
    int reactionCount = 20;
    qint64 reactionPeriodMs = 10000;
    bool privateMessages = true; // people may write to one person (--no-private-messages)
    // A room password checked when a page connects (empty: none). Never logged.
    QString password;
    int passwordAttemptsPerMinute = 5; // per address, then that address waits a minute
    // Files and pictures (docs/chat-protocol.md, "Files"): off, pictures only (PNG, JPEG, GIF,
    // WebP, decided from the bytes), or any file.
    enum class FileSharing { Off, Pictures, On };
    FileSharing fileSharing = FileSharing::On;
    qint64 maxFileBytes = 100LL * 1024 * 1024; // the largest file
    qint64 filesQuotaBytes = 2LL * 1024 * 1024 * 1024; // all stored files together
    int uploadsPerMinute = 10; // per person; 0: no limit
};

} // namespace ChatHost::Chat

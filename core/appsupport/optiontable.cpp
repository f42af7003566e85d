// See optiontable.h. Longer than our ~400-line mark on purpose: it is the table itself, one row per
// option (name, value, help, range, default and target), and splitting it would scatter the rows
// that --help, the parser, the settings and the README read as one list.
#include "appsupport/optiontable.h"

#include "appsupport/commandline.h"
#include "http/originpolicy.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSettings>

#include <algorithm>

namespace ChatHost {

namespace {

QString translated(const char *text)
{
    return QCoreApplication::translate("CommandLine", text);
}

bool parseInteger(const QString &text, qint64 min, qint64 max, qint64 *out = nullptr)
{
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok || v < min || v > max)
        return false;
    if (out)
        *out = v;
    return true;
}

// COUNT/SECONDS, checked: {count, seconds}.
std::pair<qint64, qint64> countPerSeconds(const QString &value)
{
    return {value.section(u'/', 0, 0).toLongLong(), value.section(u'/', 1, 1).toLongLong()};
}

QString perSecondsText(qint64 count, qint64 periodMs)
{
    return QStringLiteral("%1/%2").arg(count).arg(periodMs / 1000);
}

qint64 clamped(const QVariant &value, const OptionRange &range)
{
    return std::clamp(value.toLongLong(), range.min, range.max);
}

QString readFirstLine(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine()).trimmed();
}

using Group = OptionGroup;
using Kind = OptionKind;
using R = ResolvedOptions;

// The rows, in --help order. QT_TRANSLATE_NOOP marks the help for lupdate.
// clang-format off
// Start-up: how ChatHost runs and what it serves.
QList<OptionSpec> startUpRows()
{
    return {
        OptionSpec("headless", nullptr, QT_TRANSLATE_NOOP("CommandLine", "Run without a window: serve and log to the terminal until interrupted."), Group::StartUp, Kind::Switch)
            .withTarget([](CommandLine &c, const QString &) { c.headless = true; }, nullptr),
        OptionSpec("data-dir", "DIR", QT_TRANSLATE_NOOP("CommandLine", "Folder for the history and settings data."), Group::StartUp, Kind::Text)
            .withDefault([](const R &) { return QCoreApplication::translate("CommandLine", "the user's data folder"); })
            .withTarget([](CommandLine &c, const QString &v) { c.dataDir = v; }, nullptr),
        OptionSpec("lang", "CODE", QT_TRANSLATE_NOOP("CommandLine", "User interface language, e.g. de or en."), Group::StartUp, Kind::Text)
            .withDefault([](const R &) { return QCoreApplication::translate("CommandLine", "the system's"); })
            .withTarget([](CommandLine &c, const QString &v) { c.language = v; }, nullptr),
        OptionSpec("web-root", "DIR", QT_TRANSLATE_NOOP("CommandLine", "Serve this folder's pages instead of the built-in chat page."), Group::StartUp, Kind::Folder)
            .withTarget([](CommandLine &c, const QString &v) { c.host.webRoot = QDir(v).absolutePath(); },
                        [](R &t, const R &f) { t.host.webRoot = f.host.webRoot; }),
    };
}

// Network: where it listens and who may connect.
QList<OptionSpec> networkRows()
{
    return {
        OptionSpec("port", "N", QT_TRANSLATE_NOOP("CommandLine", "TCP port to listen on (0 picks a free one)."), Group::Network, Kind::Integer, {0, 65535})
            .withDefault([](const R &d) { return QString::number(d.host.port); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.port = quint16(v.toUInt()); },
                        [](R &t, const R &f) { t.host.port = f.host.port; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             qint64 port = 0;
                             if (parseInteger(s.value(QStringLiteral("server/port")).toString(), r.min, r.max, &port))
                                 t.host.port = quint16(port);
                             return s.contains(QStringLiteral("server/port"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("server/port"), f.host.port); }),
        OptionSpec("bind", "ADDRESS", QT_TRANSLATE_NOOP("CommandLine", "Address to listen on."), Group::Network, Kind::Address)
            .withDefault([](const R &) { return QCoreApplication::translate("CommandLine", "all interfaces"); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.bindAddress = QHostAddress(v); },
                        [](R &t, const R &f) { t.host.bindAddress = f.host.bindAddress; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &) {
                             QHostAddress a;
                             if (a.setAddress(s.value(QStringLiteral("server/bind")).toString()))
                                 t.host.bindAddress = a;
                             return s.contains(QStringLiteral("server/bind"));
                         },
                         [](QSettings &s, const R &f) {
                             s.setValue(QStringLiteral("server/bind"), f.host.bindAddress == QHostAddress::Any ? QString() : f.host.bindAddress.toString());
                         }),
        OptionSpec("allow-origin", "ORIGIN", QT_TRANSLATE_NOOP("CommandLine", "Also let pages from this web origin connect, e.g. http://intranet:8080 (repeatable; * allows any)."), Group::Network, Kind::Origin)
            .withTarget([](CommandLine &c, const QString &v) { c.host.allowedOrigins.append(v); },
                        [](R &t, const R &f) { t.host.allowedOrigins = f.host.allowedOrigins; }),
    };
}

// The room: its names and the longest message.
QList<OptionSpec> roomRows()
{
    return {
        OptionSpec("host-name", "NAME", QT_TRANSLATE_NOOP("CommandLine", "Name shown on your announcements."), Group::Room, Kind::Text, {1, 32})
            .withDefault([](const R &d) { return d.chat.hostName; })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.hostName = v.trimmed(); },
                        [](R &t, const R &f) { t.chat.hostName = f.chat.hostName; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &) {
                             t.chat.hostName = s.value(QStringLiteral("chat/hostName"), t.chat.hostName).toString();
                             return s.contains(QStringLiteral("chat/hostName"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("chat/hostName"), f.chat.hostName); }),
        OptionSpec("title", "TEXT", QT_TRANSLATE_NOOP("CommandLine", "Title of the chat shown on the page."), Group::Room, Kind::CutText, {0, 100})
            .withDefault([](const R &d) { return d.chat.roomTitle; })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.roomTitle = v.trimmed().left(optionRange(u"title").max); },
                        [](R &t, const R &f) { t.chat.roomTitle = f.chat.roomTitle; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &) {
                             t.chat.roomTitle = s.value(QStringLiteral("chat/title"), t.chat.roomTitle).toString();
                             return s.contains(QStringLiteral("chat/title"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("chat/title"), f.chat.roomTitle); }),
        OptionSpec("max-length", "N", QT_TRANSLATE_NOOP("CommandLine", "Longest message allowed, in characters."), Group::Room, Kind::Integer, {1, 100000})
            .withDefault([](const R &d) { return QString::number(d.chat.maxMessageLength); })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.maxMessageLength = v.toInt(); },
                        [](R &t, const R &f) { t.chat.maxMessageLength = f.chat.maxMessageLength; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.maxMessageLength = int(clamped(s.value(QStringLiteral("chat/maxLength"), t.chat.maxMessageLength), r));
                             return s.contains(QStringLiteral("chat/maxLength"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("chat/maxLength"), f.chat.maxMessageLength); }),
    };
}

constexpr qint64 kMiB = 1024 * 1024;

QString fileSharingName(Chat::ChatOptions::FileSharing mode)
{
    switch (mode) {
    case Chat::ChatOptions::FileSharing::Off: return QStringLiteral("off");
    case Chat::ChatOptions::FileSharing::Pictures: return QStringLiteral("pictures");
    case Chat::ChatOptions::FileSharing::On: break;
    }
    return QStringLiteral("on");
}

Chat::ChatOptions::FileSharing fileSharingFromName(const QString &name)
{
    if (name == u"off")
        return Chat::ChatOptions::FileSharing::Off;
    if (name == u"pictures")
        return Chat::ChatOptions::FileSharing::Pictures;
    return Chat::ChatOptions::FileSharing::On;
}

// The room: how much people may write.
QList<OptionSpec> messageRows()
{
    return {
        OptionSpec("rate", "COUNT/SECONDS", QT_TRANSLATE_NOOP("CommandLine", "Messages one person may send per period, as COUNT/SECONDS (0/1: no limit)."), Group::Room, Kind::CountPerSeconds, {0, 100000})
            .withDefault([](const R &d) { return perSecondsText(d.chat.rateCount, d.chat.ratePeriodMs); })
            .withTarget([](CommandLine &c, const QString &v) {
                            const auto [count, seconds] = countPerSeconds(v);
                            c.chat.rateCount = int(count);
                            c.chat.ratePeriodMs = seconds * 1000;
                        },
                        [](R &t, const R &f) {
                            t.chat.rateCount = f.chat.rateCount;
                            t.chat.ratePeriodMs = f.chat.ratePeriodMs;
                        })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.rateCount = int(clamped(s.value(QStringLiteral("chat/rateCount"), t.chat.rateCount), r));
                             t.chat.ratePeriodMs = clamped(s.value(QStringLiteral("chat/ratePeriodMs"), t.chat.ratePeriodMs), {1000, kMaxPeriodSeconds * 1000});
                             return s.contains(QStringLiteral("chat/rateCount")) || s.contains(QStringLiteral("chat/ratePeriodMs"));
                         },
                         [](QSettings &s, const R &f) {
                             s.setValue(QStringLiteral("chat/rateCount"), f.chat.rateCount);
                             s.setValue(QStringLiteral("chat/ratePeriodMs"), f.chat.ratePeriodMs);
                         }),
        OptionSpec("rate-per-address", "COUNT/SECONDS", QT_TRANSLATE_NOOP("CommandLine", "Messages all connections from one network address may send together per period, as COUNT/SECONDS (0/1: no limit)."), Group::Room, Kind::CountPerSeconds, {0, 1000000})
            .withDefault([](const R &d) {
                //: %1 a multiple, %2 the resulting COUNT/SECONDS
                return QCoreApplication::translate("CommandLine", "%1 times --rate (%2)").arg(Chat::ChatOptions::kAddressRateMultiple)
                        .arg(perSecondsText(d.chat.effectiveAddressRateCount(), d.chat.effectiveAddressRatePeriodMs()));
            })
            .withTarget([](CommandLine &c, const QString &v) {
                            const auto [count, seconds] = countPerSeconds(v);
                            c.chat.addressRateCount = int(count);
                            c.chat.addressRatePeriodMs = seconds * 1000;
                        },
                        [](R &t, const R &f) {
                            t.chat.addressRateCount = f.chat.addressRateCount;
                            t.chat.addressRatePeriodMs = f.chat.addressRatePeriodMs;
                        }),
        OptionSpec("history", "N", QT_TRANSLATE_NOOP("CommandLine", "How many recent messages a newcomer sees."), Group::Room, Kind::Integer, {0, 10000})
            .withDefault([](const R &d) { return QString::number(d.chat.historyOnJoin); })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.historyOnJoin = v.toInt(); },
                        [](R &t, const R &f) { t.chat.historyOnJoin = f.chat.historyOnJoin; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.historyOnJoin = int(clamped(s.value(QStringLiteral("chat/history"), t.chat.historyOnJoin), r));
                             return s.contains(QStringLiteral("chat/history"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("chat/history"), f.chat.historyOnJoin); }),
        OptionSpec("edit-window", "SECONDS", QT_TRANSLATE_NOOP("CommandLine", "How long people may edit or delete their own messages (0: not at all)."), Group::Room, Kind::Integer, {0, 86400})
            .withDefault([](const R &d) { return QString::number(d.chat.editWindowSeconds); })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.editWindowSeconds = v.toInt(); },
                        [](R &t, const R &f) { t.chat.editWindowSeconds = f.chat.editWindowSeconds; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.editWindowSeconds = int(clamped(s.value(QStringLiteral("chat/editWindow"), t.chat.editWindowSeconds), r));
                             return s.contains(QStringLiteral("chat/editWindow"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("chat/editWindow"), f.chat.editWindowSeconds); }),
        OptionSpec("no-private-messages", nullptr, QT_TRANSLATE_NOOP("CommandLine", "People cannot write private messages to one another (the host still can)."), Group::Room, Kind::Switch)
            .withTarget([](CommandLine &c, const QString &) { c.chat.privateMessages = false; },
                        [](R &t, const R &f) { t.chat.privateMessages = f.chat.privateMessages; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &) {
                             t.chat.privateMessages = s.value(QStringLiteral("room/privateMessages"), t.chat.privateMessages).toBool();
                             return s.contains(QStringLiteral("room/privateMessages"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("room/privateMessages"), f.chat.privateMessages); }),
        OptionSpec("files", "on|off|pictures", QT_TRANSLATE_NOOP("CommandLine", "Whether people may share files: any file, none, or pictures only (PNG, JPEG, GIF, WebP)."), Group::Room, Kind::Text)
            .withDefault([](const R &d) { return fileSharingName(d.chat.fileSharing); })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.fileSharing = fileSharingFromName(v); },
                        [](R &t, const R &f) { t.chat.fileSharing = f.chat.fileSharing; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &) {
                             t.chat.fileSharing = fileSharingFromName(s.value(QStringLiteral("files/sharing"), fileSharingName(t.chat.fileSharing)).toString());
                             return s.contains(QStringLiteral("files/sharing"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("files/sharing"), fileSharingName(f.chat.fileSharing)); }),
        OptionSpec("max-file-size", "MB", QT_TRANSLATE_NOOP("CommandLine", "The largest file people may share, in megabytes (MiB)."), Group::Room, Kind::Integer, {1, 1024 * 1024})
            .withDefault([](const R &d) { return QString::number(d.chat.maxFileBytes / kMiB); })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.maxFileBytes = v.toLongLong() * kMiB; },
                        [](R &t, const R &f) { t.chat.maxFileBytes = f.chat.maxFileBytes; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.maxFileBytes = clamped(s.value(QStringLiteral("files/maxFileMB"), t.chat.maxFileBytes / kMiB), r) * kMiB;
                             return s.contains(QStringLiteral("files/maxFileMB"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("files/maxFileMB"), f.chat.maxFileBytes / kMiB); }),
        OptionSpec("files-quota", "MB", QT_TRANSLATE_NOOP("CommandLine", "The storage all shared files may take together, in megabytes (MiB); when full, uploads are refused."), Group::Room, Kind::Integer, {0, 1024LL * 1024 * 1024})
            .withDefault([](const R &d) { return QString::number(d.chat.filesQuotaBytes / kMiB); })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.filesQuotaBytes = v.toLongLong() * kMiB; },
                        [](R &t, const R &f) { t.chat.filesQuotaBytes = f.chat.filesQuotaBytes; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.filesQuotaBytes = clamped(s.value(QStringLiteral("files/quotaMB"), t.chat.filesQuotaBytes / kMiB), r) * kMiB;
                             return s.contains(QStringLiteral("files/quotaMB"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("files/quotaMB"), f.chat.filesQuotaBytes / kMiB); }),
        OptionSpec("uploads-per-minute", "N", QT_TRANSLATE_NOOP("CommandLine", "Files one person may upload per minute (0: no limit)."), Group::Room, Kind::Integer, {0, 100000})
            .withDefault([](const R &d) { return QString::number(d.chat.uploadsPerMinute); })
            .withTarget([](CommandLine &c, const QString &v) { c.chat.uploadsPerMinute = v.toInt(); },
                        [](R &t, const R &f) { t.chat.uploadsPerMinute = f.chat.uploadsPerMinute; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.uploadsPerMinute = int(clamped(s.value(QStringLiteral("files/uploadsPerMinute"), t.chat.uploadsPerMinute), r));
                             return s.contains(QStringLiteral("files/uploadsPerMinute"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("files/uploadsPerMinute"), f.chat.uploadsPerMinute); }),
    };
}

// The room: who may join, and the settings-only rows.
QList<OptionSpec> roomAccessRows()
{
    return {
        // Never saved (see README).
        OptionSpec("password", "TEXT", QT_TRANSLATE_NOOP("CommandLine", "Ask everyone for this password before they can join (visible to other users of this computer; prefer --password-file)."), Group::Room, Kind::Text)
            .withTarget([](CommandLine &c, const QString &v) { c.chat.password = v; },
                        [](R &t, const R &f) { t.chat.password = f.chat.password; }),
        OptionSpec("password-file", "FILE", QT_TRANSLATE_NOOP("CommandLine", "Read the room password from the first line of this file."), Group::Room, Kind::File)
            .withTarget([](CommandLine &c, const QString &v) { c.chat.password = readFirstLine(v); },
                        [](R &t, const R &f) { t.chat.password = f.chat.password; }, "password"),
        OptionSpec("max-people", "N", QT_TRANSLATE_NOOP("CommandLine", "Most people in the chat at once (0: no limit)."), Group::Room, Kind::Integer, {0, 100000})
            .withDefault([](const R &d) { return QString::number(d.chat.maxPeople); })
            .withTarget(nullptr, [](R &t, const R &f) { t.chat.maxPeople = f.chat.maxPeople; })
            .withSetting([](const QSettings &s, R &t, const OptionRange &r) {
                             t.chat.maxPeople = int(clamped(s.value(QStringLiteral("room/maxPeople"), t.chat.maxPeople), r));
                             return s.contains(QStringLiteral("room/maxPeople"));
                         },
                         [](QSettings &s, const R &f) { s.setValue(QStringLiteral("room/maxPeople"), f.chat.maxPeople); })
            .settingOnly(),
        OptionSpec("filter", "WORDS", QT_TRANSLATE_NOOP("CommandLine", "Words refused or masked in messages."), Group::Room, Kind::Text)
            .withTarget(nullptr, [](R &t, const R &f) {
                            t.chat.filterWords = f.chat.filterWords;
                            t.chat.filterMode = f.chat.filterMode;
                        })
            .withSetting([](const QSettings &s, R &t, const OptionRange &) {
                             t.chat.filterWords = s.value(QStringLiteral("room/filterWords"), t.chat.filterWords).toStringList();
                             if (s.contains(QStringLiteral("room/filterMode")))
                                 t.chat.filterMode = s.value(QStringLiteral("room/filterMode")).toString() == u"mask"
                                         ? Moderation::WordFilter::Mode::Mask : Moderation::WordFilter::Mode::Refuse;
                             return s.contains(QStringLiteral("room/filterWords")) || s.contains(QStringLiteral("room/filterMode"));
                         },
                         [](QSettings &s, const R &f) {
                             s.setValue(QStringLiteral("room/filterWords"), f.chat.filterWords);
                             s.setValue(QStringLiteral("room/filterMode"), f.chat.filterMode == Moderation::WordFilter::Mode::Mask ? QStringLiteral("mask") : QStringLiteral("refuse"));
                         })
            .settingOnly(),
    };
}

// Limits: connections, sizes and timeouts.
QList<OptionSpec> limitsRows()
{
    return {
        OptionSpec("max-connections", "N", QT_TRANSLATE_NOOP("CommandLine", "Most open connections in total."), Group::Limits, Kind::Integer, {1, 1000000})
            .withDefault([](const R &d) { return QString::number(d.host.limits.maxConnections); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.limits.maxConnections = v.toInt(); },
                        [](R &t, const R &f) { t.host.limits.maxConnections = f.host.limits.maxConnections; }),
        OptionSpec("max-per-address", "N", QT_TRANSLATE_NOOP("CommandLine", "Most open connections, and people, from one network address."), Group::Limits, Kind::Integer, {1, 1000000})
            .withDefault([](const R &d) { return QString::number(d.host.limits.maxPerAddress); })
            .withTarget([](CommandLine &c, const QString &v) {
                            c.host.limits.maxPerAddress = v.toInt();
                            c.chat.maxPeoplePerAddress = v.toInt();
                        },
                        [](R &t, const R &f) {
                            t.host.limits.maxPerAddress = f.host.limits.maxPerAddress;
                            t.chat.maxPeoplePerAddress = f.chat.maxPeoplePerAddress;
                        }),
        OptionSpec("connect-rate-per-address", "COUNT/SECONDS", QT_TRANSLATE_NOOP("CommandLine", "New connections one network address may open at once, refilled at COUNT per SECONDS; faster ones get 429 (0/1: no limit)."), Group::Limits, Kind::CountPerSeconds, {0, 1000000})
            .withDefault([](const R &d) { return perSecondsText(d.host.limits.newPerAddress, d.host.limits.newPerAddressPeriodMs); })
            .withTarget([](CommandLine &c, const QString &v) {
                            const auto [count, seconds] = countPerSeconds(v);
                            c.host.limits.newPerAddress = int(count);
                            c.host.limits.newPerAddressPeriodMs = int(seconds * 1000);
                        },
                        [](R &t, const R &f) {
                            t.host.limits.newPerAddress = f.host.limits.newPerAddress;
                            t.host.limits.newPerAddressPeriodMs = f.host.limits.newPerAddressPeriodMs;
                        }),
        OptionSpec("max-payload", "BYTES", QT_TRANSLATE_NOOP("CommandLine", "Largest message or request body accepted, in bytes."), Group::Limits, Kind::Integer, {1024, qint64(1) << 30})
            .withDefault([](const R &d) { return QString::number(d.host.engine.maxPayload); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.engine.maxPayload = v.toLongLong(); },
                        [](R &t, const R &f) { t.host.engine.maxPayload = f.host.engine.maxPayload; }),
        OptionSpec("ping-interval", "MS", QT_TRANSLATE_NOOP("CommandLine", "Milliseconds between heartbeats."), Group::Limits, Kind::Integer, {1, 3600000})
            .withDefault([](const R &d) { return QString::number(d.host.engine.pingInterval); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.engine.pingInterval = v.toInt(); },
                        [](R &t, const R &f) { t.host.engine.pingInterval = f.host.engine.pingInterval; }),
        OptionSpec("ping-timeout", "MS", QT_TRANSLATE_NOOP("CommandLine", "Milliseconds a client has to answer a heartbeat."), Group::Limits, Kind::Integer, {1, 3600000})
            .withDefault([](const R &d) { return QString::number(d.host.engine.pingTimeout); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.engine.pingTimeout = v.toInt(); },
                        [](R &t, const R &f) { t.host.engine.pingTimeout = f.host.engine.pingTimeout; }),
        OptionSpec("header-timeout", "MS", QT_TRANSLATE_NOOP("CommandLine", "Milliseconds a new connection has to send its request."), Group::Limits, Kind::Integer, {100, 600000})
            .withDefault([](const R &d) { return QString::number(d.host.limits.headerTimeoutMs); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.limits.headerTimeoutMs = v.toInt(); },
                        [](R &t, const R &f) { t.host.limits.headerTimeoutMs = f.host.limits.headerTimeoutMs; }),
        OptionSpec("idle-timeout", "MS", QT_TRANSLATE_NOOP("CommandLine", "Milliseconds an HTTP connection may stay open with no request or an unfinished one."), Group::Limits, Kind::Integer, {100, 3600000})
            .withDefault([](const R &d) { return QString::number(d.host.limits.idleTimeoutMs); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.limits.idleTimeoutMs = v.toInt(); },
                        [](R &t, const R &f) { t.host.limits.idleTimeoutMs = f.host.limits.idleTimeoutMs; }),
        OptionSpec("send-timeout", "MS", QT_TRANSLATE_NOOP("CommandLine", "Milliseconds an HTTP answer may wait unread by its client before the connection is closed."), Group::Limits, Kind::Integer, {100, 3600000})
            .withDefault([](const R &d) { return QString::number(d.host.limits.sendTimeoutMs); })
            .withTarget([](CommandLine &c, const QString &v) { c.host.limits.sendTimeoutMs = v.toInt(); },
                        [](R &t, const R &f) { t.host.limits.sendTimeoutMs = f.host.limits.sendTimeoutMs; }),
    };
}

QList<OptionSpec> makeTable()
{
    return startUpRows() + networkRows() + roomRows() + messageRows() + roomAccessRows() + limitsRows();
}
// clang-format on

} // namespace

const QList<OptionSpec> &optionTable()
{
    static const QList<OptionSpec> table = makeTable();
    return table;
}

const OptionSpec *findOption(QStringView name)
{
    for (const OptionSpec &o : optionTable()) {
        if (name == QLatin1String(o.name))
            return &o;
    }
    return nullptr;
}

OptionRange optionRange(QStringView name)
{
    const OptionSpec *o = findOption(name);
    Q_ASSERT(o);
    return o ? o->range : OptionRange{};
}

QString optionDefault(const OptionSpec &option)
{
    return option.defaultText ? option.defaultText(ResolvedOptions{}) : QString();
}

QString optionHelp(const OptionSpec &option)
{
    const QString help = translated(option.help);
    const QString value = optionDefault(option);
    //: %1 an option's help, %2 its default value
    return value.isEmpty()
            ? help
            : QCoreApplication::translate("CommandLine", "%1 Default: %2.").arg(help, value);
}

QString optionGroupTitle(OptionGroup group)
{
    switch (group) {
    case OptionGroup::StartUp: return QCoreApplication::translate("CommandLine", "Start-up");
    case OptionGroup::Network: return QCoreApplication::translate("CommandLine", "Network");
    case OptionGroup::Room: return QCoreApplication::translate("CommandLine", "The room");
    case OptionGroup::Limits: return QCoreApplication::translate("CommandLine", "Limits");
    }
    return {};
}

namespace {

// text wrapped into lines of at most width columns.
QStringList wrapped(const QString &text, int width)
{
    QStringList lines{QString()};
    const QStringList words = text.split(u' ', Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (!lines.last().isEmpty() && lines.last().size() + 1 + word.size() > width)
            lines.append(QString());
        lines.last() += (lines.last().isEmpty() ? QString() : QStringLiteral(" ")) + word;
    }
    return lines;
}

// "  --name VALUE" and its help wrapped beside it, or below it when the name is long.
QString helpEntry(const QString &call, const QString &help, int width)
{
    constexpr int kColumn = 28;
    const QString indent(kColumn, u' ');
    QString entry = QStringLiteral("  ") + call;
    const QStringList lines = wrapped(help, width - kColumn);
    if (entry.size() + 2 > kColumn)
        entry += u'\n' + indent;
    else
        entry = entry.leftJustified(kColumn);
    return entry + lines.join(u'\n' + indent) + u'\n';
}

} // namespace

QString optionsHelpText(const QString &program, int width)
{
    //: %1 the program's name
    QString text = QCoreApplication::translate("CommandLine", "Usage: %1 [options]").arg(program)
            + u'\n'
            + QCoreApplication::translate("CommandLine",
                                          "Host a chat on the local network: people open the "
                                          "shown address in a browser.")
            + u'\n';
    for (const OptionGroup group :
         {OptionGroup::StartUp, OptionGroup::Network, OptionGroup::Room, OptionGroup::Limits}) {
        text += u'\n' + optionGroupTitle(group) + u":\n";
        for (const OptionSpec &o : optionTable()) {
            if (o.group != group || !o.onCommandLine)
                continue;
            const QString call = QStringLiteral("--") + QLatin1String(o.name)
                    + (o.valueName ? QStringLiteral(" ") + QLatin1String(o.valueName) : QString());
            text += helpEntry(call, optionHelp(o), width);
        }
    }
    text += u'\n' + QCoreApplication::translate("CommandLine", "Other") + u":\n";
    text += helpEntry(QStringLiteral("-h, --help"),
                      QCoreApplication::translate("CommandLine", "This help."), width);
    text += helpEntry(QStringLiteral("--help-all"),
                      QCoreApplication::translate("CommandLine", "This help and Qt's own options."),
                      width);
    text += helpEntry(QStringLiteral("-v, --version"),
                      QCoreApplication::translate("CommandLine", "The version."), width);
    return text;
}

bool optionValueFits(const OptionSpec &option, const QString &value)
{
    const OptionRange &r = option.range;
    switch (option.kind) {
    case OptionKind::Switch:
    case OptionKind::CutText: return true;
    case OptionKind::Integer: return parseInteger(value, r.min, r.max);
    case OptionKind::CountPerSeconds:
        return value.count(u'/') == 1 && parseInteger(value.section(u'/', 0, 0), r.min, r.max)
                && parseInteger(value.section(u'/', 1, 1), 1, kMaxPeriodSeconds);
    case OptionKind::Text:
        if (qstrcmp(option.name, "files") == 0)
            return value == u"on" || value == u"off" || value == u"pictures";
        return r.max == 0 || (value.trimmed().size() >= r.min && value.trimmed().size() <= r.max);
    case OptionKind::Address: return QHostAddress().setAddress(value);
    case OptionKind::Folder: return QDir(value).exists();
    case OptionKind::File: return !readFirstLine(value).isEmpty();
    case OptionKind::Origin: return value == u"*" || !Http::normalizedOrigin(value).isEmpty();
    }
    return false;
}

QString optionExpectation(const OptionSpec &option)
{
    const OptionRange &r = option.range;
    switch (option.kind) {
    case OptionKind::Switch:
    case OptionKind::CutText: return {};
    case OptionKind::Integer:
        //: what an option's value must be: --port must be between 0 and 65535
        return QCoreApplication::translate("CommandLine", "between %1 and %2")
                .arg(r.min)
                .arg(r.max);
    case OptionKind::CountPerSeconds:
        return QCoreApplication::translate("CommandLine",
                                           "COUNT/SECONDS with COUNT between %1 and %2 and SECONDS "
                                           "between 1 and %3, e.g. 5/5")
                .arg(r.min)
                .arg(r.max)
                .arg(kMaxPeriodSeconds);
    case OptionKind::Text:
        return QCoreApplication::translate("CommandLine", "%1 to %2 characters long")
                .arg(r.min)
                .arg(r.max);
    case OptionKind::Address:
        return QCoreApplication::translate("CommandLine", "an IPv4 or IPv6 address");
    case OptionKind::Folder:
        return QCoreApplication::translate("CommandLine", "an existing folder");
    case OptionKind::File:
        return QCoreApplication::translate("CommandLine",
                                           "a readable file whose first line is the password");
    case OptionKind::Origin:
        return QCoreApplication::translate("CommandLine",
                                           "an origin such as http://host:port, or *");
    }
    return {};
}

QString optionValueError(const OptionSpec &option, const QString &value)
{
    //: %1 option name, %2 what is expected, %3 the value given
    return QCoreApplication::translate("CommandLine", "--%1 must be %2, not '%3'.")
            .arg(QLatin1String(option.name), optionExpectation(option), value);
}

} // namespace ChatHost

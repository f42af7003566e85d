// See settings.h.
#include "appsupport/settings.h"

namespace ChatHost {

Settings::Settings(const QString &iniPath, QObject *parent)
    : QObject(parent)
    , m_settings(iniPath.isEmpty() ? std::make_unique<QSettings>()
                                   : std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{ }

quint16 Settings::port() const
{
    const int port = m_settings->value(QStringLiteral("server/port"), 3000).toInt();
    return port >= 0 && port <= 65535 ? quint16(port) : quint16(3000);
}

void Settings::setPort(quint16 port)
{
    m_settings->setValue(QStringLiteral("server/port"), port);
    Q_EMIT changed();
}

QHostAddress Settings::bindAddress() const
{
    const QString text = m_settings->value(QStringLiteral("server/bind")).toString();
    QHostAddress address;
    return text.isEmpty() || !address.setAddress(text) ? QHostAddress(QHostAddress::Any) : address;
}

void Settings::setBindAddress(const QHostAddress &address)
{
    m_settings->setValue(QStringLiteral("server/bind"),
                         address == QHostAddress::Any ? QString() : address.toString());
    Q_EMIT changed();
}

Chat::ChatOptions Settings::chatOptions() const
{
    Chat::ChatOptions o;
    QSettings &s = *m_settings;
    o.hostName = s.value(QStringLiteral("chat/hostName"), o.hostName).toString();
    o.roomTitle = s.value(QStringLiteral("chat/title"), o.roomTitle).toString();
    o.maxMessageLength = std::clamp(
            s.value(QStringLiteral("chat/maxLength"), o.maxMessageLength).toInt(), 1, 100000);
    o.rateCount
            = std::clamp(s.value(QStringLiteral("chat/rateCount"), o.rateCount).toInt(), 0, 100000);
    o.ratePeriodMs
            = std::clamp(s.value(QStringLiteral("chat/ratePeriodMs"), o.ratePeriodMs).toLongLong(),
                         qint64(1000), qint64(86400000));
    o.historyOnJoin = std::clamp(s.value(QStringLiteral("chat/history"), o.historyOnJoin).toInt(),
                                 0, 10000);
    o.maxPeople = std::max(0, s.value(QStringLiteral("room/maxPeople"), 0).toInt());
    o.filterWords = s.value(QStringLiteral("room/filterWords")).toStringList();
    o.filterMode = s.value(QStringLiteral("room/filterMode")).toString() == u"mask"
            ? Moderation::WordFilter::Mode::Mask
            : Moderation::WordFilter::Mode::Refuse;
    return o;
}

void Settings::setChatOptions(const Chat::ChatOptions &o)
{
    QSettings &s = *m_settings;
    s.setValue(QStringLiteral("chat/hostName"), o.hostName);
    s.setValue(QStringLiteral("chat/title"), o.roomTitle);
    s.setValue(QStringLiteral("chat/maxLength"), o.maxMessageLength);
    s.setValue(QStringLiteral("chat/rateCount"), o.rateCount);
    s.setValue(QStringLiteral("chat/ratePeriodMs"), o.ratePeriodMs);
    s.setValue(QStringLiteral("chat/history"), o.historyOnJoin);
    s.setValue(QStringLiteral("room/maxPeople"), o.maxPeople);
    s.setValue(QStringLiteral("room/filterWords"), o.filterWords);
    s.setValue(QStringLiteral("room/filterMode"),
               o.filterMode == Moderation::WordFilter::Mode::Mask ? QStringLiteral("mask")
                                                                  : QStringLiteral("refuse"));
    Q_EMIT changed();
}

OptionLayer Settings::savedOptions() const
{
    OptionLayer layer;
    layer.host.port = port();
    layer.host.bindAddress = bindAddress();
    layer.chat = chatOptions();
    // Option name -> the keys that hold it.
    static const QList<std::pair<const char *, QStringList>> keys = {
            {"port", {QStringLiteral("server/port")}},
            {"bind", {QStringLiteral("server/bind")}},
            {"host-name", {QStringLiteral("chat/hostName")}},
            {"title", {QStringLiteral("chat/title")}},
            {"max-length", {QStringLiteral("chat/maxLength")}},
            {"rate", {QStringLiteral("chat/rateCount"), QStringLiteral("chat/ratePeriodMs")}},
            {"history", {QStringLiteral("chat/history")}},
            {"max-people", {QStringLiteral("room/maxPeople")}},
            {"filter", {QStringLiteral("room/filterWords"), QStringLiteral("room/filterMode")}},
    };
    for (const auto &[name, names] : keys) {
        if (std::any_of(names.begin(), names.end(),
                        [this](const QString &key) { return m_settings->contains(key); }))
            layer.given.insert(QLatin1String(name));
    }
    return layer;
}

bool Settings::notifyNewPeople() const
{
    return m_settings->value(QStringLiteral("ui/notifyNewPeople"), true).toBool();
}

void Settings::setNotifyNewPeople(bool notify)
{
    m_settings->setValue(QStringLiteral("ui/notifyNewPeople"), notify);
    Q_EMIT changed();
}

QByteArray Settings::windowState(const QString &key) const
{
    return m_settings->value(QStringLiteral("window/") + key).toByteArray();
}

void Settings::setWindowState(const QString &key, const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("window/") + key, state);
}

} // namespace ChatHost

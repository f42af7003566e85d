// See settings.h.
#include "appsupport/settings.h"

#include "appsupport/optiontable.h"

namespace ChatHost {

Settings::Settings(const QString &iniPath, QObject *parent)
    : QObject(parent)
    , m_settings(iniPath.isEmpty() ? std::make_unique<QSettings>()
                                   : std::make_unique<QSettings>(iniPath, QSettings::IniFormat))
{ }

OptionLayer Settings::savedOptions() const
{
    OptionLayer layer;
    for (const OptionSpec &o : optionTable()) {
        if (o.load && o.load(*m_settings, layer, o.range))
            layer.given.insert(o.mergeName());
    }
    return layer;
}

void Settings::save(const ResolvedOptions &values, const std::function<bool(QStringView)> &which)
{
    for (const OptionSpec &o : optionTable()) {
        if (o.save && which(QString::fromLatin1(o.name)))
            o.save(*m_settings, values);
    }
    Q_EMIT changed();
}

quint16 Settings::port() const
{
    return savedOptions().host.port;
}

void Settings::setPort(quint16 port)
{
    ResolvedOptions values = savedOptions();
    values.host.port = port;
    save(values, [](QStringView name) { return name == u"port"; });
}

QHostAddress Settings::bindAddress() const
{
    return savedOptions().host.bindAddress;
}

void Settings::setBindAddress(const QHostAddress &address)
{
    ResolvedOptions values = savedOptions();
    values.host.bindAddress = address;
    save(values, [](QStringView name) { return name == u"bind"; });
}

Chat::ChatOptions Settings::chatOptions() const
{
    return savedOptions().chat;
}

void Settings::setChatOptions(const Chat::ChatOptions &o)
{
    ResolvedOptions values;
    values.chat = o;
    // Every saved row but the server's two is the chat's.
    save(values, [](QStringView name) { return name != u"port" && name != u"bind"; });
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

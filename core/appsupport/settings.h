// Typed access to ChatHost's saved settings (QSettings underneath), passed to whoever needs it;
// tests point it at a temporary INI file.
#pragma once

#include "appsupport/resolveoptions.h"
#include "chat/chatservice.h"
#include "server/hostserver.h"

#include <QObject>
#include <QSettings>

#include <functional>
#include <memory>

namespace ChatHost {

class Settings final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Settings)
public:
    // The user's settings (native location), or an INI file at iniPath.
    explicit Settings(const QString &iniPath = {}, QObject *parent = nullptr);

    quint16 port() const;
    void setPort(quint16 port);
    QHostAddress bindAddress() const;
    void setBindAddress(const QHostAddress &address);
    // Chat options as saved (defaults where nothing was saved).
    Chat::ChatOptions chatOptions() const;
    void setChatOptions(const Chat::ChatOptions &options);
    // What the settings hold, as a layer for resolveOptions(): only the options saved in the
    // file are "given". The room password is never saved (see README).
    OptionLayer savedOptions() const;
    bool notifyNewPeople() const;
    void setNotifyNewPeople(bool notify);

    // Opaque values for the window (geometry, splitter sizes).
    QByteArray windowState(const QString &key) const;
    void setWindowState(const QString &key, const QByteArray &state);

    void sync() { m_settings->sync(); }
    QString fileName() const { return m_settings->fileName(); }

Q_SIGNALS:
    void changed();

private:
    // Writes the saved rows of the option table that `which` names.
    void save(const ResolvedOptions &values, const std::function<bool(QStringView)> &which);

    std::unique_ptr<QSettings> m_settings;
};

} // namespace ChatHost

// A name on the LAN: announces the chat over DNS-SD/mDNS (_http._tcp, named after the room's
// title) through Avahi's D-Bus interface on the system bus, and reads the host's .local name.
// Without a system bus, without Avahi, or built without QtDBus it does nothing and says so only
// in the debug category lcDiscovery. Every D-Bus call is asynchronous, except hostNameNow(),
// which start-up uses once with a short timeout.
#pragma once

#include <QObject>
#include <QString>

namespace ChatHost::Discovery {

class ServiceAnnouncer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServiceAnnouncer)
public:
    explicit ServiceAnnouncer(QObject *parent = nullptr);
    ~ServiceAnnouncer() override; // withdraws the announcement

    // Asks Avahi for the host name, waiting at most timeoutMs; empty without Avahi. Also keeps
    // it for hostName().
    QString hostNameNow(int timeoutMs = 1000);
    // The host's fully qualified mDNS name ("box.local"), once known; empty without Avahi.
    QString hostName() const { return m_hostName; }
    // "http://box.local:PORT", or empty.
    QString localUrl(quint16 port) const;

    // Registers (or re-registers with a new title or port) the service; a name another host
    // already uses becomes "Title (2)", "Title (3)", ...
    void announce(const QString &title, quint16 port);
    // Removes the announcement (when the server stops).
    void withdraw();
    // The name registered last (after any renaming); empty when nothing is announced.
    QString serviceName() const { return m_established ? m_name : QString(); }

Q_SIGNALS:
    void hostNameChanged(const QString &hostName);
    // The service is on the network under this name.
    void established(const QString &serviceName);

private Q_SLOTS:
    // EntryGroup.StateChanged, connected by name (QtDBus matches the slot's signature).
    void onGroupStateChanged(int state, const QString &error);

private:
    void lookUpHostName();
    void createGroup();
    void addService();
    void rename();
    void failed(const QString &what, const QString &error);

    QString m_hostName;
    QString m_title;
    QString m_name;
    quint16 m_port = 0;
    int m_attempt = 1;
    bool m_wanted = false;
    bool m_established = false;
    bool m_creating = false;
    QString m_group; // the EntryGroup's object path, empty when none
    quint64 m_generation = 0; // answers to calls made before a withdraw() are ignored
};

} // namespace ChatHost::Discovery

// See serviceannouncer.h. Avahi's D-Bus API: org.freedesktop.Avahi.Server on "/" (GetHostNameFqdn,
// EntryGroupNew) and org.freedesktop.Avahi.EntryGroup on the group's path (AddService, Commit,
// Reset, Free, StateChanged).
#include "discovery/serviceannouncer.h"

#include "common/logging.h"

#ifdef CHATHOST_HAVE_DBUS
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusMetaType>
#include <QDBusObjectPath>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusServiceWatcher>
#endif

namespace ChatHost::Discovery {

namespace {

// A DNS-SD instance name is one DNS label: at most 63 bytes of UTF-8.
constexpr int kMaxNameBytes = 63;
constexpr int kMaxAttempts = 50;

QString nameFor(const QString &title, int attempt)
{
    const QString suffix = attempt > 1 ? QStringLiteral(" (%1)").arg(attempt) : QString();
    QString base = title.simplified();
    if (base.isEmpty())
        base = QStringLiteral("ChatHost");
    while (!base.isEmpty() && (base + suffix).toUtf8().size() > kMaxNameBytes)
        base.chop(1);
    return base + suffix;
}

#ifdef CHATHOST_HAVE_DBUS
const QString kService = QStringLiteral("org.freedesktop.Avahi");
const QString kServerInterface = QStringLiteral("org.freedesktop.Avahi.Server");
const QString kGroupInterface = QStringLiteral("org.freedesktop.Avahi.EntryGroup");
constexpr int kCallTimeoutMs = 5000;
// AvahiEntryGroupState
constexpr int kEstablished = 2;
constexpr int kCollision = 3;
constexpr int kFailure = 4;

QDBusConnection bus()
{
    return QDBusConnection::systemBus();
}

QDBusMessage serverCall(const QString &method)
{
    return QDBusMessage::createMethodCall(kService, QStringLiteral("/"), kServerInterface, method);
}

QDBusMessage groupCall(const QString &path, const QString &method)
{
    return QDBusMessage::createMethodCall(kService, path, kGroupInterface, method);
}

// Calls asynchronously; onReply(reply message) runs on this thread, unless `owner` is gone.
template<typename F>
void callAsync(QObject *owner, const QDBusMessage &message, F onReply)
{
    auto *watcher = new QDBusPendingCallWatcher(bus().asyncCall(message, kCallTimeoutMs), owner);
    QObject::connect(watcher, &QDBusPendingCallWatcher::finished, owner,
                     [watcher, onReply = std::move(onReply)] {
                         watcher->deleteLater();
                         onReply(watcher->reply());
                     });
}
#endif

} // namespace

ServiceAnnouncer::ServiceAnnouncer(QObject *parent)
    : QObject(parent)
{
#ifdef CHATHOST_HAVE_DBUS
    qDBusRegisterMetaType<QList<QByteArray>>();
    if (!bus().isConnected()) {
        qCDebug(lcDiscovery) << "no system bus:" << bus().lastError().message();
        return;
    }
    // Avahi (re)started: its groups of ours are gone; announce again.
    auto *watcher = new QDBusServiceWatcher(kService, bus(),
                                            QDBusServiceWatcher::WatchForRegistration, this);
    connect(watcher, &QDBusServiceWatcher::serviceRegistered, this, [this] {
        qCDebug(lcDiscovery) << "Avahi appeared";
        m_group.clear();
        m_established = false;
        m_creating = false;
        ++m_generation;
        lookUpHostName();
        if (m_wanted)
            createGroup();
    });
    lookUpHostName();
#else
    qCDebug(lcDiscovery) << "built without QtDBus: no DNS-SD announcement";
#endif
}

ServiceAnnouncer::~ServiceAnnouncer()
{
#ifdef CHATHOST_HAVE_DBUS
    if (!m_group.isEmpty() && bus().isConnected()) // Avahi also frees it when we disconnect
        bus().call(groupCall(m_group, QStringLiteral("Free")), QDBus::Block, 500);
#endif
}

QString ServiceAnnouncer::localUrl(quint16 port) const
{
    if (m_hostName.isEmpty() || port == 0)
        return QString();
    return QStringLiteral("http://%1:%2").arg(m_hostName).arg(port);
}

QString ServiceAnnouncer::hostNameNow(int timeoutMs)
{
#ifdef CHATHOST_HAVE_DBUS
    if (m_hostName.isEmpty() && bus().isConnected()) {
        const QDBusMessage reply = bus().call(serverCall(QStringLiteral("GetHostNameFqdn")),
                                              QDBus::Block, timeoutMs);
        if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()) {
            m_hostName = reply.arguments().constFirst().toString();
            Q_EMIT hostNameChanged(m_hostName);
        } else {
            qCDebug(lcDiscovery) << "no host name from Avahi:" << reply.errorMessage();
        }
    }
#else
    Q_UNUSED(timeoutMs)
#endif
    return m_hostName;
}

void ServiceAnnouncer::lookUpHostName()
{
#ifdef CHATHOST_HAVE_DBUS
    callAsync(this, serverCall(QStringLiteral("GetHostNameFqdn")),
              [this](const QDBusMessage &reply) {
                  if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
                      qCDebug(lcDiscovery) << "no host name from Avahi:" << reply.errorMessage();
                      return;
                  }
                  const QString name = reply.arguments().constFirst().toString();
                  if (name != m_hostName) {
                      m_hostName = name;
                      Q_EMIT hostNameChanged(m_hostName);
                  }
              });
#endif
}

void ServiceAnnouncer::announce(const QString &title, quint16 port)
{
    if (m_wanted && title == m_title && port == m_port)
        return;
    m_wanted = true;
    m_title = title;
    m_port = port;
    m_attempt = 1;
    m_name = nameFor(title, m_attempt);
    m_established = false;
#ifdef CHATHOST_HAVE_DBUS
    if (!bus().isConnected())
        return;
    if (m_creating)
        return; // addService() follows the group's creation
    if (m_group.isEmpty()) {
        createGroup();
        return;
    }
    const quint64 generation = m_generation;
    callAsync(this, groupCall(m_group, QStringLiteral("Reset")),
              [this, generation](const QDBusMessage &) {
                  if (generation == m_generation && m_wanted)
                      addService();
              });
#endif
}

void ServiceAnnouncer::withdraw()
{
    m_wanted = false;
    m_established = false;
    ++m_generation;
#ifdef CHATHOST_HAVE_DBUS
    if (!m_group.isEmpty() && bus().isConnected()) {
        bus().disconnect(kService, m_group, kGroupInterface, QStringLiteral("StateChanged"), this,
                         SLOT(onGroupStateChanged(int, QString)));
        callAsync(this, groupCall(m_group, QStringLiteral("Free")), [](const QDBusMessage &) {});
        qCDebug(lcDiscovery) << "withdrawn" << m_name;
    }
#endif
    m_group.clear();
}

void ServiceAnnouncer::createGroup()
{
#ifdef CHATHOST_HAVE_DBUS
    m_creating = true;
    const quint64 generation = m_generation;
    callAsync(this, serverCall(QStringLiteral("EntryGroupNew")),
              [this, generation](const QDBusMessage &reply) {
                  m_creating = false;
                  if (reply.type() != QDBusMessage::ReplyMessage || reply.arguments().isEmpty()) {
                      failed(QStringLiteral("EntryGroupNew"), reply.errorMessage());
                      return;
                  }
                  const QString path
                          = qvariant_cast<QDBusObjectPath>(reply.arguments().constFirst()).path();
                  if (generation != m_generation || !m_wanted) {
                      callAsync(this, groupCall(path, QStringLiteral("Free")),
                                [](const QDBusMessage &) {});
                      if (m_wanted) // withdrawn and announced again meanwhile
                          createGroup();
                      return;
                  }
                  m_group = path;
                  bus().connect(kService, m_group, kGroupInterface, QStringLiteral("StateChanged"),
                                this, SLOT(onGroupStateChanged(int, QString)));
                  addService();
              });
#endif
}

void ServiceAnnouncer::addService()
{
#ifdef CHATHOST_HAVE_DBUS
    QDBusMessage add = groupCall(m_group, QStringLiteral("AddService"));
    add << qint32(-1) << qint32(-1) << quint32(0) // any interface, any protocol, no flags
        << m_name << QStringLiteral("_http._tcp") << QString() << QString()
        << QVariant::fromValue(m_port)
        << QVariant::fromValue(QList<QByteArray>{QByteArrayLiteral("path=/")});
    const quint64 generation = m_generation;
    callAsync(this, add, [this, generation](const QDBusMessage &reply) {
        if (generation != m_generation || !m_wanted)
            return;
        if (reply.type() != QDBusMessage::ReplyMessage) {
            if (reply.errorName() == u"org.freedesktop.Avahi.CollisionError") {
                rename(); // the name is taken on this host
                return;
            }
            failed(QStringLiteral("AddService"), reply.errorMessage());
            return;
        }
        callAsync(this, groupCall(m_group, QStringLiteral("Commit")),
                  [this, generation](const QDBusMessage &committed) {
                      if (generation == m_generation
                          && committed.type() != QDBusMessage::ReplyMessage)
                          failed(QStringLiteral("Commit"), committed.errorMessage());
                  });
    });
#endif
}

void ServiceAnnouncer::onGroupStateChanged(int state, const QString &error)
{
#ifdef CHATHOST_HAVE_DBUS
    if (!m_wanted)
        return;
    if (state == kEstablished) {
        m_established = true;
        qCDebug(lcDiscovery) << "announced" << m_name << "on port" << m_port;
        Q_EMIT established(m_name);
    } else if (state == kCollision) {
        rename(); // another host has the name
    } else if (state == kFailure) {
        failed(QStringLiteral("EntryGroup"), error);
    }
#else
    Q_UNUSED(state)
    Q_UNUSED(error)
#endif
}

void ServiceAnnouncer::rename()
{
#ifdef CHATHOST_HAVE_DBUS
    m_established = false;
    if (++m_attempt > kMaxAttempts) {
        failed(QStringLiteral("rename"), QStringLiteral("too many name collisions"));
        return;
    }
    m_name = nameFor(m_title, m_attempt);
    qCDebug(lcDiscovery) << "name taken, trying" << m_name;
    const quint64 generation = m_generation;
    callAsync(this, groupCall(m_group, QStringLiteral("Reset")),
              [this, generation](const QDBusMessage &) {
                  if (generation == m_generation && m_wanted)
                      addService();
              });
#endif
}

void ServiceAnnouncer::failed(const QString &what, const QString &error)
{
    qCDebug(lcDiscovery) << what << "failed:" << error;
}

} // namespace ChatHost::Discovery

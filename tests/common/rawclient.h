// A small real Socket.IO client for in-process tests: Engine.IO over a QWebSocket to the server
// on loopback, answering pings, recording every event. Enough to act as a person in widget and
// model tests without a second process.
#pragma once

#include "socketio/packet.h"
#include "json/jsonvalue.h"

#include <QTest>
#include <QWebSocket>

namespace ChatHost::Testing {

class RawClient : public QObject
{
    Q_OBJECT
public:
    struct Event
    {
        QString name;
        Json::JsonValue::Array args;
    };

    // Connects to "/" with the given auth object (JSON text).
    RawClient(quint16 port, const QString &authJson = QStringLiteral("{}"))
    {
        connect(&m_ws, &QWebSocket::textMessageReceived, this, &RawClient::onText);
        connect(&m_ws, &QWebSocket::disconnected, this, [this] { m_closed = true; });
        m_auth = authJson;
        m_ws.open(QUrl(QStringLiteral("ws://127.0.0.1:%1/socket.io/?EIO=4&transport=websocket")
                               .arg(port)));
    }

    bool waitConnected(int timeout = 5000)
    {
        return QTest::qWaitFor([this] { return m_connected || !m_connectError.isEmpty(); }, timeout)
                && m_connected;
    }
    QString connectError() const { return m_connectError; }
    bool isClosed() const { return m_closed; }

    void emitEvent(const QString &event, const QString &argsJson = QString())
    {
        m_ws.sendTextMessage(QStringLiteral("42[\"") + event + u'"'
                             + (argsJson.isEmpty() ? QString() : u',' + argsJson) + u']');
    }
    // Emits with an ack and waits for the answer (its first argument).
    std::optional<Json::JsonValue> call(const QString &event, const QString &argsJson,
                                        int timeout = 5000)
    {
        const qint64 id = m_nextAck++;
        m_ws.sendTextMessage(QStringLiteral("42") + QString::number(id) + QStringLiteral("[\"")
                             + event + u'"' + (argsJson.isEmpty() ? QString() : u',' + argsJson)
                             + u']');
        if (!QTest::qWaitFor([&] { return m_acks.contains(id); }, timeout))
            return std::nullopt;
        const Json::JsonValue::Array a = m_acks.take(id);
        return a.empty() ? Json::JsonValue() : a.front();
    }
    // Waits for an event (optionally one whose first argument satisfies match).
    std::optional<Event> waitFor(const QString &name,
                                 std::function<bool(const Json::JsonValue &)> match = {},
                                 int timeout = 5000)
    {
        std::optional<Event> found;
        (void)QTest::qWaitFor(
                [&] {
                    for (const Event &e : m_events) {
                        if (e.name == name
                            && (!match || (!e.args.empty() && match(e.args.front())))) {
                            found = e;
                            return true;
                        }
                    }
                    return false;
                },
                timeout);
        return found;
    }
    bool received(const QString &name) const
    {
        return std::any_of(m_events.begin(), m_events.end(),
                           [&](const Event &e) { return e.name == name; });
    }
    void close() { m_ws.close(); }

private:
    void onText(const QString &m)
    {
        if (m.startsWith(u'0')) {
            m_ws.sendTextMessage(QStringLiteral("40") + m_auth);
            return;
        }
        if (m == u"2") {
            m_ws.sendTextMessage(QStringLiteral("3"));
            return;
        }
        if (!m.startsWith(u'4'))
            return;
        SocketIO::Decoder decoder;
        const auto r = decoder.addText(QStringView(m).mid(1));
        if (r.status != SocketIO::Decoder::Status::Packet)
            return;
        const SocketIO::Packet &p = r.packet;
        switch (p.type) {
        case SocketIO::PacketType::Connect: m_connected = true; break;
        case SocketIO::PacketType::ConnectError:
            m_connectError = (*p.data)[u"message"].toString();
            break;
        case SocketIO::PacketType::Event: {
            const auto &all = p.data->toArray();
            m_events.push_back(
                    {all.front().toString(), Json::JsonValue::Array(all.begin() + 1, all.end())});
            break;
        }
        case SocketIO::PacketType::Ack: m_acks.insert(p.id, p.data->toArray()); break;
        case SocketIO::PacketType::Disconnect: m_closed = true; break;
        default: break;
        }
    }

    QWebSocket m_ws;
    QString m_auth;
    bool m_connected = false;
    bool m_closed = false;
    QString m_connectError;
    std::vector<Event> m_events;
    QHash<qint64, Json::JsonValue::Array> m_acks;
    qint64 m_nextAck = 0;
};

} // namespace ChatHost::Testing

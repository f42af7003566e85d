// Finds where HTTP/1.1 requests begin and end in a connection's byte stream, before any request
// is handed to Qt's HTTP server, and refuses the ones that break a limit: a head past its size
// limit (431), a body larger than its route allows (413), a framing Qt's parser would guess at
// (400, 501). Pure value code, fed the bytes as they arrive; no sockets.
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>

namespace ChatHost::Http {

// The largest request body each route accepts: rules of method + path prefix. A request that no
// rule matches may carry only `otherwise` bytes (by default none), so a route that needs large
// bodies (an upload) has to be opened deliberately with its own rule.
class BodyPolicy
{
public:
    explicit BodyPolicy(qint64 otherwise = 0)
        : m_otherwise(otherwise)
    { }

    // Requests with this method (e.g. "POST") to pathPrefix or below accept maxBody bytes. The
    // first matching rule wins.
    void allow(const QByteArray &method, const QByteArray &pathPrefix, qint64 maxBody);
    qint64 limitFor(QByteArrayView method, QByteArrayView path) const;
    // Requests with this method to pathPrefix or below are streamed: the framer stops at the end
    // of their head (Step::Streamed) and whoever feeds it takes the body (see streamroute.h).
    // A "GET" rule takes HEAD too.
    void stream(const QByteArray &method, const QByteArray &pathPrefix);
    bool streams(QByteArrayView method, QByteArrayView path) const;

private:
    struct Rule
    {
        QByteArray method;
        QByteArray pathPrefix;
        qint64 maxBody = 0;
    };
    QList<Rule> m_rules;
    QList<Rule> m_streamed;
    qint64 m_otherwise = 0;
};

class RequestFramer
{
public:
    struct Step
    {
        // Streamed: a streamed route's head is complete (consumed ends it); the framer is idle
        // again and the body, if any, is the caller's to take.
        enum Kind { NeedMore, Complete, Refuse, Streamed };
        Kind kind = NeedMore;
        // Bytes of the input taken: on Complete up to the end of the request (the next request
        // starts there), on NeedMore all of them.
        qsizetype consumed = 0;
        int status = 0; // on Refuse
        QByteArray reason; // on Refuse, plain text
    };

    // policy must outlive the framer; nullptr means no bodies anywhere.
    RequestFramer(const BodyPolicy *policy, qsizetype maxHead);

    // Feeds the next bytes of the stream. After Complete, call again with the rest; after Refuse
    // the framer stays refused.
    Step feed(QByteArrayView data);

    // Of the last complete head (or the one being refused after its head).
    QByteArray method() const { return m_method; }
    QByteArray path() const { return m_path; }
    QByteArray target() const { return m_target; }
    bool isUpgrade() const { return m_upgrade; }
    // Whether the connection ends after the answer to it ("Connection: close", or HTTP/1.0
    // without "Connection: keep-alive"); what comes after it is not a request.
    bool wantsClose() const { return m_close; }
    // The whole head of the last Streamed request (request line and header lines).
    QByteArray streamedHead() const { return m_streamedHead; }
    // Whether a request has begun (some of its bytes have arrived) and is not complete.
    bool inRequest() const { return m_state != State::Idle; }
    // Whether the current request's head is complete (its body may still be arriving).
    bool headDone() const { return m_state != State::Idle && m_state != State::Head; }

private:
    enum class State { Idle, Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Refused };
    struct HeadFields;

    Step refuse(int status, const char *reason, qsizetype consumed);
    Step complete(qsizetype consumed);
    // The steps of feed(), one per state. Each takes bytes of data from pos on and returns the
    // step feed() must report (complete or refused), or nothing to go on with the next state.
    void startRequest(QByteArrayView data, qsizetype &pos);
    std::optional<Step> readHead(QByteArrayView data, qsizetype &pos);
    std::optional<Step> readBody(QByteArrayView data, qsizetype &pos);
    std::optional<Step> readChunkSize(QByteArrayView data, qsizetype &pos);
    std::optional<Step> takeChunkSizeLine(qsizetype pos);
    void readChunkData(QByteArrayView data, qsizetype &pos);
    std::optional<Step> readChunkDataEnd(QByteArrayView data, qsizetype &pos);
    std::optional<Step> readTrailer(QByteArrayView data, qsizetype &pos);
    // The head in m_head is complete: parse it and get ready for the body; a refusal (its
    // consumed left 0) if the head breaks a rule.
    std::optional<Step> parseHead();
    std::optional<Step> parseRequestLine(const QByteArray &line);
    std::optional<Step> startBody(const HeadFields &fields);

    const BodyPolicy *m_policy;
    qsizetype m_maxHead;
    State m_state = State::Idle;
    QByteArray m_head; // the head so far, or the current chunk-size / trailer line
    qsizetype m_trailerBytes = 0;
    qint64 m_remaining = 0; // body or chunk bytes still to come
    qint64 m_bodyBytes = 0; // chunk data so far
    qint64 m_limit = 0;
    QByteArray m_method;
    QByteArray m_path;
    QByteArray m_target;
    QByteArray m_streamedHead;
    bool m_upgrade = false;
    bool m_close = false;
    bool m_http10 = false;
    bool m_streaming = false; // the head being parsed is a streamed route's
};

} // namespace ChatHost::Http

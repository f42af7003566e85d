// See requestframer.h.
#include "http/requestframer.h"

#include <algorithm>

namespace ChatHost::Http {

namespace {

constexpr qsizetype kMaxChunkLine = 4096;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView s)
{
    return !s.isEmpty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

// The path of an origin-form or absolute-form target, without query or fragment.
QByteArray pathOf(QByteArrayView target)
{
    if (!target.startsWith('/')) {
        const qsizetype scheme = target.indexOf("://");
        if (scheme < 0)
            return target.toByteArray(); // "*" or an authority
        const qsizetype slash = target.indexOf('/', scheme + 3);
        if (slash < 0)
            return QByteArrayLiteral("/");
        target = target.sliced(slash);
    }
    qsizetype end = target.size();
    for (char stop : {'?', '#'}) {
        const qsizetype at = target.indexOf(stop);
        if (at >= 0)
            end = std::min(end, at);
    }
    return target.first(end).toByteArray();
}

} // namespace

void BodyPolicy::allow(const QByteArray &method, const QByteArray &pathPrefix, qint64 maxBody)
{
    m_rules.append({method, pathPrefix, maxBody});
}

qint64 BodyPolicy::limitFor(QByteArrayView method, QByteArrayView path) const
{
    for (const Rule &rule : m_rules) {
        if (method == rule.method && path.startsWith(rule.pathPrefix))
            return rule.maxBody;
    }
    return m_otherwise;
}

RequestFramer::RequestFramer(const BodyPolicy *policy, qsizetype maxHead)
    : m_policy(policy)
    , m_maxHead(maxHead)
{ }

RequestFramer::Step RequestFramer::refuse(int status, const char *reason, qsizetype consumed)
{
    m_state = State::Refused;
    Step step;
    step.kind = Step::Refuse;
    step.status = status;
    step.reason = QByteArray(reason);
    step.consumed = consumed;
    return step;
}

bool RequestFramer::parseHead(Step *refusal)
{
    const QList<QByteArray> lines = m_head.split('\n');
    auto stripped = [](QByteArray line) {
        if (line.endsWith('\r'))
            line.chop(1);
        return line;
    };
    const QByteArray requestLine = stripped(lines.value(0));
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()
        || !parts[2].startsWith("HTTP/1.")) {
        *refusal = refuse(400, "Malformed request line", 0);
        return false;
    }
    m_method = parts[0];
    m_path = pathOf(parts[1]);
    m_target = parts[1];
    if (m_method == "CONNECT") {
        *refusal = refuse(405, "CONNECT is not supported", 0);
        return false;
    }
    QByteArray contentLength;
    bool haveLength = false;
    QByteArray lastCoding;
    bool haveCoding = false;
    bool upgrade = false;
    bool connectionUpgrade = false;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = stripped(lines[i]);
        if (line.isEmpty())
            continue;
        if (line.startsWith(' ') || line.startsWith('\t')) {
            *refusal = refuse(400, "Folded header lines are not accepted", 0);
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(QByteArrayView(line).first(colon))) {
            *refusal = refuse(400, "Malformed header line", 0);
            return false;
        }
        const QByteArray name = line.first(colon).toLower();
        const QByteArray value = line.sliced(colon + 1).trimmed();
        if (name == "content-length") {
            const bool digits = !value.isEmpty() && value.size() <= 18
                    && std::all_of(value.begin(), value.end(),
                                   [](char c) { return c >= '0' && c <= '9'; });
            if (!digits || (haveLength && value != contentLength)) {
                *refusal = refuse(400, "Invalid Content-Length", 0);
                return false;
            }
            contentLength = value;
            haveLength = true;
        } else if (name == "transfer-encoding") {
            for (const QByteArray &coding : value.split(',')) {
                if (!coding.trimmed().isEmpty())
                    lastCoding = coding.trimmed().toLower();
            }
            haveCoding = true;
        } else if (name == "upgrade") {
            upgrade = true;
        } else if (name == "connection") {
            for (const QByteArray &option : value.split(','))
                connectionUpgrade = connectionUpgrade || option.trimmed().toLower() == "upgrade";
        }
    }
    if (haveCoding && haveLength) {
        *refusal = refuse(400, "Both Content-Length and Transfer-Encoding", 0);
        return false;
    }
    if (haveCoding && lastCoding != "chunked") {
        *refusal = refuse(501, "Unsupported Transfer-Encoding", 0);
        return false;
    }
    // As Qt's parser decides it: what follows such a head is the new protocol's.
    m_upgrade = upgrade && connectionUpgrade && m_method == "GET";
    m_limit = m_policy ? m_policy->limitFor(m_method, m_path) : 0;
    m_bodyBytes = 0;
    if (haveCoding) {
        m_state = State::ChunkSize;
    } else {
        m_remaining = haveLength ? contentLength.toLongLong() : 0;
        if (m_remaining > m_limit) {
            *refusal = refuse(413, "Request body too large for this address", 0);
            return false;
        }
        m_state = State::Body;
    }
    m_head.clear();
    return true;
}

RequestFramer::Step RequestFramer::feed(QByteArrayView data)
{
    qsizetype i = 0;
    const qsizetype n = data.size();
    auto complete = [&] {
        m_state = State::Idle;
        m_head.clear();
        Step step;
        step.kind = Step::Complete;
        step.consumed = i;
        return step;
    };
    while (i < n) {
        switch (m_state) {
        case State::Refused: return refuse(400, "Connection already refused", 0);
        case State::Idle:
            // Empty lines between requests are tolerated (RFC 9112, 2.2).
            if (data[i] == '\r' || data[i] == '\n') {
                ++i;
                continue;
            }
            m_state = State::Head;
            m_upgrade = false;
            m_method.clear();
            m_path.clear();
            m_target.clear();
            break;
        case State::Head: {
            const char c = data[i++];
            m_head.append(c);
            if (m_head.size() > m_maxHead)
                return refuse(431, "Request head too large", i);
            if (c == '\n' && (m_head.endsWith("\n\n") || m_head.endsWith("\n\r\n"))) {
                Step refusal;
                if (!parseHead(&refusal)) {
                    refusal.consumed = i;
                    return refusal;
                }
                if (m_upgrade || (m_state == State::Body && m_remaining == 0))
                    return complete();
            }
            break;
        }
        case State::Body: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, n - i));
            i += take;
            m_remaining -= take;
            if (m_remaining == 0)
                return complete();
            break;
        }
        case State::ChunkSize: {
            const char c = data[i++];
            m_head.append(c);
            if (m_head.size() > kMaxChunkLine)
                return refuse(400, "Chunk size line too long", i);
            if (c != '\n')
                break;
            QByteArray size = m_head.trimmed();
            const qsizetype semicolon = size.indexOf(';');
            if (semicolon >= 0)
                size = size.first(semicolon).trimmed();
            bool ok = !size.isEmpty() && size.size() <= 15;
            const qint64 chunk = ok ? size.toLongLong(&ok, 16) : 0;
            if (!ok || chunk < 0)
                return refuse(400, "Invalid chunk size", i);
            m_head.clear();
            if (chunk == 0) {
                m_state = State::Trailer;
                m_trailerBytes = 0;
                break;
            }
            m_bodyBytes += chunk;
            if (m_bodyBytes > m_limit)
                return refuse(413, "Request body too large for this address", i);
            m_remaining = chunk;
            m_state = State::ChunkData;
            break;
        }
        case State::ChunkData: {
            const qsizetype take = qsizetype(std::min<qint64>(m_remaining, n - i));
            i += take;
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd: {
            const char c = data[i++];
            if (c == '\r' && m_head.isEmpty()) {
                m_head.append(c);
                break;
            }
            if (c != '\n')
                return refuse(400, "Missing line end after chunk data", i);
            m_head.clear();
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailer: {
            const char c = data[i++];
            m_head.append(c);
            if (++m_trailerBytes > m_maxHead)
                return refuse(431, "Request trailer too large", i);
            if (c != '\n')
                break;
            const bool blank = m_head == "\n" || m_head == "\r\n";
            m_head.clear();
            if (blank)
                return complete();
            break;
        }
        }
    }
    Step step;
    step.consumed = n;
    return step;
}

} // namespace ChatHost::Http

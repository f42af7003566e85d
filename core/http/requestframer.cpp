// See requestframer.h.
#include "http/requestframer.h"

#include "common/httpliterals.h"

#include <algorithm>

namespace ChatHost::Http {

namespace Status = HttpLiterals::Status;

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

bool isNamed(QByteArrayView name, const QByteArray &expected)
{
    return name.compare(expected, Qt::CaseInsensitive) == 0;
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

QByteArray withoutCr(QByteArray line)
{
    if (line.endsWith('\r'))
        line.chop(1);
    return line;
}

} // namespace

// What the header lines of one head say about its body and an upgrade.
struct RequestFramer::HeadFields
{
    QByteArray contentLength;
    bool haveLength = false;
    QByteArray lastCoding; // the last Transfer-Encoding coding, lower case
    bool haveCoding = false;
    bool upgrade = false;
    bool connectionUpgrade = false;
    bool connectionClose = false;
    bool connectionKeepAlive = false;

    // Takes one header line; the reason for a 400 if it breaks a rule, else nullptr.
    const char *read(const QByteArray &line);
};

const char *RequestFramer::HeadFields::read(const QByteArray &line)
{
    if (line.startsWith(' ') || line.startsWith('\t'))
        return "Folded header lines are not accepted";
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0 || !isToken(QByteArrayView(line).first(colon)))
        return "Malformed header line";
    const QByteArrayView name = QByteArrayView(line).first(colon);
    const QByteArray value = line.sliced(colon + 1).trimmed();
    if (isNamed(name, HttpLiterals::contentLengthHeader())) {
        const bool digits = !value.isEmpty() && value.size() <= 18
                && std::all_of(value.begin(), value.end(),
                               [](char c) { return c >= '0' && c <= '9'; });
        if (!digits || (haveLength && value != contentLength))
            return "Invalid Content-Length";
        contentLength = value;
        haveLength = true;
    } else if (isNamed(name, HttpLiterals::transferEncodingHeader())) {
        for (const QByteArray &coding : value.split(',')) {
            if (!coding.trimmed().isEmpty())
                lastCoding = coding.trimmed().toLower();
        }
        haveCoding = true;
    } else if (isNamed(name, HttpLiterals::upgradeHeader())) {
        upgrade = true;
    } else if (isNamed(name, HttpLiterals::connectionHeader())) {
        for (const QByteArray &option : value.split(',')) {
            const QByteArray o = option.trimmed();
            connectionUpgrade = connectionUpgrade || isNamed(o, HttpLiterals::upgradeValue());
            connectionClose = connectionClose || isNamed(o, HttpLiterals::closeValue());
            connectionKeepAlive = connectionKeepAlive || isNamed(o, HttpLiterals::keepAliveValue());
        }
    }
    return nullptr;
}

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

void BodyPolicy::stream(const QByteArray &method, const QByteArray &pathPrefix)
{
    m_streamed.append({method, pathPrefix, 0});
}

bool BodyPolicy::streams(QByteArrayView method, QByteArrayView path) const
{
    for (const Rule &rule : m_streamed) {
        const bool methodMatches
                = method == rule.method || (rule.method == "GET" && method == "HEAD");
        if (methodMatches && path.startsWith(rule.pathPrefix))
            return true;
    }
    return false;
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

RequestFramer::Step RequestFramer::complete(qsizetype consumed)
{
    m_state = State::Idle;
    m_head.clear();
    Step step;
    step.kind = Step::Complete;
    step.consumed = consumed;
    return step;
}

std::optional<RequestFramer::Step> RequestFramer::parseHead()
{
    const QList<QByteArray> lines = m_head.split('\n');
    if (auto refusal = parseRequestLine(withoutCr(lines.value(0))))
        return refusal;
    HeadFields fields;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = withoutCr(lines[i]);
        if (line.isEmpty())
            continue;
        if (const char *why = fields.read(line))
            return refuse(Status::BadRequest, why, 0);
    }
    return startBody(fields);
}

std::optional<RequestFramer::Step> RequestFramer::parseRequestLine(const QByteArray &line)
{
    const QList<QByteArray> parts = line.split(' ');
    if (parts.size() != 3 || !isToken(parts[0]) || parts[1].isEmpty()
        || !parts[2].startsWith(HttpLiterals::kHttp1Prefix))
        return refuse(Status::BadRequest, "Malformed request line", 0);
    m_method = parts[0];
    m_http10 = parts[2] == "HTTP/1.0";
    m_path = pathOf(parts[1]);
    m_target = parts[1];
    if (m_method == "CONNECT")
        return refuse(Status::MethodNotAllowed, "CONNECT is not supported", 0);
    return std::nullopt;
}

std::optional<RequestFramer::Step> RequestFramer::startBody(const HeadFields &fields)
{
    if (fields.haveCoding && fields.haveLength)
        return refuse(Status::BadRequest, "Both Content-Length and Transfer-Encoding", 0);
    if (fields.haveCoding && fields.lastCoding != HttpLiterals::chunkedValue())
        return refuse(Status::NotImplemented, "Unsupported Transfer-Encoding", 0);
    // As Qt's parser decides it: what follows such a head is the new protocol's.
    m_upgrade = fields.upgrade && fields.connectionUpgrade && m_method == "GET";
    // The connection ends after the answer: HTTP/1.1 with "Connection: close", HTTP/1.0 unless
    // it asks to be kept alive (RFC 9112, 9.3).
    m_close = !m_upgrade && (fields.connectionClose || (m_http10 && !fields.connectionKeepAlive));
    m_streaming = !m_upgrade && m_policy && m_policy->streams(m_method, m_path);
    if (m_streaming)
        return std::nullopt; // the route reads the head's fields itself
    m_limit = m_policy ? m_policy->limitFor(m_method, m_path) : 0;
    m_bodyBytes = 0;
    if (fields.haveCoding) {
        m_state = State::ChunkSize;
    } else {
        m_remaining = fields.haveLength ? fields.contentLength.toLongLong() : 0;
        if (m_remaining > m_limit)
            return refuse(Status::ContentTooLarge, "Request body too large for this address", 0);
        m_state = State::Body;
    }
    m_head.clear();
    return std::nullopt;
}

// A state machine over the bytes of one connection: each state takes its bytes in its own step
// below, which returns the step feed() reports (complete or refused) or nothing to go on.
RequestFramer::Step RequestFramer::feed(QByteArrayView data)
{
    qsizetype pos = 0;
    while (pos < data.size()) {
        std::optional<Step> step;
        switch (m_state) {
        case State::Refused: return refuse(Status::BadRequest, "Connection already refused", 0);
        case State::Idle: startRequest(data, pos); break;
        case State::Head: step = readHead(data, pos); break;
        case State::Body: step = readBody(data, pos); break;
        case State::ChunkSize: step = readChunkSize(data, pos); break;
        case State::ChunkData: readChunkData(data, pos); break;
        case State::ChunkDataEnd: step = readChunkDataEnd(data, pos); break;
        case State::Trailer: step = readTrailer(data, pos); break;
        }
        if (step)
            return std::move(*step);
    }
    Step step;
    step.consumed = data.size();
    return step;
}

void RequestFramer::startRequest(QByteArrayView data, qsizetype &pos)
{
    // Empty lines between requests are tolerated (RFC 9112, 2.2).
    if (data[pos] == '\r' || data[pos] == '\n') {
        ++pos;
        return;
    }
    m_state = State::Head;
    m_upgrade = false;
    m_close = false;
    m_http10 = false;
    m_method.clear();
    m_path.clear();
    m_target.clear();
}

std::optional<RequestFramer::Step> RequestFramer::readHead(QByteArrayView data, qsizetype &pos)
{
    while (pos < data.size()) {
        const char c = data[pos++];
        m_head.append(c);
        if (m_head.size() > m_maxHead)
            return refuse(Status::HeaderFieldsTooLarge, "Request head too large", pos);
        if (c != '\n' || !(m_head.endsWith("\n\n") || m_head.endsWith("\n\r\n")))
            continue;
        if (auto refusal = parseHead()) {
            refusal->consumed = pos;
            return refusal;
        }
        if (m_streaming) {
            m_streaming = false;
            m_streamedHead = m_head;
            m_state = State::Idle;
            m_head.clear();
            Step step;
            step.kind = Step::Streamed;
            step.consumed = pos;
            return step;
        }
        if (m_upgrade || (m_state == State::Body && m_remaining == 0))
            return complete(pos);
        return std::nullopt; // the body follows
    }
    return std::nullopt;
}

std::optional<RequestFramer::Step> RequestFramer::readBody(QByteArrayView data, qsizetype &pos)
{
    const qsizetype take = qsizetype(std::min<qint64>(m_remaining, data.size() - pos));
    pos += take;
    m_remaining -= take;
    if (m_remaining == 0)
        return complete(pos);
    return std::nullopt;
}

std::optional<RequestFramer::Step> RequestFramer::readChunkSize(QByteArrayView data, qsizetype &pos)
{
    while (pos < data.size()) {
        const char c = data[pos++];
        m_head.append(c);
        if (m_head.size() > kMaxChunkLine)
            return refuse(Status::BadRequest, "Chunk size line too long", pos);
        if (c == '\n')
            return takeChunkSizeLine(pos);
    }
    return std::nullopt;
}

std::optional<RequestFramer::Step> RequestFramer::takeChunkSizeLine(qsizetype pos)
{
    QByteArray size = m_head.trimmed();
    const qsizetype semicolon = size.indexOf(';');
    if (semicolon >= 0)
        size = size.first(semicolon).trimmed();
    bool ok = !size.isEmpty() && size.size() <= 15;
    const qint64 chunk = ok ? size.toLongLong(&ok, 16) : 0;
    if (!ok || chunk < 0)
        return refuse(Status::BadRequest, "Invalid chunk size", pos);
    m_head.clear();
    if (chunk == 0) {
        m_state = State::Trailer;
        m_trailerBytes = 0;
        return std::nullopt;
    }
    m_bodyBytes += chunk;
    if (m_bodyBytes > m_limit)
        return refuse(Status::ContentTooLarge, "Request body too large for this address", pos);
    m_remaining = chunk;
    m_state = State::ChunkData;
    return std::nullopt;
}

void RequestFramer::readChunkData(QByteArrayView data, qsizetype &pos)
{
    const qsizetype take = qsizetype(std::min<qint64>(m_remaining, data.size() - pos));
    pos += take;
    m_remaining -= take;
    if (m_remaining == 0)
        m_state = State::ChunkDataEnd;
}

std::optional<RequestFramer::Step> RequestFramer::readChunkDataEnd(QByteArrayView data,
                                                                   qsizetype &pos)
{
    const char c = data[pos++];
    if (c == '\r' && m_head.isEmpty()) {
        m_head.append(c);
        return std::nullopt;
    }
    if (c != '\n')
        return refuse(Status::BadRequest, "Missing line end after chunk data", pos);
    m_head.clear();
    m_state = State::ChunkSize;
    return std::nullopt;
}

std::optional<RequestFramer::Step> RequestFramer::readTrailer(QByteArrayView data, qsizetype &pos)
{
    while (pos < data.size()) {
        const char c = data[pos++];
        m_head.append(c);
        if (++m_trailerBytes > m_maxHead)
            return refuse(Status::HeaderFieldsTooLarge, "Request trailer too large", pos);
        if (c != '\n')
            continue;
        const bool blank = m_head == "\n" || m_head == "\r\n";
        m_head.clear();
        if (blank)
            return complete(pos);
    }
    return std::nullopt;
}

} // namespace ChatHost::Http

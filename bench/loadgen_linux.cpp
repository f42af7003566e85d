// chathost-loadgen: a load generator for Socket.IO servers, written for speed: one thread, epoll,
// no per-client objects beyond a small struct. It speaks Engine.IO v4 / Socket.IO v5 over
// WebSocket (handshake, "40", a pong for every ping), sends "chat message" events on a fixed
// open-loop schedule with a timestamp and sequence number in the text, and measures delivery
// latency, losses and duplicates. It reports its own CPU use and refuses a run in which it
// saturated its core. Only loopback addresses are accepted as targets.
//
//   chathost-loadgen --port N --clients 1000 --senders 1 --rate 500 --duration 10 [--warmup 2]
//                    [--connect-concurrency 200] [--idle] [--cpu 1] [--hold-seconds S]
// Prints one JSON object on stdout.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>

#include <ctime>
#include <random>
#include <string>
#include <vector>

namespace {

int64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

double cpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec)
            + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// Log-linear latency histogram in microseconds: 1 us resolution up to 1 ms, then ~1%.
class Histogram
{
public:
    void add(int64_t us)
    {
        if (us < 0)
            us = 0;
        ++m_count;
        m_max = std::max(m_max, us);
        ++m_buckets[bucket(us)];
    }
    int64_t count() const { return m_count; }
    int64_t max() const { return m_max; }
    double percentile(double p) const
    {
        if (m_count == 0)
            return 0;
        const int64_t target = int64_t(std::ceil(p / 100.0 * double(m_count)));
        int64_t seen = 0;
        for (size_t i = 0; i < m_buckets.size(); ++i) {
            seen += m_buckets[i];
            if (seen >= target)
                return double(upper(i));
        }
        return double(m_max);
    }

private:
    static size_t bucket(int64_t us)
    {
        if (us < 1000)
            return size_t(us);
        const double b = 1000 + std::log(double(us) / 1000.0) / std::log(1.01);
        return std::min(size_t(b), kBuckets - 1);
    }
    static int64_t upper(size_t b)
    {
        if (b < 1000)
            return int64_t(b);
        return int64_t(1000.0 * std::pow(1.01, double(b - 1000 + 1)));
    }
    static constexpr size_t kBuckets = 1000 + 1200; // up to ~ 150 s
    std::array<int64_t, kBuckets> m_buckets{};
    int64_t m_count = 0;
    int64_t m_max = 0;
};

struct Options
{
    int port = 0;
    int clients = 100;
    int senders = 1;
    double rate = 100; // messages per second, all senders together
    double duration = 10; // seconds of measurement
    double warmup = 2;
    double drain = 2;
    double holdSeconds = 0; // idle mode: how long to stay connected after everyone is in
    int connectConcurrency = 200;
    bool idle = false;
    int cpu = -1;
    int payload = 0; // extra padding bytes in each message
};

enum class State { Connecting, Upgrading, EngineOpen, Connected, Closed };

struct Client
{
    int fd = -1;
    State state = State::Connecting;
    std::string in;
    std::string out;
    std::vector<int64_t> lastSeq; // per sender, for loss/duplicate checks
    int64_t connectStartNs = 0;
    bool wantWrite = false;
};

struct Stats
{
    int64_t sent = 0;
    int64_t sentMeasured = 0;
    int64_t delivered = 0;
    int64_t deliveredMeasured = 0;
    int64_t duplicates = 0;
    int64_t reordered = 0;
    int64_t gaps = 0;
    int64_t pings = 0;
    int64_t closedByServer = 0;
    int64_t connectFailures = 0;
    int64_t connected = 0;
    Histogram latency;
    Histogram connectLatency;
};

Options g_opt;
Stats g_stats;
std::vector<Client> g_clients;
int g_epoll = -1;
std::mt19937 g_rng(12345);
int64_t g_measureStart = 0;
int64_t g_measureEnd = 0;

void die(const char *what)
{
    std::fprintf(stderr, "loadgen: %s: %s\n", what, std::strerror(errno));
    std::exit(2);
}

void armWrite(Client &c, int index, bool on)
{
    if (c.wantWrite == on)
        return;
    c.wantWrite = on;
    epoll_event ev{};
    ev.events = on ? uint32_t(EPOLLIN | EPOLLOUT) : uint32_t(EPOLLIN);
    ev.data.u32 = uint32_t(index);
    epoll_ctl(g_epoll, EPOLL_CTL_MOD, c.fd, &ev);
}

void flush(Client &c, int index)
{
    while (!c.out.empty()) {
        const ssize_t n = ::send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
        if (n > 0) {
            c.out.erase(0, size_t(n));
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            armWrite(c, index, true);
            return;
        }
        return; // error: the read side will see the close
    }
    armWrite(c, index, false);
}

// A client frame: FIN + text, masked as RFC 6455 requires of clients.
void queueText(Client &c, const std::string &text)
{
    std::string &o = c.out;
    o.push_back(char(0x81));
    const size_t n = text.size();
    if (n < 126) {
        o.push_back(char(0x80 | n));
    } else if (n < 65536) {
        o.push_back(char(0x80 | 126));
        o.push_back(char((n >> 8) & 0xff));
        o.push_back(char(n & 0xff));
    } else {
        o.push_back(char(0x80 | 127));
        for (int i = 7; i >= 0; --i)
            o.push_back(char((uint64_t(n) >> (8 * i)) & 0xff));
    }
    const uint32_t mask = g_rng();
    const char m[4] = {char(mask), char(mask >> 8), char(mask >> 16), char(mask >> 24)};
    o.append(m, 4);
    const size_t start = o.size();
    o.append(text);
    for (size_t i = 0; i < n; ++i)
        o[start + i] = char(o[start + i] ^ m[i & 3]);
}

void closeClient(Client &c, bool byServer)
{
    if (c.fd >= 0) {
        epoll_ctl(g_epoll, EPOLL_CTL_DEL, c.fd, nullptr);
        ::close(c.fd);
        c.fd = -1;
    }
    if (c.state == State::Connected && byServer)
        ++g_stats.closedByServer;
    if (c.state != State::Connected && c.state != State::Closed)
        ++g_stats.connectFailures;
    c.state = State::Closed;
}

bool startConnect(int index)
{
    Client &c = g_clients[size_t(index)];
    c.fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0)
        die("socket");
    const int one = 1;
    setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(g_opt.port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK); // loopback only, by design
    c.connectStartNs = nowNs();
    const int r = ::connect(c.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr);
    if (r < 0 && errno != EINPROGRESS) {
        ::close(c.fd);
        c.fd = -1;
        ++g_stats.connectFailures;
        return false;
    }
    c.state = State::Upgrading;
    c.out = "GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n";
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT;
    ev.data.u32 = uint32_t(index);
    c.wantWrite = true;
    if (epoll_ctl(g_epoll, EPOLL_CTL_ADD, c.fd, &ev) < 0)
        die("epoll_ctl");
    return true;
}

// "<sender>:<seq>:<sentNs>" inside the first string argument.
void onDelivery(Client &c, const char *p, const char *end)
{
    const int64_t now = nowNs();
    char *next = nullptr;
    const long sender = std::strtol(p, &next, 10);
    if (next >= end || *next != ':')
        return; // someone else's message (a notice)
    const long long seq = std::strtoll(next + 1, &next, 10);
    if (next >= end || *next != ':')
        return;
    const long long sentNs = std::strtoll(next + 1, &next, 10);
    if (sender < 0 || size_t(sender) >= c.lastSeq.size())
        return;
    ++g_stats.delivered;
    int64_t &last = c.lastSeq[size_t(sender)];
    if (seq == last) {
        ++g_stats.duplicates;
    } else if (seq < last) {
        ++g_stats.reordered;
    } else {
        if (last >= 0 && seq > last + 1)
            g_stats.gaps += seq - last - 1;
        last = seq;
    }
    if (sentNs >= g_measureStart && sentNs < g_measureEnd) {
        ++g_stats.deliveredMeasured;
        g_stats.latency.add((now - sentNs) / 1000);
    }
}

void onText(Client &c, int index, const char *data, size_t n)
{
    if (n == 0)
        return;
    switch (data[0]) {
    case '0': // Engine.IO open
        queueText(c, "40");
        c.state = State::EngineOpen;
        flush(c, index);
        return;
    case '2': // ping
        ++g_stats.pings;
        queueText(c, "3");
        flush(c, index);
        return;
    case '4': break;
    default: return;
    }
    if (n >= 2 && data[1] == '0') {
        if (c.state != State::Connected) {
            c.state = State::Connected;
            ++g_stats.connected;
            g_stats.connectLatency.add((nowNs() - c.connectStartNs) / 1000);
        }
        return;
    }
    if (n >= 2 && data[1] == '2') {
        static const char key[] = "\"chat message\",\"";
        const char *end = data + n;
        const char *found = std::search(data, end, key, key + sizeof key - 1);
        if (found != end)
            onDelivery(c, found + sizeof key - 1, end);
    }
}

void onReadable(int index)
{
    Client &c = g_clients[size_t(index)];
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            c.in.append(buffer, size_t(n));
            if (size_t(n) < sizeof buffer)
                break;
            continue;
        }
        if (n == 0) {
            closeClient(c, true);
            return;
        }
        if (errno == EAGAIN || errno == EWOULDBLOCK)
            break;
        closeClient(c, true);
        return;
    }
    if (c.state == State::Upgrading) {
        const size_t end = c.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return;
        if (c.in.compare(0, 12, "HTTP/1.1 101") != 0) {
            closeClient(c, false);
            return;
        }
        c.in.erase(0, end + 4);
        c.state = State::EngineOpen;
    }
    size_t pos = 0;
    const size_t total = c.in.size();
    const auto *bytes = reinterpret_cast<const unsigned char *>(c.in.data());
    while (total - pos >= 2) {
        const unsigned opcode = bytes[pos] & 0x0f;
        uint64_t len = bytes[pos + 1] & 0x7f;
        size_t header = 2;
        if (len == 126) {
            if (total - pos < 4)
                break;
            len = (uint64_t(bytes[pos + 2]) << 8) | bytes[pos + 3];
            header = 4;
        } else if (len == 127) {
            if (total - pos < 10)
                break;
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | bytes[pos + 2 + size_t(i)];
            header = 10;
        }
        if (total - pos < header + len)
            break;
        const char *payload = c.in.data() + pos + header;
        if (opcode == 1)
            onText(c, index, payload, size_t(len));
        else if (opcode == 8) {
            closeClient(c, true);
            return;
        }
        pos += header + size_t(len);
        if (c.fd < 0)
            return;
    }
    c.in.erase(0, pos);
}

void runLoop(int64_t untilNs, const std::function<void(int64_t)> &tick, int64_t tickEveryNs)
{
    epoll_event events[512];
    int64_t nextTick = nowNs();
    for (;;) {
        const int64_t now = nowNs();
        if (now >= untilNs)
            return;
        if (tick && now >= nextTick) {
            tick(now);
            nextTick = now + tickEveryNs;
        }
        const int64_t wait = std::min(untilNs, tick ? nextTick : untilNs) - nowNs();
        const int timeoutMs = int(std::max<int64_t>(0, (wait + 999999) / 1000000));
        const int n = epoll_wait(g_epoll, events, 512, std::min(timeoutMs, 100));
        for (int i = 0; i < n; ++i) {
            const int index = int(events[i].data.u32);
            Client &c = g_clients[size_t(index)];
            if (c.fd < 0)
                continue;
            if (events[i].events & (EPOLLERR | EPOLLHUP)) {
                closeClient(c, true);
                continue;
            }
            if (events[i].events & EPOLLOUT)
                flush(c, index);
            if (c.fd >= 0 && (events[i].events & EPOLLIN))
                onReadable(index);
        }
    }
}

} // namespace

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&](const char *name) -> const char * {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "loadgen: %s needs a value\n", name);
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--port")
            g_opt.port = std::atoi(next("--port"));
        else if (a == "--clients")
            g_opt.clients = std::atoi(next("--clients"));
        else if (a == "--senders")
            g_opt.senders = std::atoi(next("--senders"));
        else if (a == "--rate")
            g_opt.rate = std::atof(next("--rate"));
        else if (a == "--duration")
            g_opt.duration = std::atof(next("--duration"));
        else if (a == "--warmup")
            g_opt.warmup = std::atof(next("--warmup"));
        else if (a == "--drain")
            g_opt.drain = std::atof(next("--drain"));
        else if (a == "--hold-seconds")
            g_opt.holdSeconds = std::atof(next("--hold-seconds"));
        else if (a == "--connect-concurrency")
            g_opt.connectConcurrency = std::atoi(next("--connect-concurrency"));
        else if (a == "--cpu")
            g_opt.cpu = std::atoi(next("--cpu"));
        else if (a == "--payload")
            g_opt.payload = std::atoi(next("--payload"));
        else if (a == "--idle")
            g_opt.idle = true;
        else {
            std::fprintf(stderr, "loadgen: unknown option %s\n", a.c_str());
            return 2;
        }
    }
    if (g_opt.port <= 0 || g_opt.port > 65535 || g_opt.clients <= 0 || g_opt.senders < 0
        || g_opt.senders > g_opt.clients || g_opt.rate < 0) {
        std::fprintf(stderr,
                     "loadgen: bad options (need --port, clients > 0, 0 <= senders <= clients)\n");
        return 2;
    }
    if (g_opt.cpu >= 0) {
        cpu_set_t set;
        CPU_ZERO(&set);
        CPU_SET(g_opt.cpu, &set);
        sched_setaffinity(0, sizeof set, &set);
    }
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);

    g_epoll = epoll_create1(EPOLL_CLOEXEC);
    if (g_epoll < 0)
        die("epoll_create1");
    g_clients.resize(size_t(g_opt.clients));
    for (Client &c : g_clients)
        c.lastSeq.assign(size_t(g_opt.senders), -1);

    // Markers on stderr let the benchmark driver sample the server's CPU at the right moments.
    std::fprintf(stderr, "mark connect-start\n");
    // Connect everyone, at most connectConcurrency handshakes in flight.
    const int64_t connectStart = nowNs();
    const double cpuConnectStart = cpuSeconds();
    int started = 0;
    const int64_t connectDeadline = connectStart + int64_t(120e9);
    while (g_stats.connected + g_stats.connectFailures < g_opt.clients
           && nowNs() < connectDeadline) {
        while (started < g_opt.clients
               && started - g_stats.connected - g_stats.connectFailures < g_opt.connectConcurrency)
            startConnect(started++);
        runLoop(nowNs() + 5000000, {}, 0);
    }
    const int64_t connectEnd = nowNs();
    std::fprintf(stderr, "mark connect-end\n");
    const double cpuConnect = cpuSeconds() - cpuConnectStart;
    const double connectSeconds = double(connectEnd - connectStart) / 1e9;

    double measuredCpu = 0;
    double measuredWall = 0;
    if (g_opt.idle) {
        const double cpu0 = cpuSeconds();
        const int64_t t0 = nowNs();
        // Nothing to send: hold the connections, answering heartbeats.
        std::fprintf(stderr, "mark hold-start\n");
        runLoop(t0 + int64_t(g_opt.holdSeconds * 1e9), {}, 0);
        std::fprintf(stderr, "mark hold-end\n");
        measuredCpu = cpuSeconds() - cpu0;
        measuredWall = double(nowNs() - t0) / 1e9;
    } else if (g_opt.senders > 0 && g_opt.rate > 0) {
        const int64_t start = nowNs();
        g_measureStart = start + int64_t(g_opt.warmup * 1e9);
        g_measureEnd = g_measureStart + int64_t(g_opt.duration * 1e9);
        const double interval = 1e9 / g_opt.rate;
        std::vector<int64_t> seq(size_t(g_opt.senders), 0);
        int64_t due = start;
        int nextSender = 0;
        double cpu0 = 0;
        bool measuring = false;
        std::string padding(size_t(std::max(0, g_opt.payload)), 'x');
        auto tick = [&](int64_t now) {
            if (!measuring && now >= g_measureStart) {
                measuring = true;
                cpu0 = cpuSeconds();
                std::fprintf(stderr, "mark measure-start\n");
            }
            // Open loop: every message due by now is sent now, whatever the server does.
            while (due <= now && due < g_measureEnd) {
                const int s = nextSender;
                nextSender = (nextSender + 1) % g_opt.senders;
                Client &c = g_clients[size_t(s)];
                if (c.fd >= 0 && c.state == State::Connected) {
                    char text[128];
                    std::snprintf(text, sizeof text, "42[\"chat message\",\"%d:%lld:%lld", s,
                                  (long long)seq[size_t(s)]++, (long long)due);
                    std::string frame = text;
                    frame += padding;
                    frame += "\"]";
                    queueText(c, frame);
                    flush(c, s);
                    ++g_stats.sent;
                    if (due >= g_measureStart)
                        ++g_stats.sentMeasured;
                }
                due += int64_t(interval);
            }
        };
        runLoop(g_measureEnd, tick, 200000); // 0.2 ms resolution
        std::fprintf(stderr, "mark measure-end\n");
        measuredCpu = cpuSeconds() - cpu0;
        measuredWall = double(nowNs() - g_measureStart) / 1e9;
        runLoop(nowNs() + int64_t(g_opt.drain * 1e9), {}, 0); // late deliveries still count
    }

    int64_t stillConnected = 0;
    for (const Client &c : g_clients)
        stillConnected += c.state == State::Connected ? 1 : 0;
    const double cpuShare = measuredWall > 0 ? measuredCpu / measuredWall : 0;
    const int64_t expected = g_stats.sentMeasured * g_opt.clients;
    const bool saturated = cpuShare > 0.9;
    std::printf(
            "{\"clients\":%d,\"connected\":%lld,\"connect_failures\":%lld,\"connect_seconds\":%.3f,"
            "\"connects_per_second\":%.1f,\"loadgen_connect_cpu_seconds\":%.3f,"
            "\"connect_p50_ms\":%.2f,\"connect_p99_ms\":%.2f,"
            "\"senders\":%d,\"rate\":%.1f,\"sent\":%lld,\"sent_measured\":%lld,"
            "\"delivered\":%lld,\"delivered_measured\":%lld,\"expected_measured\":%lld,"
            "\"lost_measured\":%lld,\"gaps\":%lld,\"duplicates\":%lld,\"reordered\":%lld,"
            "\"latency_p50_ms\":%.3f,\"latency_p99_ms\":%.3f,\"latency_max_ms\":%.3f,"
            "\"pings\":%lld,\"closed_by_server\":%lld,\"still_connected\":%lld,"
            "\"loadgen_cpu_share\":%.3f,\"loadgen_saturated\":%s}\n",
            g_opt.clients, (long long)g_stats.connected, (long long)g_stats.connectFailures,
            connectSeconds, connectSeconds > 0 ? double(g_stats.connected) / connectSeconds : 0.0,
            cpuConnect, g_stats.connectLatency.percentile(50) / 1000.0,
            g_stats.connectLatency.percentile(99) / 1000.0, g_opt.senders, g_opt.rate,
            (long long)g_stats.sent, (long long)g_stats.sentMeasured, (long long)g_stats.delivered,
            (long long)g_stats.deliveredMeasured, (long long)expected,
            (long long)std::max<int64_t>(0, expected - g_stats.deliveredMeasured),
            (long long)g_stats.gaps, (long long)g_stats.duplicates, (long long)g_stats.reordered,
            g_stats.latency.percentile(50) / 1000.0, g_stats.latency.percentile(99) / 1000.0,
            double(g_stats.latency.max()) / 1000.0, (long long)g_stats.pings,
            (long long)g_stats.closedByServer, (long long)stillConnected, cpuShare,
            saturated ? "true" : "false");
    for (Client &c : g_clients) {
        if (c.fd >= 0)
            ::close(c.fd);
    }
    return saturated ? 3 : 0;
}

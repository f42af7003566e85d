// chathost-floor: the floor for the fan-out benchmark. A minimal epoll server that accepts
// Socket.IO clients over WebSocket only (open packet, "40", pings) and relays each client's
// "42[...]" event by writing one pre-encoded frame to every socket. No parsing beyond what that
// needs, no history, no JSON: the cost left is the kernel's share of the writes.
//   chathost-floor --port 0   -> prints "listening on http://127.0.0.1:PORT"
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Conn
{
    int fd = -1;
    bool upgraded = false;
    std::string in;
    std::string out;
    bool wantWrite = false;
};

int g_epoll = -1;
std::unordered_map<int, Conn> g_conns;
volatile sig_atomic_t g_stop = 0;

// SHA-1 for the WebSocket handshake (RFC 3174), to need no crypto library.
void sha1(const std::string &message, unsigned char out[20])
{
    uint32_t h[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
    std::string m = message;
    const uint64_t bits = uint64_t(message.size()) * 8;
    m.push_back(char(0x80));
    while (m.size() % 64 != 56)
        m.push_back(0);
    for (int i = 7; i >= 0; --i)
        m.push_back(char((bits >> (8 * i)) & 0xff));
    auto rotl = [](uint32_t x, int n) { return (x << n) | (x >> (32 - n)); };
    for (size_t chunk = 0; chunk < m.size(); chunk += 64) {
        uint32_t w[80];
        for (int i = 0; i < 16; ++i)
            w[i] = (uint32_t(uint8_t(m[chunk + 4 * size_t(i)])) << 24)
                    | (uint32_t(uint8_t(m[chunk + 4 * size_t(i) + 1])) << 16)
                    | (uint32_t(uint8_t(m[chunk + 4 * size_t(i) + 2])) << 8)
                    | uint32_t(uint8_t(m[chunk + 4 * size_t(i) + 3]));
        for (int i = 16; i < 80; ++i)
            w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
        for (int i = 0; i < 80; ++i) {
            uint32_t f, k;
            if (i < 20) {
                f = (b & c) | (~b & d);
                k = 0x5A827999;
            } else if (i < 40) {
                f = b ^ c ^ d;
                k = 0x6ED9EBA1;
            } else if (i < 60) {
                f = (b & c) | (b & d) | (c & d);
                k = 0x8F1BBCDC;
            } else {
                f = b ^ c ^ d;
                k = 0xCA62C1D6;
            }
            const uint32_t t = rotl(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = rotl(b, 30);
            b = a;
            a = t;
        }
        h[0] += a;
        h[1] += b;
        h[2] += c;
        h[3] += d;
        h[4] += e;
    }
    for (int i = 0; i < 5; ++i)
        for (int j = 0; j < 4; ++j)
            out[4 * i + j] = (unsigned char)(h[i] >> (24 - 8 * j));
}

std::string base64(const unsigned char *data, size_t n)
{
    static const char table[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    for (size_t i = 0; i < n; i += 3) {
        const uint32_t v = (uint32_t(data[i]) << 16) | (i + 1 < n ? uint32_t(data[i + 1]) << 8 : 0)
                | (i + 2 < n ? data[i + 2] : 0);
        out += table[(v >> 18) & 63];
        out += table[(v >> 12) & 63];
        out += i + 1 < n ? table[(v >> 6) & 63] : '=';
        out += i + 2 < n ? table[v & 63] : '=';
    }
    return out;
}

std::string frame(const char *text, size_t n)
{
    std::string f;
    f.push_back(char(0x81));
    if (n < 126) {
        f.push_back(char(n));
    } else if (n < 65536) {
        f.push_back(char(126));
        f.push_back(char(n >> 8));
        f.push_back(char(n & 0xff));
    } else {
        f.push_back(char(127));
        for (int i = 7; i >= 0; --i)
            f.push_back(char((uint64_t(n) >> (8 * i)) & 0xff));
    }
    f.append(text, n);
    return f;
}

void setWrite(Conn &c, bool on)
{
    if (c.wantWrite == on)
        return;
    c.wantWrite = on;
    epoll_event ev{};
    ev.events = on ? uint32_t(EPOLLIN | EPOLLOUT) : uint32_t(EPOLLIN);
    ev.data.fd = c.fd;
    epoll_ctl(g_epoll, EPOLL_CTL_MOD, c.fd, &ev);
}

void send(Conn &c, const std::string &bytes)
{
    if (c.out.empty()) {
        const ssize_t n = ::send(c.fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n == ssize_t(bytes.size()))
            return;
        c.out.append(bytes, n > 0 ? size_t(n) : 0, std::string::npos);
    } else {
        c.out += bytes;
    }
    setWrite(c, true);
}

void closeConn(int fd)
{
    epoll_ctl(g_epoll, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    g_conns.erase(fd);
}

void onMessage(Conn &c, const char *text, size_t n)
{
    if (n >= 2 && text[0] == '4' && text[1] == '0') {
        static const std::string connected = frame("40{\"sid\":\"floor\"}", 17);
        send(c, connected);
    } else if (n >= 2 && text[0] == '4' && text[1] == '2') {
        const std::string f = frame(text, n); // encoded once, written to everyone
        for (auto &entry : g_conns) {
            if (entry.second.upgraded)
                send(entry.second, f);
        }
    }
}

void onReadable(int fd)
{
    Conn &c = g_conns[fd];
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
        if (n > 0) {
            c.in.append(buffer, size_t(n));
            if (size_t(n) < sizeof buffer)
                break;
            continue;
        }
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        closeConn(fd);
        return;
    }
    if (!c.upgraded) {
        const size_t end = c.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return;
        const size_t k = c.in.find("Sec-WebSocket-Key: ");
        if (k == std::string::npos) {
            closeConn(fd);
            return;
        }
        const std::string key = c.in.substr(k + 19, c.in.find("\r\n", k) - k - 19)
                + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
        unsigned char digest[20];
        sha1(key, digest);
        c.in.erase(0, end + 4);
        c.upgraded = true;
        send(c,
             "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
             "Sec-WebSocket-Accept: "
                     + base64(digest, sizeof digest) + "\r\n\r\n");
        static const char open[] = "0{\"sid\":\"floor\",\"upgrades\":[],\"pingInterval\":25000,"
                                   "\"pingTimeout\":20000,\"maxPayload\":1000000}";
        send(c, frame(open, sizeof open - 1));
    }
    size_t pos = 0;
    auto *b = reinterpret_cast<unsigned char *>(c.in.data());
    const size_t total = c.in.size();
    while (total - pos >= 6) {
        const unsigned opcode = b[pos] & 0x0f;
        uint64_t len = b[pos + 1] & 0x7f;
        size_t header = 2;
        if (len == 126) {
            len = (uint64_t(b[pos + 2]) << 8) | b[pos + 3];
            header = 4;
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; ++i)
                len = (len << 8) | b[pos + 2 + size_t(i)];
            header = 10;
        }
        if (total - pos < header + 4 + len)
            break;
        unsigned char *mask = b + pos + header;
        char *payload = reinterpret_cast<char *>(mask + 4);
        for (uint64_t i = 0; i < len; ++i)
            payload[i] = char(payload[i] ^ mask[i & 3]);
        if (opcode == 8) {
            closeConn(fd);
            return;
        }
        if (opcode == 1)
            onMessage(c, payload, size_t(len));
        pos += header + 4 + size_t(len);
        if (!g_conns.count(fd))
            return;
    }
    c.in.erase(0, pos);
}

} // namespace

int main(int argc, char **argv)
{
    int port = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--port") == 0)
            port = std::atoi(argv[i + 1]);
    }
    std::signal(SIGTERM, [](int) { g_stop = 1; });
    std::signal(SIGINT, [](int) { g_stop = 1; });
    rlimit limit{};
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
    const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    const int one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(uint16_t(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) < 0
        || ::listen(listener, 4096) < 0) {
        std::perror("floor: listen");
        return 1;
    }
    socklen_t len = sizeof addr;
    getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len);
    std::printf("listening on http://127.0.0.1:%d\n", ntohs(addr.sin_port));
    std::fflush(stdout);
    g_epoll = epoll_create1(EPOLL_CLOEXEC);
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.fd = listener;
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, listener, &ev);
    // Heartbeat: ping everyone every 25 s like the others (pongs are read and ignored).
    const int timer = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    itimerspec spec{};
    spec.it_interval.tv_sec = 25;
    spec.it_value.tv_sec = 25;
    timerfd_settime(timer, 0, &spec, nullptr);
    ev.data.fd = timer;
    epoll_ctl(g_epoll, EPOLL_CTL_ADD, timer, &ev);
    static const std::string ping = frame("2", 1);
    epoll_event events[512];
    while (!g_stop) {
        const int n = epoll_wait(g_epoll, events, 512, 200);
        for (int i = 0; i < n; ++i) {
            const int fd = events[i].data.fd;
            if (fd == listener) {
                for (;;) {
                    const int c
                            = ::accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
                    if (c < 0)
                        break;
                    setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    epoll_event cev{};
                    cev.events = EPOLLIN;
                    cev.data.fd = c;
                    epoll_ctl(g_epoll, EPOLL_CTL_ADD, c, &cev);
                    g_conns[c].fd = c;
                }
                continue;
            }
            if (fd == timer) {
                uint64_t expirations = 0;
                [[maybe_unused]] auto r = ::read(timer, &expirations, sizeof expirations);
                for (auto &entry : g_conns) {
                    if (entry.second.upgraded)
                        send(entry.second, ping);
                }
                continue;
            }
            auto it = g_conns.find(fd);
            if (it == g_conns.end())
                continue;
            if (events[i].events & EPOLLOUT) {
                Conn &c = it->second;
                const ssize_t w = ::send(fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
                if (w > 0)
                    c.out.erase(0, size_t(w));
                if (c.out.empty())
                    setWrite(c, false);
            }
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                onReadable(fd);
        }
    }
    return 0;
}

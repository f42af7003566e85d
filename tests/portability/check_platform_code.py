#!/usr/bin/env python3
"""Linux-only code stays in the platform files. ChatHost builds without its Linux fast path
(-DCHATHOST_EPOLL_TRANSPORT=OFF, the portable build); for that, no source outside a file named
*_linux.* or *_epoll.* (selected by CMake) may include a Linux-only header or call a Linux-only
API. Usage: check_platform_code.py SOURCE_DIR. Exits 1 naming each offending line."""
import pathlib
import re
import sys

# Headers that exist on Linux (or with glibc) only.
LINUX_HEADERS = re.compile(
    r'^\s*#\s*include\s*[<"]('
    r'sys/(epoll|eventfd|timerfd|signalfd|inotify|fanotify|random|sendfile|prctl|sysinfo|'
    r'personality|klog|fsuid|vfs|mount)\.h'
    r'|linux/[^>"]+|asm/[^>"]+|malloc\.h|mcheck\.h|features\.h|gnu/[^>"]+'
    r')[>"]', re.M)
# Calls and flags of those headers (or Linux-only socket flags), in code: comments and string
# literals are stripped first.
LINUX_APIS = re.compile(
    r'\b(epoll_\w+|EPOLL\w+|eventfd\w*|timerfd_\w+|signalfd|inotify_\w+|accept4|getrandom|'
    r'malloc_trim|mallinfo2?|sendfile|prctl|SOCK_NONBLOCK|SOCK_CLOEXEC|MSG_NOSIGNAL|'
    r'SO_REUSEPORT|TCP_CORK|TCP_QUICKACK|splice|memfd_create|pipe2|dup3)\b')
PLATFORM_FILE = re.compile(r'_(linux|epoll)\.(c|cc|cpp|h|hpp)$')
SOURCE_FILE = re.compile(r'\.(c|cc|cpp|h|hpp)$')
FOLDERS = ('app', 'core', 'ui', 'tests', 'bench', 'fuzz')

STRIP = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)


def strip_comments_and_strings(text):
    # Keeps the line breaks, so line numbers stay right.
    return STRIP.sub(lambda m: '\n' * m.group(0).count('\n'), text)


def findings(text):
    """(line number, what) for each Linux-only include or call in a source's text."""
    found = [(text.count('\n', 0, m.start()) + 1, f'includes <{m.group(1)}>')
             for m in LINUX_HEADERS.finditer(text)]
    code = strip_comments_and_strings(text)
    found += [(code.count('\n', 0, m.start()) + 1, f'uses {m.group(1)}')
              for m in LINUX_APIS.finditer(code)]
    return sorted(set(found))


def self_test():
    cases = [
        ('#include <sys/epoll.h>\n', 1),
        ('#  include <linux/futex.h>\n', 1),
        ('#include <malloc.h>\n', 1),
        ('#include <sys/random.h>\n', 1),
        ('#include <sys/socket.h>\n#include <unistd.h>\n', 0),  # POSIX, not Linux-only
        ('int fd = ::epoll_create1(0);\n', 1),
        ('::send(fd, p, n, MSG_NOSIGNAL);\n', 1),
        ('int s = accept4(l, nullptr, nullptr, 0);\n', 1),
        ('// an epoll_wait() in a comment\n', 0),
        ('/* getrandom()\n   over two lines */ int x;\n', 0),
        ('auto s = "epoll_ctl failed";\n', 0),
        ('int my_epoll_count = 0; // a longer name\n', 0),
        ('QByteArray header("EPOLLIN");\n', 0),
    ]
    for text, expected in cases:
        got = len(findings(text))
        if got != expected:
            sys.exit(f'self-test failed: {text!r} gave {got} findings, expected {expected}')


def main():
    self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.').resolve()
    checked, platform, bad = 0, [], []
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob('*')):
            rel = path.relative_to(root).as_posix()
            if not path.is_file() or not SOURCE_FILE.search(rel) or 'node_modules' in rel:
                continue
            text = path.read_text(encoding='utf-8', errors='replace')
            if PLATFORM_FILE.search(rel):
                platform.append(rel)
                continue
            checked += 1
            bad += [f'{rel}:{line}: {what}' for line, what in findings(text)]
    if checked < 100 or not platform:
        sys.exit(f'found only {checked} sources and {len(platform)} platform files under {root}: '
                 'wrong folder?')
    print(f'{checked} sources checked; platform files: {", ".join(platform)}')
    if bad:
        print('Linux-only code outside the *_linux / *_epoll files (move it into one, selected '
              'by CMake, with a portable counterpart):')
        print('\n'.join(bad))
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())

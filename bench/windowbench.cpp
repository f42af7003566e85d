// chathost-window-bench: is the host window responsive while a big room chats? Runs the real
// server, chat service and MainWindow (offscreen or on a display), and measures how late a 10 ms
// timer fires on the GUI thread (event-loop lag) and how many model signals reach the views,
// while chathost-loadgen drives the clients. Prints one JSON object.
//   chathost-window-bench --seconds 20   (prints "listening on http://127.0.0.1:PORT" first)
#include "chat/chatservice.h"
#include "chat/historystore.h"
#include "mainwindow.h"
#include "models/logmodel.h"
#include "models/peoplemodel.h"
#include "server/hostserver.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <vector>

using namespace ChatHost;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    double seconds = 20;
    for (int i = 1; i + 1 < argc; ++i) {
        if (QString::fromLocal8Bit(argv[i]) == u"--seconds")
            seconds = QString::fromLocal8Bit(argv[i + 1]).toDouble();
    }
    Chat::HistoryStore history; // in memory: this measures the window, not the disk
    HostOptions options;
    options.bindAddress = QHostAddress::LocalHost;
    options.port = 0;
    // Every simulated person comes from 127.0.0.1: no per-address caps in a benchmark.
    options.limits.maxPerAddress = options.limits.maxConnections;
    options.limits.newPerAddress = 0;
    HostServer host(options);
    Chat::ChatOptions chatOptions;
    chatOptions.rateCount = 0;
    chatOptions.maxPeoplePerAddress = 0;
    Chat::ChatService chat(host.io(), &history, chatOptions);
    if (!host.start())
        return 1;
    Ui::MainWindow window(&host, &chat, nullptr);
    window.setConfirmClose(false);
    window.show();

    int peopleSignals = 0;
    int logSignals = 0;
    for (auto signal : {&QAbstractItemModel::dataChanged}) {
        QObject::connect(window.peopleModel(), signal, &app, [&] { ++peopleSignals; });
        QObject::connect(window.logModel(), signal, &app, [&] { ++logSignals; });
    }
    QObject::connect(window.peopleModel(), &QAbstractItemModel::rowsInserted, &app,
                     [&] { ++peopleSignals; });
    QObject::connect(window.peopleModel(), &QAbstractItemModel::modelReset, &app,
                     [&] { ++peopleSignals; });
    QObject::connect(window.logModel(), &QAbstractItemModel::rowsInserted, &app,
                     [&] { ++logSignals; });
    int messages = 0;
    QObject::connect(&chat, &Chat::ChatService::messagePosted, &app, [&] { ++messages; });

    // A 10 ms timer: how late it fires is how long the GUI thread was busy.
    std::vector<qint64> lagsUs;
    QElapsedTimer clock;
    clock.start();
    qint64 expected = 10;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    QObject::connect(&probe, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.nsecsElapsed() / 1000;
        lagsUs.push_back(std::max<qint64>(0, now - expected * 1000));
        expected = now / 1000 + 10;
    });
    QTextStream(stdout) << "listening on http://127.0.0.1:" << host.port() << Qt::endl;
    probe.start(10);
    QTimer::singleShot(int(seconds * 1000), &app, &QApplication::quit);
    app.exec();

    std::sort(lagsUs.begin(), lagsUs.end());
    auto pct = [&](double p) {
        return lagsUs.empty()
                ? 0.0
                : double(lagsUs[size_t(p / 100.0 * double(lagsUs.size() - 1))]) / 1000.0;
    };
    QTextStream(stdout) << "{\"seconds\":" << seconds
                        << ",\"people\":" << window.peopleModel()->rowCount()
                        << ",\"messages\":" << messages << ",\"lag_p50_ms\":" << pct(50)
                        << ",\"lag_p99_ms\":" << pct(99) << ",\"lag_max_ms\":" << pct(100)
                        << ",\"people_model_signals\":" << peopleSignals
                        << ",\"log_model_signals\":" << logSignals
                        << ",\"log_rows\":" << window.logModel()->rowCount() << "}" << Qt::endl;
    return 0;
}

// Turns SIGINT/SIGTERM into a Qt signal, so a headless server can shut down cleanly.
#pragma once

#include <QObject>

class QSocketNotifier;

namespace ChatHost {

class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnixSignalWatcher)
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace ChatHost

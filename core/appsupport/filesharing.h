// Files and pictures in the chat (docs/chat-protocol.md, "Files"), wired onto the host's port:
// POST /upload streams the body into the FileStore (never held whole in memory), finishes it
// (fsync, rename) off the event loop and posts the file message through the ChatService;
// GET|HEAD /files/<sha256>/<name> streams a stored file back from disk; deleting the last
// message that carries a file removes the file.
#pragma once

#include "chat/chatmessage.h"
#include "filestore/filestore.h"
#include "http/streamroute.h"
#include "thumbnails/thumbnailer.h"

#include <QCoreApplication>
#include <QObject>
#include <QThreadPool>

namespace ChatHost {

class HostServer;

namespace Chat {
class ChatService;
}

class FileSharing final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileSharing)
public:
    // dir: where the files are stored (the data folder's files/). Routes are added to host for
    // its next start().
    FileSharing(HostServer *host, Chat::ChatService *chat, const QString &dir,
                QObject *parent = nullptr);
    ~FileSharing() override;

    // Creates the store's folders and removes what interrupted uploads left.
    bool open(QString *error);
    FileStorage::FileStore *store() { return &m_store; }
    // The newest file messages, newest first (for the console's /files).
    QList<Chat::ChatMessage> recentFiles(int limit) const;

private:
    class Sink;
    Http::StreamStart onUpload(const Http::StreamRequest &request);
    Http::StreamStart onDownload(const Http::StreamRequest &request);
    // After a sink's finish() on the pool: checks the type, posts the message, answers.
    QString thumbPath(QByteArrayView sha256) const;
    // Makes and stores a picture's preview (on the pool's thread).
    Thumbnails::Thumbnail makeThumb(const FileStorage::StoredFile &stored) const;
    void uploaded(std::optional<FileStorage::StoredFile> stored, const QString &error,
                  const Thumbnails::Thumbnail &thumb, const QByteArray &token, const QString &name,
                  const QString &caption, qint64 replyTo, const QString &to,
                  const std::function<void(Http::StreamAnswer)> &done);
    void onMessageDeleted(qint64 id);
    // Removes the stored file unless a message that is not deleted still carries it.
    void removeIfUnused(const QByteArray &sha256);

    HostServer *m_host;
    Chat::ChatService *m_chat;
    FileStorage::FileStore m_store;
    QThreadPool m_finisher; // one thread: fsync and rename, in turn
    // Declared bytes of the uploads under way: counted against the quota with what is stored,
    // so uploads started together cannot pass it (given back when each ends).
    qint64 m_reservedBytes = 0;
};

} // namespace ChatHost

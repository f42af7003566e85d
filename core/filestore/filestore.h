// Shared files on disk, each stored once under its SHA-256 (objects/ab/abcd...): the same file
// uploaded twice takes the space once. An upload is written to incoming/ as it arrives, hashed on
// the way, then synced and renamed into objects/ by finish(), which is what makes it exist; an
// upload that is aborted, fails or is left behind by a crash never appears, and open() removes
// what a crash left in incoming/. Not thread-safe: one thread uses a store, and its uploads must
// not outlive it. finish() waits for the disk (fsync): for a large file, call it off the event
// loop.
#pragma once

#include "files/filetype.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QString>

#include <atomic>
#include <memory>
#include <optional>

namespace ChatHost::FileStorage {

struct StoredFile
{
    QByteArray sha256; // lower-case hex, 64 characters
    qint64 size = 0;
    Files::FileType type; // from the file's own first bytes
    bool alreadyStored = false; // the same bytes were there before this upload
};

class FileStore;

class Upload
{
public:
    ~Upload(); // an unfinished upload is aborted
    Upload(const Upload &) = delete;
    Upload &operator=(const Upload &) = delete;

    // Appends bytes; false on a disk error (the upload is then aborted, error() says why).
    bool write(QByteArrayView bytes);
    // Syncs the bytes, renames them into place (or drops them if the store has them already)
    // and returns what was stored; nothing on failure (the upload is then aborted).
    std::optional<StoredFile> finish();
    // Removes what was written. Safe to call more than once.
    void abort();

    qint64 size() const { return m_size; }
    QString error() const { return m_error; }

private:
    friend class FileStore;
    Upload(FileStore *store, std::unique_ptr<QFile> file);
    bool fail(const QString &error);

    FileStore *m_store;
    std::unique_ptr<QFile> m_file;
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    QByteArray m_head; // the first bytes, for sniffing the type
    qint64 m_size = 0;
    QString m_error;
    bool m_done = false;
};

class FileStore
{
public:
    explicit FileStore(const QString &dir);

    // Creates the folders, removes leftovers of interrupted uploads and counts the bytes stored.
    bool open(QString *error);
    // How many leftovers the last open() removed.
    int removedLeftovers() const { return m_removedLeftovers; }

    // A new upload in incoming/; nullptr (with error set) if the file cannot be created.
    std::unique_ptr<Upload> begin(QString *error);

    // Where a stored file is; empty if sha256 is not a well-formed digest or not stored.
    QString pathOf(QByteArrayView sha256) const;
    bool contains(QByteArrayView sha256) const { return !pathOf(sha256).isEmpty(); }
    // Removes a stored file; false if it was not there or could not be removed.
    bool remove(QByteArrayView sha256);

    // The bytes all stored files take (each stored file counted once).
    qint64 usedBytes() const { return m_usedBytes; }
    QString directory() const { return m_dir; }

    static bool wellFormed(QByteArrayView sha256);

private:
    friend class Upload;
    QString objectPath(QByteArrayView sha256) const;

    QString m_dir;
    std::atomic<qint64> m_usedBytes{0}; // grown by finish() on the finishing thread
    int m_removedLeftovers = 0;
};

} // namespace ChatHost::FileStorage

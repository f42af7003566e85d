#include "filestore/filestore.h"

#include "filestore/filesync.h"

#include "common/logging.h"
#include "common/randomid.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>

namespace ChatHost::FileStorage {

namespace {

const QString kIncoming = QStringLiteral("incoming");
const QString kObjects = QStringLiteral("objects");

} // namespace

Upload::Upload(FileStore *store, std::unique_ptr<QFile> file)
    : m_store(store)
    , m_file(std::move(file))
{ }

Upload::~Upload()
{
    abort();
}

bool Upload::fail(const QString &error)
{
    m_error = error;
    abort();
    return false;
}

bool Upload::write(QByteArrayView bytes)
{
    if (m_done)
        return false;
    if (m_head.size() < Files::kSniffBytes)
        m_head.append(bytes.first(std::min(bytes.size(), Files::kSniffBytes - m_head.size())));
    m_hash.addData(bytes);
    qsizetype written = 0;
    while (written < bytes.size()) {
        const qint64 n = m_file->write(bytes.data() + written, bytes.size() - written);
        if (n <= 0)
            return fail(m_file->errorString());
        written += n;
    }
    m_size += bytes.size();
    return true;
}

std::optional<StoredFile> Upload::finish()
{
    if (m_done)
        return std::nullopt;
    if (!syncFile(*m_file)) {
        fail(m_file->errorString());
        return std::nullopt;
    }
    m_file->close();
    StoredFile stored;
    stored.sha256 = m_hash.result().toHex();
    stored.size = m_size;
    stored.type = Files::sniff(m_head);

    const QString target = m_store->objectPath(stored.sha256);
    if (QFileInfo::exists(target)) {
        stored.alreadyStored = true;
        m_file->remove();
    } else {
        const QString folder = QFileInfo(target).path();
        if (!QDir().mkpath(folder)) {
            fail(QStringLiteral("cannot create %1").arg(folder));
            return std::nullopt;
        }
        // rename(2) replaces atomically: the object appears whole or not at all.
        if (!m_file->rename(target)) {
            fail(m_file->errorString());
            return std::nullopt;
        }
        if (!syncDirectory(folder))
            qCWarning(lcFiles) << "could not sync" << folder;
        m_store->m_usedBytes += m_size;
    }
    m_done = true;
    return stored;
}

void Upload::abort()
{
    if (m_done)
        return;
    m_done = true;
    if (m_file) {
        m_file->close();
        m_file->remove();
    }
}

FileStore::FileStore(const QString &dir)
    : m_dir(dir)
{ }

bool FileStore::open(QString *error)
{
    QDir root(m_dir);
    if (!root.mkpath(kIncoming) || !root.mkpath(kObjects)) {
        *error = QStringLiteral("cannot create the folders of %1").arg(m_dir);
        return false;
    }
    // What a crash or kill left half-written.
    m_removedLeftovers = 0;
    QDir incoming(root.filePath(kIncoming));
    for (const QString &name : incoming.entryList(QDir::Files | QDir::Hidden | QDir::System)) {
        if (incoming.remove(name))
            ++m_removedLeftovers;
        else
            qCWarning(lcFiles) << "could not remove the leftover upload" << name;
    }
    m_usedBytes = 0;
    QDirIterator it(root.filePath(kObjects), QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        m_usedBytes += it.fileInfo().size();
    }
    return true;
}

std::unique_ptr<Upload> FileStore::begin(QString *error)
{
    auto file = std::make_unique<QFile>(
            QDir(m_dir).filePath(kIncoming + u'/' + randomId(16) + QStringLiteral(".part")));
    if (!file->open(QIODevice::WriteOnly | QIODevice::NewOnly)) {
        *error = file->errorString();
        return nullptr;
    }
    return std::unique_ptr<Upload>(new Upload(this, std::move(file)));
}

bool FileStore::wellFormed(QByteArrayView sha256)
{
    if (sha256.size() != 64)
        return false;
    for (const char c : sha256) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
    }
    return true;
}

QString FileStore::objectPath(QByteArrayView sha256) const
{
    const QString hex = QString::fromLatin1(sha256);
    return QDir(m_dir).filePath(kObjects + u'/' + hex.left(2) + u'/' + hex);
}

QString FileStore::pathOf(QByteArrayView sha256) const
{
    if (!wellFormed(sha256))
        return {};
    const QString path = objectPath(sha256);
    return QFileInfo::exists(path) ? path : QString();
}

bool FileStore::remove(QByteArrayView sha256)
{
    const QString path = pathOf(sha256);
    if (path.isEmpty())
        return false;
    const qint64 size = QFileInfo(path).size();
    if (!QFile::remove(path))
        return false;
    m_usedBytes -= size;
    syncDirectory(QFileInfo(path).path());
    return true;
}

} // namespace ChatHost::FileStorage

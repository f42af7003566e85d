// Writes the history and the moderation audit trail to a JSON or CSV file.
#pragma once

#include "chat/chatmessage.h"
#include "moderation/moderationstore.h"

#include <QList>
#include <QString>

namespace ChatHost::Chat {

enum class ExportFormat { Json, Csv };

// Writes atomically (a half-written file never replaces an old one). False with error set.
bool exportHistory(const QList<ChatMessage> &messages, const QList<Moderation::AuditEntry> &audit,
                   ExportFormat format, const QString &path, QString *error = nullptr);

// One CSV field, quoted as RFC 4180 requires, and defused against spreadsheet formulas.
QString csvField(const QString &value);

} // namespace ChatHost::Chat

// See announcementedit.h.
#include "announcementedit.h"

#include <QKeyEvent>

namespace ChatHost::Ui {

AnnouncementEdit::AnnouncementEdit(QWidget *parent)
    : QPlainTextEdit(parent)
{
    setTabChangesFocus(true);
    setPlaceholderText(tr("Announcement to everyone (Enter sends, Shift+Enter for a new line, Up "
                          "for the last one)"));
    setAccessibleName(tr("Announcement"));
}

QSize AnnouncementEdit::sizeHint() const
{
    const QSize base = QPlainTextEdit::sizeHint();
    return {base.width(), fontMetrics().lineSpacing() * 3 + 12};
}

QString AnnouncementEdit::takeText()
{
    const QString text = toPlainText().trimmed();
    if (!text.isEmpty()) {
        m_last = text;
        clear();
    }
    return text;
}

void AnnouncementEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter && !(event->modifiers() & Qt::ShiftModifier)) {
        Q_EMIT sendRequested();
        return;
    }
    if (enter) {
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    if (event->key() == Qt::Key_Up && toPlainText().isEmpty() && !m_last.isEmpty()) {
        setPlainText(m_last);
        moveCursor(QTextCursor::End);
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace ChatHost::Ui

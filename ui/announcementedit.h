// The host's announcement box: Enter sends, Shift+Enter starts a new line, Up (in an empty box)
// brings back the last announcement.
#pragma once

#include <QPlainTextEdit>

namespace ChatHost::Ui {

class AnnouncementEdit final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnouncementEdit)
public:
    explicit AnnouncementEdit(QWidget *parent = nullptr);

    // Takes the text to send (trimmed), remembers it for Up, clears the box.
    QString takeText();

Q_SIGNALS:
    void sendRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    QSize sizeHint() const override;

private:
    QString m_last;
};

} // namespace ChatHost::Ui

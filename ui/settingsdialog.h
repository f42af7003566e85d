// The host's settings: where to listen, the room, the limits and the word filter.
#pragma once

#include "chat/chatservice.h"
#include "server/hostserver.h"

#include <QDialog>
#include <QHostAddress>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QVBoxLayout;

namespace ChatHost::Ui {

class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)
public:
    struct Values
    {
        quint16 port = HostOptions().port;
        QHostAddress bindAddress = HostOptions().bindAddress;
        Chat::ChatOptions chat;
        bool notifyNewPeople = true;
    };

    explicit SettingsDialog(const Values &values, QWidget *parent = nullptr);
    Values values() const;

private:
    QWidget *buildServerGroup(const Values &values);
    QWidget *buildRoomGroup(const Values &values);
    void addPasswordRows(QFormLayout *form, bool hasPassword);
    QWidget *buildFilterGroup(const Values &values);
    void addButtons(QVBoxLayout *layout);

    Values m_initial;
    QSpinBox *m_port;
    QComboBox *m_bind;
    QLineEdit *m_title;
    QLineEdit *m_hostName;
    QSpinBox *m_maxLength;
    QSpinBox *m_rateCount;
    QSpinBox *m_ratePeriod;
    QSpinBox *m_history;
    QSpinBox *m_editWindow;
    QSpinBox *m_maxPeople;
    QLabel *m_passwordState;
    QLineEdit *m_password; // a new password; empty: keep the current one
    QCheckBox *m_clearPassword;
    QPlainTextEdit *m_words;
    QRadioButton *m_refuse;
    QRadioButton *m_mask;
    QCheckBox *m_notify;
    QCheckBox *m_privateMessages;
};

} // namespace ChatHost::Ui

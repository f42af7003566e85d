// See settingsdialog.h.
#include "settingsdialog.h"

#include "appsupport/optiontable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QNetworkInterface>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace ChatHost::Ui {

SettingsDialog::SettingsDialog(const Values &values, QWidget *parent)
    : QDialog(parent)
    , m_initial(values)
    , m_port(new QSpinBox)
    , m_bind(new QComboBox)
    , m_title(new QLineEdit(values.chat.roomTitle))
    , m_hostName(new QLineEdit(values.chat.hostName))
    , m_maxLength(new QSpinBox)
    , m_rateCount(new QSpinBox)
    , m_ratePeriod(new QSpinBox)
    , m_history(new QSpinBox)
    , m_editWindow(new QSpinBox)
    , m_maxPeople(new QSpinBox)
    , m_passwordState(new QLabel)
    , m_password(new QLineEdit)
    , m_clearPassword(new QCheckBox(tr("&Remove the password")))
    , m_words(new QPlainTextEdit(values.chat.filterWords.join(u'\n')))
    , m_refuse(new QRadioButton(tr("Refuse the message")))
    , m_mask(new QRadioButton(tr("Mask the words with *")))
    , m_notify(new QCheckBox(tr("Notify me when someone joins")))
    , m_privateMessages(new QCheckBox(tr("People may send &private messages")))
{
    setWindowTitle(tr("Settings"));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildServerGroup(values));
    layout->addWidget(buildRoomGroup(values));
    layout->addWidget(buildFilterGroup(values));
    addButtons(layout);
}

namespace {

// A spin box with the range of the option table's row called option.
void applyRange(QSpinBox *box, QStringView option)
{
    const OptionRange range = optionRange(option);
    box->setRange(int(range.min), int(range.max));
}

} // namespace

QWidget *SettingsDialog::buildServerGroup(const Values &values)
{
    auto *server = new QGroupBox(tr("Server (applied on restart)"));
    auto *serverForm = new QFormLayout(server);
    applyRange(m_port, u"port");
    m_port->setValue(values.port);
    m_port->setSpecialValueText(tr("any free port"));
    serverForm->addRow(tr("&Port:"), m_port);
    m_bind->setEditable(true);
    m_bind->addItem(tr("All interfaces"), QString());
    const auto addresses = QNetworkInterface::allAddresses();
    for (const QHostAddress &a : addresses) {
        if (!a.isLinkLocal())
            m_bind->addItem(a.toString(), a.toString());
    }
    if (values.bindAddress != QHostAddress::Any) {
        const int i = m_bind->findData(values.bindAddress.toString());
        if (i >= 0)
            m_bind->setCurrentIndex(i);
        else
            m_bind->setEditText(values.bindAddress.toString());
    }
    serverForm->addRow(tr("&Listen on:"), m_bind);
    return server;
}

QWidget *SettingsDialog::buildRoomGroup(const Values &values)
{
    auto *room = new QGroupBox(tr("Room"));
    auto *roomForm = new QFormLayout(room);
    m_title->setMaxLength(int(optionRange(u"title").max));
    roomForm->addRow(tr("&Title shown on the page:"), m_title);
    m_hostName->setMaxLength(int(optionRange(u"host-name").max));
    roomForm->addRow(tr("Your &name on announcements:"), m_hostName);
    applyRange(m_maxLength, u"max-length");
    m_maxLength->setValue(values.chat.maxMessageLength);
    m_maxLength->setSuffix(tr(" characters"));
    roomForm->addRow(tr("Longest &message:"), m_maxLength);
    applyRange(m_rateCount, u"rate");
    m_rateCount->setValue(values.chat.rateCount);
    m_rateCount->setSpecialValueText(tr("no limit"));
    m_ratePeriod->setRange(1, int(kMaxPeriodSeconds));
    m_ratePeriod->setValue(int(values.chat.ratePeriodMs / 1000));
    m_ratePeriod->setSuffix(tr(" s"));
    auto *rate = new QHBoxLayout;
    rate->addWidget(m_rateCount);
    rate->addWidget(new QLabel(tr("messages per")));
    rate->addWidget(m_ratePeriod);
    roomForm->addRow(tr("&Rate limit per person:"), rate);
    applyRange(m_history, u"history");
    m_history->setValue(values.chat.historyOnJoin);
    roomForm->addRow(tr("&History shown to newcomers:"), m_history);
    applyRange(m_editWindow, u"edit-window");
    m_editWindow->setValue(values.chat.editWindowSeconds);
    m_editWindow->setSuffix(tr(" s"));
    m_editWindow->setSpecialValueText(tr("not allowed"));
    roomForm->addRow(tr("People may &edit or delete their messages for:"), m_editWindow);
    applyRange(m_maxPeople, u"max-people");
    m_maxPeople->setValue(values.chat.maxPeople);
    m_maxPeople->setSpecialValueText(tr("no limit"));
    roomForm->addRow(tr("Most &people at once:"), m_maxPeople);
    m_privateMessages->setChecked(values.chat.privateMessages);
    m_privateMessages->setToolTip(tr("You can always write to one person, and you see every "
                                     "private message in the log"));
    roomForm->addRow(m_privateMessages);
    addPasswordRows(roomForm, !values.chat.password.isEmpty());
    roomForm->addRow(m_notify);
    m_notify->setChecked(values.notifyNewPeople);
    return room;
}

void SettingsDialog::addPasswordRows(QFormLayout *form, bool hasPassword)
{
    // The password itself is never shown, only whether there is one.
    m_passwordState->setObjectName(QStringLiteral("passwordState"));
    m_passwordState->setText(hasPassword ? tr("A password is set.")
                                         : tr("No password: anyone on the network can join."));
    form->addRow(tr("Room password:"), m_passwordState);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(hasPassword ? tr("Type a new one to change it")
                                               : tr("Type one to ask everyone for it"));
    m_password->setToolTip(tr("Applies at once to people who connect from now on. It is not "
                              "saved: give --password-file at the next start."));
    form->addRow(tr("New pass&word:"), m_password);
    m_clearPassword->setObjectName(QStringLiteral("clearPassword"));
    m_clearPassword->setEnabled(hasPassword);
    connect(m_clearPassword, &QCheckBox::toggled, m_password, &QLineEdit::setDisabled);
    form->addRow(QString(), m_clearPassword);
}

QWidget *SettingsDialog::buildFilterGroup(const Values &values)
{
    auto *filter = new QGroupBox(tr("Word filter"));
    auto *filterLayout = new QVBoxLayout(filter);
    auto *filterHint
            = new QLabel(tr("One word or phrase per line; matched as whole words, ignoring case."));
    filterHint->setWordWrap(true);
    filterLayout->addWidget(filterHint);
    m_words->setAccessibleName(tr("Filtered words"));
    m_words->setTabChangesFocus(true);
    filterLayout->addWidget(m_words);
    filterLayout->addWidget(m_refuse);
    filterLayout->addWidget(m_mask);
    (values.chat.filterMode == Moderation::WordFilter::Mode::Mask ? m_mask : m_refuse)
            ->setChecked(true);
    return filter;
}

void SettingsDialog::addButtons(QVBoxLayout *layout)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // An address that does not parse cannot be accepted.
    connect(m_bind, &QComboBox::editTextChanged, this, [this, buttons](const QString &text) {
        QHostAddress a;
        const bool ok = m_bind->currentIndex() == 0 && text == m_bind->itemText(0)
                ? true
                : a.setAddress(text.trimmed());
        buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
    });
}

SettingsDialog::Values SettingsDialog::values() const
{
    Values v = m_initial;
    v.port = quint16(m_port->value());
    QHostAddress address;
    const QString bindText = m_bind->currentText().trimmed();
    if (bindText == m_bind->itemText(0) || bindText.isEmpty() || !address.setAddress(bindText))
        v.bindAddress = QHostAddress::Any;
    else
        v.bindAddress = address;
    v.chat.roomTitle = m_title->text().trimmed().isEmpty() ? m_initial.chat.roomTitle
                                                           : m_title->text().trimmed();
    v.chat.hostName = m_hostName->text().trimmed().isEmpty() ? m_initial.chat.hostName
                                                             : m_hostName->text().trimmed();
    v.chat.maxMessageLength = m_maxLength->value();
    v.chat.rateCount = m_rateCount->value();
    v.chat.ratePeriodMs = qint64(m_ratePeriod->value()) * 1000;
    v.chat.historyOnJoin = m_history->value();
    v.chat.editWindowSeconds = m_editWindow->value();
    v.chat.maxPeople = m_maxPeople->value();
    v.chat.privateMessages = m_privateMessages->isChecked();
    if (m_clearPassword->isChecked())
        v.chat.password.clear();
    else if (!m_password->text().isEmpty())
        v.chat.password = m_password->text();
    QStringList words;
    const QStringList lines = m_words->toPlainText().split(u'\n');
    for (const QString &w : lines) {
        if (!w.trimmed().isEmpty())
            words.append(w.trimmed());
    }
    v.chat.filterWords = words;
    v.chat.filterMode = m_mask->isChecked() ? Moderation::WordFilter::Mode::Mask
                                            : Moderation::WordFilter::Mode::Refuse;
    v.notifyNewPeople = m_notify->isChecked();
    return v;
}

} // namespace ChatHost::Ui

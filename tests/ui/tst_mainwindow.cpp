// The host window, offscreen, against a real server on port 0 and real (in-process) Socket.IO
// clients: the address is shown, people and messages appear, announcements reach the pages, and
// moderation has the effect a person sees.
#include "announcementedit.h"
#include "appsupport/settings.h"
#include "chat/chatservice.h"
#include "chat/historystore.h"
#include "chat/moderator.h"
#include "mainwindow.h"
#include "models/logmodel.h"
#include "models/peoplemodel.h"
#include "moderation/moderationstore.h"
#include "rawclient.h"
#include "server/hostserver.h"
#include "settingsdialog.h"
#include "sharepanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QRadioButton>
#include <QRegularExpression>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <algorithm>

using namespace ChatHost;
using namespace Qt::StringLiterals;
using Testing::RawClient;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void showsTheAddressAndQrCode();
    void showsTheLocalNameFirst();
    void personAndMessageAppear();
    void announcementReachesPages();
    void kickRemovesThePerson();
    void muteFromTheKeyboard();
    void banSurvivesReconnect();
    void deleteFromTheLog();
    void editedAndSelfDeletedInTheLog();
    void kickFromTheLogFollowsThePerson();
    void lockRoomAction();
    void settingsDialogShowsOnlyThatAPasswordIsSet();
    void passwordFromTheSettingsDialog();
    void joinedNotificationIsEscaped_data();
    void joinedNotificationIsEscaped();
    void sameAddressIsGroupedAndMutedTogether();
    void privateMessagesAndMentionsAreMarked();
    void privateMessageFromThePeopleTable();

private:
    int rowOf(const QString &nickname) const;
    QString socketIdOf(const QString &nickname) const;
    QString userIdOf(const QString &nickname) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Chat::HistoryStore> m_history;
    std::unique_ptr<Moderation::ModerationStore> m_moderation;
    std::unique_ptr<HostServer> m_host;
    std::unique_ptr<Chat::ChatService> m_chat;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_history = std::make_unique<Chat::HistoryStore>();
    QVERIFY(m_history->open(m_dir->filePath(u"history.sqlite"_s)));
    m_moderation = std::make_unique<Moderation::ModerationStore>();
    QVERIFY(m_moderation->open(m_dir->filePath(u"history.sqlite"_s)));
    HostOptions o;
    o.bindAddress = QHostAddress::LocalHost;
    o.port = 0;
    m_host = std::make_unique<HostServer>(o);
    Chat::ChatOptions chatOptions;
    chatOptions.rateCount = 0;
    m_chat = std::make_unique<Chat::ChatService>(m_host->io(), m_history.get(), chatOptions,
                                                 m_moderation.get());
    QVERIFY(m_host->start());
    m_settings = std::make_unique<Settings>(m_dir->filePath(u"settings.ini"_s));
    m_window = std::make_unique<Ui::MainWindow>(m_host.get(), m_chat.get(), m_settings.get());
    m_window->setConfirmClose(false);
    new QAbstractItemModelTester(m_window->peopleModel(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_window.get());
    new QAbstractItemModelTester(m_window->logModel(),
                                 QAbstractItemModelTester::FailureReportingMode::QtTest,
                                 m_window.get());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestMainWindow::cleanup()
{
    m_window.reset();
    m_chat.reset();
    m_host.reset();
    m_settings.reset();
    m_moderation.reset();
    m_history.reset();
    m_dir.reset();
}

int TestMainWindow::rowOf(const QString &nickname) const
{
    Models::PeopleModel *people = m_window->peopleModel();
    people->flush();
    for (int r = 0; r < people->rowCount(); ++r) {
        if (people->index(r, Models::PeopleModel::Nickname).data().toString() == nickname)
            return r;
    }
    return -1;
}

QString TestMainWindow::socketIdOf(const QString &nickname) const
{
    const int row = rowOf(nickname);
    return row < 0 ? QString() : m_window->peopleModel()->socketIdAt(row);
}

QString TestMainWindow::userIdOf(const QString &nickname) const
{
    const int row = rowOf(nickname);
    return row < 0 ? QString()
                   : m_window->peopleModel()
                             ->index(row, 0)
                             .data(Models::PeopleModel::UserIdRole)
                             .toString();
}

void TestMainWindow::showsTheAddressAndQrCode()
{
    const QString url = u"http://127.0.0.1:%1"_s.arg(m_host->port());
    QVERIFY(m_window->sharePanel()->urls().contains(url));
    QCOMPARE(m_window->sharePanel()->selectedUrl(), url);
    auto *qr = m_window->findChild<QLabel *>(u"qrCode"_s);
    QVERIFY(qr);
    QVERIFY(!qr->pixmap().isNull());
    QVERIFY(qr->pixmap().width() >= 150); // big enough to scan from a phone
    auto *state = m_window->findChild<QLabel *>(u"serverState"_s);
    QCOMPARE(state->text(), u"Running"_s);
}

void TestMainWindow::showsTheLocalNameFirst()
{
    // The name Avahi gives (ServiceAnnouncer::hostName) leads the list and its QR code; the
    // announcement itself is tested against a real avahi-daemon (tests/integration/avahi).
    auto *panel = m_window->sharePanel();
    const QStringList before = panel->urls();
    m_window->setLocalHostName(u"chathost-test.local"_s);
    const QString local = u"http://chathost-test.local:%1"_s.arg(m_host->port());
    QCOMPARE(panel->urls().value(0), local);
    QCOMPARE(panel->urls().mid(1), before);
    QCOMPARE(panel->selectedUrl(), local);
    const QList<QRadioButton *> rows = m_window->findChildren<QRadioButton *>();
    QVERIFY(std::any_of(rows.begin(), rows.end(),
                        [&](QRadioButton *r) { return r->text() == local && r->isChecked(); }));
    auto *qr = m_window->findChild<QLabel *>(u"qrCode"_s);
    QVERIFY(!qr->pixmap().isNull());
    // Without Avahi: as before.
    m_window->setLocalHostName(QString());
    QCOMPARE(panel->urls(), before);
    QCOMPARE(panel->selectedUrl(), before.value(0));
}

void TestMainWindow::personAndMessageAppear()
{
    RawClient zed(m_host->port(), uR"({"nickname":"Zed"})"_s);
    QVERIFY(zed.waitConnected());
    QTRY_VERIFY(rowOf(u"Zed"_s) >= 0);
    Models::PeopleModel *people = m_window->peopleModel();
    const int row = rowOf(u"Zed"_s);
    QCOMPARE(people->index(row, Models::PeopleModel::Address).data().toString(), u"127.0.0.1"_s);
    QCOMPARE(people->index(row, Models::PeopleModel::Transport).data().toString(), u"WebSocket"_s);
    const auto reply = zed.call(u"chat message"_s, uR"("<b>hello</b> window")"_s);
    QVERIFY(reply && (*reply)[u"ok"].toBool());
    Models::LogModel *log = m_window->logModel();
    QTRY_VERIFY([&] {
        log->flush();
        for (int r = 0; r < log->rowCount(); ++r) {
            if (log->index(r, Models::LogModel::Text).data().toString() == u"<b>hello</b> window"
                && log->index(r, Models::LogModel::Author).data().toString() == u"Zed"
                && log->index(r, 0).data(Models::LogModel::KindRole).toInt()
                        == int(Models::LogModel::Kind::Message))
                return true;
        }
        return false;
    }());
    QTRY_COMPARE(people->index(rowOf(u"Zed"_s), Models::PeopleModel::Messages).data().toInt(), 1);
}

void TestMainWindow::announcementReachesPages()
{
    RawClient amy(m_host->port(), uR"({"nickname":"Amy"})"_s);
    QVERIFY(amy.waitConnected());
    Ui::AnnouncementEdit *edit = m_window->announcementEdit();
    edit->setFocus();
    QTest::keyClicks(edit, u"Lunch"_s);
    QTest::keyClick(edit, Qt::Key_Return, Qt::ShiftModifier); // a new line, not sent
    QTest::keyClicks(edit, u"is ready"_s);
    QCOMPARE(edit->toPlainText(), u"Lunch\nis ready"_s);
    QTest::keyClick(edit, Qt::Key_Return);
    QVERIFY(edit->toPlainText().isEmpty());
    const auto got = amy.waitFor(u"chat message"_s, [](const Json::JsonValue &t) {
        return t.toString() == u"Lunch\nis ready";
    });
    QVERIFY(got);
    QCOMPARE(got->args.at(1)[u"kind"].toString(), u"host"_s);
    QCOMPARE(got->args.at(1)[u"author"].toString(), u"Host"_s);
    QTest::keyClick(edit, Qt::Key_Up); // recalls the last announcement
    QCOMPARE(edit->toPlainText(), u"Lunch\nis ready"_s);
}

void TestMainWindow::kickRemovesThePerson()
{
    RawClient bob(m_host->port(), uR"({"nickname":"Bob"})"_s);
    QVERIFY(bob.waitConnected());
    QTRY_VERIFY(rowOf(u"Bob"_s) >= 0);
    m_window->kickPerson(userIdOf(u"Bob"_s), u"too loud"_s);
    const auto kicked = bob.waitFor(u"kicked"_s);
    QVERIFY(kicked);
    QCOMPARE(kicked->args.at(0)[u"reason"].toString(), u"too loud"_s);
    QTRY_VERIFY(bob.isClosed());
    QTRY_COMPARE(rowOf(u"Bob"_s), -1);
}

void TestMainWindow::muteFromTheKeyboard()
{
    RawClient cy(m_host->port(), uR"({"nickname":"Cy"})"_s);
    QVERIFY(cy.waitConnected());
    QTRY_VERIFY(rowOf(u"Cy"_s) >= 0);
    QTableView *view = m_window->peopleView();
    view->setFocus();
    view->selectRow(view->model()->index(0, 0).row());
    QTest::keyClick(view, Qt::Key_M, Qt::ControlModifier); // mute for 5 minutes
    QVERIFY(cy.waitFor(u"muted"_s));
    const auto refused = cy.call(u"chat message"_s, uR"("can I?")"_s);
    QVERIFY(refused);
    QCOMPARE((*refused)[u"error"][u"code"].toString(), u"muted"_s);
    QTRY_VERIFY(m_window->peopleModel()
                        ->index(rowOf(u"Cy"_s), Models::PeopleModel::State)
                        .data()
                        .toString()
                        .startsWith(u"timed out until"_s));
}

void TestMainWindow::banSurvivesReconnect()
{
    {
        RawClient dee(m_host->port(), uR"({"nickname":"Dee"})"_s);
        QVERIFY(dee.waitConnected());
        QTRY_VERIFY(rowOf(u"Dee"_s) >= 0);
        m_window->banPerson(userIdOf(u"Dee"_s), false, 0, u"rude"_s);
        QTRY_VERIFY(dee.isClosed());
    }
    RawClient again(m_host->port(), uR"({"nickname":"dee"})"_s);
    QVERIFY(!again.waitConnected(3000));
    QVERIFY(again.connectError().contains(u"banned"_s));
    QVERIFY(again.connectError().contains(u"rude"_s));
    // Persisted: a second store on the same file sees it (as after a restart).
    Moderation::ModerationStore reopened;
    QVERIFY(reopened.open(m_dir->filePath(u"history.sqlite"_s)));
    QCOMPARE(reopened.activeBans(QDateTime::currentMSecsSinceEpoch()).size(), 1);
    // The ban and the kick are in the audit trail.
    const auto trail = reopened.auditTrail(10);
    QVERIFY(std::any_of(trail.begin(), trail.end(),
                        [](const auto &e) { return e.action == u"ban"; }));
    QVERIFY(std::any_of(trail.begin(), trail.end(),
                        [](const auto &e) { return e.action == u"kick"; }));
}

void TestMainWindow::deleteFromTheLog()
{
    RawClient eve(m_host->port(), uR"({"nickname":"Eve"})"_s);
    QVERIFY(eve.waitConnected());
    const auto reply = eve.call(u"chat message"_s, uR"("regrettable")"_s);
    QVERIFY(reply);
    const qint64 id = (*reply)[u"id"].toInteger();
    Models::LogModel *log = m_window->logModel();
    log->flush();
    QTableView *view = m_window->logView();
    int row = -1;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        if (view->model()->index(r, 0).data(Models::LogModel::MessageIdRole).toLongLong() == id)
            row = r;
    }
    QVERIFY(row >= 0);
    view->setFocus();
    view->selectRow(row);
    QTest::keyClick(view, Qt::Key_Delete);
    const auto deleted = eve.waitFor(u"message deleted"_s);
    QVERIFY(deleted);
    QCOMPARE(deleted->args.at(0)[u"id"].toInteger(), id);
    QVERIFY(view->model()->index(row, 0).data(Models::LogModel::DeletedRole).toBool());
    QVERIFY(m_history->find(id)->deleted);
}

// A person edits one message and deletes another of their own: the log shows the edited text
// marked "(edited)", and the deleted one marked like a deletion by the host.
void TestMainWindow::editedAndSelfDeletedInTheLog()
{
    RawClient eve(m_host->port(), uR"({"nickname":"Eve"})"_s);
    QVERIFY(eve.waitConnected());
    const auto first = eve.call(u"chat message"_s, uR"("tpyo")"_s);
    const auto second = eve.call(u"chat message"_s, uR"("oops")"_s);
    QVERIFY(first && second);
    const qint64 editedId = (*first)[u"id"].toInteger();
    const qint64 deletedId = (*second)[u"id"].toInteger();
    const auto edit = eve.call(u"edit message"_s, uR"({"id":%1,"text":"typo"})"_s.arg(editedId));
    QVERIFY(edit);
    QCOMPARE((*edit)[u"ok"].toBool(), true);
    const auto del = eve.call(u"delete message"_s, uR"({"id":%1})"_s.arg(deletedId));
    QVERIFY(del);
    QCOMPARE((*del)[u"ok"].toBool(), true);
    Models::LogModel *log = m_window->logModel();
    log->flush();
    QTableView *view = m_window->logView();
    const auto rowOfId = [view](qint64 id) {
        for (int r = 0; r < view->model()->rowCount(); ++r) {
            if (view->model()->index(r, 0).data(Models::LogModel::MessageIdRole).toLongLong() == id)
                return r;
        }
        return -1;
    };
    const int editedRow = rowOfId(editedId);
    const int deletedRow = rowOfId(deletedId);
    QVERIFY(editedRow >= 0 && deletedRow >= 0);
    const QModelIndex editedText = view->model()->index(editedRow, Models::LogModel::Text);
    QCOMPARE(editedText.data().toString(), u"typo (edited)"_s);
    QVERIFY(editedText.data(Models::LogModel::EditedRole).toLongLong() > 0);
    QVERIFY(view->model()->index(deletedRow, 0).data(Models::LogModel::DeletedRole).toBool());
    QVERIFY(view->model()
                    ->index(deletedRow, Models::LogModel::Text)
                    .data()
                    .toString()
                    .startsWith(u"[deleted]"_s));
}

// Kick chosen on a message in the log acts on who wrote it (their user id), not on whoever holds
// that nickname now: after a rename and someone else taking the old name, it still hits the
// author; once the author is gone, it hits nobody.
void TestMainWindow::kickFromTheLogFollowsThePerson()
{
    auto ann = std::make_unique<RawClient>(m_host->port(), uR"({"nickname":"Ann"})"_s);
    QVERIFY(ann->waitConnected());
    const auto reply = ann->call(u"chat message"_s, uR"("from the real Ann")"_s);
    QVERIFY(reply && (*reply)[u"ok"].toBool());
    const qint64 id = (*reply)[u"id"].toInteger();
    const auto renamed = ann->call(u"set nickname"_s, uR"("Anna")"_s);
    QVERIFY(renamed && (*renamed)[u"ok"].toBool());
    RawClient impostor(m_host->port(), uR"({"nickname":"Ann"})"_s);
    QVERIFY(impostor.waitConnected());
    QTRY_VERIFY(rowOf(u"Ann"_s) >= 0);
    QTRY_VERIFY(rowOf(u"Anna"_s) >= 0);

    m_window->logModel()->flush();
    QAbstractItemModel *log = m_window->logView()->model();
    QModelIndex entry;
    for (int r = 0; r < log->rowCount(); ++r) {
        if (log->index(r, 0).data(Models::LogModel::MessageIdRole).toLongLong() == id)
            entry = log->index(r, 0);
    }
    QVERIFY(entry.isValid());
    QCOMPARE(entry.data(Models::LogModel::AuthorRole).toString(), u"Ann"_s); // as written
    QCOMPARE(m_window->socketIdOfLogEntry(entry), socketIdOf(u"Anna"_s));
    QCOMPARE(entry.data(Models::LogModel::AuthorIdRole).toString(),
             m_window->peopleModel()
                     ->index(rowOf(u"Anna"_s), 0)
                     .data(Models::PeopleModel::UserIdRole)
                     .toString());

    QVERIFY(m_window->kickLogAuthor(entry, u"spam"_s));
    QVERIFY(ann->waitFor(u"kicked"_s));
    QTRY_VERIFY(ann->isClosed());
    QTRY_COMPARE(rowOf(u"Anna"_s), -1);
    QVERIFY(!impostor.isClosed());
    QVERIFY(!impostor.received(u"kicked"_s));

    // The author is gone now: the entry points at nobody, even though "Ann" is here.
    QVERIFY(m_window->socketIdOfLogEntry(entry).isEmpty());
    QVERIFY(!m_window->kickLogAuthor(entry, u"again"_s));
    QTest::qWait(200);
    QVERIFY(!impostor.isClosed());
    QVERIFY(rowOf(u"Ann"_s) >= 0);
}

void TestMainWindow::lockRoomAction()
{
    RawClient fin(m_host->port(), uR"({"nickname":"Fin"})"_s);
    QVERIFY(fin.waitConnected());
    QAction *lock = nullptr;
    const auto actions = m_window->findChildren<QAction *>();
    for (QAction *a : actions) {
        if (a->text() == u"&Lock room")
            lock = a;
    }
    QVERIFY(lock);
    lock->trigger();
    QVERIFY(fin.waitFor(u"room"_s, [](const Json::JsonValue &r) { return r[u"locked"].toBool(); }));
    const auto refused = fin.call(u"chat message"_s, uR"("hello?")"_s);
    QCOMPARE((*refused)[u"error"][u"code"].toString(), u"locked"_s);
    lock->trigger();
    QVERIFY(fin.waitFor(u"room"_s,
                        [](const Json::JsonValue &r) { return !r[u"locked"].toBool(); }));
    QVERIFY((*fin.call(u"chat message"_s, uR"("hello!")"_s))[u"ok"].toBool());
}

void TestMainWindow::settingsDialogShowsOnlyThatAPasswordIsSet()
{
    Ui::SettingsDialog::Values values;
    values.chat.password = u"s3cret"_s;
    {
        Ui::SettingsDialog dialog(values);
        auto *state = dialog.findChild<QLabel *>(u"passwordState"_s);
        auto *field = dialog.findChild<QLineEdit *>(u"password"_s);
        auto *clear = dialog.findChild<QCheckBox *>(u"clearPassword"_s);
        QVERIFY(state && field && clear);
        QCOMPARE(state->text(), u"A password is set."_s);
        QVERIFY(field->text().isEmpty()); // never shown, not even masked
        QCOMPARE(field->echoMode(), QLineEdit::Password);
        for (const QWidget *w : dialog.findChildren<QWidget *>()) {
            if (const auto *l = qobject_cast<const QLineEdit *>(w))
                QVERIFY(!l->text().contains(u"s3cret"_s));
            if (const auto *l = qobject_cast<const QLabel *>(w))
                QVERIFY(!l->text().contains(u"s3cret"_s));
        }
        QCOMPARE(dialog.values().chat.password, u"s3cret"_s); // untouched: kept
        QTest::keyClicks(field, u"n3w"_s);
        QCOMPARE(dialog.values().chat.password, u"n3w"_s);
        clear->setChecked(true);
        QVERIFY(!field->isEnabled());
        QCOMPARE(dialog.values().chat.password, QString());
    }
    values.chat.password.clear();
    Ui::SettingsDialog dialog(values);
    QVERIFY(dialog.findChild<QLabel *>(u"passwordState"_s)->text().startsWith(u"No password"_s));
    QVERIFY(!dialog.findChild<QCheckBox *>(u"clearPassword"_s)->isEnabled());
    QTest::keyClicks(dialog.findChild<QLineEdit *>(u"password"_s), u"s3cret"_s);
    QCOMPARE(dialog.values().chat.password, u"s3cret"_s);
}

void TestMainWindow::passwordFromTheSettingsDialog()
{
    // The host sets a password in the settings: it holds at once, and is not saved to disk.
    auto fill = [](const QString &password, bool clear) {
        QTimer::singleShot(0, [password, clear] {
            auto *dialog = qobject_cast<Ui::SettingsDialog *>(QApplication::activeModalWidget());
            QVERIFY(dialog);
            if (clear)
                dialog->findChild<QCheckBox *>(u"clearPassword"_s)->setChecked(true);
            else
                dialog->findChild<QLineEdit *>(u"password"_s)->setText(password);
            dialog->accept();
        });
    };
    QAction *settings = nullptr;
    for (QAction *a : m_window->findChildren<QAction *>()) {
        if (a->text() == u"&Settings…"_s)
            settings = a;
    }
    QVERIFY(settings);
    fill(u"s3cret"_s, false);
    settings->trigger();
    QCOMPARE(m_chat->options().password, u"s3cret"_s);
    {
        RawClient none(m_host->port(), uR"({"nickname":"NoPassword"})"_s);
        QVERIFY(!none.waitConnected());
        QVERIFY(!none.connectError().isEmpty());
        RawClient right(m_host->port(), uR"({"nickname":"Right","password":"s3cret"})"_s);
        QVERIFY(right.waitConnected());
    }
    m_settings->sync();
    QFile file(m_settings->fileName());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QVERIFY(!file.readAll().contains("s3cret"));
    QVERIFY(!m_settings->savedOptions().given.contains(u"password"_s));
    fill(QString(), true);
    settings->trigger();
    QVERIFY(m_chat->options().password.isEmpty());
    RawClient anyone(m_host->port(), uR"({"nickname":"Anyone"})"_s);
    QVERIFY(anyone.waitConnected());
}

void TestMainWindow::joinedNotificationIsEscaped_data()
{
    QTest::addColumn<QString>("nickname");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"Ann"_s << u"Ann joined the chat"_s;
    QTest::newRow("markup") << u"<b>x</b>&"_s << u"&lt;b&gt;x&lt;/b&gt;&amp; joined the chat"_s;
    QTest::newRow("link") << u"<a href=\"http://x\">y</a>"_s
                          << u"&lt;a href=&quot;http://x&quot;&gt;y&lt;/a&gt; joined the chat"_s;
    QTest::newRow("entity") << u"&amp;"_s << u"&amp;amp; joined the chat"_s;
}

void TestMainWindow::joinedNotificationIsEscaped()
{
    QFETCH(QString, nickname);
    QFETCH(QString, expected);
    QCOMPARE(Ui::MainWindow::joinedNotificationText(nickname), expected);
}

void TestMainWindow::sameAddressIsGroupedAndMutedTogether()
{
    RawClient a(m_host->port(), uR"({"nickname":"Tab1"})"_s);
    RawClient b(m_host->port(), uR"({"nickname":"Tab2"})"_s);
    RawClient c(m_host->port(), uR"({"nickname":"Tab3"})"_s);
    QVERIFY(a.waitConnected() && b.waitConnected() && c.waitConnected());
    QTRY_VERIFY(rowOf(u"Tab3"_s) >= 0);
    Models::PeopleModel *people = m_window->peopleModel();
    // Every row of the group says so.
    for (const QString &name : {u"Tab1"_s, u"Tab2"_s, u"Tab3"_s})
        QVERIFY(QRegularExpression(u"^3 connection(s|\\(s\\)) from 127\\.0\\.0\\.1$"_s)
                        .match(people->index(rowOf(name), Models::PeopleModel::SameAddress)
                                       .data()
                                       .toString())
                        .hasMatch());

    // One action in the people table's menu mutes the whole address.
    QTableView *view = m_window->peopleView();
    const QModelIndex first = view->model()->index(0, 0);
    bool triggered = false;
    QTimer::singleShot(0, this, [&triggered] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        const auto actions = menu->actions();
        for (QAction *action : actions) {
            if (action->menu()
                && action->text().startsWith(u"Everyone from 127.0.0.1 (3 connection"_s)) {
                const auto inner = action->menu()->actions();
                for (QAction *sub : inner) {
                    if (sub->text() == u"Mute until I unmute"_s) {
                        sub->trigger();
                        triggered = true;
                    }
                }
            }
        }
        menu->close();
    });
    Q_EMIT view->customContextMenuRequested(view->visualRect(first).center());
    QVERIFY(triggered);
    for (RawClient *client : {&a, &b, &c}) {
        QVERIFY(client->waitFor(u"muted"_s));
        const auto refused = client->call(u"chat message"_s, uR"("still here?")"_s);
        QVERIFY(refused);
        QCOMPARE((*refused)[u"error"][u"code"].toString(), u"muted"_s);
    }
    QTRY_COMPARE(people->index(rowOf(u"Tab2"_s), Models::PeopleModel::State).data().toString(),
                 u"muted"_s);
    // Whoever connects from the address while it lasts is muted too.
    RawClient late(m_host->port(), uR"({"nickname":"Tab4"})"_s);
    QVERIFY(late.waitConnected());
    const auto lateReply = late.call(u"chat message"_s, uR"("me too?")"_s);
    QVERIFY(lateReply);
    QCOMPARE((*lateReply)[u"error"][u"code"].toString(), u"muted"_s);
    QTRY_VERIFY(people->index(rowOf(u"Tab4"_s), Models::PeopleModel::SameAddress)
                        .data()
                        .toString()
                        .startsWith(u"4 connection"_s));
    // Whoever leaves is no longer counted.
    a.close();
    QTRY_VERIFY(rowOf(u"Tab1"_s) < 0);
    QTRY_VERIFY(people->index(rowOf(u"Tab2"_s), Models::PeopleModel::SameAddress)
                        .data()
                        .toString()
                        .startsWith(u"3 connection"_s));
    QCOMPARE(people->connectionsFrom(u"127.0.0.1"_s), 3);
    // And lifted for all at once.
    QVERIFY(m_chat->moderator()->unmuteAddress(u"127.0.0.1"_s));
    const auto ok = late.call(u"chat message"_s, uR"("thanks")"_s);
    QVERIFY(ok);
    QVERIFY((*ok)[u"ok"].toBool());
    QVERIFY(m_window->logModel()->rowCount() > 0);
}

void TestMainWindow::privateMessagesAndMentionsAreMarked()
{
    RawClient ann(m_host->port(), uR"({"nickname":"Ann"})"_s);
    RawClient bob(m_host->port(), uR"({"nickname":"Bob"})"_s);
    QVERIFY(ann.waitConnected() && bob.waitConnected());
    QTRY_VERIFY(!userIdOf(u"Bob"_s).isEmpty());
    const auto sent = ann.call(u"private message"_s,
                               uR"({"to":"%1","text":"just us"})"_s.arg(userIdOf(u"Bob"_s)));
    QVERIFY(sent && (*sent)[u"ok"].toBool());
    QVERIFY((*ann.call(u"chat message"_s, uR"("hey @host, look")"_s))[u"ok"].toBool());
    QVERIFY((*ann.call(u"chat message"_s, uR"("@Hostess is someone else")"_s))[u"ok"].toBool());
    QAbstractItemModel *log = m_window->logView()->model(); // what the window shows
    const auto rowWithText = [&](const QString &text) {
        m_window->logModel()->flush();
        for (int r = 0; r < log->rowCount(); ++r) {
            if (log->index(r, Models::LogModel::Text).data().toString() == text)
                return r;
        }
        return -1;
    };
    QTRY_VERIFY(rowWithText(u"@Hostess is someone else"_s) >= 0);
    const int secret = rowWithText(u"just us"_s);
    QVERIFY(secret >= 0);
    QCOMPARE(log->index(secret, Models::LogModel::Author).data().toString(), u"🔒 Ann → Bob"_s);
    QCOMPARE(log->index(secret, Models::LogModel::KindColumn).data().toString(), u"private"_s);
    QVERIFY(log->index(secret, 0).data(Models::LogModel::PrivateRole).toBool());
    QCOMPARE(log->index(secret, 0).data(Models::LogModel::RecipientRole).toString(), u"Bob"_s);
    QVERIFY(log->index(secret, Models::LogModel::Text).data(Qt::ForegroundRole).isValid());
    QVERIFY(!log->index(secret, 0).data(Models::LogModel::MentionRole).toBool());
    const int mention = rowWithText(u"hey @host, look"_s);
    QVERIFY(log->index(mention, 0).data(Models::LogModel::MentionRole).toBool());
    QVERIFY(!log->index(mention, 0).data(Models::LogModel::PrivateRole).toBool());
    QCOMPARE(log->index(mention, Models::LogModel::KindColumn).data().toString(),
             u"message, mentions you"_s);
    QVERIFY(log->index(mention, Models::LogModel::Text).data(Qt::FontRole).value<QFont>().bold());
    QVERIFY(log->index(mention, Models::LogModel::Text).data(Qt::BackgroundRole).isValid());
    const int other = rowWithText(u"@Hostess is someone else"_s);
    QVERIFY(!log->index(other, 0).data(Models::LogModel::MentionRole).toBool());
    QVERIFY(!log->index(other, Models::LogModel::Text).data(Qt::BackgroundRole).isValid());
    QCOMPARE(log->index(other, Models::LogModel::Author).data().toString(), u"Ann"_s);
    // Deleted by the host: only the two people hear of it.
    RawClient cy(m_host->port(), uR"({"nickname":"Cy"})"_s);
    QVERIFY(cy.waitConnected());
    QVERIFY(m_chat->moderator()->deleteMessage((*sent)[u"id"].toInteger()));
    QVERIFY(bob.waitFor(u"message deleted"_s));
    QVERIFY(ann.waitFor(u"message deleted"_s));
    QVERIFY((*ann.call(u"chat message"_s, uR"("after the delete")"_s))[u"ok"].toBool());
    QVERIFY(cy.waitFor(u"chat message"_s, [](const Json::JsonValue &t) {
        return t.toString() == u"after the delete";
    }));
    QVERIFY(!cy.received(u"message deleted"_s));
    QVERIFY(!cy.received(u"private message"_s));
}

void TestMainWindow::privateMessageFromThePeopleTable()
{
    RawClient cleo(m_host->port(), uR"({"nickname":"Cleo"})"_s);
    RawClient dan(m_host->port(), uR"({"nickname":"Dan"})"_s);
    QVERIFY(cleo.waitConnected() && dan.waitConnected());
    QTRY_VERIFY(rowOf(u"Cleo"_s) >= 0 && rowOf(u"Dan"_s) >= 0);
    QTableView *view = m_window->peopleView();
    QModelIndex cleoIndex;
    for (int r = 0; r < view->model()->rowCount(); ++r) {
        const QModelIndex i = view->model()->index(r, Models::PeopleModel::Nickname);
        if (i.data().toString() == u"Cleo")
            cleoIndex = i;
    }
    QVERIFY(cleoIndex.isValid());
    bool triggered = false;
    bool typed = false;
    QTimer::singleShot(0, this, [&triggered, &typed, this] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu)
            return;
        const auto actions = menu->actions();
        for (QAction *action : actions) {
            if (action->text() == u"Send &private message…"_s) {
                // The small dialog opens on the next pass: write into it and send.
                QTimer::singleShot(0, this, [&typed] {
                    auto *dialog = qobject_cast<QInputDialog *>(QApplication::activeModalWidget());
                    if (!dialog || dialog->objectName() != u"privateMessageDialog")
                        return;
                    dialog->setTextValue(u"<i>only</i> for Cleo"_s);
                    typed = true;
                    dialog->accept();
                });
                action->trigger();
                triggered = true;
            }
        }
        menu->close();
    });
    Q_EMIT view->customContextMenuRequested(view->visualRect(cleoIndex).center());
    QVERIFY(triggered);
    QVERIFY(typed);
    const auto got = cleo.waitFor(u"private message"_s);
    QVERIFY(got);
    QCOMPARE(got->args.at(0).toString(), u"<i>only</i> for Cleo"_s);
    QCOMPARE(got->args.at(1)[u"kind"].toString(), u"host"_s);
    QVERIFY(got->args.at(1)[u"private"].toBool());
    QCOMPARE(got->args.at(1)[u"to"][u"nickname"].toString(), u"Cleo"_s);
    // Dan hears nothing of it (a later announcement arrives, the private message never did).
    m_chat->broadcastAsHost(u"to everyone"_s);
    QVERIFY(dan.waitFor(u"chat message"_s,
                        [](const Json::JsonValue &t) { return t.toString() == u"to everyone"; }));
    QVERIFY(!dan.received(u"private message"_s));
    // The log shows it, marked private.
    Models::LogModel *log = m_window->logModel();
    QTRY_VERIFY([&] {
        log->flush();
        for (int r = 0; r < log->rowCount(); ++r) {
            if (log->index(r, Models::LogModel::Text).data().toString() == u"<i>only</i> for Cleo"
                && log->index(r, Models::LogModel::Author).data().toString() == u"🔒 Host → Cleo")
                return true;
        }
        return false;
    }());
    // Someone who left: the window says so instead of sending.
    const QString danId = userIdOf(u"Dan"_s);
    dan.close();
    QTRY_VERIFY(!m_chat->userById(danId));
    QVERIFY(!m_window->sendPrivateMessage(danId, u"gone?"_s));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"

// Nickname rules as a table.
#include "chat/nicknameerrors.h"
#include "rules/nickname.h"

#include <QTest>

using namespace ChatHost::Chat;
using namespace Qt::StringLiterals;

class TestNickname : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rules_data();
    void rules();
    void messagesAreReadable();
};

void TestNickname::rules_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QStringList>("taken");
    QTest::addColumn<int>("error");
    QTest::addColumn<QString>("nickname");
    const QStringList none;
    const int ok = int(NicknameError::None);
    QTest::newRow("plain") << u"alice"_s << none << ok << u"alice"_s;
    QTest::newRow("trimmed") << u"  bob \t"_s << none << ok << u"bob"_s;
    QTest::newRow("inner space kept") << u"Mary Ann"_s << none << ok << u"Mary Ann"_s;
    QTest::newRow("unicode") << u"Zoë 😀"_s << none << ok << u"Zoë 😀"_s;
    QTest::newRow("32 characters") << QString(32, u'x') << none << ok << QString(32, u'x');
    QTest::newRow("32 emoji count as 32")
            << QString(u"😀"_s).repeated(32) << none << ok << QString(u"😀"_s).repeated(32);
    QTest::newRow("empty") << QString() << none << int(NicknameError::Empty) << QString();
    QTest::newRow("only spaces") << u"    "_s << none << int(NicknameError::Empty) << QString();
    QTest::newRow("33 characters")
            << QString(33, u'x') << none << int(NicknameError::TooLong) << QString();
    QTest::newRow("33 emoji") << QString(u"😀"_s).repeated(33) << none << int(NicknameError::TooLong)
                              << QString();
    QTest::newRow("newline inside")
            << u"a\nb"_s << none << int(NicknameError::ControlCharacter) << QString();
    QTest::newRow("NUL") << u"a\u0000b"_s << none << int(NicknameError::ControlCharacter)
                         << QString();
    QTest::newRow("escape") << u"a\u001b[31m"_s << none << int(NicknameError::ControlCharacter)
                            << QString();
    QTest::newRow("DEL") << u"a\u007f"_s << none << int(NicknameError::ControlCharacter)
                         << QString();
    QTest::newRow("bidi override")
            << u"abc\u202Edef"_s << none << int(NicknameError::ControlCharacter) << QString();
    QTest::newRow("zero width space")
            << u"a\u200Bb"_s << none << int(NicknameError::ControlCharacter) << QString();
    QTest::newRow("line separator")
            << u"a\u2028b"_s << none << int(NicknameError::ControlCharacter) << QString();
    QTest::newRow("lone surrogate") << QString(QChar(0xD800)) + u"x"_s << none
                                    << int(NicknameError::ControlCharacter) << QString();
    QTest::newRow("reserved host")
            << u"host"_s << none << int(NicknameError::Reserved) << QString();
    QTest::newRow("reserved HOST")
            << u"HOST"_s << none << int(NicknameError::Reserved) << QString();
    QTest::newRow("reserved server")
            << u"Server"_s << none << int(NicknameError::Reserved) << QString();
    QTest::newRow("reserved system")
            << u" system "_s << none << int(NicknameError::Reserved) << QString();
    QTest::newRow("reserved admin")
            << u"Admin"_s << none << int(NicknameError::Reserved) << QString();
    QTest::newRow("host's own name")
            << u"the boss"_s << none << int(NicknameError::Reserved) << QString();
    QTest::newRow("host's own name, case")
            << u"The Boss"_s << none << int(NicknameError::Reserved) << QString();
    QTest::newRow("taken") << u"alice"_s << QStringList{u"bob"_s, u"alice"_s}
                           << int(NicknameError::Taken) << QString();
    QTest::newRow("taken ignoring case")
            << u"ALICE"_s << QStringList{u"alice"_s} << int(NicknameError::Taken) << QString();
    QTest::newRow("taken, Greek final sigma folds")
            << u"ΣΟΦΙΑΣ"_s << QStringList{u"σοφιας"_s} << int(NicknameError::Taken) << QString();
    QTest::newRow("similar but free")
            << u"alice2"_s << QStringList{u"alice"_s} << ok << u"alice2"_s;
    QTest::newRow("admin inside a name is fine") << u"admiral"_s << none << ok << u"admiral"_s;
}

void TestNickname::rules()
{
    QFETCH(QString, input);
    QFETCH(QStringList, taken);
    QFETCH(int, error);
    QFETCH(QString, nickname);
    const NicknameCheck check = checkNickname(input, u"The Boss"_s, taken);
    QCOMPARE(int(check.error), error);
    QCOMPARE(check.nickname, nickname);
}

void TestNickname::messagesAreReadable()
{
    for (auto e : {NicknameError::Empty, NicknameError::TooLong, NicknameError::ControlCharacter,
                   NicknameError::Reserved, NicknameError::Taken, NicknameError::NotText}) {
        QVERIFY(!nicknameErrorCode(e).isEmpty());
        QVERIFY(nicknameErrorMessage(e).size() > 10);
    }
}

QTEST_GUILESS_MAIN(TestNickname)
#include "tst_nickname.moc"

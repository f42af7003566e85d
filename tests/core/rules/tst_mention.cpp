// Mentions: one table of texts and names, whether each is a mention.
#include "rules/mention.h"

#include <QTest>

using namespace Qt::StringLiterals;

class TestMention : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void mentions_data();
    void mentions();
};

void TestMention::mentions_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("mentioned");
    QTest::newRow("alone") << u"@Boss"_s << u"Boss"_s << true;
    QTest::newRow("in a sentence") << u"hey @Boss, look"_s << u"Boss"_s << true;
    QTest::newRow("any case") << u"hi @bOSS!"_s << u"Boss"_s << true;
    QTest::newRow("before a question mark") << u"@Boss?"_s << u"Boss"_s << true;
    QTest::newRow("before a colon") << u"@Boss: hi"_s << u"Boss"_s << true;
    QTest::newRow("in brackets") << u"(@Boss)"_s << u"Boss"_s << true;
    QTest::newRow("after a newline") << u"one\n@Boss two"_s << u"Boss"_s << true;
    QTest::newRow("second try") << u"@Bossy and @Boss"_s << u"Boss"_s << true;
    QTest::newRow("longer name") << u"@Bossy"_s << u"Boss"_s << false;
    QTest::newRow("digit after") << u"@Boss2"_s << u"Boss"_s << false;
    QTest::newRow("underscore after") << u"@Boss_x"_s << u"Boss"_s << false;
    QTest::newRow("no at") << u"Boss is here"_s << u"Boss"_s << false;
    QTest::newRow("an email address") << u"mail boss@Boss.example"_s << u"Boss"_s << false;
    QTest::newRow("letter before the at") << u"x@Boss"_s << u"Boss"_s << false;
    QTest::newRow("at at the end") << u"hi @"_s << u"Boss"_s << false;
    QTest::newRow("name with a space") << u"thanks @big boss."_s << u"Big Boss"_s << true;
    QTest::newRow("name with a dash") << u"@Guest-0042 hi"_s << u"Guest-0042"_s << true;
    QTest::newRow("umlaut") << u"@JÜRGEN!"_s << u"Jürgen"_s << true;
    QTest::newRow("umlaut continues the word") << u"@Jürgenä"_s << u"Jürgen"_s << false;
    QTest::newRow("emoji after") << u"@Boss🎉"_s << u"Boss"_s << true;
    QTest::newRow("emoji name") << u"@🎉"_s << u"🎉"_s << true;
    QTest::newRow("combining mark after") << u"@Boss\u0301"_s << u"Boss"_s << false;
    QTest::newRow("empty name") << u"@ hi"_s << QString() << false;
    QTest::newRow("empty text") << QString() << u"Boss"_s << false;
}

void TestMention::mentions()
{
    QFETCH(QString, text);
    QFETCH(QString, name);
    QFETCH(bool, mentioned);
    QCOMPARE(ChatHost::Rules::mentions(text, name), mentioned);
}

QTEST_GUILESS_MAIN(TestMention)
#include "tst_mention.moc"

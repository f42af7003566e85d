// The ban list: review bans, lift them, add one by hand.
#pragma once

#include <QDialog>

class QTableView;

namespace ChatHost::Chat {
class ChatService;
}
namespace ChatHost::Models {
class BanListModel;
}

namespace ChatHost::Ui {

class BansDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BansDialog)
public:
    explicit BansDialog(Chat::ChatService *chat, QWidget *parent = nullptr);

private:
    void liftSelected();
    void addBan();

    Chat::ChatService *m_chat;
    Models::BanListModel *m_model;
    QTableView *m_view;
};

} // namespace ChatHost::Ui
